// Preloaded into povsim by tests (node --import): writes "listening SIGINT N" (or SIGTERM) to file
// descriptor 3 each time povsim starts listening for that signal (N counts the listeners added for
// it: 1 is the start-up handler of src/cli/startup.ts, 2 the command's own), so that a test sends
// the signal on that event, not after a guessed time. Nothing else changes.
import { writeSync } from 'node:fs';

const on = process.on.bind(process);
const added = { SIGINT: 0, SIGTERM: 0 };
process.on = (event, listener) => {
  const result = on(event, listener);
  if (event === 'SIGINT' || event === 'SIGTERM') {
    added[event] += 1;
    writeSync(3, `listening ${event} ${added[event]}\n`);
  }
  return result;
};
