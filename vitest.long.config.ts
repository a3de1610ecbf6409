import { defineConfig } from 'vitest/config';
import quick from './vitest.config.js';

/**
 * `npm run test:long`: the long robustness suites at full size (fuzzing of scenario, sweep and study files,
 * repeated SIGKILLs of sweeps and calibrations, properties over many random scenarios) and the effect of every parameter.
 * `npm test` runs a small sample of each.
 */
export default defineConfig({
  test: {
    ...quick.test,
    include: [
      'tests/robustness/scenario-fuzz.test.ts',
      'tests/robustness/sweep-fuzz.test.ts',
      'tests/robustness/study-fuzz.test.ts',
      'tests/robustness/interruption.test.ts',
      'tests/robustness/invariants.test.ts',
      'tests/model/parameter-effects.test.ts',
      'tests/cli-experiments/calibrate.test.ts',
    ],
    env: { POVSIM_LONG_TESTS: '1' },
  },
});
