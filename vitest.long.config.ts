import { defineConfig } from 'vitest/config';
import quick from './vitest.config.js';

/**
 * `npm run test:long`: the long robustness suites at full size (fuzzing of scenario, sweep and study
 * files, repeated SIGKILLs of sweeps and calibrations, properties over many random scenarios), the
 * effect of every parameter, and the slow cases `npm test` leaves out or runs smaller (tests/long.ts:
 * LONG and sized): calibrations beyond one of each kind, scenario discovery on 400 real runs, the
 * issue's 7-scenario comparison, more full-disk sizes, compare and sweep output files with 1 worker
 * as well as 2, an outside SIGKILL of a sweep, 80,000-key YAML files, every bad targets and study file through the
 * command line, every command into every refused output folder (system folders, files povsim did not
 * write, a lock) and merge at five full-disk sizes, every shipped scenario through `povsim run`,
 * a sweep and a rejection ABC calibration in 3 shards, the model's exact properties on ten seeds, and the
 * explorer's comparison on its default 20 replicates.
 * `npm test` runs a small sample of each, and at least one case of every command and feature.
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
      'tests/model/behaviour.test.ts',
      'tests/model/parameter-effects.test.ts',
      'tests/cli/run.test.ts',
      'tests/cli-experiments/calibrate.test.ts',
      'tests/cli-experiments/experiments-cli.test.ts',
      'tests/cli-experiments/robust-cli.test.ts',
      'tests/experiments/robust-discovery-model.test.ts',
      'tests/explore/explore.browser.test.ts',
      'tests/hardening/cli-edge.test.ts',
      'tests/hardening/folders.test.ts',
      'tests/hardening/read.test.ts',
      'tests/robustness/output-failures.test.ts',
      'tests/robustness/output-files.test.ts',
    ],
    env: { POVSIM_LONG_TESTS: '1' },
  },
});
