import { recommend, recommendationStanding } from '../../../src/recommend/index.js';
import { scenario } from './fixtures.js';

const fastifyLed = {
  framework: 'fastify',
  top: 'fastify',
  chosen: 'fastify',
  overridden: false,
} as const;

describe('recommendationStanding (update: does the recorded choice still hold?)', () => {
  it('holds when the framework that led still leads for the stored profile', () => {
    const standing = recommendationStanding(
      fastifyLed,
      scenario('default-typescript-product').profile,
    );
    expect(standing).toEqual({
      holds: true,
      message: expect.stringMatching(
        /^The recommendation behind this project still holds: Fastify; leader for its profile: Fastify \(/,
      ),
    });
  });

  it('no longer holds when, for the same profile, another framework now leads', () => {
    const standing = recommendationStanding(fastifyLed, scenario('extreme-throughput-go').profile);
    expect(standing.holds).toBe(false);
    expect(standing.message).toMatch(
      /^Fastify led when this project was generated; .* now leads with Go/,
    );
  });

  it('a framework chosen as the best scaffoldable one holds while it still is', () => {
    // Axum (Rust) leads and is not scaffoldable: the best scaffoldable candidate is chosen.
    const profile = scenario('rust-team-extreme-latency').profile;
    const recommendation = recommend(profile);
    const top = recommendation.ranking[0]!.id;
    const best = recommendation.chosen;
    expect(best).not.toBe(top);
    const stored = { framework: best, top, chosen: best, overridden: false } as const;
    expect(recommendationStanding(stored, profile).holds).toBe(true);
  });

  it('an override holds unless the hard constraints now rule it out', () => {
    const override = {
      framework: 'django',
      top: 'hono',
      chosen: 'fastify',
      overridden: true,
    } as const;
    const edge = scenario('edge-typescript-api').profile;
    const ruledOut = recommendationStanding(override, edge);
    expect(ruledOut.holds).toBe(false);
    expect(ruledOut.message).toMatch(/^Django is now ruled out for this project's profile: it /);
    const kept = recommendationStanding({ ...override, framework: 'express' }, edge);
    expect(kept.holds).toBe(true);
    expect(kept.message).toContain('Express (your override)');
  });
});
