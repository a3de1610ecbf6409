/**
 * How the command line ends when something goes wrong: one line on stderr and an exit code.
 *   2  bad input or usage (the message names the file, the key, what was expected and found)
 *   1  an internal error, or the machine failing us (full disk)
 * A stack trace is shown only with POVSIM_DEBUG=1.
 */
import { InputError } from '../scenario/errors.js';
import { OutputError } from '../io/files.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
/** After Ctrl-C or SIGTERM (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Writes the one-line message for `error` and returns the exit code. */
export function reportFailure(error: unknown): number {
  const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
  if (error instanceof InputError) {
    process.stderr.write(`povsim: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof OutputError) {
    process.stderr.write(`povsim: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`povsim: internal error: ${oneLine(message)}\n`);
  if (process.env['POVSIM_DEBUG']) {
    process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  } else {
    process.stderr.write('povsim: this is a bug; rerun with POVSIM_DEBUG=1 for details and report it\n');
  }
  return EXIT_INTERNAL;
}

/** Runs a command handler and exits with its code (0 on success). */
export async function runHandler(handler: () => Promise<number | void> | number | void): Promise<void> {
  let code: number;
  try {
    code = (await handler()) ?? EXIT_OK;
  } catch (error) {
    code = reportFailure(error);
  }
  process.exitCode = code;
}
