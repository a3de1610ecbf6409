/** `povsim run [scenario]`: one scenario, one seed; writes summary.json, timeseries.csv, manifest.json. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface RunArgs {
  scenario: string;
  seed?: string;
  households?: string;
  months?: string;
  set: string[];
  out?: string;
  json: boolean;
  charts: boolean;
  format: string;
  threads?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [scenario]',
  describe: 'Run one scenario and write its summary, time series and manifest',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', default: 'scenarios/baseline.yaml', describe: 'Scenario file (YAML)' })
      .option('seed', { type: 'string', describe: 'Seed of the run (default: the scenario\'s seed)' })
      .option('households', { type: 'string', describe: 'Number of households (township.households)' })
      .option('months', { type: 'string', describe: 'Number of months (simulation.months)' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Change a parameter: --set supervision.auditRate=0.3 (repeatable)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario>-<seed>/)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout' })
      .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf (e.g. --format png,svg,pdf)' })
      .option('threads', { type: 'string', describe: 'Threads for one large run (default 1, at most 256; no more than the cores): needs --set simulation.streams=village; same results whatever the number' })
      .example('$0 run', 'Run the baseline township; outputs in out/baseline-42/')
      .example('$0 run scenarios/improved-oversight.yaml --seed 7', 'Run a reform with seed 7')
      .example('$0 run --households 100000 --months 24 --out out/big', 'A larger township, two years')
      .example('$0 run --set identification.method=pmt --json', 'Change one parameter, print the summary as JSON')
      .example('$0 run --households 1000000 --set simulation.streams=village --threads 2', 'A million households on two threads') as unknown as Argv<RunArgs>,
  handler: (args) => runHandler(async () => (await import('./run-handler.js')).run(args)),
};
