/**
 * A real full disk for the tests: a small tmpfs, mounted when the test runs as root on Linux. Where
 * one cannot be mounted the test is skipped, saying why; in CI (env CI set) it fails instead: a test
 * skipped silently in CI tests nothing. Each test file unmounts its tmpfs with
 * `afterAll(unmountTmpfs)`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const mounted: string[] = [];

/** Mounts a tmpfs at `dir` (options such as `size=32k` or `ro,size=64k`); the reason it cannot, or null. */
export function mountTmpfs(dir: string, options: string): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    return `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
  mounted.push(dir);
  return null;
}

/** Mounts a tmpfs at `dir`, or skips the test (fails it in CI) saying why it cannot. */
export function mountTmpfsOrSkip(context: { skip: (note?: string) => never }, dir: string, options: string): void {
  const reason = mountTmpfs(dir, options);
  if (reason === null) return;
  if (process.env['CI']) throw new Error(`${reason}: CI must run the tmpfs tests (as root, able to mount; see .ci/run)`);
  console.warn(`skipped: ${reason}`);
  context.skip(reason);
}

/** Changes the options of a mounted tmpfs, e.g. `size=1m` to make room. */
export function remountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-o', `remount,${options}`, dir], { stdio: 'pipe' });
}

/** Unmounts every tmpfs this file mounted (last first). */
export function unmountTmpfs(): void {
  for (const dir of mounted.splice(0).reverse()) execFileSync('umount', [dir], { stdio: 'pipe' });
}
