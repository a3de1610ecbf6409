/** `povsim validate FILE...`: checks scenario files without running them. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

interface ValidateArgs {
  files: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario files: every key known, every value of the right type and range',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Scenario files (YAML)' })
      .example('$0 validate scenarios/*.yaml', 'Check every shipped scenario') as unknown as Argv<ValidateArgs>,
  handler: (args) =>
    runHandler(async () => {
      const { loadScenario } = await import('../../scenario/index.js');
      const { InputError } = await import('../../scenario/errors.js');
      let failed = 0;
      for (const file of args.files) {
        try {
          const scenario = loadScenario(file);
          process.stdout.write(`ok    ${file} (${scenario.name}${scenario.chain.length > 1 ? `, extends ${scenario.chain.slice(0, -1).join(' <- ')}` : ''})\n`);
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
