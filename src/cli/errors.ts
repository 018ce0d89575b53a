import { EXIT } from './exit-codes.js';

/** An error whose message is meant for the user, with the exit code it maps to. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad input or an unmet precondition: exit 2, nothing written. */
export function badInput(message: string): CliError {
  return new CliError(message, EXIT.badInput);
}

/** The run was interrupted by a signal; carries the conventional 128+n exit code. */
export class InterruptedError extends CliError {
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`Interrupted by ${signal}`, signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
    this.name = 'InterruptedError';
  }
}
