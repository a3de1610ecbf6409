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
  },
});
