/**
 * How big a sweep may be before povsim asks the user to say so: a sweep file with
 * `samples: 1e15` (or a grid of 10^12 points) is far more likely a typo than a plan, and would
 * fill the disk with design.csv long before its first run. Above the limit the sweep is refused
 * before anything is written, with one line that gives the run count and the flag that allows it.
 *
 * The limit, 1,000,000 runs, is about 650 MB of results.csv (a row is about 650 bytes) and, at
 * 70 ms a run (3,000 households, 60 months), about 20 processor-hours: a big study on one machine
 * or a modest one sharded over many. `--max-runs N` (library: `maxRuns`) raises it.
 */
import { InputError } from '../scenario/errors.js';
import type { Sweep } from './sweep-file.js';

/** Most runs a sweep may have without `--max-runs` (library: `maxRuns`). */
export const DEFAULT_MAX_RUNS = 1_000_000;

/** Bytes of a results.csv row, about (every metric, a few parameters): for the refusal message. */
export const RESULT_ROW_BYTES = 650;

/** The sweep file's key that sets the number of design points. */
function sizeKey(kind: Sweep['design']['kind']): string {
  switch (kind) {
    case 'random':
    case 'lhs':
      return 'samples';
    case 'sobol':
      return 'baseSamples';
    case 'morris':
      return 'trajectories';
    case 'grid':
      return 'parameters';
  }
}

/** "650 MB", "650 GB", "650,000 TB": a size in bytes, roughly. */
export function roughBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Math.round(value).toLocaleString('en-US')} ${units[unit]}`;
}

/**
 * Throws an InputError (exit 2) when the sweep has more than `maxRuns` runs; names the sweep file,
 * the key that sets the design's size (or `replicates`), the run count and `--max-runs`.
 *
 * @throws RangeError if maxRuns is not a whole number >= 1.
 * @example
 * checkSweepSize({ file: 's.yaml', design: { kind: 'random' }, points: 1e15, replicates: 1, runs: 1e15 });
 * // throws "s.yaml: samples: the sweep has 1,000,000,000,000,000 runs (...), more than the limit of 1,000,000 runs; ..."
 */
export function checkSweepSize(
  sweep: Pick<Sweep, 'file' | 'points' | 'replicates' | 'runs'> & { readonly design: Pick<Sweep['design'], 'kind'> },
  maxRuns: number = DEFAULT_MAX_RUNS,
): void {
  if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new RangeError(`maxRuns must be a whole number >= 1, got ${maxRuns}`);
  if (sweep.runs <= maxRuns) return;
  const count = (n: number): string => n.toLocaleString('en-US');
  const key = sweep.points > maxRuns ? sizeKey(sweep.design.kind) : 'replicates';
  const size = `${count(sweep.points)} point${sweep.points === 1 ? '' : 's'} x ${count(sweep.replicates)} replicate${sweep.replicates === 1 ? '' : 's'}; results.csv about ${roughBytes(sweep.runs * RESULT_ROW_BYTES)}`;
  throw new InputError({
    file: sweep.file,
    key,
    detail: `the sweep has ${count(sweep.runs)} runs (${size}), more than the limit of ${count(maxRuns)} runs; check the design, or pass --max-runs ${sweep.runs} to run it anyway`,
  });
}
