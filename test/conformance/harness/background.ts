/**
 * Long scenarios (60 s windows of C5, C10, C56, S22) start in beforeAll and are awaited by their
 * own test, so they overlap with the rest of the file instead of adding up. The catch handler only
 * keeps Node from reporting an unhandled rejection before the test awaits the promise.
 */
export function inBackground<T>(scenario: () => Promise<T>): Promise<T> {
  const promise = scenario();
  promise.catch(() => undefined);
  return promise;
}
