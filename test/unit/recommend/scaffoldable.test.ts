import { jest } from '@jest/globals';
import { scenario } from './fixtures.js';

// Which frameworks are scaffoldable comes from the targets registry, never from the recommender:
// pretend a Django target exists and the recommendation must follow without any code change.
jest.unstable_mockModule('../../../src/catalog/targets/index.js', () => ({
  targets: [],
  scaffoldableIds: new Set(['fastify', 'django']),
  findTarget: () => undefined,
}));
const { recommend } = await import('../../../src/recommend/index.js');

describe('scaffoldability follows the targets registry', () => {
  it('chooses a newly scaffoldable leader without an honesty note', () => {
    const rec = recommend(scenario('content-admin-crud-python').profile);
    expect(rec.top).toBe('django');
    expect(rec.chosen).toBe('django');
    expect(rec.ranking.find((c) => c.id === 'django')?.scaffoldable).toBe(true);
    expect(rec.notes.join(' ')).not.toMatch(/cannot scaffold/);
  });

  it('still falls back to the best scaffoldable candidate when the leader is not one', () => {
    const rec = recommend(scenario('enterprise-transactions-java').profile);
    expect(rec.top).toBe('spring-boot');
    const scaffoldable = rec.ranking.filter((c) => c.scaffoldable).map((c) => c.id);
    expect(scaffoldable.sort()).toEqual(['django', 'fastify']);
    expect(rec.chosen).toBe(rec.ranking.find((c) => c.scaffoldable)?.id);
    expect(rec.notes.join(' ')).toMatch(/Spring Boot scores highest .* cannot scaffold it yet/);
  });
});
