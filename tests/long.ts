/**
 * Quick and long test runs. `npm test` runs every file with a small sample of the long robustness
 * suites (fuzzing, kills, properties); `npm run test:long` (vitest.long.config.ts) runs those suites
 * at full size. Sizes may still be set by hand (FUZZ_CASES, KILLS, PROPERTY_SCALE).
 */

/** True under `npm run test:long`. */
export const LONG = process.env['POVSIM_LONG_TESTS'] === '1';

/** `quick` under `npm test`, `long` under `npm run test:long`. */
export function sized<T>(quick: T, long: T): T {
  return LONG ? long : quick;
}
