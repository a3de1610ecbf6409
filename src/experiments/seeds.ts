/**
 * Seeds for simulation runs, derived by hashing the run's coordinates and nothing else.
 *
 * Why: a sweep may run in any order, on any number of workers, split into shards and resumed after
 * a crash. If a run's seed came from a shared generator advanced run by run, its result would depend
 * on the schedule. Here the seed of (sweep seed, design point, replicate) is a pure function of
 * those three numbers, so every schedule gives identical results, and a single run can be
 * reproduced on its own from its row in the output.
 *
 * How: the coordinates are written into a string and fed to seedrandom's default ARC4 generator as
 * key (its key schedule mixes every character); the first 32 output bits are the seed. The exact
 * values are pinned by a snapshot test: changing this scheme changes every published result, so it
 * may only change on purpose.
 */
import seedrandom from 'seedrandom';

function assertSeedPart(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

function uint32FromKey(key: string): number {
  return seedrandom(key).int32() >>> 0;
}

/**
 * Seed (uint32, 0..2^32-1) of the run for replicate `replicate` at design point `designPoint` of a
 * sweep with seed `sweepSeed`: the first 32 bits of seedrandom (ARC4) keyed by
 * `${sweepSeed}/point/${designPoint}/rep/${replicate}`. Depends only on these three numbers, never
 * on run order, worker count or sharding.
 *
 * Replicate r at different design points gets different seeds (no common random numbers across
 * points of a sweep; use `replicateSeed` for a paired comparison of scenarios).
 *
 * @throws RangeError if an argument is not a non-negative safe integer.
 * @example
 * runSeed(1, 0, 0); // 4184288654 (pinned in tests/experiments/seeds.test.ts)
 */
export function runSeed(sweepSeed: number, designPoint: number, replicate: number): number {
  assertSeedPart(sweepSeed, 'runSeed: sweepSeed');
  assertSeedPart(designPoint, 'runSeed: designPoint');
  assertSeedPart(replicate, 'runSeed: replicate');
  return uint32FromKey(`${sweepSeed}/point/${designPoint}/rep/${replicate}`);
}

/**
 * Seed (uint32) of replicate `replicate` in a comparison of scenarios with base seed `baseSeed`:
 * the first 32 bits of seedrandom (ARC4) keyed by `${baseSeed}/rep/${replicate}`.
 *
 * Common random numbers: replicate r of EVERY scenario in a comparison gets this same seed, so the
 * scenarios face the same harvests, shocks and draws, and `pairedDifference` of their metrics
 * isolates the effect of the rules that differ. The key differs in form from `runSeed`'s, so
 * comparison seeds and sweep seeds are separate families.
 *
 * @throws RangeError if an argument is not a non-negative safe integer.
 * @example
 * replicateSeed(1, 0); // 3867393382 (pinned in tests/experiments/seeds.test.ts)
 */
export function replicateSeed(baseSeed: number, replicate: number): number {
  assertSeedPart(baseSeed, 'replicateSeed: baseSeed');
  assertSeedPart(replicate, 'replicateSeed: replicate');
  return uint32FromKey(`${baseSeed}/rep/${replicate}`);
}
