import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gini, giniSorted, rankOrder } from '../../src/metrics/index.js';

/** The defining O(n^2) double sum, with negatives clamped to 0: sum w_i w_j |x_i - x_j| / (2 W^2 mean). */
function bruteGini(values: readonly number[], weights: readonly number[]): number | null {
  const x = values.map((v) => Math.max(0, v));
  const W = weights.reduce((s, w) => s + w, 0);
  const S = x.reduce((s, v, i) => s + weights[i] * v, 0);
  if (W === 0 || S === 0) return null;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x.length; j++) pairs += weights[i] * weights[j] * Math.abs(x[i] - x[j]);
  }
  return pairs / (2 * W * W * (S / W));
}

// Incomes in yuan with fen (cents): realistic and free of subnormal doubles, whose underflow would
// break the brute-force reference, not the function under test.
const yuan = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((fen) => fen / 100);
const incomeArb = yuan(0, 1e6);
const incomesArb = fc.array(incomeArb, { minLength: 1, maxLength: 80 });
const weightedArb = fc.array(fc.tuple(yuan(-2000, 1e5), fc.integer({ min: 0, max: 7 })), {
  minLength: 1,
  maxLength: 60,
});

describe('gini', () => {
  it('gives exact hand-worked values', () => {
    // |x_i - x_j| over unordered pairs of 1,2,3,4: 1+2+3+1+2+1 = 10, ordered 20; mean 2.5
    // G = 20 / (2 * 4^2 * 2.5) = 0.25
    expect(gini([1, 2, 3, 4])).toBe(0.25);
    // weights 3, 1 on values 1, 3 = list 1,1,1,3: ordered pairs 3*1*2*2 = 12, W = 4, mean 1.5
    // G = 12 / (2 * 16 * 1.5) = 0.25
    expect(gini([1, 3], [3, 1])).toBe(0.25);
    expect(gini(new Float32Array([1, 3]), new Uint8Array([3, 1]))).toBe(0.25);
    // one of four has everything: ordered pairs 6 * 10 = 60, mean 2.5, G = 60 / 80 = 0.75 = 1 - 1/n
    expect(gini([0, 0, 0, 10])).toBe(0.75);
    // order of input does not matter
    expect(gini([10, 0, 0, 0])).toBe(0.75);
  });

  it('clamps negative values to 0', () => {
    // -5 counts as 0, so this is gini([0, 0, 0, 10]) = 0.75
    expect(gini([-5, 0, 0, 10])).toBe(0.75);
  });

  it('is exactly 0 for equal values', () => {
    expect(gini([0.1, 0.1, 0.1])).toBe(0);
    expect(gini([7])).toBe(0);
  });

  it('ignores weight-0 units', () => {
    // the weight-0 unit at 1000 does not count: gini of [1, 3] with weights 3, 1 = 0.25
    expect(gini([1, 1000, 3], [3, 0, 1])).toBe(0.25);
  });

  it('is null when total weight is 0 or the mean is 0', () => {
    expect(gini([])).toBeNull();
    expect(gini([1, 2], [0, 0])).toBeNull();
    expect(gini([0, 0, 0])).toBeNull();
    expect(gini([-3, -1])).toBeNull(); // all clamped to 0
    expect(gini([5, 0], [0, 2])).toBeNull(); // persons only at income 0
  });

  it('throws RangeError on malformed input', () => {
    expect(() => gini([1, 2], [1])).toThrow(RangeError);
    expect(() => gini([1, 2], [1, -1])).toThrow(RangeError);
    expect(() => gini([1, 2], [1, Number.NaN])).toThrow(RangeError);
    expect(() => gini([1, 2], [1, Infinity])).toThrow(RangeError);
    expect(() => gini([1, Number.NaN])).toThrow(RangeError);
    expect(() => gini([1, Infinity])).toThrow(RangeError);
  });

  it('giniSorted agrees with gini and rejects a wrong order', () => {
    const values = [30, 10, 20, 40];
    const order = rankOrder(values);
    // sorted 10,20,30,40 = 10 * (1,2,3,4): G = 0.25 (scale invariant)
    expect(giniSorted(order, values)).toBe(0.25);
    expect(() => giniSorted([0, 1, 2, 3], values)).toThrow(RangeError); // not ascending
    expect(() => giniSorted([1, 2, 0], values)).toThrow(RangeError); // wrong length
    expect(() => giniSorted([1, 1, 2, 3], values)).toThrow(RangeError); // not a permutation
    expect(() => giniSorted([1, 2, 0, 4], values)).toThrow(RangeError); // index out of range
  });

  it('property: matches the O(n^2) definition (weighted, with negatives)', () => {
    fc.assert(
      fc.property(weightedArb, (units) => {
        const x = units.map(([v]) => v);
        const w = units.map(([, k]) => k);
        const expected = bruteGini(x, w);
        const actual = gini(x, w);
        if (expected === null) return actual === null;
        return actual !== null && Math.abs(actual - expected) <= 1e-12;
      }),
    );
  });

  it('property: in [0, 1) for non-negative values', () => {
    fc.assert(
      fc.property(incomesArb, (x) => {
        const g = gini(x);
        return g === null ? x.every((v) => v === 0) : g >= 0 && g < 1;
      }),
    );
  });

  it('property: invariant to scaling', () => {
    fc.assert(
      fc.property(incomesArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (x, k) => {
        const a = gini(x);
        const b = gini(x.map((v) => v * k));
        if (a === null || b === null) return a === b;
        return Math.abs(a - b) <= 1e-12;
      }),
    );
  });

  it('property: invariant to permutation of (value, weight) pairs', () => {
    fc.assert(
      fc.property(
        weightedArb.chain((units) =>
          fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length })),
        ),
        ([units, shuffled]) => {
          const a = gini(
            units.map(([v]) => v),
            units.map(([, w]) => w),
          );
          const b = gini(
            shuffled.map(([v]) => v),
            shuffled.map(([, w]) => w),
          );
          if (a === null || b === null) return a === b;
          return Math.abs(a - b) <= 1e-12;
        },
      ),
    );
  });

  it('property: equal values give exactly 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 50 }),
        (v, w) => gini(w.map(() => v), w) === 0,
      ),
    );
  });

  it('property: integer weights equal the expanded (repeated) list', () => {
    fc.assert(
      fc.property(weightedArb, (units) => {
        const a = gini(
          units.map(([v]) => v),
          units.map(([, w]) => w),
        );
        const b = gini(units.flatMap(([v, w]) => Array<number>(w).fill(v)));
        if (a === null || b === null) return a === b;
        return Math.abs(a - b) <= 1e-12;
      }),
    );
  });

  it('handles 1e6 units via the radix path (all equal but one => 1 - 1/n)', () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    x[123_456] = 5000; // one unit holds all income: G = 1 - 1/n
    expect(gini(x)).toBeCloseTo(1 - 1 / n, 12);
    const w = new Uint8Array(n).fill(2); // doubling every weight changes nothing
    expect(gini(x, w)).toBeCloseTo(1 - 1 / n, 12);
  });
});
