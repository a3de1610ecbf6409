/** `povsim merge DIR... --out DIR`: the shards of a sweep into one folder. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface MergeArgs {
  dirs: string[];
  out: string;
  charts: boolean;
  format: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Merge the shard folders of a sweep or study (povsim sweep or robust --shard K/N) into the folder one machine would have written, or the runs of a calibration\'s shards (povsim calibrate --shard K/N)',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, describe: 'Shard folders (all N of them)' })
      .option('charts', { type: 'boolean', default: true, describe: 'Draw charts and the report (--no-charts skips them)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf (e.g. --format png,svg,pdf)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged sweep, study or calibration runs (new or empty)' })
      .example('$0 merge out/audit-by-noise-shard-*-of-3 --out out/audit-by-noise', 'Merge three shards')
      .epilogue('Exit codes: 0 merged, 2 the folders are not the complete shards of one sweep (the message says why), 1 internal error. Files: docs/experiments.md') as unknown as Argv<MergeArgs>,
  handler: (args) => runHandler(async () => (await import('./merge-handler.js')).merge(args)),
};
