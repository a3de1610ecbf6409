/**
 * The options of the commands that make many runs into a resumable folder (sweep, robust,
 * calibrate), written once: the folder and workers, resuming and shards, charts, and the scenario
 * changes applied to every run. Each command passes the words that are its own.
 */
import type { Argv } from 'yargs';

/** The arguments {@link folderRunOptions} and {@link scenarioChangeOptions} add. */
export interface RunOptionArgs {
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

/** What differs between the commands in the options' help. */
export interface RunOptionTexts {
  /** --out: where the folder goes by default. */
  readonly out: string;
  /** --resume: what is continued and what is kept. */
  readonly resume: string;
  /** --shard: which runs a slice makes. */
  readonly shard: string;
  /** --format: the chart files. */
  readonly format?: string;
}

/** --workers, --out, --resume, --shard, --charts and --format. */
export function folderRunOptions<T>(y: Argv<T>, texts: RunOptionTexts): Argv<T> {
  return y
    .option('workers', { type: 'number', describe: 'Runs in parallel in worker threads (default: the number of processors)' })
    .option('out', { type: 'string', describe: texts.out })
    .option('resume', { type: 'boolean', default: false, describe: texts.resume })
    .option('shard', { type: 'string', describe: texts.shard })
    .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
    .option('format', { type: 'string', default: 'png', describe: texts.format ?? 'Chart files to write, comma-separated: png, svg, pdf' }) as unknown as Argv<T>;
}

/** --households, --months and --set, applied to every run; `set` is the --set help. */
export function scenarioChangeOptions<T>(y: Argv<T>, set: string): Argv<T> {
  return y
    .option('households', { type: 'string', describe: 'Number of households (township.households) in every run' })
    .option('months', { type: 'string', describe: 'Number of months (simulation.months) in every run' })
    .option('set', { type: 'string', array: true, default: [], describe: set }) as unknown as Argv<T>;
}
