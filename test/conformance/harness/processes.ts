/**
 * Every process the harness starts is registered here so afterAll (and a crash of the test
 * worker) can end it by PID. Nothing is ever killed by name.
 */
const livePids = new Set<number>();

export function trackPid(pid: number): void {
  livePids.add(pid);
}

export function untrackPid(pid: number): void {
  livePids.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGKILL every still-registered process. */
export function killTracked(): void {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  livePids.clear();
}

process.once('exit', killTracked);
