import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gini, giniBinned, giniBins } from '../../src/metrics/index.js';

/** Exactly `count` bins (giniBins gives at least 1,024). */
const bins = (count: number): Float64Array => new Float64Array(2 * count);

// Incomes in yuan with fen, some of them negative (clamped to 0), weights of persons per household.
const yuan = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((fen) => fen / 100);
const weightedArb = fc.array(fc.tuple(yuan(-2000, 1e6), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 300 });

describe('giniBinned', () => {
  it('gives exact hand-worked values when every bin holds equal values', () => {
    expect(giniBinned(new Float64Array([1, 2, 3, 4]), [1, 1, 1, 1], bins(16))).toBe(0.25);
    // gini([1, 1, 1, 3]) written with weights: 12 / (2 * 16 * 1.5)
    expect(giniBinned(new Float64Array([1, 3]), new Uint8Array([3, 1]), bins(16))).toBe(0.25);
    // -5 and 0 are both clamped to 0: gini([0, 0, 0, 10]) = 0.75
    expect(giniBinned(new Float64Array([-5, 0, 0, 10]), [1, 1, 1, 1], bins(16))).toBe(0.75);
    expect(giniBinned(new Float64Array([7, 7, 7]), [1, 2, 3], bins(16))).toBe(0);
  });

  it('returns null like gini when there is no weight or no income', () => {
    expect(giniBinned(new Float64Array([]), [], bins(4))).toBeNull();
    expect(giniBinned(new Float64Array([1, 2]), [0, 0], bins(4))).toBeNull();
    expect(giniBinned(new Float64Array([-3, 0]), [1, 1], bins(4))).toBeNull();
  });

  it('rejects what gini rejects, and fewer than 2 bins', () => {
    expect(() => giniBinned(new Float64Array([1, 2]), [1, 1], new Float64Array(2))).toThrow(RangeError);
    expect(() => giniBinned(new Float64Array([1, 2]), [1], bins(4))).toThrow(RangeError);
    expect(() => giniBinned(new Float64Array([1, Number.NaN]), [1, 1], bins(4))).toThrow(RangeError);
    expect(() => giniBinned(new Float64Array([1, 2]), [1, -1], bins(4))).toThrow(RangeError);
  });

  it('is never above the exact Gini, and below it by at most its documented bound r (1 + r) / 2 * max bin weight / W', () => {
    fc.assert(
      fc.property(weightedArb, fc.integer({ min: 1, max: 12 }), (pairs, binBits) => {
        const values = new Float64Array(pairs.map((p) => p[0]));
        const weights = pairs.map((p) => p[1]);
        const exact = gini(values, weights);
        const b = bins(2 ** binBits);
        const binned = giniBinned(values, weights, b);
        if (exact === null) return binned === null;
        if (binned === null) return false;
        // The bound, with r from the bins' shift and the heaviest bin from giniBinned's own bins.
        const count = b.length / 2;
        const positive = Array.from(values).filter((x) => x > 0);
        const high = (x: number): number => new Uint32Array(new Float64Array([x]).buffer)[1]!;
        const span = high(Math.max(...positive)) - high(Math.min(...positive));
        let shift = 0;
        while (span >>> shift >= count - 1) shift++;
        const r = 2 ** (shift - 20);
        const totalWeight = weights.reduce((s, w) => s + w, 0);
        const heaviest = Math.max(...Array.from(b.subarray(1, count)));
        const bound = ((r * (1 + r)) / 2) * (heaviest / totalWeight);
        return binned <= exact + 1e-12 && exact - binned <= bound + 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it('gives scratch of a power of two bins between 1,024 and 131,072', () => {
    expect(giniBins(1).length).toBe(2 * 1024);
    expect(giniBins(9_000).length).toBe(2 * 8192);
    expect(giniBins(10_000_000).length).toBe(2 * 131_072);
  });

  it('is within 1e-6 of the exact Gini on 100,000 log-normal incomes with giniBins(100,000) (65,536 bins)', () => {
    let state = 12345;
    const uniform = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state + 0.5) / 4294967296;
    };
    const n = 100_000;
    const values = new Float64Array(n);
    const weights = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      values[i] = uniform() < 0.02 ? -1000 * uniform() : 5000 * Math.exp(0.8 * z);
      weights[i] = 1 + Math.floor(uniform() * 6);
    }
    const exact = gini(values, weights)!;
    const binned = giniBinned(values, weights, giniBins(n))!;
    expect(exact - binned).toBeGreaterThanOrEqual(0);
    expect(exact - binned).toBeLessThan(1e-6);
  });
});
