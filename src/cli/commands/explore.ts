/** `povsim explore`: the model in the browser, served on this machine or written as a static folder. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface ExploreArgs {
  out?: string;
  port: number;
  open: boolean;
}

export const exploreCommand: CommandModule<object, ExploreArgs> = {
  command: 'explore',
  describe: 'Open the explorer: change parameters, run the model and compare scenarios in the browser',
  builder: (y: Argv) =>
    y
      .option('out', { type: 'string', describe: 'Write the page to this folder (works from disk and on any static host) instead of serving it' })
      .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 to serve on (0: a free one)' })
      .option('open', { type: 'boolean', default: true, describe: 'Open the default browser when there is one (--no-open: only print the address)' })
      .example('$0 explore', 'Serve the explorer on 127.0.0.1 and open it; Ctrl-C stops')
      .example('$0 explore --out explorer', 'Write the explorer to explorer/ (open explorer/index.html)')
      .epilogue('Exit codes: 0 success (also when Ctrl-C stops the server), 2 bad input or a folder povsim did not write, 1 internal error. Docs: docs/explore.md') as unknown as Argv<ExploreArgs>,
  handler: (args) => runHandler(async () => (await import('./explore-handler.js')).explore(args)),
};
