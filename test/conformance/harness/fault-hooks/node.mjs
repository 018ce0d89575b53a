// Preloaded into a Node app under test with NODE_OPTIONS=--import (reliability S07 only): on
// SIGWINCH (ignored by default, handled by no shutdown library) it raises the fault named by
// CSB_FAULT_KIND outside any request, as a bug would.
const kind = process.env.CSB_FAULT_KIND ?? 'uncaught-exception';

process.on('SIGWINCH', () => {
  setTimeout(() => {
    if (kind === 'unhandled-rejection') {
      void Promise.reject(new Error('csb-fault-canary: unhandled rejection'));
    } else {
      throw new Error('csb-fault-canary: uncaught exception');
    }
  }, 0);
});
