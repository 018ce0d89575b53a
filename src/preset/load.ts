import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareVersions } from '../add/version.js';
import { badInput } from '../cli/errors.js';
import { formatIssues } from '../profile/issues.js';
import { locatePreset, type PresetLocation } from './locate.js';
import { presetSchema, type Preset, type PresetRecord } from './schema.js';

export interface LoadedPreset {
  readonly preset: Preset;
  readonly location: PresetLocation;
}

/** `relativePath` resolved inside the preset's folder; a path leaving it is refused. */
export function insidePreset(
  location: PresetLocation,
  relativePath: string,
  field: string,
): string {
  const absolute = resolve(location.dir, relativePath);
  const rel = relative(location.dir, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw badInput(
      `preset ${location.source}: ${field} ${JSON.stringify(relativePath)} must name something inside the preset`,
    );
  }
  return absolute;
}

/** Parses and validates a preset's text; exit 2 naming the offending field. Pure. */
export function parsePreset(text: string, file: string, generatorVersion: string): Preset {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw badInput(
      `preset ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  const result = presetSchema.safeParse(raw);
  if (!result.success)
    throw badInput(`preset ${file} is invalid:\n${formatIssues(result.error.issues)}`);
  const preset = result.data;
  if (preset.requiresGenerator && compareVersions(preset.requiresGenerator, generatorVersion) > 0) {
    throw badInput(
      `preset ${preset.name}@${preset.version} requires create-scalable-backend ${preset.requiresGenerator} or newer; this is ${generatorVersion}: upgrade the CLI`,
    );
  }
  return preset;
}

export async function loadPreset(
  spec: string,
  cwd: string,
  generatorVersion: string,
): Promise<LoadedPreset> {
  const location = await locatePreset(spec, cwd);
  let text: string;
  try {
    text = await readFile(location.file, 'utf8');
  } catch (error) {
    throw badInput(
      `cannot read preset ${location.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const preset = parsePreset(text, location.file, generatorVersion);
  // Every path it names must stay inside the preset, checked before anything is rendered.
  if (preset.overlay !== undefined) insidePreset(location, preset.overlay, 'overlay');
  for (const [slot, file] of Object.entries(preset.slots ?? {}))
    insidePreset(location, file, `slots.${slot}`);
  return { preset, location };
}

export function presetRecord(loaded: LoadedPreset): PresetRecord {
  const { preset, location } = loaded;
  return {
    name: preset.name,
    version: preset.version,
    source: location.source,
    ...(preset.allowedFrameworks ? { allowedFrameworks: preset.allowedFrameworks } : {}),
  };
}
