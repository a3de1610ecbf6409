/** `povsim compare A.yaml B.yaml [C.yaml ...]`: paired comparison on common random numbers. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface CompareArgs {
  scenarios: string[];
  replicates: number;
  seed?: string;
  precision: string[];
  'max-replicates': number;
  workers?: number;
  households?: string;
  months?: string;
  set: string[];
  out?: string;
  all: boolean;
  json: boolean;
  charts: boolean;
  format: string;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <scenarios..>',
  describe: 'Compare scenarios on the same replicate seeds: means, 95% intervals and paired differences from the first',
  builder: (y: Argv) =>
    y
      .positional('scenarios', { type: 'string', array: true, describe: 'Two or more scenario files; the first is the reference' })
      .option('replicates', { type: 'number', default: 20, describe: 'Replicates per scenario (with --precision: the first batch)' })
      .option('seed', { type: 'string', describe: 'Base seed of the replicate seeds (default: the first scenario\'s seed)' })
      .option('precision', {
        type: 'string',
        array: true,
        default: [],
        describe: 'METRIC=HALFWIDTH: add replicates until the 95% interval of that paired difference is this narrow, in the metric\'s units (repeatable)',
      })
      .option('max-replicates', { type: 'number', default: 200, describe: 'Most replicates with --precision' })
      .option('workers', { type: 'number', describe: 'Runs in parallel (default: the number of processors)' })
      .option('households', { type: 'string', describe: 'Number of households in every scenario (township.households)' })
      .option('months', { type: 'string', describe: 'Number of months in every scenario (simulation.months)' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Change a parameter in every scenario: --set supervision.auditRate=0.3 (repeatable)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/compare-<name1>-vs-<name2>/)' })
      .option('all', { type: 'boolean', default: false, describe: 'Show every metric in the table, not only the key ones' })
      .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf (e.g. --format png,svg,pdf)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print comparison.json on stdout instead of the table' })
      .example('$0 compare scenarios/baseline.yaml scenarios/improved-oversight.yaml', 'The effect of oversight, 20 paired replicates')
      .example('$0 compare scenarios/baseline.yaml scenarios/*.yaml --households 3000', 'Every reform against the baseline, smaller townships')
      .example('$0 compare scenarios/baseline.yaml scenarios/improved-oversight.yaml --precision leakage=0.005', 'Replicate until the leakage effect is known to +-0.5 points')
      .epilogue('Exit codes: 0 success, 2 bad input or usage, 1 internal error (a failed run ends a comparison). Files: docs/experiments.md') as unknown as Argv<CompareArgs>,
  handler: (args) => runHandler(async () => (await import('./compare-handler.js')).compare(args)),
};
