// Preloaded into povsim by tests (node --import): povsim sends itself SIGINT, as Ctrl-C would, at
// the exact moment POVSIM_TEST_SIGNAL_AT names (an event, not a time), then goes on:
//   rename:FILE   just before the first rename of a temporary file onto FILE (an atomic write's
//                 new content written in full, not yet in place)
//   read:FILE     just before FILE is first opened for reading
// With no listener for SIGINT the process dies there, as it would from a Ctrl-C at that instant.
import fs from 'node:fs';
import { basename } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const [kind, file] = (process.env['POVSIM_TEST_SIGNAL_AT'] ?? '').split(':');

const readOnly = (flags) => flags === undefined || flags === 'r' || (typeof flags === 'number' && (flags & 3) === fs.constants.O_RDONLY);

if (isMainThread && kind && file) {
  let sent = false;
  const signal = () => {
    if (sent) return;
    sent = true;
    process.kill(process.pid, 'SIGINT');
  };
  const { openSync, renameSync } = fs;
  fs.renameSync = function (from, to) {
    if (kind === 'rename' && basename(String(to)) === file) signal();
    return renameSync.call(this, from, to);
  };
  fs.openSync = function (path, flags, ...more) {
    if (kind === 'read' && basename(String(path)) === file && readOnly(flags)) signal();
    return openSync.call(this, path, flags, ...more);
  };
  syncBuiltinESMExports();
}
