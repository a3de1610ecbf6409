import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lusolve } from 'mathjs';
import { luSolve } from '../../src/model/pmt.js';

/** mathjs's answer as a flat array (it returns a column: [[x0], [x1], ...]). */
function mathjs(a: number[][], b: number[]): number[] {
  return (lusolve(a, b) as number[][]).map((row) => row[0]!);
}

describe('luSolve (mathjs lusolve written out)', () => {
  it('solves small systems exactly', () => {
    // -2x + 3y = 11, 2x + y = 9  =>  x = 2, y = 5
    expect(luSolve([[-2, 3], [2, 1]], [11, 9])).toEqual([2, 5]);
    // a 3-cycle pivot permutation: rows must be reordered (0 1 0 / 0 0 1 / 1 0 0)
    expect(luSolve([[0, 1, 0], [0, 0, 1], [1, 0, 0]], [1, 2, 3])).toEqual([3, 1, 2]);
  });

  it('throws like mathjs on a singular system', () => {
    expect(() => luSolve([[1, 2], [2, 4]], [1, 3])).toThrow('Linear system cannot be solved since matrix is singular');
    expect(() => mathjs([[1, 2], [2, 4]], [1, 3])).toThrow('Linear system cannot be solved since matrix is singular');
  });

  it('property: bit-identical to mathjs lusolve on random systems (integer grids with ties and zeros, and reals)', () => {
    const entry = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((x) => x / 997),
      fc.constantFrom(0, 1e-16, -1e-16, 1e-13, 1),
    );
    const system = fc.integer({ min: 1, max: 9 }).chain((n) =>
      fc.tuple(fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n })),
    );
    fc.assert(
      fc.property(system, ([a, b]) => {
        let expected: number[] | Error;
        try {
          expected = mathjs(a, b);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) {
          expect(() => luSolve(a, b)).toThrow(expected.message);
        } else {
          // Object.is: -0 and 0 must match too.
          const actual = luSolve(a, b);
          expect(actual.length).toBe(expected.length);
          actual.forEach((x, k) => expect(Object.is(x, expected[k]) || (Number.isNaN(x) && Number.isNaN(expected[k]!))).toBe(true));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: bit-identical on normal equations like the PMT survey (9 features, ridge term)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 9 * 40, maxLength: 9 * 40 }), (z) => {
        const xtx = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
        const xty = new Array<number>(9).fill(0);
        for (let r = 0; r < 40; r += 1) {
          const x = z.slice(9 * r, 9 * r + 9);
          x[0] = 1;
          const y = x.reduce((s, v, k) => s + v * (k + 1), 0);
          for (let a = 0; a < 9; a += 1) {
            xty[a]! += x[a]! * y;
            for (let b = 0; b < 9; b += 1) xtx[a]![b]! += x[a]! * x[b]!;
          }
        }
        for (let a = 0; a < 9; a += 1) xtx[a]![a]! += 1e-6 * 40;
        expect(luSolve(xtx, xty)).toEqual(mathjs(xtx, xty));
      }),
      { numRuns: 300 },
    );
  });
});
