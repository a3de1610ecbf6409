import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the Slurm example on a real one-node Slurm (tests/cluster/), apart from
// `npm test` because it starts daemons as root and takes minutes. Its waits poll for state
// changes with their own hang guard; the timeouts here only bound a whole test.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
  },
});
