/** `povsim sweep SWEEP.yaml`: a parameter sweep, streamed to disk, resumable, shardable. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';
import { folderRunOptions, scenarioChangeOptions, type RunOptionArgs } from '../run-options.js';

export interface SweepArgs extends RunOptionArgs {
  'fail-fast': boolean;
  'max-runs'?: number;
  'dry-run': boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <file>',
  describe: 'Run a parameter sweep (grid, random, lhs, sobol, morris) into design.csv, results.csv, manifest.json [, sensitivity.csv]',
  builder: (y: Argv) =>
    scenarioChangeOptions(
      folderRunOptions(y.positional('file', { type: 'string', describe: 'Sweep file (YAML), e.g. scenarios/sweeps/audit-by-noise.yaml' }), {
        out: 'Output folder (default: out/<sweep>/, with --shard out/<sweep>-shard-K-of-N/)',
        resume: 'Continue an interrupted sweep in its folder: finished runs are kept',
        shard: 'K/N: run only the K-th of N slices (runs with id % N == K-1), for many machines; see povsim merge',
        format: 'Chart files to write, comma-separated: png, svg, pdf (e.g. --format png,svg,pdf)',
      })
        .option('fail-fast', { type: 'boolean', default: false, describe: 'Stop at the first failed run (default: record it and go on)' })
        .option('max-runs', { type: 'number', describe: 'Run a sweep of more runs than the limit of 1,000,000 (refused otherwise, before anything is written): the most runs to allow' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Print the run count and the design (its first rows for a big one) without running or writing anything' }),
      'Change a parameter in every run: --set township.households=3000 (repeatable)',
    )
      .example('$0 sweep scenarios/sweeps/audit-by-noise.yaml --workers 2', 'Audit rate by identification noise, two workers')
      .example('$0 sweep scenarios/sweeps/audit-by-noise.yaml --resume', 'Continue after a crash or Ctrl-C')
      .example('$0 sweep scenarios/sweeps/sensitivity.yaml --shard 2/4', 'The second of four slices (then: povsim merge)')
      .example('$0 sweep scenarios/sweeps/sensitivity.yaml --dry-run', 'How many runs, and which parameter values, without running')
      .epilogue('Exit codes: 0 every run succeeded, 3 some runs failed (rows with status=failed in results.csv), 130 interrupted (resume with --resume), 2 bad input or usage, 1 internal error. Files: docs/experiments.md') as unknown as Argv<SweepArgs>,
  handler: (args) => runHandler(async () => (await import('./sweep-handler.js')).sweep(args)),
};
