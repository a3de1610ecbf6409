// Preloaded into `povsim sweep` by interruption.test.ts (node --import): the process kills itself
// with SIGKILL at the exact moment POVSIM_TEST_KILL_AT names, an event rather than a time:
//   line:N             just after it wrote the N-th line of results.csv (the header counts)
//   torn:N             halfway through writing the N-th line of results.csv
//   rename:FILE:N      just before the N-th rename of a temporary file onto FILE (its new
//                      content written in full, not yet in place)
// POVSIM_TEST_KILL_FILE names another file to watch instead of results.csv (runs.csv of povsim calibrate).
// SIGKILL cannot be caught: to the sweep this is the same as a kill from outside at that instant.
// Or it signals itself, as Ctrl-C or `kill` would, and goes on:
//   SIGINT:N, SIGTERM:N, SIGINT2:N   just after the N-th line (SIGINT2: two SIGINTs at once)
import fs from 'node:fs';
import { basename } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const [kind, ...rest] = (process.env['POVSIM_TEST_KILL_AT'] ?? '').split(':');
const target = Number(rest.at(-1));
const renamed = rest.length > 1 ? rest[0] : '';
const watched = process.env['POVSIM_TEST_KILL_FILE'] || 'results.csv';

if (isMainThread && kind) {
  const die = () => process.kill(process.pid, 'SIGKILL');
  const { openSync, writeSync, renameSync } = fs;
  const results = new Set();
  let lines = 0;
  let renames = 0;
  fs.openSync = function (path, ...more) {
    const fd = openSync.call(this, path, ...more);
    if (basename(String(path)) === watched) results.add(fd);
    return fd;
  };
  fs.closeSync = ((closeSync) => function (fd) {
    results.delete(fd);
    return closeSync.call(this, fd);
  })(fs.closeSync);
  fs.writeSync = function (fd, data, ...more) {
    if (!results.has(fd) || kind.startsWith('rename')) return writeSync.call(this, fd, data, ...more);
    // A write to results.csv: a whole string or buffer (offset and length honoured for a buffer).
    let bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (typeof data !== 'string' && typeof more[0] === 'number') bytes = bytes.subarray(more[0], more[0] + (more[1] ?? bytes.length - more[0]));
    for (let at = 0; at < bytes.length; at += 1) {
      if (bytes[at] !== 0x0a) continue;
      lines += 1;
      if (lines !== target) continue;
      if (kind.startsWith('SIG')) {
        const written = writeSync.call(this, fd, data, ...more);
        const signal = kind === 'SIGINT2' ? 'SIGINT' : kind;
        process.kill(process.pid, signal);
        if (kind === 'SIGINT2') process.kill(process.pid, signal);
        return written;
      }
      const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
      const upTo = kind === 'line' ? at + 1 : lineStart + Math.max(1, Math.floor((at + 1 - lineStart) / 2));
      writeSync.call(this, fd, bytes, 0, upTo);
      die();
    }
    return writeSync.call(this, fd, data, ...more);
  };
  fs.renameSync = function (from, to) {
    if (kind === 'rename' && basename(String(to)) === renamed) {
      renames += 1;
      if (renames === target) die();
    }
    return renameSync.call(this, from, to);
  };
  syncBuiltinESMExports();
}
