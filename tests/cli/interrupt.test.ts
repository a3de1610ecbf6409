import { expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

it.each(['SIGINT', 'SIGTERM'] as const)('%s during povsim run stops cleanly: exit 130, one line, nothing written', async (signal) => {
  const out = join(tempDir(), 'interrupted');
  // A run long enough (about 5 s here) to be stopped part-way.
  const child = spawn(process.execPath, ['bin/povsim.js', 'run', '--households', '500000', '--no-charts', '--out', out], {
    env: { ...process.env, CI: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  setTimeout(() => child.kill(signal), 2000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(130);
  expect(stderr).toMatch(/^povsim: interrupted after \d+ of 60 months; nothing was written to .*run the same command again/);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(existsSync(out)).toBe(false);
});

it('SIGINT during povsim compare stops cleanly: exit 130, one line, nothing written', async () => {
  const out = join(tempDir(), 'interrupted-compare');
  const child = spawn(
    process.execPath,
    ['bin/povsim.js', 'compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--replicates', '200', '--workers', '1', '--no-charts', '--out', out],
    { env: { ...process.env, CI: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  setTimeout(() => child.kill('SIGINT'), 2500);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(130);
  expect(stderr).toMatch(/povsim: interrupted after \d+ of 400 runs; nothing was written to .*run the same command again/);
  expect(existsSync(out)).toBe(false);
});
