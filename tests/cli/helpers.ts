import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Minutes after which a command counts as hung: far beyond any command a test runs. */
const HANG_GUARD_MS = 10 * 60_000;

/** Runs the built command line (`npm test` builds first) in the project folder. */
export function povsim(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(process.cwd(), 'bin/povsim.js'), ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CI: '1', ...options.env },
    encoding: 'utf8',
    // A hang guard only (spawnSync blocks the test's own timeout): no test asserts how long a
    // command takes, and on a busy machine a command may take many times its usual time.
    timeout: HANG_GUARD_MS,
  });
  if (result.error !== undefined) throw new Error(`povsim ${args.join(' ')}: ${result.error.message} (hang guard: ${HANG_GUARD_MS / 60_000} minutes)`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'povsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
