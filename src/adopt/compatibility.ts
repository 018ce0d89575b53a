import { readFile, stat } from 'node:fs/promises';
import { insertAtMarker } from '../add/markers.js';
import { containedPath } from '../write/contain.js';
import { requirementsFor, type Requirement } from './requirements.js';

export interface Gap {
  /** One line: what is missing. */
  readonly missing: string;
  /** One line: what that means for `add`. */
  readonly consequence: string;
}

/** True when `add` would find the marker: the same test it inserts with. */
function hasMarker(text: string, marker: string): boolean {
  return insertAtMarker(text, marker, `// ${marker}`) !== undefined;
}

const quoted = (markers: readonly string[]) => markers.map((m) => `"// ${m}"`).join(' and ');

/**
 * The requirements a repository does not meet, in table order, given a reader of its files
 * (undefined = absent). A missing file is reported once, with every marker it should carry.
 */
export async function findGaps(
  requirements: readonly Requirement[],
  read: (file: string) => Promise<string | undefined>,
): Promise<Gap[]> {
  const texts = new Map<string, string | undefined>();
  const gaps: Gap[] = [];
  /** Missing files that should carry markers → their gap's index and markers. */
  const absentWithMarkers = new Map<string, { index: number; markers: string[] }>();
  for (const requirement of requirements) {
    const { file, consequence } = requirement;
    if (!texts.has(file)) texts.set(file, await read(file));
    const text = texts.get(file);
    if (requirement.kind === 'file') {
      if (text === undefined) gaps.push({ missing: `${file} is missing`, consequence });
    } else if (text !== undefined) {
      if (!hasMarker(text, requirement.marker)) {
        gaps.push({ missing: `${file} has no "// ${requirement.marker}" comment`, consequence });
      }
    } else {
      const seen = absentWithMarkers.get(file) ?? { index: gaps.length, markers: [] };
      seen.markers.push(requirement.marker);
      const gap = {
        missing: `${file} is missing (with its ${quoted(seen.markers)} comments)`,
        consequence,
      };
      if (absentWithMarkers.has(file)) gaps[seen.index] = gap;
      else gaps.push(gap);
      absentWithMarkers.set(file, seen);
    }
  }
  return gaps;
}

/** What `add` would miss in the repository at `projectDir`; reads only. */
export async function compatibilityGaps(projectDir: string, framework: string): Promise<Gap[]> {
  return findGaps(requirementsFor(framework), async (file) => {
    const path = containedPath(projectDir, file);
    // A required folder (a Go package) is present when it exists; its text is never read.
    if ((await stat(path).catch(() => undefined))?.isDirectory()) return '';
    return readFile(path, 'utf8').catch(() => undefined);
  });
}

/** The report printed after adopting: one line per gap, each followed by what it means. */
export function formatGaps(gaps: readonly Gap[], framework: string): string[] {
  if (gaps.length === 0) {
    return ['Ready for add: every file and marker comment it relies on is there.'];
  }
  const lines = [
    `Not ready for add yet; adopt changes none of this, so add it by hand (a freshly generated ${framework} project has all of it):`,
  ];
  let previous: string | undefined;
  for (const gap of gaps) {
    lines.push(`  - ${gap.missing}`);
    // Consecutive gaps with the same consequence (the two markers) explain it once.
    if (gap.consequence !== previous) lines.push(`      ${gap.consequence}`);
    previous = gap.consequence;
  }
  return lines;
}
