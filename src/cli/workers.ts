/**
 * `--workers N` of compare and sweep: a whole number >= 1, at most the number of processors Node
 * may use (`os.availableParallelism()`). Each worker thread loads the model (about 32 MB) and
 * competes for the same processors, so more workers than processors only cost memory; a larger
 * number is capped, with one line on stderr saying so.
 */
import { defaultWorkers } from '../experiments/pool.js';
import { InputError } from '../scenario/errors.js';

/**
 * The number of workers to use for `--workers value` (default: the number of processors).
 *
 * @param warn - where the capping message goes (stderr by default).
 * @throws InputError (exit 2) for a value that is not a whole number >= 1.
 * @example
 * workersOption(1); // => 1
 * workersOption(1000); // => os.availableParallelism(), after "povsim: --workers 1000 is more than ..."
 */
export function workersOption(value: number | undefined, warn: (line: string) => void = (line) => process.stderr.write(line)): number {
  const processors = defaultWorkers();
  if (value === undefined) return processors;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError({ file: '--workers', expected: 'a whole number of workers >= 1', found: String(value) });
  }
  if (value > processors) {
    warn(`povsim: --workers ${value} is more than the ${processors} processor${processors === 1 ? '' : 's'} here; using ${processors}\n`);
    return processors;
  }
  return value;
}
