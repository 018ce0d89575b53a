import type { FrameworkEntry } from '../../../src/catalog/frameworks.js';
import { FRAMEWORKS } from '../../../src/catalog/frameworks.js';
import type { DeploymentTarget, FrameworkId, SkillLevel } from '../../../src/profile/ids.js';
import {
  DEPLOYMENT_TARGETS,
  FRAMEWORK_IDS,
  LANGUAGE_IDS,
  SKILL_LEVELS,
} from '../../../src/profile/ids.js';
import type { Profile } from '../../../src/profile/schema.js';
import { profileSchema } from '../../../src/profile/schema.js';
import type { Recommendation } from '../../../src/recommend/index.js';
import { recommend } from '../../../src/recommend/index.js';
import { recommendWith } from '../../../src/recommend/recommend.js';
import { rankFrameworks } from '../../../src/recommend/score.js';
import { loadScenarios, scenario } from './fixtures.js';

const scenarios = loadScenarios();
const profiles = scenarios.map((s) => s.profile);

function withTarget(profile: Profile, target: DeploymentTarget): Profile {
  return { ...profile, deployment: { target } };
}

function withSkills(profile: Profile, skills: Profile['team']['skills']): Profile {
  return { ...profile, team: { ...profile.team, skills } };
}

/** Unrounded total of one framework, or undefined when a hard constraint excludes it. */
function totalOf(profile: Profile, id: FrameworkId): number | undefined {
  return rankFrameworks(profile).ranked.find((c) => c.entry.id === id)?.total;
}

describe('determinism', () => {
  it.each(scenarios.map((s) => [s.name, s.profile] as const))(
    '%s: same input, same output',
    (_n, profile) => {
      const first = recommend(profile);
      const again = recommend(structuredClone(profile));
      expect(again).toEqual(first);
      expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    },
  );

  it('breaks ties by catalog order', () => {
    const base = FRAMEWORKS[0] as FrameworkEntry;
    const twin = (id: FrameworkId): FrameworkEntry => ({ ...base, id, displayName: id });
    const profile = scenario('default-typescript-product').profile;
    const forward = rankFrameworks(profile, [twin('express'), twin('fastify')]).ranked.map(
      (c) => c.entry.id,
    );
    const backward = rankFrameworks(profile, [twin('fastify'), twin('express')]).ranked.map(
      (c) => c.entry.id,
    );
    expect(forward).toEqual(['express', 'fastify']);
    expect(backward).toEqual(['fastify', 'express']);
  });
});

/** Every scenario on every deployment target, recommended once (lazily) and shared by tests. */
let variantCache: { target: DeploymentTarget; profile: Profile; rec: Recommendation }[] | undefined;
function variants() {
  variantCache ??= profiles.flatMap((profile) =>
    DEPLOYMENT_TARGETS.map((target) => {
      const variant = withTarget(profile, target);
      return { target, profile: variant, rec: recommend(variant) };
    }),
  );
  return variantCache;
}

