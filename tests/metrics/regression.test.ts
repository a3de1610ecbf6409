import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rSquared } from '../../src/metrics/index.js';

const seriesArb = fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), {
  minLength: 2,
  maxLength: 80,
});

describe('rSquared', () => {
  it('gives exact hand-worked values', () => {
    // actual = 2 * predicted + 1: perfect linear fit
    expect(rSquared([1, 2, 3], [3, 5, 7])).toBe(1);
    // centred p = (-1, 0, 1), a = (-1, 1, 0): S_pa = 1, S_pp = 2, S_aa = 2 -> 1 / 4
    expect(rSquared([1, 2, 3], [1, 3, 2])).toBe(0.25);
    // a perfect negative relation also scores 1 (squared correlation)
    expect(rSquared([1, 2, 3], [9, 6, 3])).toBe(1);
    // centred p = (-1.5, -0.5, 0.5, 1.5), a = (-0.5, 0.5, 0.5, -0.5): S_pa = 0.75 - 0.25 + 0.25 - 0.75 = 0
    expect(rSquared([1, 2, 3, 4], [0, 1, 1, 0])).toBe(0);
  });

  it('is the squared correlation, not 1 - SSE/SST of the raw predictions', () => {
    // predictions off by a constant 100 still score 1
    expect(rSquared(new Float64Array([101, 102, 103]), new Float32Array([1, 2, 3]))).toBe(1);
  });

  it('is null with n < 2 or a constant series', () => {
    expect(rSquared([], [])).toBeNull();
    expect(rSquared([1], [2])).toBeNull();
    expect(rSquared([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(rSquared([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
  });

  it('throws RangeError on mismatched lengths or non-finite values', () => {
    expect(() => rSquared([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => rSquared([1, Number.NaN], [1, 2])).toThrow(RangeError);
    expect(() => rSquared([1, 2], [1, Infinity])).toThrow(RangeError);
  });

  it('property: in [0, 1] and symmetric', () => {
    fc.assert(
      fc.property(seriesArb, (pairs) => {
        const p = pairs.map(([x]) => x);
        const a = pairs.map(([, y]) => y);
        const r = rSquared(p, a);
        const s = rSquared(a, p);
        if (r === null) return s === null && (new Set(p).size === 1 || new Set(a).size === 1);
        return s !== null && r >= 0 && r <= 1 && Math.abs(r - s) <= 1e-12;
      }),
    );
  });

  it('property: 1 for an exact linear relation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 80 }).filter((p) => new Set(p).size > 1),
        fc.integer({ min: -50, max: 50 }).filter((k) => k !== 0),
        fc.integer({ min: -1000, max: 1000 }),
        (p, slope, intercept) => {
          const r = rSquared(
            p,
            p.map((x) => slope * x + intercept),
          );
          return r !== null && Math.abs(r - 1) <= 1e-12;
        },
      ),
    );
  });
});
