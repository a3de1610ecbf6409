import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import {
  binomialUpperTail,
  boxStats,
  describeBox,
  initialLimits,
  pasteBox,
  peelingTrajectory,
  prim,
  primQuantile,
  rowsInBox,
  selectBox,
  type PrimInput,
} from '../../src/experiments/prim.js';

/**
 * Ten rows, two parameters, five cases (r3, r5, r6, r8, r9). With peelAlpha 0.1 and at most ten
 * rows in a box, (n - 1) * 0.1 < 1, so every candidate peel removes exactly one extreme row and
 * each step can be worked by hand (see the test below).
 */
const TEN: PrimInput = {
  names: ['x1', 'x2'],
  rows: [[1, 5], [2, 9], [3, 2], [4, 7], [5, 1], [6, 8], [7, 4], [8, 10], [9, 6], [10, 3]],
  cases: [false, false, false, true, false, true, true, false, true, true],
};

describe('primQuantile (EMA Workbench get_quantile)', () => {
  it('reproduces the values in EMA Workbench test_prim.py test_quantile', () => {
    const zeroToNine = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect([0.9, 0.95, 0.1, 0.05].map((q) => primQuantile(zeroToNine, q))).toEqual([8.5, 8.5, 0.5, 0.5]);
    expect([0.9, 0.95, 0.1, 0.05].map((q) => primQuantile([1], q))).toEqual([1, 1, 1, 1]);
    const tiedEnds = [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9];
    expect([0.9, 0.95, 0.1, 0.05].map((q) => primQuantile(tiedEnds, q))).toEqual([8.5, 8.5, 1.5, 1.5]);
  });

  it('does not depend on the order of its input and never cuts through tied values', () => {
    expect(primQuantile([9, 1, 9, 2, 1], 0.1)).toBe(1.5);
    expect(primQuantile([3, 3, 3, 3, 7], 0.9)).toBe(5);
  });
});

describe('peeling, worked by hand on ten rows', () => {
  // Step 1: removing r0 (x1 low), r4 (x2 low) or r7 (x2 high) gives 5/9; tie, x1 lower wins (index).
  // Step 2: x1 lower (r1) ties with the x2 peels at 5/8; it leaves 1 restricted parameter, they 2.
  // Step 3: same, x1 lower (r2) at 5/7.
  // Step 4: x1 peels remove a case (4/6); x2 lower (r4) and x2 upper (r7) give 5/6; lower end wins.
  // Step 5: x2 upper removes r7 (the only non-case left): density 1, mass 0.5 = minMass.
  // Step 6: every peel removes a case and leaves density 1 (no gain) and mass 0.4: stop.
  const trajectory = peelingTrajectory(TEN, { peelAlpha: 0.1, minMass: 0.5 });

  it('takes the peels worked out above, with the limits at EMA-style midpoints', () => {
    expect(trajectory.map((box) => box.peel)).toEqual([
      null,
      { parameter: 'x1', end: 'lower' },
      { parameter: 'x1', end: 'lower' },
      { parameter: 'x1', end: 'lower' },
      { parameter: 'x2', end: 'lower' },
      { parameter: 'x2', end: 'upper' },
    ]);
    expect(trajectory[5]!.limits).toEqual({ lower: [3.5, 2], upper: [10, 9] });
  });

  it('reports coverage, density, mass and restricted parameters per step', () => {
    expect(trajectory.map((b) => [b.rows, b.cases, b.coverage, b.density, b.mass, b.restricted])).toEqual([
      [10, 5, 1, 5 / 10, 1, []],
      [9, 5, 1, 5 / 9, 0.9, ['x1']],
      [8, 5, 1, 5 / 8, 0.8, ['x1']],
      [7, 5, 1, 5 / 7, 0.7, ['x1']],
      [6, 5, 1, 5 / 6, 0.6, ['x1', 'x2']],
      [5, 5, 1, 1, 0.5, ['x1', 'x2']],
    ]);
  });

  it('stops at stopDensity', () => {
    const stopped = peelingTrajectory(TEN, { peelAlpha: 0.1, minMass: 0.5, stopDensity: 0.7 });
    expect(stopped.map((b) => b.density)).toEqual([5 / 10, 5 / 9, 5 / 8, 5 / 7]);
  });

  it('stops earlier when minMass is larger', () => {
    expect(peelingTrajectory(TEN, { peelAlpha: 0.1, minMass: 0.75 }).map((b) => b.rows)).toEqual([10, 9, 8]);
  });

  it('computes quasi-p-values by dropping each restricted end (worked by hand)', () => {
    // Box x1 in [3.5, 10], x2 in [2, 9]: 5 rows, 5 cases.
    // Drop x1 lower: rows with 2 <= x2 <= 9 are r0 r1 r2 r3 r5 r6 r8 r9: 5 cases in 8, P(X >= 5) = (5/8)^5.
    // Drop x2 lower: rows with x1 >= 3.5 and x2 <= 9 are r3..r6, r8, r9: 5 in 6, (5/6)^5. Same for x2 upper.
    const box = describeBox(TEN, trajectory[5]!.limits);
    expect(box.limits.map((p) => [p.name, p.restrictedLower, p.restrictedUpper])).toEqual([
      ['x1', true, false],
      ['x2', true, true],
    ]);
    expect(box.limits[0]!.qpLower).toBeCloseTo((5 / 8) ** 5, 12);
    expect(box.limits[0]!.qpUpper).toBeNull();
    expect(box.limits[1]!.qpLower).toBeCloseTo((5 / 6) ** 5, 12);
    expect(box.limits[1]!.qpUpper).toBeCloseTo((5 / 6) ** 5, 12);
  });
});

