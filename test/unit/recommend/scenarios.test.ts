import { FRAMEWORK_IDS } from '../../../src/profile/ids.js';
import { recommend } from '../../../src/recommend/index.js';
import { loadScenarios } from './fixtures.js';

const scenarios = loadScenarios();

it('covers at least 15 scenarios from the articles', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(15);
});

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s', (_name, fixture) => {
  const rec = recommend(fixture.profile);
  const top = rec.ranking[0];

  it('expects only catalog framework ids and explains itself', () => {
    expect(fixture.description.length).toBeGreaterThan(20);
    expect(fixture.expect.top.length).toBeGreaterThan(0);
    for (const id of fixture.expect.top) expect(FRAMEWORK_IDS).toContain(id);
  });

  it('puts an allowed framework on top', () => {
    expect(top?.id).toBe(rec.top);
    expect(fixture.expect.top).toContain(rec.top);
  });

  it('gives the expected reason for the top pick', () => {
    expect(top?.reasons.some((reason) => reason.includes(fixture.expect.reason))).toBe(true);
  });

  it('chooses a scaffoldable framework and is honest when the leader is not one', () => {
    const chosen = rec.ranking.find((c) => c.id === rec.chosen);
    expect(chosen?.scaffoldable).toBe(true);
    if (top && !top.scaffoldable) {
      const gap = (top.score - (chosen?.score ?? 0)).toFixed(1);
      expect(
        rec.notes.some(
          (note) => note.includes('cannot scaffold') && note.includes(`${gap} points behind`),
        ),
      ).toBe(true);
    }
  });
});
