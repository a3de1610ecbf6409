import { expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers.js';

/**
 * Starts povsim with `args` and sends `signal` once the command itself listens for that signal (the
 * second listener, after the start-up handler: an event reported on file descriptor 3 by
 * tests/cli/signal-ready.mjs, never a guessed time); its exit code and stderr.
 */
async function interrupted(args: readonly string[], signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', resolve('tests/cli/signal-ready.mjs'), 'bin/povsim.js', ...args], {
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let heard = '';
  const listening = (chunk: Buffer): void => {
    heard += chunk.toString();
    if (!heard.includes(`listening ${signal} 2\n`)) return;
    child.stdio[3]!.off('data', listening);
    child.kill(signal);
  };
  child.stdio[3]!.on('data', listening);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stderr };
}

it.each(['SIGINT', 'SIGTERM'] as const)('%s during povsim run stops cleanly: exit 130, one line, nothing written', async (signal) => {
  const out = join(tempDir(), 'interrupted');
  // A run long enough (seconds of work) to be still running when the signal comes.
  const { code, stderr } = await interrupted(['run', '--households', '200000', '--no-charts', '--out', out], signal);
  expect(code, stderr).toBe(130);
  expect(stderr).toMatch(/^povsim: interrupted after \d+ of 60 months; nothing was written to .*run the same command again/);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(existsSync(out)).toBe(false);
});

it('SIGINT during povsim compare stops cleanly: exit 130, one line, nothing written', async () => {
  const out = join(tempDir(), 'interrupted-compare');
  const { code, stderr } = await interrupted(
    ['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '200', '--workers', '1', '--no-charts', '--out', out],
    'SIGINT',
  );
  expect(code, stderr).toBe(130);
  expect(stderr).toMatch(/povsim: interrupted after \d+ of 400 runs; nothing was written to .*run the same command again/);
  expect(existsSync(out)).toBe(false);
});
