/**
 * The povsim command line: a thin layer over the library API (src/api.ts). Each command lives in
 * commands/ and loads its heavy modules only when it runs, so `povsim --help` starts fast.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from '../version.js';
import { EXIT_USAGE } from './failure.js';
import { endOfOptionsProblem, flagProblem, type FlagTable } from './flags.js';
import { calibrateCommand } from './commands/calibrate.js';
import { chartCommand } from './commands/chart.js';
import { compareCommand } from './commands/compare.js';
import { describeCommand } from './commands/describe.js';
import { exploreCommand } from './commands/explore.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { sweepCommand } from './commands/sweep.js';
import { robustCommand } from './commands/robust.js';
import { validateCommand } from './commands/validate.js';

const tokens = hideBin(process.argv);
// Words after `--` never reach a command's arguments in yargs: refused before parsing (flags.ts).
const afterEnd = endOfOptionsProblem(tokens);
if (afterEnd !== null) {
  process.stderr.write(`povsim: ${afterEnd} (see povsim --help)\n`);
  process.exit(EXIT_USAGE);
}
const cli = yargs(tokens)
  .scriptName('povsim')
  .usage('povsim: who does poverty aid reach, and which rules fix it?\n\nUsage: $0 <command> [options]')
  .command(runCommand)
  .command(compareCommand)
  .command(sweepCommand)
  .command(mergeCommand)
  .command(robustCommand)
  .command(calibrateCommand)
  .command(validateCommand)
  .command(describeCommand)
  .command(schemaCommand)
  .command(chartCommand)
  .command(exploreCommand)
  .demandCommand(1, 'say which command to run (see povsim --help)')
  .recommendCommands()
  .strict()
  // Repeated or empty flags, for every command (flags.ts).
  .check((argv, options) => flagProblem(tokens, argv, options as unknown as FlagTable) ?? true, true)
  .version(VERSION)
  .help()
  .alias('h', 'help')
  .epilogue('Exit codes: 0 success, 2 bad input or usage, 1 internal error, 3 a sweep with failed runs, 130 interrupted (--resume continues). Docs: README.md, docs/')
  .wrap(Math.min(110, process.stdout.columns || 100))
  .fail((message, error) => {
    // An Error is a bug; a usage problem (from yargs or the flag check) comes as a message.
    if (error instanceof Error) throw error;
    process.stderr.write(`povsim: ${message.replace(/\s*\n\s*/g, ' ')} (see povsim --help)\n`);
    process.exit(EXIT_USAGE);
  });

await cli.parseAsync();
