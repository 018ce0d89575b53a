import { applyPolicy, recommend } from '../../../src/recommend/index.js';
import { scenario } from '../recommend/fixtures.js';

const policy = {
  allowed: ['fastify', 'nestjs', 'aspnet-core'] as const,
  by: '@acme/backend-preset',
};

describe('applyPolicy', () => {
  it('ranks only allowed frameworks, keeps their scores, and names better-scoring ones excluded by policy', () => {
    const full = recommend(scenario('extreme-throughput-go').profile);
    const ruled = applyPolicy(full, { ...policy, allowed: [...policy.allowed] });
    expect(ruled.ranking.map((c) => c.id).every((id) => policy.allowed.includes(id as never))).toBe(
      true,
    );
    for (const c of ruled.ranking)
      expect(c.score).toBe(full.ranking.find((f) => f.id === c.id)!.score);
    // The best allowed framework that can be scaffolded (NestJS for this profile).
    expect(ruled.chosen).toBe(ruled.ranking.find((c) => c.scaffoldable)!.id);
    expect(ruled.chosen).toBe('nestjs');
    expect(ruled.excluded).toContainEqual({
      id: 'go',
      reason: 'is not allowed by preset @acme/backend-preset',
    });
    expect(ruled.notes[0]).toMatch(
      /^Preset @acme\/backend-preset allows only fastify, nestjs, aspnet-core\. Excluded by that policy although they score higher here: Go \(/,
    );
    expect(ruled.whatWouldChange.some((line) => line.startsWith('Go would lead'))).toBe(false);
  });

  it('refuses a framework override the policy does not allow', () => {
    const rec = recommend(scenario('default-typescript-product').profile);
    expect(() => applyPolicy(rec, { ...policy, allowed: [...policy.allowed] }, 'django')).toThrow(
      /framework django is not allowed by preset @acme\/backend-preset \(allowed: fastify, nestjs, aspnet-core\)/,
    );
  });

  it('refuses when nothing allowed can be scaffolded', () => {
    const rec = recommend(scenario('default-typescript-product').profile);
    expect(() => applyPolicy(rec, { allowed: ['aspnet-core', 'rails'], by: 'p' })).toThrow(
      /preset p allows aspnet-core, rails, but none of them both fits this profile and can be scaffolded/,
    );
  });
});
