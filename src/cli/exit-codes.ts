/**
 * Exit codes are public API: scripts and CI depend on them. Documented in `--help` and README.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  badInput: 2,
  postStepFailed: 3,
  updateConflicts: 4,
  sigint: 130,
  sigterm: 143,
} as const;

export const EXIT_CODE_HELP = `Exit codes:
  0    success
  1    internal error (please report it)
  2    bad input or unmet precondition; nothing was written
  3    project generated, but a post step (install, git) failed; files are kept
  4    update finished with conflicts to resolve
  130  interrupted (SIGINT); partial output removed
  143  terminated (SIGTERM); partial output removed`;
