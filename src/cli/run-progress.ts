/**
 * What the commands that make many runs into a resumable folder (sweep, robust, calibrate) share
 * around their runs: the Ctrl-C listener and progress display, the "Continue with:" command, the
 * --max-runs option and the exit code for failed runs.
 */
import type { SweepProgress } from '../experiments/sweep.js';
import { DEFAULT_MAX_RUNS } from '../experiments/sweep-limits.js';
import type { Shard } from '../experiments/shard.js';
import { InputError } from '../scenario/errors.js';
import { CompleteResults } from './after-results.js';
import { number } from './format.js';
import { listenForInterruption } from './interrupt.js';
import { startProgress, type Progress } from './progress.js';

/** Exit code when the sweep or study finished (or stopped with --fail-fast) and some runs failed. */
export const EXIT_RUNS_FAILED = 3;

/**
 * Runs `run` with the terminal around it: a Ctrl-C listener (the first stops after the runs in
 * progress) and a progress display, started by `showing` on the first report and stopped at the
 * end. Once the runs are done the listener stays (src/cli/after-results.ts): `complete`.
 */
export async function withInterruption<R>(
  run: (hooks: { readonly signal: AbortSignal; readonly showing: (start: () => Progress) => Progress }) => Promise<R>,
): Promise<{ report: R; complete: CompleteResults }> {
  let running = true;
  const interruption = listenForInterruption(() => {
    if (running) process.stderr.write('\npovsim: stopping after the runs in progress (press Ctrl-C again to quit at once; --resume continues)\n');
  });
  let progress: Progress | null = null;
  let report: R;
  try {
    report = await run({ signal: interruption.signal, showing: (start) => (progress ??= start()) });
  } catch (error) {
    interruption.dispose();
    throw error;
  } finally {
    (progress as Progress | null)?.stop();
  }
  running = false;
  // Complete results: the listener stays until the process exits (src/cli/after-results.ts).
  return { report, complete: new CompleteResults(interruption.signal) };
}

/**
 * {@link withInterruption} for a sweep (or a study, which is one): the progress bar (or periodic
 * lines in CI) counts runs, and a line says how many were done before resuming.
 */
export async function withRunProgress<R>(
  label: string,
  runs: number,
  run: (hooks: { readonly signal: AbortSignal; readonly onProgress: (p: SweepProgress) => void }) => Promise<R>,
): Promise<{ report: R; complete: CompleteResults }> {
  return withInterruption(({ signal, showing }) =>
    run({
      signal,
      onProgress: (p) => {
        const bar = showing(() => {
          if (p.resumed > 0) process.stderr.write(`resuming: ${number(p.resumed)} of ${number(runs)} runs already done${p.failed > 0 ? ` (${p.failed} failed)` : ''}\n`);
          // The heading's total: runs done before resuming count as done.
          return startProgress({ label, total: p.resumed + p.total, alreadyDone: p.resumed, unit: 'runs', quietWhenPiped: false, intervalSeconds: 10 });
        });
        bar.update(p.resumed + p.done, `${p.failed} failed`);
      },
    }));
}

/**
 * The command that continues an interrupted sweep, study or calibration: the same file, folder,
 * shard, run limit and scenario changes (--households, --months, --set), without which the resume
 * would be refused as "started from a different sweep", or the sweep as too big.
 *
 * @example
 * resumeCommand({ file: 's.yaml', out: 'o', households: '800', set: ['a.b=1'] }, 'o', null);
 * // => "povsim sweep s.yaml --resume --out o --households 800 --set a.b=1"
 */
export function resumeCommand(
  args: { readonly file: string; readonly out?: string; readonly 'max-runs'?: number; readonly households?: string; readonly months?: string; readonly set: readonly string[] },
  dir: string,
  shard: Pick<Shard, 'index' | 'count'> | null,
  command: 'sweep' | 'robust' | 'calibrate' = 'sweep',
): string {
  const words = ['povsim', command, args.file, '--resume'];
  if (args.out !== undefined) words.push('--out', dir);
  if (shard !== null) words.push('--shard', `${shard.index}/${shard.count}`);
  if (args['max-runs'] !== undefined) words.push('--max-runs', String(args['max-runs']));
  if (args.households !== undefined) words.push('--households', args.households);
  if (args.months !== undefined) words.push('--months', args.months);
  for (const change of args.set) words.push('--set', change);
  return words.map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `--max-runs N`: a whole number >= 1; default DEFAULT_MAX_RUNS. */
export function maxRunsOption(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RUNS;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError({ file: '--max-runs', expected: 'a whole number of runs >= 1, e.g. --max-runs 5000000', found: String(value) });
  }
  return value;
}
