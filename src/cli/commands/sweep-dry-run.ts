/**
 * `povsim sweep FILE --dry-run`: the sweep's heading (design, points, replicates, runs) and its
 * design as design.csv would hold it (every row up to DRY_RUN_ROWS, else the first rows and the
 * count), on stdout. Nothing is run and nothing is written, not even the folder.
 */
import { csvLine } from '../../experiments/csv.js';
import { designPoints } from '../../experiments/designs/index.js';
import type { Sweep } from '../../experiments/sweep-file.js';
import { number } from '../format.js';

/** Design rows shown; a design with more shows its first DRY_RUN_ROWS and the count. */
export const DRY_RUN_ROWS = 20;

/** The first `count` rows of design.csv (with its header), generated lazily. */
function designRows(sweep: Sweep, count: number): string {
  const parameters = sweep.design.factors.map((f) => f.name);
  let text = csvLine(['point', ...parameters]);
  for (const point of designPoints(sweep.design)) {
    if (point.index >= count) break;
    text += csvLine([point.index, ...parameters.map((p) => point.values[p])]);
  }
  return text;
}

/** Prints the dry run of `sweep` (with the heading of the real command); returns exit code 0. */
export function printDryRun(sweep: Sweep, heading: string, maxRuns: number): number {
  const lines = [heading.trimEnd(), 'Dry run: nothing was run and nothing was written.'];
  if (sweep.runs > maxRuns) {
    lines.push(`Over the limit of ${number(maxRuns)} runs: povsim sweep refuses it unless --max-runs ${sweep.runs} is given (see docs/experiments.md).`);
  }
  // A Latin hypercube draws a permutation of all its n strata before its first point (8 bytes per
  // stratum and parameter): above the limit that alone could exhaust memory.
  if (sweep.design.kind === 'lhs' && sweep.points > maxRuns) {
    lines.push(`Design rows not listed: a Latin hypercube of ${number(sweep.points)} points draws all its strata before its first row.`);
  } else {
    lines.push('', designRows(sweep, DRY_RUN_ROWS).trimEnd());
    if (sweep.points > DRY_RUN_ROWS) {
      lines.push(`(the first ${DRY_RUN_ROWS} of ${number(sweep.points)} design points; povsim sweep writes them all to design.csv)`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
