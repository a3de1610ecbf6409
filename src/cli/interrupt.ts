/**
 * Ctrl-C and SIGTERM for long commands: the first signal aborts `signal` (the command stops at its
 * next safe point and says how to go on); a second one quits at once. Exit code 130 (128 + SIGINT).
 */
import { EXIT_INTERRUPTED } from './failure.js';
import { endStartupInterruption } from './startup.js';

export interface Interruption {
  readonly signal: AbortSignal;
  /** Stops listening for signals. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM; `onFirst` can say what happens next. */
export function listenForInterruption(onFirst?: () => void): Interruption {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals > 1) process.exit(EXIT_INTERRUPTED);
    controller.abort();
    onFirst?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  endStartupInterruption();
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
