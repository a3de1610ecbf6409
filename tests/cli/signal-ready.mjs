// Preloaded into povsim by tests (node --import): writes "listening SIGINT" (or SIGTERM) to file
// descriptor 3 when povsim starts listening for that signal, so that a test sends the signal on
// that event, not after a guessed time. Nothing else changes.
import { writeSync } from 'node:fs';

const on = process.on.bind(process);
process.on = (event, listener) => {
  const result = on(event, listener);
  if (event === 'SIGINT' || event === 'SIGTERM') writeSync(3, `listening ${event}\n`);
  return result;
};