describe('objectives, worked by hand', () => {
  // x = 1, 1, 1, 1, 2, 3, 4, 5, 6, 7; the four 1s hold 2 cases, 2..6 are cases, 7 is not (7 cases in 10).
  // The lower peel cannot cut through the tied 1s: it removes all four (cut 1.5), density 5/6, gain 0.133,
  // per row removed 0.033. The upper peel removes x = 7 (cut 6.5): density 7/9, gain 0.078 per row.
  const tied: PrimInput = {
    names: ['x'],
    rows: [[1], [1], [1], [1], [2], [3], [4], [5], [6], [7]],
    cases: [false, false, true, true, true, true, true, true, true, false],
  };

  it("'original' takes the largest density gain, 'lenient1' the largest gain per row removed", () => {
    const original = peelingTrajectory(tied, { peelAlpha: 0.1, minMass: 0.3 });
    expect(original.map((b) => [b.peel?.end, b.rows, b.cases])).toEqual([[undefined, 10, 7], ['lower', 6, 5], ['upper', 5, 5]]);
    const lenient = peelingTrajectory(tied, { peelAlpha: 0.1, minMass: 0.3, objective: 'lenient1' });
    expect(lenient.map((b) => [b.peel?.end, b.rows, b.cases])).toEqual([[undefined, 10, 7], ['upper', 9, 7], ['lower', 5, 5]]);
    expect(original[2]!.limits).toEqual({ lower: [1.5], upper: [6.5] });
    expect(lenient[2]!.limits).toEqual({ lower: [1.5], upper: [6.5] });
  });
});

describe('pasting, worked by hand', () => {
  // One parameter x = 1..8; cases at 3, 4, 5, 6 and 8 (x = 7 is not). Start from [4.5, 8]: 3 cases in 4.
  // Rows just below 4.5 are 1..4; their 0.9 quantile is (3 + 4) / 2 = 3.5: adds x = 4 (case), 4/5.
  // Then 1..3 give 2.5: adds x = 3 (case), 5/6. Then 1..2 give 1.5: adds x = 2 (not a case), 5/7: stop.
  const line: PrimInput = {
    names: ['x'],
    rows: [[1], [2], [3], [4], [5], [6], [7], [8]],
    cases: [false, false, true, true, true, true, false, true],
  };

  it('moves the restricted end out while density rises', () => {
    const pasted = pasteBox(line, { lower: [4.5], upper: [8] }, { pasteAlpha: 0.1 });
    expect(pasted).toEqual({ limits: { lower: [2.5], upper: [8] }, pastes: 2 });
    expect(boxStats(line, pasted.limits)).toMatchObject({ rows: 6, cases: 5, density: 5 / 6, coverage: 1 });
  });

  it('leaves a box alone when every paste lowers density', () => {
    expect(pasteBox(TEN, { lower: [3.5, 2], upper: [10, 9] }, { pasteAlpha: 0.1 }).pastes).toBe(0);
  });
});

