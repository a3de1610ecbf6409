import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  binGiniValues,
  GINI_SUMS,
  gini,
  giniBinLayout,
  giniBinned,
  giniBins,
  giniOfBins,
  giniOfSums,
  giniSums,
  mergeGiniSums,
} from '../../src/metrics/index.js';

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

describe('giniSums, mergeGiniSums and giniOfSums (the passes of giniBinned)', () => {
  /** A double's high 32 bits (sign, exponent, 20 mantissa bits). */
  const highWord = (x: number): number => new Uint32Array(new Float64Array([x]).buffer)[1]!;

  it('give the hand-worked first-pass sums', () => {
    // -1 (clamped, counts only as weight), 2 (weight 1), 4 (weight 2): weight 4, income 2 + 2*4 = 10;
    // high words 0x40000000 (2 = 2^1) and 0x40100000 (4 = 2^2).
    const out = new Float64Array(GINI_SUMS);
    giniSums(new Float64Array([-1, 2, 4]), [1, 1, 2], 0, 3, out, 0);
    expect(Array.from(out)).toEqual([4, 10, 0x40000000, 0x40100000]);
    expect([highWord(2), highWord(4)]).toEqual([0x40000000, 0x40100000]);
    // No positive value: the extremes stay at their starting points (above any high word, and 0).
    giniSums(new Float64Array([-1, 0]), [1, 1], 0, 2, out, 0);
    expect(Array.from(out)).toEqual([2, 0, 0x7fffffff, 0]);
  });

  it('merge ranges by adding totals and keeping the extremes', () => {
    // [1, 2] | [4]: weights 1, 1 | 3: totals 2 + 3 = 5 and 3 + 12 = 15, high words of 1 and 4.
    const values = new Float64Array([1, 2, 4]);
    const weights = [1, 1, 3];
    const total = new Float64Array(GINI_SUMS);
    const part = new Float64Array(GINI_SUMS);
    giniSums(values, weights, 0, 2, total, 0);
    giniSums(values, weights, 2, 3, part, 0);
    mergeGiniSums(total, 0, part, 0);
    expect(Array.from(total)).toEqual([5, 15, highWord(1), highWord(4)]);
    // G of [1, 2, 4, 4, 4]: sum over pairs |x_i - x_j| = 1 + 3*3 + 3*2 = 16 (pairs i < j), so
    // G = 2 * 16 / (2 * 5^2 * 3) = 16/75; the bins hold equal values, so the binned Gini is exact.
    expect(giniOfSums(values, weights, bins(16), total, 0)).toBeCloseTo(16 / 75, 15);
    expect(giniOfSums(values, weights, bins(16), total, 0)).toBe(giniBinned(values, weights, bins(16)));
  });

  it('bin ranges apart into their own bins (giniBinLayout, binGiniValues, giniOfBins): the hand-worked example', () => {
    // [1, 2 | 4, 4, 4] as values [1, 2, 4] with weights [1, 1, 3], split after the second value.
    const values = new Float64Array([1, 2, 4]);
    const weights = [1, 1, 3];
    const sums = new Float64Array(GINI_SUMS);
    giniSums(values, weights, 0, 3, sums, 0);
    // 16 bins: high words of 1 (0x3ff00000) to 4 (0x40100000) differ by 0x200000 = 2^21;
    // 2^21 >>> 18 = 8 < 15 but >>> 17 = 16 >= 15, so the shift is 18.
    const layout = giniBinLayout(sums, 0, 16)!;
    expect(layout).toEqual({ highMin: 0x3ff00000, shift: 18 });
    const first = bins(16);
    const second = bins(16);
    binGiniValues(values, weights, 0, 2, layout, first);
    binGiniValues(values, weights, 2, 3, layout, second);
    // 1 -> bin 1, 2 (0x40000000: 2^20 >>> 18 = 4) -> bin 5, 4 (2^21 >>> 18 = 8) -> bin 9.
    expect([first[1], first[5], first[16 + 1], first[16 + 5]]).toEqual([1, 1, 1, 2]);
    expect([second[9], second[16 + 9]]).toEqual([3, 12]);
    expect(giniOfBins([first, second], sums, 0)).toBeCloseTo(16 / 75, 15);
    // Undefined Gini: no layout, and giniOfBins says null too.
    const zero = new Float64Array([2, 0, 0, 0]);
    expect(giniBinLayout(zero, 0, 16)).toBeNull();
    expect(giniOfBins([bins(16)], zero, 0)).toBeNull();
    expect(() => giniOfBins([], sums, 0)).toThrow(RangeError);
    expect(() => giniOfBins([bins(16), bins(8)], sums, 0)).toThrow(RangeError);
  });

  it('property: values binned in two ranges and merged give giniBinned to rounding, and giniOfSums exactly for one range', () => {
    fc.assert(
      fc.property(weightedArb, fc.nat(), fc.integer({ min: 1, max: 12 }), (pairs, cut, binBits) => {
        const values = new Float64Array(pairs.map((p) => p[0]));
        const weights = pairs.map((p) => p[1]);
        const a = cut % (values.length + 1);
        const sums = new Float64Array(GINI_SUMS);
        giniSums(values, weights, 0, values.length, sums, 0);
        const binned = giniBinned(values, weights, bins(2 ** binBits));
        const layout = giniBinLayout(sums, 0, 2 ** binBits);
        if (layout === null) {
          expect(binned).toBeNull();
          return;
        }
        const [first, second, whole] = [bins(2 ** binBits), bins(2 ** binBits), bins(2 ** binBits)];
        binGiniValues(values, weights, 0, a, layout, first);
        binGiniValues(values, weights, a, values.length, layout, second);
        expect(giniOfBins([first, second], sums, 0)).toBeCloseTo(binned!, 12);
        binGiniValues(values, weights, 0, values.length, layout, whole);
        expect(giniOfBins([whole], sums, 0)).toBe(binned);
      }),
      { numRuns: 200 },
    );
  });

  it('reject a non-finite value, a bad weight, a range outside the arrays, and too few bins', () => {
    const out = new Float64Array(GINI_SUMS);
    expect(() => giniSums(new Float64Array([1, Number.POSITIVE_INFINITY]), [1, 1], 0, 2, out, 0)).toThrow('values[1] must be a finite number');
    expect(() => giniSums(new Float64Array([1]), [-1], 0, 1, out, 0)).toThrow(RangeError);
    expect(() => giniSums(new Float64Array([1]), [1], 0, 2, out, 0)).toThrow(RangeError);
    expect(() => giniOfSums(new Float64Array([1]), [1], new Float64Array(2), out, 0)).toThrow(RangeError);
  });

  it('property: any split into two ranges, merged, gives giniBinned to rounding (the binning is the same)', () => {
    fc.assert(
      fc.property(weightedArb, fc.nat(), fc.integer({ min: 1, max: 12 }), (pairs, cut, binBits) => {
        const values = new Float64Array(pairs.map((p) => p[0]));
        const weights = pairs.map((p) => p[1]);
        const a = cut % (values.length + 1);
        const total = new Float64Array(GINI_SUMS);
        const part = new Float64Array(GINI_SUMS);
        giniSums(values, weights, 0, a, total, 0);
        giniSums(values, weights, a, values.length, part, 0);
        mergeGiniSums(total, 0, part, 0);
        const whole = new Float64Array(GINI_SUMS);
        giniSums(values, weights, 0, values.length, whole, 0);
        expect([total[0], total[2], total[3]]).toEqual([whole[0], whole[2], whole[3]]);
        const fromParts = giniOfSums(values, weights, bins(2 ** binBits), total, 0);
        const binned = giniBinned(values, weights, bins(2 ** binBits));
        if (binned === null) expect(fromParts).toBeNull();
        else expect(fromParts).toBeCloseTo(binned, 12);
      }),
      { numRuns: 200 },
    );
  });
});
