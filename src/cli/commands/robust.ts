/** `povsim robust STUDY.yaml`: policies across the townships they could meet, and where each fails. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';
import { folderRunOptions, scenarioChangeOptions, type RunOptionArgs } from '../run-options.js';

export interface RobustArgs extends RunOptionArgs {
  'max-runs'?: number;
}

export const robustCommand: CommandModule<object, RobustArgs> = {
  command: 'robust <file>',
  describe: 'Compare policies across uncertain conditions: satisficing, regret and PRIM scenario discovery (results.csv, robustness.csv, discovery.csv)',
  builder: (y: Argv) =>
    scenarioChangeOptions(
      folderRunOptions(y.positional('file', { type: 'string', describe: 'Study file (YAML), e.g. scenarios/studies/reforms-under-uncertainty.yaml' }), {
        out: 'Output folder (default: out/<study>/, with --shard out/<study>-shard-K-of-N/)',
        resume: 'Continue an interrupted study in its folder: finished runs are kept (in an empty or missing folder it simply starts)',
        shard: 'K/N: run only the K-th of N slices (runs with id % N == K-1), for many machines; see povsim merge',
      })
        .option('max-runs', { type: 'number', describe: 'Run a study of more runs than the limit of 1,000,000 (refused otherwise, before anything is written): the most runs to allow' }),
      'Change a parameter in every run of every policy: --set township.households=3000 (repeatable)',
    )
      .example('$0 robust scenarios/studies/reforms-under-uncertainty.yaml --households 600 --months 24', 'The shipped study, small first')
      .example('$0 robust scenarios/studies/reforms-under-uncertainty.yaml --resume', 'Continue after a crash or Ctrl-C')
      .epilogue('Exit codes: 0 every run succeeded, 3 some runs failed (left out of the analysis), 130 interrupted (resume with --resume), 2 bad input or usage, 1 internal error. Files: docs/robust.md') as unknown as Argv<RobustArgs>,
  handler: (args) => runHandler(async () => (await import('./robust-handler.js')).robust(args)),
};
