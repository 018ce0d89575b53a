import type { Registration } from '../../generators/index.js';

export interface MissingMarker {
  readonly file: string;
  readonly marker: string;
  /** What the user can paste by hand instead. */
  readonly snippet: string;
  readonly optional: boolean;
}

/** Marker comments as each file type writes them: `//` (TS/JS), `%%` (Mermaid), `#` (YAML), `<!--` (Markdown). */
const COMMENT_PREFIXES = ['//', '%%', '#', '<!--'];

/**
 * Inserts `line` above the line carrying the marker comment (`// <marker>`, `%% <marker>`), keeping its indentation style as
 * rendered. Idempotent: a line already present is not inserted twice. Undefined when the marker
 * is gone (the user refactored the file).
 */
export function insertAtMarker(text: string, marker: string, line: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) =>
    COMMENT_PREFIXES.some((prefix) => l.trim().startsWith(`${prefix} ${marker}`)),
  );
  if (at === -1) return undefined;
  if (lines.some((l) => l.trim() === line.trim())) return text;
  lines.splice(at, 0, line);
  return lines.join('\n');
}

/** Applies registrations to the given shared files' texts; reports every missing marker. */
export function applyRegistrations(
  texts: ReadonlyMap<string, string | undefined>,
  registrations: readonly Registration[],
): { updated: Map<string, string>; missing: MissingMarker[] } {
  const updated = new Map<string, string>();
  const missing: MissingMarker[] = [];
  for (const r of registrations) {
    const current = updated.get(r.file) ?? texts.get(r.file);
    const next = current === undefined ? undefined : insertAtMarker(current, r.marker, r.line);
    if (next === undefined)
      missing.push({
        file: r.file,
        marker: r.marker,
        snippet: r.line.trim(),
        optional: r.optional ?? false,
      });
    else updated.set(r.file, next);
  }
  return { updated, missing };
}
