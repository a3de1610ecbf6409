/**
 * Pruning PRIM's chosen box (prim.ts, pruneBox): restricted ends whose quasi-p-value is at least
 * the significance level are dropped one at a time, the least significant first, and the others'
 * quasi-p-values computed again on the new box. Worked by hand on small grids.
 */
import { describe, expect, it } from 'vitest';
import { boxStats, describeBox, limitsOf, pruneBox, type BoxLimits, type PrimInput } from '../../src/experiments/prim.js';

/** x = 1..10 with y = 1 and y = 2 (20 rows); the cases are the 8 rows with x >= 7. */
const GRID: PrimInput = {
  names: ['x', 'y'],
  rows: [1, 2].flatMap((y) => Array.from({ length: 10 }, (_, k) => [k + 1, y])),
  cases: [1, 2].flatMap(() => Array.from({ length: 10 }, (_, k) => k + 1 >= 7)),
};

describe('pruneBox, worked by hand', () => {
  // The box x > 6.5 and y < 1.5 holds x = 7..10 at y = 1: 4 rows, 4 cases (coverage 0.5, density 1).
  const box: BoxLimits = { lower: [6.5, 1], upper: [10, 1.5] };

  it('gives the quasi-p-values of the box before pruning', () => {
    const described = describeBox(GRID, box);
    // Without x's end: y < 1.5, 10 rows, 4 cases, p = 0.4; P(X >= 4 | n = 4) = 0.4^4.
    expect(described.limits[0]!.qpLower).toBeCloseTo(0.4 ** 4, 12);
    // Without y's end: x > 6.5, 8 rows, 8 cases, p = 1: the restriction adds nothing, quasi-p 1.
    expect(described.limits[1]!.qpUpper).toBe(1);
  });

  it('drops the end that adds nothing, keeps the significant one, and the pruned box has its own coverage and density', () => {
    const pruned = pruneBox(GRID, box, 0.05);
    expect(pruned.dropped).toEqual([{ name: 'y', end: 'upper', limit: 1.5, quasiP: 1 }]);
    expect(pruned.limits).toEqual({ lower: [6.5, 1], upper: [10, 2] });
    // x > 6.5 alone: 8 rows, 8 cases; its quasi-p against all 20 rows (p = 0.4) is 0.4^8.
    const described = describeBox(GRID, pruned.limits);
    expect(described.limits[0]!.qpLower).toBeCloseTo(0.4 ** 8, 12);
    expect([described.coverage, described.density, described.mass]).toEqual([1, 1, 0.4]);
    expect(described.restricted).toEqual(['x']);
  });

  it('keeps every end whose quasi-p is below the level, and drops the significant one too at a level above its quasi-p', () => {
    expect(pruneBox(GRID, { lower: [6.5, 1], upper: [10, 2] }, 0.05).dropped).toEqual([]);
    // At level 0.001, 0.4^8 = 0.00066 is still below it: x stays. At 0.0001 it goes, and the box is the initial one.
    expect(pruneBox(GRID, { lower: [6.5, 1], upper: [10, 2] }, 0.001).dropped).toEqual([]);
    const all = pruneBox(GRID, box, 0.0001);
    expect(all.dropped.map((d) => [d.name, d.end])).toEqual([['y', 'upper'], ['x', 'lower']]);
    expect(all.limits).toEqual({ lower: [1, 1], upper: [10, 2] });
  });

  it('recomputes the quasi-p-values after each drop: of two redundant restrictions one is kept', () => {
    // z = x: the box x > 6.5 and z > 6.5 holds 4 rows, 4 cases. Dropping either end alone leaves the
    // same rows (p = 1, quasi-p 1 for both); the tie goes to the lower index (x). Then z's end,
    // recomputed, is significant: without it all 10 rows, p = 0.4, quasi-p 0.4^4 = 0.0256.
    const twins: PrimInput = {
      names: ['x', 'z'],
      rows: Array.from({ length: 10 }, (_, k) => [k + 1, k + 1]),
      cases: Array.from({ length: 10 }, (_, k) => k + 1 >= 7),
    };
    const pruned = pruneBox(twins, { lower: [6.5, 6.5], upper: [10, 10] }, 0.05);
    expect(pruned.dropped).toEqual([{ name: 'x', end: 'lower', limit: 6.5, quasiP: 1 }]);
    expect(pruned.limits).toEqual({ lower: [1, 6.5], upper: [10, 10] });
    expect(describeBox(twins, pruned.limits).limits[1]!.qpLower).toBeCloseTo(0.4 ** 4, 12);
  });

  it('drops the least significant end first', () => {
    // x = 1..10 at y = 1, 2, 3 (30 rows); cases: x >= 7 at every y (12), plus x = 6 at y = 1 (1).
    // Box x > 5.5, 1.5 < y < 2.5: x = 6..10 at y = 2: 5 rows, 4 cases.
    const input: PrimInput = {
      names: ['x', 'y'],
      rows: [1, 2, 3].flatMap((y) => Array.from({ length: 10 }, (_, k) => [k + 1, y])),
      cases: [1, 2, 3].flatMap((y) => Array.from({ length: 10 }, (_, k) => k + 1 >= 7 || (k + 1 === 6 && y === 1))),
    };
    const box: BoxLimits = { lower: [5.5, 1.5], upper: [10, 2.5] };
    const described = describeBox(input, box);
    // y's lower end dropped: y < 2.5, x > 5.5: 10 rows, 9 cases, p = 0.9; P(X >= 4 | n = 5, 0.9) = 5 (0.9^4)(0.1) + 0.9^5.
    const qpYLower = 5 * 0.9 ** 4 * 0.1 + 0.9 ** 5;
    // y's upper end dropped: y > 1.5, x > 5.5: 10 rows, 8 cases, p = 0.8; 5 (0.8^4)(0.2) + 0.8^5.
    const qpYUpper = 5 * 0.8 ** 4 * 0.2 + 0.8 ** 5;
    expect(described.limits[1]!.qpLower).toBeCloseTo(qpYLower, 12);
    expect(described.limits[1]!.qpUpper).toBeCloseTo(qpYUpper, 12);
    const pruned = pruneBox(input, box, 0.05);
    // 0.919 > 0.737: the lower end goes first. Then the box x > 5.5, y < 2.5 (10 rows, 9 cases):
    // y's upper end dropped gives 15 rows, 13 cases, p = 13/15, quasi-p P(X >= 9 | n = 10) >= 0.05: it goes too.
    expect(pruned.dropped.map((d) => [d.name, d.end])).toEqual([['y', 'lower'], ['y', 'upper']]);
    expect(pruned.dropped[0]!.quasiP).toBeCloseTo(qpYLower, 12);
    const p = 13 / 15;
    // (jStat's incomplete beta agrees to about 1e-10 here.)
    expect(pruned.dropped[1]!.quasiP).toBeCloseTo(10 * p ** 9 * (1 - p) + p ** 10, 9);
    expect(pruned.limits).toEqual({ lower: [5.5, 1], upper: [10, 3] });
    expect(boxStats(input, pruned.limits)).toMatchObject({ rows: 15, cases: 13 });
  });

  it('limitsOf gives back the limits describeBox was given', () => {
    expect(limitsOf(describeBox(GRID, box))).toEqual(box);
  });

  it('refuses a significance level outside (0, 1]', () => {
    expect(() => pruneBox(GRID, box, 0)).toThrow(/significance must be in \(0, 1\]/);
    expect(() => pruneBox(GRID, box, 1.5)).toThrow(/significance must be in \(0, 1\]/);
  });
});
