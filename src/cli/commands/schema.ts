/** `povsim schema`: the JSON Schema of scenario files, for editor completion and checking. */
import type { CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor completion)',
  builder: (y) =>
    y.example('$0 schema > povsim.schema.json', 'Save it; point your editor\'s YAML support at it'),
  handler: () =>
    runHandler(async () => {
      const { scenarioJsonSchema } = await import('../../scenario/index.js');
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return 0;
    }),
};
