import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cgh, cghSorted, incidenceByDecile, incidenceByDecileSorted, rankOrder } from '../../src/metrics/index.js';

const yuan = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((fen) => fen / 100);
/** Households as (ranking income, benefit) pairs; ranking incomes with ties, benefits often 0. */
const householdsArb = (minLength: number, maxLength: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }).map((k) => k * 500), fc.oneof(fc.constant(0), yuan(0, 5000))), {
    minLength,
    maxLength,
  });

describe('incidenceByDecile', () => {
  it('gives exact hand-worked shares (one household per decile)', () => {
    // incomes 100..1000 -> deciles 1..10; benefit 3 to the poorest, 1 to the next: 3/4, 1/4
    expect(
      incidenceByDecile([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], [3, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
    ).toEqual([0.75, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('ranks by income, not by position', () => {
    // same as above with the households listed in reverse
    expect(
      incidenceByDecile([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100], [0, 0, 0, 0, 0, 0, 0, 0, 1, 3]),
    ).toEqual([0.75, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('splits n = 15 into groups of 1 and 2 households', () => {
    // boundaries floor(g*15/10) = 0,1,3,4,6,7,9,10,12,13,15: sizes 1,2,1,2,1,2,1,2,1,2
    const incomes = Array.from({ length: 15 }, (_, i) => i);
    const ones = incomes.map(() => 1);
    expect(incidenceByDecile(incomes, ones)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2].map((k) => k / 15));
  });

  it('leaves groups empty when n < 10', () => {
    // n = 2: rank 0 in group floor(g*2/10) = 0 for g = 4 only (ranks 0..0), rank 1 in group 9.
    // poorer household (income 50, index 1) gets 3, richer (income 80, index 0) gets 1.
    expect(incidenceByDecile([80, 50], [1, 3])).toEqual([0, 0, 0, 0, 0.75, 0, 0, 0, 0, 0.25]);
    expect(incidenceByDecileSorted([1, 0], [1, 3])).toEqual([0, 0, 0, 0, 0.75, 0, 0, 0, 0, 0.25]);
  });

  it('breaks income ties by household index', () => {
    // all incomes equal: rank = index, so the shares follow the benefit list
    const benefit = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; // total 55
    expect(incidenceByDecile(new Float64Array(10).fill(700), benefit)).toEqual(benefit.map((b) => b / 55));
  });

  it('is null when total benefit is 0', () => {
    expect(incidenceByDecile([], [])).toBeNull();
    expect(incidenceByDecile([1, 2, 3], [0, 0, 0])).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => incidenceByDecile([1, 2], [1])).toThrow(RangeError);
    expect(() => incidenceByDecile([1, 2], [1, -1])).toThrow(RangeError);
    expect(() => incidenceByDecile([1, 2], [1, Number.NaN])).toThrow(RangeError);
    expect(() => incidenceByDecile([1, Number.NaN], [1, 1])).toThrow(RangeError);
    expect(() => incidenceByDecileSorted([0, 0], [1, 1])).toThrow(RangeError); // not a permutation
    expect(() => incidenceByDecileSorted([0], [1, 1])).toThrow(RangeError); // wrong length
  });

  it('property: shares are in [0, 1] and sum to 1', () => {
    fc.assert(
      fc.property(householdsArb(0, 200), (households) => {
        const shares = incidenceByDecile(
          households.map(([y]) => y),
          households.map(([, b]) => b),
        );
        if (households.every(([, b]) => b === 0)) return shares === null;
        if (shares === null || shares.length !== 10) return false;
        const sum = shares.reduce((s, x) => s + x, 0);
        return shares.every((x) => x >= 0 && x <= 1) && Math.abs(sum - 1) <= 1e-12;
      }),
    );
  });

  it('property: the Sorted variant with rankOrder gives the same result', () => {
    fc.assert(
      fc.property(householdsArb(0, 200), (households) => {
        const y = households.map(([v]) => v);
        const b = households.map(([, v]) => v);
        expect(incidenceByDecileSorted(rankOrder(y), b)).toEqual(incidenceByDecile(y, b));
      }),
    );
  });
});

describe('cgh', () => {
  it('gives exact hand-worked values', () => {
    // 5 households; poorest 40% = 2 households receive 2 + 1 = 3 of 4 yuan: (3/4) / 0.4 = 1.875
    expect(cgh([100, 200, 300, 400, 500], [2, 1, 1, 0, 0], 0.4)).toBe(1.875);
    // default share 0.2 = poorest household of 5, receives 2 of 4: (2/4) / 0.2 = 2.5
    expect(cgh([100, 200, 300, 400, 500], [2, 1, 1, 0, 0])).toBe(2.5);
    // benefit only to the richest: 0 / 0.2
    expect(cgh([100, 200, 300, 400, 500], [0, 0, 0, 0, 7])).toBe(0);
  });

  it('counts the fractional part of the boundary household', () => {
    // n = 3, share 0.5 -> 1.5 households: rank 0 fully (benefit 1), half of rank 1 (benefit 2)
    // poorest get 1 + 0.5*2 = 2 of 6: (2/6) / 0.5 = 2/3
    expect(cgh([10, 20, 30], [1, 2, 3], 0.5)).toBeCloseTo(2 / 3, 15);
    // n = 2, share 0.25 -> half of the poorer household (index 1, benefit 2) = 1 of 4: (1/4)/0.25 = 1
    expect(cghSorted([1, 0], [2, 2], 0.25)).toBe(1);
  });

  it('snaps share * n to an integer when it is one up to rounding', () => {
    // 0.7 * 90 = 62.99999999999999 in floating point; meant is 63 households (ranks 0..62).
    // All benefit on rank 62: counted fully, so cgh = 1 / 0.7 exactly.
    const incomes = Array.from({ length: 90 }, (_, i) => i);
    const benefit = incomes.map((i) => (i === 62 ? 5 : 0));
    expect(cgh(incomes, benefit, 0.7)).toBe(1 / 0.7);
  });

  it('is 1 for share 1', () => {
    expect(cgh([3, 1, 2], [5, 0, 1], 1)).toBe(1);
  });

  it('is null when total benefit is 0', () => {
    expect(cgh([], [])).toBeNull();
    expect(cgh([1, 2], [0, 0])).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => cgh([1, 2], [1])).toThrow(RangeError);
    expect(() => cgh([1, 2], [1, -2])).toThrow(RangeError);
    expect(() => cgh([1, 2], [1, 1], 0)).toThrow(RangeError);
    expect(() => cgh([1, 2], [1, 1], 1.5)).toThrow(RangeError);
    expect(() => cgh([1, 2], [1, 1], Number.NaN)).toThrow(RangeError);
    expect(() => cghSorted([2, 0], [1, 1], 0.2)).toThrow(RangeError);
  });

  it('property: cgh at 0.2 equals (d1 + d2) / 0.2 when n is a multiple of 10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((tens) => householdsArb(10 * tens, 10 * tens)),
        (households) => {
          const y = households.map(([v]) => v);
          const b = households.map(([, v]) => v);
          const shares = incidenceByDecile(y, b);
          const c = cgh(y, b, 0.2);
          if (shares === null || c === null) return shares === null && c === null;
          return Math.abs(c - (shares[0] + shares[1]) / 0.2) <= 1e-12;
        },
      ),
    );
  });

  it('property: a uniform benefit gives 1 for any share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 100 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (incomes, share) => Math.abs((cgh(incomes, incomes.map(() => 250), share) ?? NaN) - 1) <= 1e-12,
      ),
    );
  });

  it('property: between 0 and 1/share, and the Sorted variant agrees', () => {
    fc.assert(
      fc.property(householdsArb(1, 100), fc.double({ min: 0.01, max: 1, noNaN: true }), (households, share) => {
        const y = households.map(([v]) => v);
        const b = households.map(([, v]) => v);
        const c = cgh(y, b, share);
        expect(cghSorted(rankOrder(y), b, share)).toBe(c);
        return c === null || (c >= 0 && c <= 1 / share + 1e-12);
      }),
    );
  });
});
