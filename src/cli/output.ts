/** Human-facing output. Kept in one place so `--json` modes can keep stdout clean. */
export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
export const warn = (line: string): void => {
  process.stderr.write(`warning: ${line}\n`);
};
export const fail = (line: string): void => {
  process.stderr.write(`error: ${line}\n`);
};
