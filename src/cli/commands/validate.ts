/**
 * `povsim validate FILE...`: checks input files without running them. Each file's kind (scenario,
 * sweep, ...) is recognised from its keys (src/cli/file-kinds.ts) and checked as the command that
 * reads it would.
 */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

interface ValidateArgs {
  files: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario, sweep, study and targets files: every key known, every value of the right type and range',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Scenario, sweep, study or targets files (YAML); the kind is recognised from the keys' })
      .example('$0 validate scenarios/*.yaml', 'Check every shipped scenario')
      .example('$0 validate scenarios/sweeps/*.yaml', 'Check the shipped sweep files (and their base scenarios)') as unknown as Argv<ValidateArgs>,
  handler: (args) =>
    runHandler(async () => {
      const { kindOfFile } = await import('../file-kinds.js');
      const { InputError, oneLine } = await import('../../scenario/errors.js');
      let failed = 0;
      for (const file of args.files) {
        try {
          const what = await kindOfFile(file).check(file);
          process.stdout.write(`ok    ${oneLine(file)} (${oneLine(what)})\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          failed += 1;
          process.stderr.write(`povsim: ${error.message}\n`);
        }
      }
      if (failed > 0) process.stderr.write(`povsim: ${failed} of ${args.files.length} files are not valid\n`);
      return failed > 0 ? 2 : 0;
    }),
};
