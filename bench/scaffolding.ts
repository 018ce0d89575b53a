import fs from 'node:fs';
import path from 'node:path';
import { targets } from '../src/catalog/targets/index.js';
import { shellEnv } from './environment.js';
import { binPath, installTool, packRepository, type InstalledTool } from './install-size.js';
import { timeProcess } from './process-timer.js';
import {
  PEER_GENERATORS,
  PROJECT_NAME,
  SCAFFOLD_RUNS,
  SCAFFOLD_TIMEOUT_MS,
  scaffoldArgs,
} from './scenarios.js';
import { spread, type Spread } from './stats.js';

export type ScaffoldKind = 'floor' | 'ours' | 'peer';

export interface ScaffoldRow {
  id: string;
  label: string;
  kind: ScaffoldKind;
  version?: string;
  timing?: Spread;
  install?: Pick<InstalledTool, 'bytes' | 'packages'>;
  note?: string;
  error?: string;
}

interface Contender {
  row: ScaffoldRow;
  argv: (projectDir: string) => string[];
  /** False for the runtime floor, which writes nothing. */
  writesProject: boolean;
  samples: number[];
}

const OUR_PACKAGE = 'create-scalable-backend';

async function installContenders(
  repoRoot: string,
  workDir: string,
  log: (line: string) => void,
): Promise<Contender[]> {
  const floor: Contender = {
    row: {
      id: 'node',
      label: "node -e '' (runtime floor)",
      kind: 'floor',
      version: process.version,
    },
    argv: () => ['-e', ''],
    writesProject: false,
    samples: [],
  };

  log('scaffolding: packing this CLI and installing it and the peers from npm');
  const ourInstall = packRepository(repoRoot, path.join(workDir, 'pack')).then((tarball) =>
    installTool(path.join(workDir, 'tools', 'ours'), OUR_PACKAGE, tarball),
  );
  const peerInstalls = PEER_GENERATORS.map((peer) =>
    installTool(path.join(workDir, 'tools', peer.id), peer.packageName, peer.packageName),
  );
  const [ours, ...peers] = await Promise.allSettled([ourInstall, ...peerInstalls]);

  // Timed from this repository's build (dist/), as the brief says; the tarball gives the install size.
  const cli = path.join(repoRoot, 'dist/src/cli/index.js');
  const ourRows: Contender[] = targets.map((target) => ({
    row: {
      id: `ours-${target.id}`,
      label: `create-scalable-backend (${target.id})`,
      kind: 'ours',
      ...(ours!.status === 'fulfilled'
        ? {
            version: ours!.value.version,
            install: { bytes: ours!.value.bytes, packages: ours!.value.packages },
          }
        : { note: `install size unavailable: ${String(ours!.reason)}` }),
    },
    argv: (dir) => scaffoldArgs(cli, target.id, dir),
    writesProject: true,
    samples: [],
  }));

  const peerRows: Contender[] = PEER_GENERATORS.map((peer, index) => {
    const installed = peers[index]!;
    const row: ScaffoldRow = {
      id: peer.id,
      label: peer.label,
      kind: 'peer',
      ...(peer.note ? { note: peer.note } : {}),
    };
    if (installed.status === 'rejected') {
      return {
        row: { ...row, error: `npm install failed: ${String(installed.reason).slice(0, 300)}` },
        argv: () => [],
        writesProject: true,
        samples: [],
      };
    }
    const tool = installed.value;
    const script = binPath(tool.dir, peer.packageName, peer.bin);
    return {
      row: {
        ...row,
        version: tool.version,
        install: { bytes: tool.bytes, packages: tool.packages },
      },
      argv: (dir) => [script, ...peer.argv(dir)],
      writesProject: true,
      samples: [],
    };
  });
  return [floor, ...ourRows, ...peerRows];
}

async function runOnce(contender: Contender, workDir: string): Promise<number> {
  const parent = fs.mkdtempSync(path.join(workDir, 'scaffold', `${contender.row.id}-`));
  const projectDir = path.join(parent, PROJECT_NAME);
  try {
    const result = await timeProcess({
      command: process.execPath,
      args: contender.argv(PROJECT_NAME),
      cwd: parent,
      env: shellEnv(),
      timeoutMs: SCAFFOLD_TIMEOUT_MS,
    });
    if (result.exitCode !== 0)
      throw new Error(`exit ${result.exitCode}: ${result.outputTail.trim().slice(-400)}`);
    if (contender.writesProject && !fs.existsSync(path.join(projectDir, 'package.json'))) {
      throw new Error(
        `exited 0 but wrote no package.json: ${result.outputTail.trim().slice(-400)}`,
      );
    }
    return result.wallMs;
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

/**
 * Scenario 1: every generator as a whole process, round-robin (one run of each tool per round,
 * so drift on a shared machine hits all tools alike), after one discarded warm-up round.
 */
export async function runScaffolding(
  repoRoot: string,
  workDir: string,
  log: (line: string) => void,
): Promise<ScaffoldRow[]> {
  fs.mkdirSync(path.join(workDir, 'scaffold'), { recursive: true });
  const contenders = await installContenders(repoRoot, workDir, log);
  const active = () => contenders.filter((c) => c.row.error === undefined);
  for (let round = 0; round <= SCAFFOLD_RUNS; round += 1) {
    log(`scaffolding: round ${round === 0 ? 'warm-up' : `${round}/${SCAFFOLD_RUNS}`}`);
    for (const contender of active()) {
      try {
        const wallMs = await runOnce(contender, workDir);
        if (round > 0) contender.samples.push(wallMs);
      } catch (error) {
        contender.row.error = (error as Error).message;
      }
    }
  }
  return contenders.map(({ row, samples }) =>
    row.error === undefined ? { ...row, timing: spread(samples) } : row,
  );
}
