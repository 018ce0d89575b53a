import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  from: From;
  name: string | null;
  instructions: Instruction[];
}

export function parseDockerfile(content: string): Dockerfile {
  return DockerfileParser.parse(content);
}

export function stagesOf(dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({ from, name: from.getBuildStage(), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

export function byKeyword(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/**
 * The argv of an exec-form (JSON array) instruction text, or null for shell form, which Docker
 * would wrap in `/bin/sh -c`.
 */
export function execFormArgv(text: string | null): string[] | null {
  if (!text?.trim().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/** Where node lives in the images we accept: official node images and distroless. */
const NODE_BINARIES = new Set(['node', '/usr/local/bin/node', '/usr/bin/node', '/nodejs/bin/node']);

/** Maps an absolute node binary path to `node`, so argv compares with the catalog's commands. */
export function withPortableNode(argv: readonly string[]): string[] {
  const [binary, ...rest] = argv;
  return binary !== undefined && NODE_BINARIES.has(binary) ? ['node', ...rest] : [...argv];
}
