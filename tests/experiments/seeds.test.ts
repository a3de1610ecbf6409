import { describe, expect, it } from 'vitest';
import { replicateSeed, runSeed } from '../../src/experiments/seeds.js';

describe('runSeed', () => {
  it('reproduces the pinned values (no-regression snapshot: change only on purpose)', () => {
    // Changing these changes every published sweep result.
    expect(runSeed(1, 0, 0)).toBe(4184288654);
    expect(runSeed(1, 0, 1)).toBe(1758224449);
    expect(runSeed(1, 1, 0)).toBe(3852600845);
    expect(runSeed(0, 0, 0)).toBe(3722933797);
    expect(runSeed(42, 7, 3)).toBe(1541245059);
    expect(runSeed(4294967295, 1000, 99)).toBe(2754440664);
  });

  it('depends only on its arguments, not on call order', () => {
    const triples: [number, number, number][] = [];
    for (let p = 0; p < 10; p += 1) for (let r = 0; r < 10; r += 1) triples.push([5, p, r]);
    const forward = triples.map(([s, p, r]) => runSeed(s, p, r));
    const backward = [...triples].reverse().map(([s, p, r]) => runSeed(s, p, r)).reverse();
    expect(backward).toEqual(forward);
  });

  it('gives distinct uint32 seeds over 3 sweep seeds x 40 points x 30 replicates', () => {
    const seen = new Set<number>();
    for (const s of [0, 1, 12345]) {
      for (let p = 0; p < 40; p += 1) {
        for (let r = 0; r < 30; r += 1) {
          const seed = runSeed(s, p, r);
          expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
          seen.add(seed);
        }
      }
    }
    expect(seen.size).toBe(3 * 40 * 30);
  });

  it('rejects negative or fractional coordinates', () => {
    expect(() => runSeed(-1, 0, 0)).toThrow(RangeError);
    expect(() => runSeed(1, 0.5, 0)).toThrow(RangeError);
    expect(() => runSeed(1, 0, Number.NaN)).toThrow(RangeError);
  });
});

describe('replicateSeed', () => {
  it('reproduces the pinned values (no-regression snapshot: change only on purpose)', () => {
    expect(replicateSeed(1, 0)).toBe(3867393382);
    expect(replicateSeed(1, 1)).toBe(2648777712);
    expect(replicateSeed(0, 0)).toBe(1080171463);
    expect(replicateSeed(42, 5)).toBe(3205713607);
  });

  it('gives distinct seeds over 2000 replicates, disjoint from the runSeed family at the same numbers', () => {
    const reps = Array.from({ length: 2000 }, (_, r) => replicateSeed(7, r));
    expect(new Set(reps).size).toBe(2000);
    const runs = new Set(Array.from({ length: 2000 }, (_, r) => runSeed(7, 0, r)));
    expect(reps.filter((s) => runs.has(s))).toEqual([]);
  });
});

describe('sweep run seeds', () => {
  it('are common to every design point by default, and per point with seeds: independent', async () => {
    const { sweepRunSeed } = await import('../../src/experiments/sweep.js');
    expect(sweepRunSeed({ seed: 3, seeds: 'common' }, 7, 1)).toBe(runSeed(3, 0, 1));
    expect(sweepRunSeed({ seed: 3, seeds: 'common' }, 2, 1)).toBe(sweepRunSeed({ seed: 3, seeds: 'common' }, 7, 1));
    expect(sweepRunSeed({ seed: 3, seeds: 'independent' }, 7, 1)).toBe(runSeed(3, 7, 1));
    expect(sweepRunSeed({ seed: 3, seeds: 'independent' }, 2, 1)).not.toBe(sweepRunSeed({ seed: 3, seeds: 'independent' }, 7, 1));
  });
});
