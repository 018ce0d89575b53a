import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { onCpu, type CpuPlan } from './cpu-pinning.js';
import type { LoadClientResult } from './load-client.js';
import { LOAD } from './scenarios.js';
import { residentBytes } from './server-process.js';
import { median } from './stats.js';

const run = promisify(execFile);
const LOAD_CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-client.js');
const SAMPLE_INTERVAL_MS = 250;
/** Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface LoadResult {
  path: string;
  /** 2xx responses per second (shed or failed requests are not throughput). */
  rps: number;
  /** Lowest and highest round (one round: both equal rps). */
  rpsRange: [number, number];
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Highest VmRSS sampled during the measured runs. */
  loadedRssBytes: number;
  /** Server CPU time / wall time while measured; near 100 % means the server was the bottleneck. */
  serverCpuPercent: number;
  /** Server CPU time per 2xx response: what a request costs, whatever limited the throughput. */
  cpuMicrosPerRequest: number;
  rounds: number;
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function loadClient(cpus: CpuPlan, url: string, seconds: number): Promise<LoadClientResult> {
  const args = [LOAD_CLIENT, url, String(LOAD.connections), String(seconds)];
  const [command, argv] = onCpu(cpus, cpus.loadCpu, process.execPath, args);
  const { stdout } = await run(command, argv, {
    timeout: (seconds + LOAD.killAfterSeconds) * 1000,
    killSignal: 'SIGKILL',
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadClientResult;
}

/** One round: a warm-up run (discarded), then the measured run while sampling the server's RSS and CPU time. */
export async function measureLoad(
  cpus: CpuPlan,
  port: number,
  serverPid: number,
  urlPath: string,
): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}${urlPath}`;
  await loadClient(cpus, url, LOAD.warmupSeconds);

  let loadedRssBytes = residentBytes(serverPid);
  const sampler = setInterval(() => {
    loadedRssBytes = Math.max(loadedRssBytes, residentBytes(serverPid));
  }, SAMPLE_INTERVAL_MS);
  const ticksBefore = cpuTicks(serverPid);
  const wallBefore = performance.now();
  try {
    const result = await loadClient(cpus, url, LOAD.durationSeconds);
    const cpuSeconds = (cpuTicks(serverPid) - ticksBefore) / CLOCK_TICKS_PER_SECOND;
    const wallSeconds = (performance.now() - wallBefore) / 1000;
    const rps = result.ok / result.durationSeconds;
    return {
      path: urlPath,
      rps,
      rpsRange: [rps, rps],
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes: result.statusCodes,
      loadedRssBytes,
      serverCpuPercent: (cpuSeconds / wallSeconds) * 100,
      cpuMicrosPerRequest: result.ok > 0 ? (cpuSeconds * 1e6) / result.ok : Number.NaN,
      rounds: 1,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Medians over rounds; counts summed; RSS is the peak of all rounds. */
export function combineRounds(rounds: readonly LoadResult[]): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const round of rounds) {
    for (const [code, count] of Object.entries(round.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const rps = rounds.map((r) => r.rps);
  return {
    path: rounds[0]!.path,
    rps: median(rps),
    rpsRange: [Math.min(...rps), Math.max(...rps)],
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    statusCodes,
    loadedRssBytes: Math.max(...rounds.map((r) => r.loadedRssBytes)),
    serverCpuPercent: median(rounds.map((r) => r.serverCpuPercent)),
    cpuMicrosPerRequest: median(rounds.map((r) => r.cpuMicrosPerRequest)),
    rounds: rounds.length,
  };
}