describe('box selection', () => {
  const trajectory = peelingTrajectory(TEN, { peelAlpha: 0.1, minMass: 0.5 });

  it('picks the last box, a box by index, or the first box reaching a density', () => {
    expect(selectBox(trajectory)).toBe(5);
    expect(selectBox(trajectory, { kind: 'index', index: 2 })).toBe(2);
    expect(selectBox(trajectory, { kind: 'firstWithDensity', minDensity: 0.7 })).toBe(3);
  });

  it('falls back to the densest box when none reaches the density, and refuses a bad index', () => {
    const short = trajectory.slice(0, 3);
    expect(selectBox(short, { kind: 'firstWithDensity', minDensity: 0.9 })).toBe(2);
    expect(() => selectBox(trajectory, { kind: 'index', index: 6 })).toThrow(/not on the trajectory/);
  });
});

describe('input checks', () => {
  it('refuses inputs PRIM cannot work on, in one clear sentence', () => {
    expect(() => prim({ names: ['x'], rows: [], cases: [] })).toThrow('PRIM: no rows');
    expect(() => prim({ names: ['x'], rows: [[1]], cases: [true, false] })).toThrow(/1 rows but 2 case flags/);
    expect(() => prim({ names: ['x'], rows: [[1, 2]], cases: [true] })).toThrow(/row 0 has 2 values, expected 1/);
    expect(() => prim({ names: ['x'], rows: [[Number.NaN]], cases: [true] })).toThrow(/not a finite number/);
    expect(() => prim({ names: ['x'], rows: [[1]], cases: [false] })).toThrow(/no case of interest/);
    expect(() => prim(TEN, { peelAlpha: 0.5 })).toThrow(/peelAlpha/);
    expect(() => prim(TEN, { minMass: 0 })).toThrow(/minMass/);
  });
});

describe('binomialUpperTail', () => {
  it('is P(X >= k) for X ~ Binomial(n, p)', () => {
    // P(X >= 2), n = 3, p = 0.5: (3 + 1) / 8.
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // P(X >= 1), n = 4, p = 0.25: 1 - 0.75^4.
    expect(binomialUpperTail(1, 4, 0.25)).toBeCloseTo(1 - 0.75 ** 4, 12);
    expect(binomialUpperTail(0, 4, 0.25)).toBe(1);
    expect(binomialUpperTail(3, 3, 1)).toBe(1);
  });
});

const randomInput = fc
  .record({
    dims: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 5, max: 60 }),
    seed: fc.string(),
  })
  .map(({ dims, rows, seed }): PrimInput => {
    const random = seedrandom(seed);
    // Values on a coarse grid, so ties are common.
    const table = Array.from({ length: rows }, () => Array.from({ length: dims }, () => Math.floor(random() * 7)));
    const cases = table.map((row) => row[0]! + random() * 4 > 6);
    cases[0] = true;
    return { names: Array.from({ length: dims }, (_, j) => `p${j}`), rows: table, cases };
  });

