/**
 * Ctrl-C (or SIGTERM) while povsim starts: loading its modules takes a moment, more on a busy
 * machine, and a signal then would otherwise kill it without a word. bin/povsim.js installs this
 * handler before it loads anything else. A command that listens for signals itself (run, compare
 * and sweep: interrupt.ts) takes over once it is ready, with its own message; until then, and in
 * the other commands, a signal ends povsim with one line and exit code 130. (povsim writes every
 * file whole, through a temporary file, so a stop leaves no half-written file.)
 *
 * This module imports nothing, so that it is in place at once.
 */

/** The line written when a signal arrives before a command listens for it. */
export const STARTUP_INTERRUPTED = 'povsim: interrupted before the command finished';

/** With this variable set (to anything), "povsim: listening for Ctrl-C" is written to stderr once the handler is in place (for tests). */
export const ANNOUNCE_VARIABLE = 'POVSIM_ANNOUNCE_SIGNALS';

const onSignal = (): void => {
  process.stderr.write(`${STARTUP_INTERRUPTED}\n`);
  // 130 = 128 + SIGINT, as failure.ts's EXIT_INTERRUPTED (not imported: this module loads first).
  process.exit(130);
};

let installed = false;

/** Installs the start-up handler for SIGINT and SIGTERM (once). */
export function installStartupInterruption(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.env[ANNOUNCE_VARIABLE] !== undefined) process.stderr.write('povsim: listening for Ctrl-C\n');
}

/** Removes it: the command now answers signals itself. */
export function endStartupInterruption(): void {
  if (!installed) return;
  installed = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
