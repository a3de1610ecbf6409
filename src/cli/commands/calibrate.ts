/** `povsim calibrate TARGETS.yaml`: fit parameters to observed figures (ABC-SMC, rejection ABC, history matching). */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface CalibrateArgs {
  file: string;
  workers?: number;
  out?: string;
  resume: boolean;
  shard?: string;
  households?: string;
  months?: string;
  set: string[];
  charts: boolean;
  format: string;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <file>',
  describe: 'Fit parameters to observed figures: posterior.csv, summary.json, calibrated.yaml, predictive.csv, runs.csv, manifest.json',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Targets file (YAML), e.g. scenarios/calibration/recover.yaml' })
      .option('workers', { type: 'number', describe: 'Runs in parallel in worker threads (default: the number of processors)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<name>/)' })
      .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted calibration in its folder: runs already made are not made again' })
      .option('shard', { type: 'string', describe: 'K/N: rejection ABC only: make the runs of the K-th of N slices of the draws, for many machines; then povsim merge and --resume' })
      .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf' })
      .option('households', { type: 'string', describe: 'Number of households (township.households) in every run' })
      .option('months', { type: 'string', describe: 'Number of months (simulation.months) in every run' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Change a parameter in every run: --set supervision.auditRate=0.1 (repeatable)' })
      .example('$0 calibrate scenarios/calibration/recover.yaml --workers 2', 'Recover known parameter values, two workers')
      .example('$0 calibrate scenarios/calibration/china-lookback.yaml --resume', 'Continue after a crash or Ctrl-C')
      .example('$0 calibrate rejection.yaml --shard 2/4', 'The second of four slices of a rejection run (then: povsim merge, and --resume in the merged folder)')
      .epilogue('Exit codes: 0 done, 130 interrupted (resume with --resume), 2 bad input or usage, 1 internal error. Files: docs/calibration.md') as unknown as Argv<CalibrateArgs>,
  handler: (args) => runHandler(async () => (await import('./calibrate-handler.js')).calibrate(args)),
};
