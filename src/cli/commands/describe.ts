/** `povsim describe [key]`: every parameter with its type, unit, range, default, meaning and source. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

interface DescribeArgs {
  key?: string;
}

export const describeCommand: CommandModule<object, DescribeArgs> = {
  command: 'describe [key]',
  describe: 'Explain every parameter (type, unit, range, default, meaning, source), a group or one key',
  builder: (y: Argv) =>
    y
      .positional('key', { type: 'string', describe: 'A parameter (identification.pmtNoise) or a group (supervision)' })
      .example('$0 describe', 'Every parameter')
      .example('$0 describe supervision', 'The supervision parameters')
      .example('$0 describe identification.method', 'One parameter in full') as unknown as Argv<DescribeArgs>,
  handler: (args) =>
    runHandler(async () => {
      const { describeParameters } = await import('../../scenario/index.js');
      process.stdout.write(`${describeParameters(args.key)}\n`);
      return 0;
    }),
};
