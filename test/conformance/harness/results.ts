import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './paths.js';

/**
 * Every check records { id, target, pass, figure }. Each test file writes its own JSON
 * (results/<target>/<file>.json; a run replaces the rows of the checks it ran) and regenerates
 * results/<target>.md from all of them, so the table shows the latest result of every check.
 */
export type Level = 'MUST' | 'SHOULD';

export interface CheckRecord {
  id: string;
  title: string;
  target: string;
  level: Level;
  pass: boolean;
  /** Measured numbers, e.g. "readiness flip 340 ms; drain 50/50; exit 2.3 s". */
  figure: string;
  /** First line of the failure, empty on pass. */
  detail: string;
  file: string;
  at: string;
}

export interface CheckContext {
  /** Adds a measured figure to this check's row. */
  figure(text: string): void;
  /** Records a SHOULD clause embedded in a MUST check as its own row; never fails the test. */
  should(id: string, title: string, pass: boolean, figure?: string): void;
}

type CheckBody = (ctx: CheckContext) => Promise<void>;

/**
 * A one-line reason for the table: for jest's toEqual diffs, the received side of each differing
 * line ("+   withinBudget: false"), otherwise the first lines of the message.
 */
export function failureSummary(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /\u001b\[[0-9;]*m/g,
    '',
  );
  const lines = message.split('\n');
  const received = lines
    .filter((line) => /^\+\s{2,}\S/.test(line))
    .map((line) => line.slice(1).trim().replace(/,$/, ''));
  const text =
    received.length > 0
      ? `got ${received.join('; ')}`
      : lines
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(0, 3)
          .join(' ');
  return text.slice(0, 400);
}

export interface CheckRegistrar {
  /** A MUST check: its failure fails the test. */
  must(id: string, title: string, body: CheckBody, timeoutMs?: number): void;
  /** A SHOULD check: recorded and printed, never failing the suite. */
  should(id: string, title: string, body: CheckBody, timeoutMs?: number): void;
}

/** Call inside a describe block; registers the afterAll that writes the results. */
export function registerChecks(target: string, file: string): CheckRegistrar {
  const records: CheckRecord[] = [];

  const define = (
    level: Level,
    id: string,
    title: string,
    body: CheckBody,
    timeoutMs = 30_000,
  ): void => {
    test(
      `${id} ${title}${level === 'SHOULD' ? ' (SHOULD)' : ''}`,
      async () => {
        const figures: string[] = [];
        const embedded: CheckRecord[] = [];
        const base = { target, file, at: new Date().toISOString() };
        const ctx: CheckContext = {
          figure: (text) => figures.push(text),
          should: (subId, subTitle, pass, figure = '') =>
            embedded.push({
              ...base,
              id: subId,
              title: subTitle,
              level: 'SHOULD',
              pass,
              figure,
              detail: '',
            }),
        };
        let failure: unknown;
        try {
          await body(ctx);
        } catch (error) {
          failure = error;
        }
        records.push(
          {
            ...base,
            id,
            title,
            level,
            pass: failure === undefined,
            figure: figures.join('; '),
            detail: failure === undefined ? '' : failureSummary(failure),
          },
          ...embedded,
        );
        for (const record of embedded.filter((r) => !r.pass))
          console.warn(`SHOULD not met: ${record.id} ${record.title} ${record.figure}`);
        if (failure !== undefined) {
          if (level === 'MUST') throw failure;
          console.warn(`SHOULD not met: ${id} ${title}: ${failureSummary(failure)}`);
        }
      },
      timeoutMs,
    );
  };

  afterAll(() => writeResults(target, file, records));

  return {
    must: (id, title, body, timeoutMs) => define('MUST', id, title, body, timeoutMs),
    should: (id, title, body, timeoutMs) => define('SHOULD', id, title, body, timeoutMs),
  };
}

/** Natural order: C2 < C10 < S07; sub-ids (C17.close) right after their parent. */
function compareIds(a: string, b: string): number {
  const key = (id: string): [string, number, string] => {
    const match = /^([A-Z]+)(\d+)(.*)$/.exec(id);
    return match === null ? [id, 0, ''] : [match[1]!, Number(match[2]), match[3]!];
  };
  const [pa, na, ra] = key(a);
  const [pb, nb, rb] = key(b);
  return pa.localeCompare(pb) || na - nb || ra.localeCompare(rb);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(
  target: string,
  records: readonly CheckRecord[],
  notes: readonly string[],
): string {
  const sorted = [...records].sort(
    (a, b) => compareIds(a.id, b.id) || a.title.localeCompare(b.title),
  );
  const failedMust = sorted.filter((r) => r.level === 'MUST' && !r.pass).length;
  const failedShould = sorted.filter((r) => r.level === 'SHOULD' && !r.pass).length;
  const lines = [
    `# Conformance results: ${target}`,
    '',
    `${sorted.length} checks; ${failedMust} MUST failing, ${failedShould} SHOULD not met.`,
    ...notes.map((note) => `- ${note}`),
    '',
    '| Check | Level | Result | Figure | Detail |',
    '|---|---|---|---|---|',
    ...sorted.map(
      (r) =>
        `| ${r.id} ${cell(r.title)} | ${r.level} | ${r.pass ? 'pass' : 'FAIL'} | ${cell(r.figure)} | ${cell(r.detail)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

const projectNotes = new Map<string, string>();
/** A line about how the project under test was obtained, shown above the table. */
export function noteProject(target: string, note: string): void {
  projectNotes.set(target, note);
}

function writeResults(target: string, file: string, records: readonly CheckRecord[]): void {
  const dir = path.join(RESULTS_DIR, target);
  fs.mkdirSync(dir, { recursive: true });
  const own = path.join(dir, `${file}.json`);
  const note = projectNotes.get(target);
  // A filtered run (jest -t) replaces only the checks it ran; the rest of the file's rows stay.
  const key = (r: CheckRecord) => `${r.id}\u0000${r.title}`;
  const ran = new Set(records.map(key));
  const previous = fs.existsSync(own)
    ? (JSON.parse(fs.readFileSync(own, 'utf8')) as { records: CheckRecord[] }).records
    : [];
  const merged = [...previous.filter((r) => !ran.has(key(r))), ...records];
  fs.writeFileSync(`${own}.tmp`, JSON.stringify({ note, records: merged }, null, 2));
  fs.renameSync(`${own}.tmp`, own);

  const all: CheckRecord[] = [];
  const notes = new Set<string>();
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const content = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as {
      note?: string;
      records: CheckRecord[];
    };
    all.push(...content.records);
    if (content.note !== undefined) notes.add(`project: ${content.note}`);
  }
  const markdown = path.join(RESULTS_DIR, `${target}.md`);
  const temporary = `${markdown}.${process.pid}.tmp`; // two workers may finish files of one target at once
  fs.writeFileSync(temporary, renderMarkdown(target, all, [...notes]));
  fs.renameSync(temporary, markdown);
}
