import { applyPolicy, recommend, renderAdr } from '../../../src/recommend/index.js';
import { scenario } from './fixtures.js';

const PROFILES = ['realtime-chat-50k-typescript', 'enterprise-transactions-java'] as const;

describe.each(PROFILES)('ADR for %s', (name) => {
  const profile = scenario(name).profile;
  const rec = recommend(profile);
  const adr = renderAdr(profile, rec, '1.2.3');

  it('matches the snapshot', () => {
    expect(adr).toMatchSnapshot();
  });

  it('has the MADR sections in order', () => {
    const headings = adr.split('\n').filter((line) => /^##? /.test(line));
    expect(headings).toEqual([
      expect.stringMatching(/^# 1\. Use .+ as the backend framework$/),
      '## Context and problem statement',
      '## Decision drivers',
      '## Considered options',
      '## Decision outcome',
      '## Pros and cons of the other leading options',
      '## Revisit when',
      '## More information',
    ]);
    expect(adr).toContain('### Consequences');
    expect(adr).toContain('create-scalable-backend 1.2.3');
  });

  it('scores every ranked option and names the chosen one', () => {
    for (const candidate of rec.ranking) {
      expect(adr).toMatch(
        new RegExp(
          `\\| ${candidate.displayName.replace(/[().]/g, '\\$&')}( \\(chosen\\))? \\| ${candidate.score.toFixed(1)} \\|`,
        ),
      );
    }
    expect(adr).toContain(
      `| ${rec.ranking.find((c) => c.id === rec.chosen)?.displayName} (chosen) |`,
    );
  });

  it('is deterministic', () => {
    expect(renderAdr(structuredClone(profile), recommend(structuredClone(profile)), '1.2.3')).toBe(
      adr,
    );
  });
});

describe('ADR free text', () => {
  it('escapes the project description so it cannot inject markdown or HTML', () => {
    const base = scenario('default-typescript-product').profile;
    const profile = {
      ...base,
      description: 'Orders <script>alert(1)</script>\n# not a heading | *bold* [link](x)',
    };
    const adr = renderAdr(profile, recommend(profile), '0.0.0');
    const context = adr.split('\n').find((line) => line.includes('The project:')) ?? '';
    expect(context).toContain('\\<script\\>');
    expect(context).toContain('\\# not a heading \\| \\*bold\\* \\[link\\]\\(x\\)');
    expect(adr).not.toMatch(/^# not a heading/m);
  });

  it('says when the leader cannot be scaffolded yet, with the gap', () => {
    const profile = scenario('php-team-crud-product').profile;
    const rec = recommend(profile);
    const adr = renderAdr(profile, rec, '0.0.0');
    expect(rec.top).toBe('laravel');
    expect(adr).toMatch(
      /> Laravel scores highest \(\d+\.\d\), but this tool cannot scaffold it yet/,
    );
    expect(adr).toMatch(
      /- create-scalable-backend can scaffold Laravel \(it scored \d+\.\d points higher\)\./,
    );
  });
});

describe('ADR under a team preset', () => {
  const profile = scenario('extreme-throughput-go').profile;
  const policy = { allowed: ['fastify', 'nestjs'] as const, by: '@acme/p' };
  const rec = applyPolicy(recommend(profile), { ...policy, allowed: [...policy.allowed] });
  const standard = {
    name: '@acme/p',
    version: '2.0.0',
    allowedFrameworks: [...policy.allowed],
    replaced: [{ path: 'renovate.json', reason: 'Acme runs Renovate centrally' }],
  };
  const adr = renderAdr(profile, rec, '1.2.3', standard);
  const section = (heading: string) => adr.split(`## ${heading}\n`)[1]!.split('\n## ')[0]!;

  it('records the preset, its policy and each replacement with its reason', () => {
    expect(section('Team standard')).toContain('Generated under the preset `@acme/p` 2.0.0.');
    expect(section('Team standard')).toContain('- Allowed frameworks: Fastify, NestJS;');
    expect(section('Team standard')).toContain(
      '- Replaces `renovate.json`: Acme runs Renovate centrally.',
    );
  });

  it('lists as revisit triggers only changes that would favour an allowed framework', () => {
    const leaders = (text: string) => [...text.matchAll(/^- (.+?) would lead/gm)].map((m) => m[1]);
    expect(
      leaders(section('Revisit when')).every((name) => ['Fastify', 'NestJS'].includes(name!)),
    ).toBe(true);
    // Without the policy the same profile's triggers do name other frameworks.
    const unrestricted = renderAdr(profile, recommend(profile), '1.2.3');
    const plain = unrestricted.split('## Revisit when\n')[1]!.split('\n## ')[0]!;
    expect(leaders(plain).some((name) => !['Fastify', 'NestJS'].includes(name!))).toBe(true);
  });
});
