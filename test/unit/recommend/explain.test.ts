import { formatRecommendationTable, recommend } from '../../../src/recommend/index.js';
import { scoreBar } from '../../../src/recommend/table.js';
import { scenario } from './fixtures.js';

/** Two profiles: one whose leader is scaffoldable, one whose leader is not (the honesty path). */
const PROFILES = ['default-typescript-product', 'enterprise-transactions-java'] as const;

describe.each(PROFILES)('explanation for %s', (name) => {
  const rec = recommend(scenario(name).profile);
  const text = formatRecommendationTable(rec);

  it('matches the snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  it('lists every ranked candidate with a bar, the exclusions, the margin and what would change', () => {
    for (const candidate of rec.ranking) expect(text).toContain(candidate.displayName);
    expect(text).toMatch(/█/);
    expect(text).toMatch(/margin [+-]\d+\.\d/);
    expect(text).toContain('What would change the answer:');
    for (const line of rec.whatWouldChange) expect(text).toContain(line);
    // Plain text for logs and pipes: no ANSI colour codes.
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('explains the chosen framework (and the leader when they differ) with signed reasons', () => {
    const chosen = rec.ranking.find((c) => c.id === rec.chosen);
    for (const reason of chosen?.reasons ?? []) expect(text).toContain(`  ${reason}`);
    if (rec.top !== rec.chosen) expect(text).toMatch(/Why Spring Boot:/);
  });
});

describe('score bars', () => {
  it('are a fixed width and grow with the score', () => {
    const widths = [0, 12.5, 50, 99.9, 100].map((score) => [...scoreBar(score)].length);
    expect(new Set(widths)).toEqual(new Set([20]));
    expect(scoreBar(0)).toBe('░'.repeat(20));
    expect(scoreBar(100)).toBe('█'.repeat(20));
    expect(scoreBar(50)).toBe('█'.repeat(10) + '░'.repeat(10));
    const filled = (bar: string) => [...bar].filter((c) => c !== '░').length;
    expect(filled(scoreBar(80))).toBeGreaterThan(filled(scoreBar(40)));
  });
});
