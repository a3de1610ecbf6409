import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command line (`npm test` builds first) in the project folder. */
export function povsim(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(process.cwd(), 'bin/povsim.js'), ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CI: '1', ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'povsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
