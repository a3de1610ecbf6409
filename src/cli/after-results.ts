/**
 * Signals once a command's results are complete (compare, sweep): nothing that matters can be
 * interrupted any more. The command keeps its Ctrl-C listener until it exits, so a signal while the
 * last files are written lets them finish (without a listener it would kill the process part-way,
 * leaving some of the files of an all-or-nothing write in place). The charts step
 * (src/cli/charts.ts, with a listener of its own) reports a signal that reaches it; one that comes
 * at any other time is said by {@link CompleteResults.report}, and the command exits as it would have.
 */

/** Watches a command's abort signal once its results are complete. */
export class CompleteResults {
  private drawing = false;
  private late: boolean;

  constructor(signal: AbortSignal) {
    this.late = signal.aborted;
    signal.addEventListener('abort', () => {
      if (!this.drawing) this.late = true;
    });
  }

  /** Whether a signal came after the results were complete (and not while the charts were drawn). */
  get signalled(): boolean {
    return this.late;
  }

  /** Runs the charts step, which reports a signal that comes meanwhile itself. */
  async draw<T>(charts: () => Promise<T>): Promise<T> {
    this.drawing = true;
    try {
      return await charts();
    } finally {
      this.drawing = false;
    }
  }

  /** One line on stderr if a signal came outside the charts step: the outputs in `dir` are complete. */
  report(what: string, dir: string): void {
    if (this.late) process.stderr.write(`povsim: interrupted after ${what} finished; its outputs in ${dir}/ are complete\n`);
  }
}
