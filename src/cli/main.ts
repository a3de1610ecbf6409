/**
 * The povsim command line: a thin layer over the library API (src/api.ts). Each command lives in
 * commands/ and loads its heavy modules only when it runs, so `povsim --help` starts fast.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from '../version.js';
import { EXIT_USAGE } from './failure.js';
import { chartCommand } from './commands/chart.js';
import { compareCommand } from './commands/compare.js';
import { describeCommand } from './commands/describe.js';
import { exploreCommand } from './commands/explore.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { sweepCommand } from './commands/sweep.js';
import { validateCommand } from './commands/validate.js';

const cli = yargs(hideBin(process.argv))
  .scriptName('povsim')
  .usage('povsim: who does poverty aid reach, and which rules fix it?\n\nUsage: $0 <command> [options]')
  .command(runCommand)
  .command(compareCommand)
  .command(sweepCommand)
  .command(mergeCommand)
  .command(validateCommand)
  .command(describeCommand)
  .command(schemaCommand)
  .command(chartCommand)
  .command(exploreCommand)
  .demandCommand(1, 'say which command to run (see povsim --help)')
  .recommendCommands()
  .strict()
  .version(VERSION)
  .help()
  .alias('h', 'help')
  .epilogue('Exit codes: 0 success, 2 bad input or usage, 1 internal error, 3 a sweep with failed runs, 130 interrupted (--resume continues). Docs: README.md, docs/')
  .wrap(Math.min(110, process.stdout.columns || 100))
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`povsim: ${message.replace(/\s*\n\s*/g, ' ')} (see povsim --help)\n`);
    process.exit(EXIT_USAGE);
  });

await cli.parseAsync();
