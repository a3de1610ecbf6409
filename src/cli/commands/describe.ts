/**
 * `povsim describe [key]`: every parameter with its type, unit, range, default, meaning and source,
 * and every metric with what it measures, how povsim computes it, unit, range, months and source.
 */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

interface DescribeArgs {
  key?: string;
}

export const describeCommand: CommandModule<object, DescribeArgs> = {
  command: 'describe [key]',
  describe: 'Explain parameters (type, unit, range, default, meaning, source) and metrics (meaning, unit, range, months, source)',
  builder: (y: Argv) =>
    y
      .positional('key', { type: 'string', describe: 'A parameter (identification.pmtNoise), a group (supervision), a metric (leakage) or a metric family (cghBySource)' })
      .example('$0 describe', 'Every parameter, then the list of metrics')
      .example('$0 describe supervision', 'The supervision parameters')
      .example('$0 describe identification.method', 'One parameter in full')
      .example('$0 describe leakage', 'One metric in full: what it measures, unit, range, months, source') as unknown as Argv<DescribeArgs>,
  handler: (args) =>
    runHandler(async () => {
      const { describeKey } = await import('../../output/describe.js');
      process.stdout.write(`${await describeKey(args.key)}\n`);
      return 0;
    }),
};
