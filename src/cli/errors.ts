/**
 * The command line's one error type: a message for one line of stderr and the exit code to end with.
 *
 * @packageDocumentation
 */

/** Exit codes, after BSD sysexits: the decision's three, then usage, data and input errors. */
export const EXIT = { allow: 0, throttle: 1, block: 2, usage: 64, data: 65, input: 66, internal: 70 } as const;

/** A failure the command line reports as one line on stderr, ending with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';

  /**
   * @param message - the line to print (without the `cloudcircuit: ` prefix).
   * @param exitCode - {@link EXIT}.usage, .data or .input.
   */
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
