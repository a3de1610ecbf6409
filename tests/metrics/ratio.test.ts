import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mean, ratio, weightedMean } from '../../src/metrics/index.js';

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(-3, 4)).toBe(-0.75);
    expect(ratio(0, 5)).toBe(0);
  });

  it('is null for a zero or non-finite denominator', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, -0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, Number.NaN)).toBeNull();
    expect(ratio(3, Infinity)).toBeNull();
    expect(ratio(3, -Infinity)).toBeNull();
  });

  it('throws RangeError for a non-finite numerator', () => {
    expect(() => ratio(Number.NaN, 2)).toThrow(RangeError);
    expect(() => ratio(Infinity, 2)).toThrow(RangeError);
  });

  it('never returns NaN or Infinity, whatever the finite numerator and the denominator', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double(), (a, b) => {
        const r = ratio(a, b);
        expect(r === null || Number.isFinite(r), `ratio(${a}, ${b}) = ${r}`).toBe(true);
        // Null for a zero or non-finite denominator; a finite one gives a number unless it overflows.
        if (b === 0 || !Number.isFinite(b)) expect(r).toBeNull();
      }),
    );
  });

  it('is null, not Infinity, when the quotient overflows', () => {
    expect(ratio(1e308, 1e-10)).toBeNull();
    expect(ratio(-1e308, 1e-10)).toBeNull();
    expect(ratio(Number.MAX_VALUE, 0.5)).toBeNull();
  });

  it('is the number that times the denominator gives the numerator, with the sign of the quotient', () => {
    const amount = fc.integer({ min: -1e9, max: 1e9 });
    fc.assert(
      fc.property(amount, amount.filter((b) => b !== 0), (a, b) => {
        const r = ratio(a, b)!;
        expect(Math.abs(r * b - a)).toBeLessThanOrEqual(1e-15 * Math.abs(a) + Number.MIN_VALUE);
        expect(Math.sign(r)).toBe(Math.sign(a) * Math.sign(b));
      }),
    );
  });
});

describe('mean', () => {
  it('averages', () => {
    expect(mean([1, 2, 6])).toBe(3); // 9 / 3
    expect(mean(new Float32Array([0.5, 1.5]))).toBe(1);
  });
  it('is null for empty input', () => {
    expect(mean([])).toBeNull();
  });
  it('throws on a non-finite value', () => {
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('weightedMean', () => {
  it('weights', () => {
    expect(weightedMean([1000, 4000], [3, 1])).toBe(1750); // (3*1000 + 4000) / 4
    expect(weightedMean([1000, 4000], new Uint8Array([0, 2]))).toBe(4000);
  });
  it('is null for zero total weight', () => {
    expect(weightedMean([1, 2], [0, 0])).toBeNull();
    expect(weightedMean([], [])).toBeNull();
  });
  it('throws on mismatched lengths, negative weights and non-finite input', () => {
    expect(() => weightedMean([1, 2], [1])).toThrow(RangeError);
    expect(() => weightedMean([1, 2], [1, -1])).toThrow(RangeError);
    expect(() => weightedMean([1, 2], [1, Number.NaN])).toThrow(RangeError);
    expect(() => weightedMean([1, Infinity], [1, 1])).toThrow(RangeError);
  });
});
