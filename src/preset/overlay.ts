import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { insertAtMarker } from '../add/markers.js';
import { badInput, CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { createEngine, renderTemplate } from '../render/engine.js';
import { renderDirectory, TEMPLATE_SUFFIX } from '../render/render-dir.js';
import { VirtualTree } from '../render/tree.js';
import { containedPath } from '../write/contain.js';
import { insidePreset, type LoadedPreset } from './load.js';
import { PRESET_SLOTS, type PresetSlotId } from './slots.js';

/** One of our files a preset replaced, on purpose and with a reason (recorded in the ADR). */
export interface Replacement {
  readonly path: string;
  readonly reason: string;
}

/** Paths no overlay may write, whatever it declares: git internals and our manifest. */
const NEVER_WRITTEN = /^(\.git(\/|$)|\.scalable-backend\.json$)/;

/** Where an overlay file lands: its path rendered like its content (`{{projectName}}` works). */
function overlayPath(
  engine: ReturnType<typeof createEngine>,
  path: string,
  context: object,
  source: string,
): string {
  const rendered = path.includes('{{') ? renderTemplate(engine, path, context, path) : path;
  const normalised = posix.normalize(rendered);
  try {
    // Resolved against a stand-in root: only the shape of the path matters here.
    containedPath('/project', normalised);
  } catch {
    throw badInput(
      `preset ${source}: overlay file ${JSON.stringify(path)} would be written outside the project (${rendered})`,
    );
  }
  if (NEVER_WRITTEN.test(normalised)) {
    throw badInput(
      `preset ${source}: overlay file ${JSON.stringify(path)} may not write ${normalised}`,
    );
  }
  return normalised;
}

function indentLike(markerLine: string, text: string): string {
  const indent = /^\s*/.exec(markerLine)?.[0] ?? '';
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}

/**
 * Applies a preset on top of our render: overlay files are added (an overlay file that would
 * replace one of ours is refused unless `replaces` lists it with a reason), then slot texts are
 * inserted at our declared markers. Returns what was replaced, for the ADR.
 */
/** A preset's own template that fails to render is the preset's mistake: exit 2 naming it. */
async function presetsFault<T>(source: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw badInput(`preset ${source}: ${(error as Error).message}`);
  }
}

export async function applyPreset(
  loaded: LoadedPreset,
  context: object,
  tree: VirtualTree,
): Promise<Replacement[]> {
  const { preset, location } = loaded;
  const source = `${preset.name}@${preset.version}`;
  const engine = createEngine();
  const declared = new Map((preset.replaces ?? []).map((r) => [posix.normalize(r.path), r.reason]));
  const replaced: Replacement[] = [];

  if (preset.overlay !== undefined) {
    const overlay = new VirtualTree();
    const overlayDir = insidePreset(location, preset.overlay, 'overlay');
    await presetsFault(source, () => renderDirectory(engine, overlayDir, context, overlay));
    for (const path of overlay.paths()) {
      const target = await presetsFault(source, () => overlayPath(engine, path, context, source));
      const file = overlay.get(path)!;
      if (tree.has(target)) {
        const reason = declared.get(target);
        if (reason === undefined) {
          throw badInput(
            `preset ${source}: overlay file ${target} would replace a file of the generated project; ` +
              'a preset may add files and fill slots, and replaces one of ours only when its "replaces" list names the file with a reason',
          );
        }
        replaced.push({ path: target, reason });
      }
      tree.write(target, file.content, file.mode, file.rendered);
    }
  }
  for (const path of declared.keys()) {
    if (!replaced.some((r) => r.path === path)) {
      throw badInput(
        `preset ${source}: replaces ${path}, but its overlay has no such file of ours to replace`,
      );
    }
  }

  for (const [slot, file] of Object.entries(preset.slots ?? {}) as [PresetSlotId, string][]) {
    const { file: target, marker } = PRESET_SLOTS[slot];
    const raw = await readFile(insidePreset(location, file, `slots.${slot}`), 'utf8');
    const text = file.endsWith(TEMPLATE_SUFFIX)
      ? await presetsFault(source, () => renderTemplate(engine, raw, context, file))
      : raw;
    const current = tree.read(target);
    const markerLine = current?.split('\n').find((l) => l.includes(marker));
    const filled =
      current === undefined || markerLine === undefined
        ? undefined
        : insertAtMarker(current, marker, indentLike(markerLine, text));
    if (filled === undefined) {
      throw new CliError(
        `internal: slot ${slot} has no ${marker} marker in ${target} (please report it)`,
        EXIT.internal,
      );
    }
    tree.write(target, filled, tree.get(target)!.mode, tree.get(target)!.rendered);
  }
  return replaced;
}
