import { FRAMEWORKS } from '../catalog/frameworks.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Recommendation } from './recommend.js';
import { formatScore } from './words.js';

/**
 * The ranking as a plain-text table for the terminal: one row per candidate with a bar for the
 * total and the four criteria beside it, then the reasons for the chosen framework (and for the
 * leader when they differ), exclusions, notes and what would change the answer. No colours, so
 * it reads the same in CI logs and when piped.
 */

const BAR_WIDTH = 20;
const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar for a 0-100 score with eighth-of-a-cell resolution, padded to a fixed width. */
export function scoreBar(score: number, width = BAR_WIDTH): string {
  const eighths = Math.round((Math.min(100, Math.max(0, score)) / 100) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = PARTIAL_BLOCKS[eighths % 8] ?? '';
  const used = full + (partial ? 1 : 0);
  return '█'.repeat(full) + partial + '░'.repeat(width - used);
}

function nameOf(id: FrameworkId): string {
  return FRAMEWORKS.find((entry) => entry.id === id)?.displayName ?? id;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${formatScore(value)}`;
}

export function formatRecommendationTable(rec: Recommendation): string {
  const nameWidth = Math.max(9, ...rec.ranking.map((c) => c.displayName.length));
  const header =
    ` #  ${'Framework'.padEnd(nameWidth)}  Score  ${'Total'.padEnd(BAR_WIDTH)}  ` +
    'Tech  Team   Eco  Strat  Scaffold';
  const lines: string[] = [header, '-'.repeat(header.length + 12)];
  rec.ranking.forEach((c, index) => {
    const marks = [
      c.id === rec.chosen ? '<- chosen' : '',
      c.id === rec.top && c.id !== rec.chosen ? '<- leader' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const criteria = [
      c.criteria.technical,
      c.criteria.team,
      c.criteria.ecosystem,
      c.criteria.strategic,
    ]
      .map((value) => String(Math.round(value)).padStart(4))
      .join('  ');
    lines.push(
      `${String(index + 1).padStart(2)}  ${c.displayName.padEnd(nameWidth)}  ${formatScore(c.score).padStart(5)}  ` +
        `${scoreBar(c.score)}  ${criteria}  ${(c.scaffoldable ? 'yes' : 'not yet').padEnd(8)}${marks ? '  ' + marks : ''}`,
    );
  });

  const chosen = rec.ranking.find((c) => c.id === rec.chosen);
  lines.push('');
  lines.push(
    `Chosen: ${nameOf(rec.chosen)}${chosen ? ` (${formatScore(chosen.score)})` : ''}, margin ${signed(rec.margin)} ` +
      (rec.margin >= 0 ? 'over the runner-up' : 'behind the leader'),
  );
  const explained = rec.chosen === rec.top ? [rec.chosen] : [rec.chosen, rec.top];
  for (const id of explained) {
    const candidate = rec.ranking.find((c) => c.id === id);
    if (!candidate) continue;
    lines.push('', `Why ${candidate.displayName}:`);
    for (const reason of candidate.reasons) lines.push(`  ${reason}`);
  }
  if (rec.excluded.length > 0) {
    lines.push('', 'Excluded (hard constraints, or a preset policy):');
    for (const item of rec.excluded) lines.push(`  x ${nameOf(item.id)}: ${item.reason}`);
  }
  if (rec.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of rec.notes) lines.push(`  * ${note}`);
  }
  lines.push('', 'What would change the answer:');
  for (const change of rec.whatWouldChange) lines.push(`  ? ${change}`);
  return lines.map((line) => line.trimEnd()).join('\n');
}
