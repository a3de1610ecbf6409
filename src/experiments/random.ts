/**
 * Seeded uniform generator for the experiments layer (design generation, bootstrap resampling).
 *
 * Design generation is not hot, so seedrandom's Alea generator is used for its string seeding: a
 * seed may be a number or any string, and derived streams are named by strings such as
 * `${seed}/lhs/${factorName}`. Simulation runs do not use this; they get their own engine streams.
 */
import seedrandom from 'seedrandom';

/** A uniform generator on [0, 1): each call returns the next number of a fixed sequence. */
export type UniformRandom = () => number;

/**
 * Builds a deterministic uniform [0, 1) generator from a seed, using seedrandom's Alea algorithm
 * (Baagoe 2010) keyed by `String(seed)`. The same seed always gives the same sequence; the numeric
 * seed `1` and the string seed `'1'` give the same sequence.
 *
 * @example
 * const rng = makeRandom(42);
 * rng(); // 0.6848634963389486 (the same on every run)
 */
export function makeRandom(seed: number | string): UniformRandom {
  const prng = seedrandom.alea(String(seed));
  return () => prng();
}

/**
 * Draws an integer uniformly from {0, 1, ..., n - 1} with `rng`.
 *
 * @example
 * randomIndex(() => 0.5, 4); // 2
 */
export function randomIndex(rng: UniformRandom, n: number): number {
  const i = Math.floor(rng() * n);
  return i < n ? i : n - 1;
}

/**
 * Returns a uniformly random permutation of 0..n-1 (Fisher-Yates / Durstenfeld shuffle, Knuth
 * TAOCP vol. 2, Algorithm P), consuming exactly n - 1 draws of `rng`.
 *
 * @example
 * randomPermutation(() => 0, 3); // [1, 2, 0]
 */
export function randomPermutation(rng: UniformRandom, n: number): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = randomIndex(rng, i + 1);
    const tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
  }
  return perm;
}