describe('ranges', () => {
  it('every score and criterion stays within 0-100 with one decimal, ranking best first', () => {
    for (const { rec } of variants()) {
      const scores = rec.ranking.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const candidate of rec.ranking) {
        for (const value of [candidate.score, ...Object.values(candidate.criteria)]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
          expect(Math.round(value * 10) / 10).toBe(value);
        }
        expect(candidate.reasons.length).toBeGreaterThan(0);
        for (const reason of candidate.reasons) expect(reason).toMatch(/^[+-] \S/);
      }
    }
  });

  it('extreme profiles stay in range too', () => {
    const base = scenario('default-typescript-product').profile;
    const extremes: Profile[] = [
      profileSchema.parse({
        ...base,
        workload: {
          ...base.workload,
          realtime: { enabled: true, concurrentConnections: 100_000_000 },
          cpuBound: true,
          batchJobs: true,
          dataComplexity: 'transactional',
          peakRps: 100_000_000,
          peakRpsIn2Years: 100_000_000,
          p99TargetMs: 1,
        },
        team: { skills: {}, size: 10_000, turnover: 'high', learningAppetite: 'low' },
      }),
      profileSchema.parse({
        ...base,
        workload: { ...base.workload, peakRps: 0, peakRpsIn2Years: 0, p99TargetMs: 600_000 },
        team: {
          ...base.team,
          size: 1,
          skills: Object.fromEntries(LANGUAGE_IDS.map((l) => [l, 'expert'])),
        },
      }),
    ];
    for (const profile of extremes) {
      for (const candidate of recommend(profile).ranking) {
        expect(candidate.score).toBeGreaterThanOrEqual(0);
        expect(candidate.score).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('team skill monotonicity', () => {
  const skillKeys = [...new Set<string>([...LANGUAGE_IDS, ...FRAMEWORK_IDS])];

  it('raising a skill in a framework language (or the framework) never lowers its score', () => {
    for (const profile of profiles) {
      for (const entry of FRAMEWORKS) {
        const keys = [...entry.facts.languages.value.map((l) => l.language), entry.id];
        for (const key of keys) {
          let previous = -Infinity;
          for (const level of SKILL_LEVELS) {
            const skills = { ...profile.team.skills, [key]: level } as Profile['team']['skills'];
            const total = totalOf(withSkills(profile, skills), entry.id);
            if (total === undefined) break; // excluded on this target: nothing to compare
            expect(total).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = total;
          }
        }
      }
    }
  });

  it('raising any skill never lowers any framework (all languages x all frameworks)', () => {
    const base = scenario('default-typescript-product').profile;
    for (const key of skillKeys) {
      const totals = (level: SkillLevel) =>
        rankFrameworks(
          withSkills(base, { ...base.team.skills, [key]: level } as Profile['team']['skills']),
        ).ranked;
      for (let i = 1; i < SKILL_LEVELS.length; i++) {
        const lower = totals(SKILL_LEVELS[i - 1] as SkillLevel);
        const higher = totals(SKILL_LEVELS[i] as SkillLevel);
        for (const candidate of higher) {
          const before = lower.find((c) => c.entry.id === candidate.entry.id);
          expect(candidate.total).toBeGreaterThanOrEqual((before?.total ?? 0) - 1e-9);
        }
      }
    }
  });

  it('the same workload with a Java team and a TypeScript team yields different answers', () => {
    const workload = scenario('enterprise-transactions-java').profile;
    const java = recommend(withSkills(workload, { java: 'expert' }));
    const typescript = recommend(withSkills(workload, { typescript: 'expert' }));
    expect(java.top).toBe('spring-boot');
    expect(typescript.top).not.toBe(java.top);
  });

  it('a prototype weighs familiarity more than a five-year platform does', () => {
    const base = scenario('default-typescript-product').profile;
    for (const entry of FRAMEWORKS) {
      const language = entry.facts.languages.value[0]?.language;
      if (!language) continue;
      const gain = (horizon: Profile['horizon']) => {
        const profile = { ...base, horizon };
        const known = totalOf(withSkills(profile, { [language]: 'expert' }), entry.id) ?? 0;
        const unknown = totalOf(withSkills(profile, {}), entry.id) ?? 0;
        return known - unknown;
      };
      expect(gain('prototype')).toBeGreaterThan(gain('product'));
      expect(gain('product')).toBeGreaterThan(gain('platform'));
    }
  });

  it('a team with no catalog language still gets a mainstream answer and is told why', () => {
    const rec = recommend(withSkills(scenario('default-typescript-product').profile, {}));
    expect(['phoenix', 'axum', 'hono']).not.toContain(rec.top);
    expect(rec.notes.join(' ')).toMatch(/none of the catalog's languages/);
    for (const candidate of rec.ranking) {
      expect(candidate.reasons).toContain(
        "- the team knows none of the catalog's languages: every option starts with months of ramp-up",
      );
    }
  });
});

describe('hard constraints', () => {
  it('a filtered candidate never appears in the ranking, and every exclusion says why', () => {
    for (const { target, rec } of variants()) {
      const ranked = new Set(rec.ranking.map((c) => c.id));
      const mustExclude = FRAMEWORKS.filter((e) => e.hardConstraints[target]).map((e) => e.id);
      expect(rec.excluded.map((e) => e.id)).toEqual(mustExclude);
      for (const excluded of rec.excluded) {
        expect(ranked.has(excluded.id)).toBe(false);
        expect(excluded.reason.length).toBeGreaterThan(10);
      }
      expect(ranked.size + rec.excluded.length).toBe(FRAMEWORKS.length);
    }
  });

  it('an edge target rules out the JVM, Django and other long-running servers', () => {
    const rec = recommend(scenario('edge-typescript-api').profile);
    const excluded = rec.excluded.map((e) => e.id);
    for (const id of [
      'spring-boot',
      'django',
      'rails',
      'laravel',
      'phoenix',
      'aspnet-core',
    ] as const) {
      expect(excluded).toContain(id);
    }
    expect(rec.excluded.find((e) => e.id === 'spring-boot')?.reason).toMatch(/JVM/);
  });

  it('serverless rules out Phoenix and flags long-lived connections as a conflict', () => {
    const rec = recommend(scenario('realtime-on-serverless-typescript').profile);
    expect(rec.excluded.map((e) => e.id)).toContain('phoenix');
    expect(rec.notes.join(' ')).toMatch(/cannot hold 20,000 long-lived real-time connections/);
  });

  it('an override that the constraints exclude is honoured, kept out of the ranking and explained', () => {
    const profile = {
      ...scenario('edge-typescript-api').profile,
      framework: 'spring-boot' as const,
    };
    const rec = recommend(profile);
    expect(rec.chosen).toBe('spring-boot');
    expect(rec.ranking.map((c) => c.id)).not.toContain('spring-boot');
    expect(rec.margin).toBeLessThan(0);
    expect(rec.notes.join(' ')).toMatch(/Override: .*Spring Boot cannot run on edge runtimes/);
  });
});

describe('choice and honesty', () => {
  it('an override is chosen and explained with its rank and gap', () => {
    const rec = recommend({
      ...scenario('default-typescript-product').profile,
      framework: 'express',
    });
    expect(rec.chosen).toBe('express');
    expect(rec.top).toBe('fastify');
    const express = rec.ranking.find((c) => c.id === 'express');
    const fastify = rec.ranking.find((c) => c.id === 'fastify');
    expect(rec.margin).toBeCloseTo((express?.score ?? 0) - (fastify?.score ?? 0), 5);
    expect(rec.notes.join(' ')).toMatch(/Override: the profile asks for Express .*rank \d+ of 13/);
  });

  it('without an override the margin is the lead over the runner-up', () => {
    const rec = recommend(scenario('default-typescript-product').profile);
    const [first, second] = rec.ranking;
    expect(rec.chosen).toBe(first?.id);
    expect(rec.margin).toBeCloseTo((first?.score ?? 0) - (second?.score ?? 0), 5);
  });

  it('whatWouldChange lines are re-computed flips naming the new leader', () => {
    const rec = recommend(scenario('default-typescript-product').profile);
    expect(rec.whatWouldChange.length).toBeGreaterThan(0);
    for (const line of rec.whatWouldChange) expect(line).toMatch(/^.+ would lead \(.+\) if .+/);
  });
});

describe('catalog facts the scorer reads', () => {
  /** Wraps entries so every fact read by the scorer (and explanations) is recorded by name. */
  function recordingCatalog(read: Set<string>): FrameworkEntry[] {
    return FRAMEWORKS.map((entry) => ({
      ...entry,
      facts: new Proxy(entry.facts, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
    }));
  }

  const read = new Set<string>();
  const catalog = recordingCatalog(read);
  // Every scenario as written, plus one scenario on every target (deployment facts are per target).
  // A missing fact makes the scorer throw; the key it was reading is recorded all the same, so the
  // per-entry tests below name the entry and the fact.
  const errors: unknown[] = [];
  const runs = [
    ...profiles,
    ...DEPLOYMENT_TARGETS.map((target) => withTarget(profiles[0] as Profile, target)),
  ];
  for (const profile of runs) {
    try {
      recommendWith(profile, catalog);
    } catch (error) {
      errors.push(error);
    }
  }

  it('the scorer ran on every catalog entry without error', () => {
    expect(errors).toEqual([]);
  });

  it('the recording saw the scorer read the facts', () => {
    for (const key of [
      'languages',
      'realtime',
      'cpuBound',
      'coldStart',
      'transactions',
      'deployment',
      'hiringMarket',
    ]) {
      expect(read).toContain(key);
    }
  });

  it.each(FRAMEWORKS.map((e) => [e.id, e] as const))(
    '%s has every fact the scorer reads, each with a source',
    (_id, entry) => {
      const facts = entry.facts as unknown as Record<
        string,
        { value: unknown; source: string } | undefined
      >;
      for (const key of read) {
        if (key === 'deployment') continue;
        expect(Object.keys(facts)).toContain(key); // names the missing fact on failure
        const fact = facts[key];
        expect(fact?.value).toBeDefined();
        expect(fact?.source).toMatch(
          /\.\.\/shared\/docs\/decision-model\.md|\.\.\/shared\/seeds\/00[0-4]_[0-9a-f]{16}\.txt|https:\/\//,
        );
        if (typeof fact?.value === 'number') {
          expect(Number.isInteger(fact.value)).toBe(true);
          expect(fact.value).toBeGreaterThanOrEqual(0);
          expect(fact.value).toBeLessThanOrEqual(5);
        }
      }
      for (const target of DEPLOYMENT_TARGETS) {
        const fit = entry.facts.deployment[target];
        expect(fit.source.length).toBeGreaterThan(5);
        // A target that a hard constraint rules out has no fit to speak of, and vice versa.
        expect(fit.value === 0).toBe(entry.hardConstraints[target] !== undefined);
      }
      expect(entry.facts.languages.value.length).toBeGreaterThan(0);
      for (const constraint of Object.values(entry.hardConstraints)) {
        expect(constraint?.value.length).toBeGreaterThan(10);
        expect(constraint?.source.length).toBeGreaterThan(5);
      }
    },
  );
});
