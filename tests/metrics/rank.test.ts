import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forgetOrder, isRankOrder, rankBuffers, rankOrder } from '../../src/metrics/index.js';

/** Reference: indices sorted by value, ties by index, with a plain comparator. */
function referenceOrder(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    return va < vb ? -1 : va > vb ? 1 : a - b;
  });
}

// Values with many ties, both signs, zeros of both signs and infinities, to exercise the
// float-bit mapping of the radix sort.
const valueArb = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 0.1, 0.2),
);

describe('rankOrder', () => {
  it('sorts ascending with ties broken by index', () => {
    // 10 at indices 1 and 3 (1 first), then 20 (index 2), then 30 (index 0)
    expect(Array.from(rankOrder([30, 10, 20, 10]))).toEqual([1, 3, 2, 0]);
    expect(rankOrder([30, 10])).toBeInstanceOf(Uint32Array);
  });

  it('handles empty input, infinities and -0 (equal to 0)', () => {
    expect(rankOrder([]).length).toBe(0);
    expect(Array.from(rankOrder([Infinity, -Infinity, 0]))).toEqual([1, 2, 0]);
    expect(Array.from(rankOrder([0, -0]))).toEqual([0, 1]);
    expect(Array.from(rankOrder([-0, 0]))).toEqual([0, 1]);
  });

  it('treats -0 and 0 as ties on the radix path too (n >= 512)', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? -0 : 0));
    expect(Array.from(rankOrder(values))).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('throws RangeError on NaN', () => {
    expect(() => rankOrder([1, Number.NaN])).toThrow(RangeError);
    expect(() => rankOrder(new Float64Array(2000).fill(Number.NaN))).toThrow(RangeError);
  });

  it('property: equals a reference comparator sort (small inputs, comparator path)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 100 }), (values) => {
        expect(Array.from(rankOrder(values))).toEqual(referenceOrder(values));
      }),
    );
  });

  it('property: equals a reference comparator sort (large inputs, radix path)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 512, maxLength: 3000 }), (values) => {
        expect(Array.from(rankOrder(new Float64Array(values)))).toEqual(referenceOrder(values));
      }),
      { numRuns: 50 },
    );
  });

  it('property: typed arrays of other types rank like their numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 2000 }), (values) => {
        expect(Array.from(rankOrder(Uint8Array.from(values)))).toEqual(referenceOrder(values));
      }),
      { numRuns: 30 },
    );
  });

  it('large inputs (two 16-bit passes): equals the reference, with ties, clusters closer than the key resolution and outliers', () => {
    // Deterministic pseudo-random values (LCG) so the test is reproducible without a seed library.
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const n = 70_000;
    const cases: Float64Array[] = [
      Float64Array.from({ length: n }, () => 1000 + 20000 * next()),
      // many exact ties, and -0 with 0
      Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? (i % 2 ? -0 : 0) : Math.floor(50 * next()))),
      // a huge outlier squeezes most values into a few keys: long runs finished by comparison
      Float64Array.from({ length: n }, (_, i) => (i === 5 ? 1e15 : 4000 + next())),
      // values a few ulps apart (closer than (max - min) / 2^32)
      Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1e6 : 1 + Math.floor(100 * next()) * Number.EPSILON)),
    ];
    for (const values of cases) expect(Array.from(rankOrder(values))).toEqual(referenceOrder(values));
  });

  it('reuses buffers of a larger capacity and marks its orders as permutations', () => {
    const buffers = rankBuffers(5000);
    const values = Float64Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001);
    const order = rankOrder(values, buffers);
    expect(order.length).toBe(3000);
    expect(order.buffer).toBe(buffers.order.buffer);
    expect(Array.from(order)).toEqual(referenceOrder(values));
    expect(isRankOrder(order)).toBe(true);
    expect(isRankOrder(Uint32Array.from(order))).toBe(false);
    // A second ranking in the same buffers: [30, 10, 20, 10] -> [1, 3, 2, 0]
    expect(Array.from(rankOrder([30, 10, 20, 10], buffers))).toEqual([1, 3, 2, 0]);
    expect(() => rankOrder(new Float64Array(5001), buffers)).toThrow(RangeError);
  });

  it('forgets the last order of buffers whose keys-and-order memory is borrowed', () => {
    const buffers = rankBuffers(5000);
    const full = rankOrder(Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003), buffers);
    expect(isRankOrder(full)).toBe(true);
    forgetOrder(buffers);
    expect(isRankOrder(full)).toBe(false);
    expect(isRankOrder(buffers.order)).toBe(false);
    // A shorter ranking returns a view; that view is the one forgotten.
    const part = rankOrder(Float64Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001), buffers);
    expect(isRankOrder(part)).toBe(true);
    forgetOrder(buffers);
    expect(isRankOrder(part)).toBe(false);
    forgetOrder(buffers); // nothing left to forget
    expect(buffers.lastOrder).toBe(null);
  });

  it('ranks infinities on the radix-sized path too', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? Infinity : i % 10 === 1 ? -Infinity : i % 13));
    expect(Array.from(rankOrder(values))).toEqual(referenceOrder(values));
  });
});


describe('trustRankOrder', () => {
  it('checks an order once, then the Sorted metrics accept it without checking again', async () => {
    const { trustRankOrder, giniSorted } = await import('../../src/metrics/index.js');
    expect(() => trustRankOrder(Uint32Array.from([0, 0, 1]))).toThrow(RangeError);
    const order = trustRankOrder(Uint32Array.from([2, 0, 1]));
    // Incomes 2, 3, 1 ranked 1, 2, 3: sum over ordered pairs of |x_i - x_j| = 8; 8 / (2 * 9 * 2) = 2/9.
    expect(giniSorted(order, [2, 3, 1])).toBeCloseTo(2 / 9, 15);
  });
});
