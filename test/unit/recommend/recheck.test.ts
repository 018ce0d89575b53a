import type { Profile } from '../../../src/profile/schema.js';
import { recheck } from '../../../src/recommend/index.js';
import { scenario } from './fixtures.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const base = scenario('default-typescript-product').profile;

describe('recheck', () => {
  it('holds when no answer changed, without touching its inputs', () => {
    const stored = deepFreeze({ profile: structuredClone(base), chosen: 'fastify' as const });
    const result = recheck(stored, deepFreeze(structuredClone(base)));
    expect(result.holds).toBe(true);
    expect(result.summary[0]).toBe('No answers changed.');
    expect(result.summary.at(-1)).toBe('The original choice, Fastify, still holds.');
    expect(result.recommendation.top).toBe('fastify');
  });

  it('reports what changed in plain words and still holds when the leader stays', () => {
    const updated: Profile = { ...base, workload: { ...base.workload, peakRpsIn2Years: 10_000 } };
    const result = recheck({ profile: base, chosen: 'fastify' }, updated);
    expect(result.summary[0]).toBe(
      'Changed answers: peak load expected within two years: 1,000 rps -> 10,000 rps.',
    );
    expect(result.holds).toBe(true);
  });

  it('no longer holds when another framework takes the lead', () => {
    const updated: Profile = { ...base, deployment: { target: 'edge' } };
    const result = recheck({ profile: base, chosen: 'fastify' }, updated);
    expect(result.holds).toBe(false);
    expect(result.summary.join('\n')).toMatch(/deployment target: kubernetes -> edge/);
    expect(result.summary.join('\n')).toMatch(/Hono now leads with \d+\.\d/);
    expect(result.summary.at(-1)).toMatch(/no longer holds/);
  });

  it('no longer holds when a hard constraint now rules the choice out', () => {
    const python = scenario('content-admin-crud-python').profile;
    const result = recheck(
      { profile: python, chosen: 'django' },
      { ...python, deployment: { target: 'edge' } },
    );
    expect(result.holds).toBe(false);
    expect(result.summary.join('\n')).toMatch(
      /Django is ruled out by the new answers: it cannot run on edge runtimes/,
    );
    expect(result.recommendation.ranking.map((c) => c.id)).not.toContain('django');
  });

  it('a best-scaffoldable choice holds while it stays the best scaffoldable one', () => {
    const php = scenario('php-team-crud-product').profile;
    const result = recheck(
      { profile: php, chosen: 'django' },
      { ...php, team: { ...php.team, size: php.team.size + 1 } },
    );
    expect(result.recommendation.top).toBe('laravel');
    expect(result.holds).toBe(true);
    expect(result.summary.join('\n')).toMatch(
      new RegExp(`team size: ${php.team.size} people -> ${php.team.size + 1} people`),
    );
    expect(result.summary.join('\n')).toMatch(
      /which this tool cannot scaffold yet; best scaffoldable: Django/,
    );
  });

  it('an override holds while it falls no further behind, and reports its gap', () => {
    const stored = {
      profile: { ...base, framework: 'express' as const },
      chosen: 'express' as const,
    };
    const same = recheck(stored, { ...base, framework: 'express' });
    expect(same.holds).toBe(true);
    expect(same.summary.join('\n')).toMatch(
      /It was your override, \d+\.\d points behind the leader; it is now \d+\.\d behind/,
    );
    const heavier = recheck(stored, {
      ...base,
      framework: 'express',
      team: { ...base.team, size: 40, turnover: 'high' },
      horizon: 'platform',
    });
    expect(heavier.holds).toBe(false);
  });

  it('reports team skill changes by language name', () => {
    const updated: Profile = {
      ...base,
      team: { ...base.team, skills: { ...base.team.skills, go: 'expert' } },
    };
    const result = recheck({ profile: base, chosen: 'fastify' }, updated);
    expect(result.summary[0]).toContain('team skill in Go: none -> expert');
  });
});
