/** `povsim calibrate TARGETS.yaml`: fit parameters to observed figures (ABC-SMC, rejection ABC, history matching). */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';
import { folderRunOptions, scenarioChangeOptions, type RunOptionArgs } from '../run-options.js';

export type CalibrateArgs = RunOptionArgs;

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <file>',
  describe: 'Fit parameters to observed figures: posterior.csv, summary.json, calibrated.yaml, predictive.csv, runs.csv, manifest.json',
  builder: (y: Argv) =>
    scenarioChangeOptions(
      folderRunOptions(y.positional('file', { type: 'string', describe: 'Targets file (YAML), e.g. scenarios/calibration/recover.yaml' }), {
        out: 'Output folder (default: out/<name>/, with --shard out/<name>-shard-K-of-N/)',
        resume: 'Continue an interrupted calibration in its folder: runs already made are not made again',
        shard: 'K/N: rejection ABC only: make the runs of the K-th of N slices of the draws, for many machines; then povsim merge and --resume',
      }),
      'Change a parameter in every run: --set supervision.auditRate=0.1 (repeatable)',
    )
      .example('$0 calibrate scenarios/calibration/recover.yaml --workers 2', 'Recover known parameter values, two workers')
      .example('$0 calibrate scenarios/calibration/china-lookback.yaml --resume', 'Continue after a crash or Ctrl-C')
      .example('$0 calibrate rejection.yaml --shard 2/4', 'The second of four slices of a rejection run (then: povsim merge, and --resume in the merged folder)')
      .epilogue('Exit codes: 0 done, 130 interrupted (resume with --resume), 2 bad input or usage, 1 internal error. Files: docs/calibration.md') as unknown as Argv<CalibrateArgs>,
  handler: (args) => runHandler(async () => (await import('./calibrate-handler.js')).calibrate(args)),
};
