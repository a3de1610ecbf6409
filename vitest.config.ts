import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/cluster needs root and a Slurm it starts itself: `npm run test:cluster`.
    exclude: [...configDefaults.exclude, 'tests/cluster/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
