/**
 * Worker entry point: `node --import ./dist/telemetry.js ./dist/worker.js` (npm run start:worker;
 * in Kubernetes the same image as the web process with this command, k8s/base/worker.yaml). It
 * runs the modules' queue jobs in its own process; the process lifecycle lives in
 * platform/run-worker.ts.
 */
import { appModules } from './modules.ts';
import { runWorker } from './platform/run-worker.ts';

await runWorker({
  // Each module registers its jobs in `setup`, as in the web process; the routes it returns are
  // not served here.
  registerJobs: (deps) => {
    for (const module of appModules) module.setup(deps);
  },
});
