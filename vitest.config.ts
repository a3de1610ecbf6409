import { configDefaults, defineConfig } from 'vitest/config';

/** The suite of `npm test`: every test file; the long robustness suites run a small sample (tests/long.ts). */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/cluster needs root and a Slurm it starts itself: `npm run test:cluster`.
    exclude: [...configDefaults.exclude, 'tests/cluster/**'],
    // Hang guards only, never a limit a test is meant to meet: no test asserts speed, and on a busy
    // 2-core machine a test may take many times its usual time. A test that hangs still fails.
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
    globalSetup: ['tests/fresh-dist.ts'],
    // Two test files at a time even on 2 cores (vitest's default is cores - 1): most suites wait on
    // povsim processes they start, so the second core would sit idle (npm test: 3 min 9 s with two,
    // 4 min 8 s with one, on the quiet 2-core development machine).
    maxWorkers: 2,
  },
});