describe('properties over random inputs', () => {
  it('coverage and density in [0, 1], mass non-increasing, each box counts exactly the rows inside it', () => {
    fc.assert(
      fc.property(randomInput, fc.constantFrom(0.05, 0.1, 0.2), fc.constantFrom('original' as const, 'lenient1' as const), (input, peelAlpha, objective) => {
        const trajectory = peelingTrajectory(input, { peelAlpha, minMass: 0.1, objective });
        for (let k = 0; k < trajectory.length; k++) {
          const box = trajectory[k]!;
          expect(box.coverage).toBeGreaterThanOrEqual(0);
          expect(box.coverage).toBeLessThanOrEqual(1);
          expect(box.density).toBeGreaterThanOrEqual(0);
          expect(box.density).toBeLessThanOrEqual(1);
          expect(box.mass).toBeGreaterThanOrEqual(k === 0 ? 1 : 0.1);
          const inside = input.rows.filter((row) => row.every((x, j) => box.limits.lower[j]! <= x && x <= box.limits.upper[j]!));
          expect(box.rows).toBe(inside.length);
          expect(rowsInBox(input, box.limits)).toHaveLength(inside.length);
          if (k > 0) {
            expect(box.mass).toBeLessThan(trajectory[k - 1]!.mass);
            expect(box.density).toBeGreaterThan(trajectory[k - 1]!.density);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the chosen box is at least as dense as the base rate, and its quasi-p-values are probabilities', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        const result = prim(input, { peelAlpha: 0.1, pasteAlpha: 0.1, minMass: 0.1 });
        expect(result.box.density).toBeGreaterThanOrEqual(result.base.density);
        expect(result.box.density).toBeGreaterThanOrEqual(result.trajectory[result.selectedIndex]!.density);
        for (const p of result.box.limits) {
          for (const qp of [p.qpLower, p.qpUpper]) if (qp !== null) expect(qp >= 0 && qp <= 1).toBe(true);
          expect(p.restrictedLower || p.restrictedUpper).toBe(result.box.restricted.includes(p.name));
        }
        expect(prim(input, { peelAlpha: 0.1, pasteAlpha: 0.1, minMass: 0.1 })).toEqual(result);
      }),
      { numRuns: 100 },
    );
  });

  it('the initial box is each parameter\'s [min, max]', () => {
    expect(initialLimits(TEN)).toEqual({ lower: [1, 1], upper: [10, 10] });
  });
});

/** The acceptance case in miniature: 5 parameters uniform on [0, 1], failure iff x1 > 0.6 and x2 < 0.4, 2% of rows flipped. */
function acceptanceInput(): PrimInput {
  const random = seedrandom('povsim prim acceptance');
  const rows = Array.from({ length: 1000 }, () => Array.from({ length: 5 }, () => random()));
  const cases = rows.map((row) => (row[0]! > 0.6 && row[1]! < 0.4) !== random() < 0.02);
  return { names: ['x1', 'x2', 'x3', 'x4', 'x5'], rows, cases };
}

describe('acceptance case in miniature (issue 13)', () => {
  const input = acceptanceInput();

  it('restricts only x1 and x2, near 0.6 and 0.4, with coverage and density >= 0.8', () => {
    const result = prim(input);
    expect(result.box.restricted).toEqual(['x1', 'x2']);
    expect(result.box.coverage).toBeGreaterThanOrEqual(0.8);
    expect(result.box.density).toBeGreaterThanOrEqual(0.8);
    const [x1, x2] = result.box.limits;
    expect(x1).toMatchObject({ restrictedLower: true, restrictedUpper: false });
    expect(x2).toMatchObject({ restrictedLower: false, restrictedUpper: true });
    expect(Math.abs(x1!.lower - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(x2!.upper - 0.4)).toBeLessThan(0.03);
    expect(x1!.qpLower!).toBeLessThan(1e-6);
    expect(x2!.qpUpper!).toBeLessThan(1e-6);
  });

  it('the first box reaching density 0.8 also restricts only x1 and x2, with more coverage', () => {
    const result = prim(input, { selection: { kind: 'firstWithDensity', minDensity: 0.8 } });
    const last = prim(input);
    expect(result.selectedIndex).toBeLessThan(last.selectedIndex);
    expect(result.box.restricted).toEqual(['x1', 'x2']);
    expect(result.box.density).toBeGreaterThanOrEqual(0.8);
    expect(result.box.coverage).toBeGreaterThan(last.box.coverage);
  });
});
