import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createJobScheduler } from '../src/platform/jobs/job-scheduler.ts';
import { capturingLogger } from './support/logs.ts';

describe('job scheduler', () => {
  test('runs a job on its interval once started, never overlapping itself', async () => {
    const { logger, lines } = capturingLogger();
    const jobs = createJobScheduler(logger);
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    jobs.schedule({
      name: 'test.tick',
      everyMs: 5,
      timeoutMs: 1000,
      run: async () => {
        runs += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(30);
        concurrent -= 1;
      },
    });
    await sleep(20);
    assert.equal(runs, 0, 'nothing runs before start()');
    jobs.start();
    await sleep(150);
    await jobs.stop(1000);
    assert.ok(runs >= 2, `ran ${runs} times`);
    assert.equal(maxConcurrent, 1);
    assert.ok(lines.some((l) => l.msg === 'job still running; skipping this run'));
    const after = runs;
    await sleep(30);
    assert.equal(runs, after, 'no runs after stop()');
  });

  test('a failing run is logged with the job name and rejects runNow', async () => {
    const { logger, lines } = capturingLogger();
    const jobs = createJobScheduler(logger);
    jobs.schedule({
      name: 'test.broken',
      everyMs: 60_000,
      timeoutMs: 1000,
      run: async () => {
        throw new Error('no luck');
      },
    });
    await assert.rejects(jobs.runNow('test.broken'), /no luck/);
    const error = lines.find((l) => l.msg === 'job failed');
    assert.equal(error?.job, 'test.broken');
    assert.equal(error?.['exception.message'], 'no luck');
  });

  test('the run signal aborts on timeout and on stop', async () => {
    const jobs = createJobScheduler(capturingLogger().logger);
    const seen: string[] = [];
    const waitForAbort = (signal: AbortSignal) =>
      new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => {
          seen.push(String((signal.reason as Error).name));
          resolve();
        }),
      );
    jobs.schedule({ name: 'test.slow', everyMs: 60_000, timeoutMs: 20, run: waitForAbort });
    jobs.schedule({ name: 'test.endless', everyMs: 60_000, timeoutMs: 60_000, run: waitForAbort });
    await jobs.runNow('test.slow');
    const endless = jobs.runNow('test.endless');
    await jobs.stop(1000);
    await endless;
    assert.deepEqual(seen, ['TimeoutError', 'AbortError']);
  });

  test('rejects duplicate names, bad intervals and unknown jobs', async () => {
    const jobs = createJobScheduler(capturingLogger().logger);
    const job = { name: 'test.once', everyMs: 1000, timeoutMs: 1000, run: async () => undefined };
    jobs.schedule(job);
    assert.throws(() => jobs.schedule(job), /already scheduled/);
    assert.throws(() => jobs.schedule({ ...job, name: 'test.zero', everyMs: 0 }), /positive/);
    await assert.rejects(jobs.runNow('test.missing'), /no job named/);
  });
});
