/** `povsim robust STUDY.yaml`: policies across the townships they could meet, and where each fails. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface RobustArgs {
  file: string;
  workers?: number;
  out?: string;
  resume: boolean;
  shard?: string;
  households?: string;
  months?: string;
  set: string[];
  charts: boolean;
  'max-runs'?: number;
  format: string;
}

export const robustCommand: CommandModule<object, RobustArgs> = {
  command: 'robust <file>',
  describe: 'Compare policies across uncertain conditions: satisficing, regret and PRIM scenario discovery (results.csv, robustness.csv, discovery.csv)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Study file (YAML), e.g. scenarios/studies/reforms-under-uncertainty.yaml' })
      .option('workers', { type: 'number', describe: 'Runs in parallel in worker threads (default: the number of processors)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<study>/, with --shard out/<study>-shard-K-of-N/)' })
      .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted study in its folder: finished runs are kept' })
      .option('shard', { type: 'string', describe: 'K/N: run only the K-th of N slices (runs with id % N == K-1), for many machines; see povsim merge' })
      .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf' })
      .option('max-runs', { type: 'number', describe: 'Run a study of more runs than the limit of 1,000,000 (refused otherwise, before anything is written): the most runs to allow' })
      .option('households', { type: 'string', describe: 'Number of households (township.households) in every run' })
      .option('months', { type: 'string', describe: 'Number of months (simulation.months) in every run' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Change a parameter in every run of every policy: --set township.households=3000 (repeatable)' })
      .example('$0 robust scenarios/studies/reforms-under-uncertainty.yaml --households 600 --months 24', 'The shipped study, small first')
      .example('$0 robust scenarios/studies/reforms-under-uncertainty.yaml --resume', 'Continue after a crash or Ctrl-C')
      .epilogue('Exit codes: 0 every run succeeded, 3 some runs failed (left out of the analysis), 130 interrupted (resume with --resume), 2 bad input or usage, 1 internal error. Files: docs/robust.md') as unknown as Argv<RobustArgs>,
  handler: (args) => runHandler(async () => (await import('./robust-handler.js')).robust(args)),
};
