import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DesignError, morris, morrisIndices, morrisSize } from '../../src/experiments/designs/index.js';
import type { Factor, MorrisDesign } from '../../src/experiments/designs/index.js';

function outputsOf(design: MorrisDesign, f: (x: number[]) => number): number[] {
  return design.points.map((p) => f(design.factors.map((factor) => p.values[factor.name] as number)));
}

const unitFactors = (k: number): Factor[] => Array.from({ length: k }, (_, i) => ({ name: `x${i + 1}`, min: 0, max: 1 }));

describe('morris design', () => {
  it('builds r trajectories of k + 1 grid points, each step moving one factor by delta (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom(2, 4, 6, 8),
        (seed, k, r, p) => {
          const d = morris(unitFactors(k), { trajectories: r, levels: p, seed });
          const delta = p / (2 * (p - 1));
          expect(d.delta).toBeCloseTo(delta, 14);
          expect(d.points.length).toBe(r * (k + 1));
          expect(morrisSize(unitFactors(k), { trajectories: r, levels: p })).toBe(r * (k + 1));
          for (const u of d.unitPoints) {
            for (const x of u) {
              // on the grid {0, 1/(p-1), ..., 1}
              expect(x >= 0 && x <= 1).toBe(true);
              expect(Math.abs(x * (p - 1) - Math.round(x * (p - 1)))).toBeLessThan(1e-9);
            }
          }
          for (let t = 0; t < r; t += 1) {
            const moved = d.steps[t].map((s) => s.factorIndex).sort((a, b) => a - b);
            expect(moved).toEqual(Array.from({ length: k }, (_, i) => i)); // each factor once
            d.steps[t].forEach((step, m) => {
              const before = d.unitPoints[t * (k + 1) + m];
              const after = d.unitPoints[t * (k + 1) + m + 1];
              after.forEach((x, i) => {
                if (i === step.factorIndex) expect(x - before[i]).toBeCloseTo(step.direction * delta, 12);
                else expect(x).toBe(before[i]);
              });
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('maps unit coordinates to factor ranges and is reproducible', () => {
    const factors: Factor[] = [{ name: 'a', min: 10, max: 20 }, { name: 'b', min: -1, max: 1 }];
    const d = morris(factors, { trajectories: 5, seed: 'x' });
    d.points.forEach((p, i) => {
      expect(p.values['a']).toBeCloseTo(10 + 10 * d.unitPoints[i][0], 12);
      expect(p.values['b']).toBeCloseTo(-1 + 2 * d.unitPoints[i][1], 12);
    });
    expect(morris(factors, { trajectories: 5, seed: 'x' })).toEqual(d);
    expect(morris(factors, { trajectories: 5, seed: 'y' }).unitPoints).not.toEqual(d.unitPoints);
  });

  it('rejects odd levels, r < 2 and list factors', () => {
    expect(() => morris(unitFactors(2), { trajectories: 4, levels: 5, seed: 1 })).toThrow(DesignError);
    expect(() => morris(unitFactors(2), { trajectories: 1, seed: 1 })).toThrow('morris trajectories must be an integer >= 2, got 1');
    expect(() => morris([{ name: 'm', values: [1, 2] }], { trajectories: 4, seed: 1 })).toThrow(
      "factor 'm': the morris design needs a range (min, max), not a values list",
    );
  });
});

describe('morrisIndices', () => {
  it('gives mu* = mu = the coefficients and sigma = 0 for a linear function', () => {
    // f = 10 x1 + 5 x2 + 1 x3 + 0 x4 on [0, 1]^4: every EE_i = (c_i delta) / delta = c_i exactly
    // (up to rounding), so mu* = mu = [10, 5, 1, 0] and sigma = 0 for every factor.
    const c = [10, 5, 1, 0];
    const d = morris(unitFactors(4), { trajectories: 10, seed: 1 });
    const result = morrisIndices(d, outputsOf(d, (x) => x.reduce((s, xi, i) => s + c[i] * xi, 0)));
    expect(result.map((r) => r.name)).toEqual(['x1', 'x2', 'x3', 'x4']);
    result.forEach((r, i) => {
      expect(r.muStar).toBeCloseTo(c[i], 10);
      expect(r.mu).toBeCloseTo(c[i], 10);
      expect(r.sigma).toBeCloseTo(0, 10);
    });
  });

  it('scales effects to the unit cube: f = 3 a on a in [0, 4] gives EE = 3 * 4 = 12; a decreasing f gives mu = -mu*', () => {
    const factors: Factor[] = [{ name: 'a', min: 0, max: 4 }, { name: 'b', min: 0, max: 1 }];
    const d = morris(factors, { trajectories: 6, seed: 2 });
    const [ra, rb] = morrisIndices(d, outputsOf(d, ([av, bv]) => 3 * av - 2 * bv));
    expect(ra.muStar).toBeCloseTo(12, 10);
    expect(ra.mu).toBeCloseTo(12, 10);
    expect(rb.muStar).toBeCloseTo(2, 10);
    expect(rb.mu).toBeCloseTo(-2, 10);
  });

  it('raises sigma only for factors in a nonlinear or interaction term', () => {
    // f = 10 x1 + 5 x2 + x3 + 0 x4 + 8 x1 x2: EE_1 = 10 + 8 x2 and EE_2 = 5 + 8 x1 vary with the
    // other factor's level, EE_3 = 1 and EE_4 = 0 do not. With p = 4 and x in {0, 1/3, 2/3, 1},
    // mu*_1 lies in [10, 18] and mu*_2 in [5, 13].
    const d = morris(unitFactors(4), { trajectories: 20, seed: 3 });
    const r = morrisIndices(d, outputsOf(d, ([x1, x2, x3]) => 10 * x1 + 5 * x2 + x3 + 8 * x1 * x2));
    expect(r[0].sigma).toBeGreaterThan(0.5);
    expect(r[1].sigma).toBeGreaterThan(0.5);
    expect(r[2].sigma).toBeCloseTo(0, 10);
    expect(r[3].sigma).toBeCloseTo(0, 10);
    expect(r[0].muStar).toBeGreaterThanOrEqual(10);
    expect(r[0].muStar).toBeLessThanOrEqual(18);
    expect(r[1].muStar).toBeGreaterThanOrEqual(5);
    expect(r[1].muStar).toBeLessThanOrEqual(13);
    // ranking by mu*: x1 > x2 > x3 > x4
    expect(r.map((q) => q.muStar)).toEqual([...r.map((q) => q.muStar)].sort((a, b) => b - a));
  });

  it('separates mu* from mu when the effect changes sign (f = (x - 1/2)^2)', () => {
    // EE of x1 is +-delta-sized: f(x + d) - f(x) = d (2x + d - 1); with p = 4, d = 2/3 and
    // x in {0, 1/3}: EE = 2x + d - 1 = -1/3 or +1/3. So mu* = 1/3 exactly while |mu| < 1/3.
    const d = morris(unitFactors(1), { trajectories: 40, seed: 4 });
    const [r] = morrisIndices(d, outputsOf(d, ([x]) => (x - 0.5) ** 2));
    expect(r.muStar).toBeCloseTo(1 / 3, 10);
    expect(Math.abs(r.mu)).toBeLessThan(r.muStar);
    expect(r.sigma).toBeGreaterThan(0.2);
  });

  it('rejects outputs that do not match the design', () => {
    const d = morris(unitFactors(2), { trajectories: 3, seed: 1 });
    expect(() => morrisIndices(d, [1, 2, 3])).toThrow(RangeError);
  });
});
