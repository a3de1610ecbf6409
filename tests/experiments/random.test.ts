import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeRandom, randomIndex, randomPermutation } from '../../src/experiments/random.js';

describe('makeRandom', () => {
  it('reproduces the pinned Alea sequence for seed 42 (no-regression snapshot)', () => {
    const rng = makeRandom(42);
    expect([rng(), rng(), rng()]).toEqual([0.6848634963389486, 0.5463244677521288, 0.8455933185759932]);
  });

  it('treats the number 42 and the string "42" alike, and different seeds differently', () => {
    expect(makeRandom('42')()).toBe(makeRandom(42)());
    expect(makeRandom(43)()).not.toBe(makeRandom(42)());
  });

  it('stays in [0, 1) (property)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const rng = makeRandom(seed);
        for (let i = 0; i < 50; i += 1) {
          const u = rng();
          expect(u >= 0 && u < 1).toBe(true);
        }
      }),
    );
  });
});

describe('randomIndex and randomPermutation', () => {
  it('maps draws to indices by flooring', () => {
    expect(randomIndex(() => 0, 4)).toBe(0);
    expect(randomIndex(() => 0.5, 4)).toBe(2);
    expect(randomIndex(() => 0.9999999999, 4)).toBe(3);
  });

  it('shuffles as Durstenfeld with all-zero draws: [0,1,2] -> swap(2,0) -> swap(1,0) -> [1,2,0]', () => {
    expect(randomPermutation(() => 0, 3)).toEqual([1, 2, 0]);
  });

  it('returns a permutation of 0..n-1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
        const perm = randomPermutation(makeRandom(seed), n);
        expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });
});
