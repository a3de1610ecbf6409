import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DesignError,
  designPoints,
  designSize,
  generateDesign,
  grid,
  gridSize,
  lhs,
  lhsSize,
  random,
  randomSize,
  rangeLevels,
  rangeValueAtUnit,
  validateFactors,
  valueAtUnit,
} from '../../src/experiments/designs/index.js';
import type { DesignPoint, DesignSpec, Factor } from '../../src/experiments/designs/index.js';

function errorOf(fn: () => unknown): DesignError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DesignError) return e;
    throw e;
  }
  throw new Error('expected a DesignError');
}

describe('factor validation', () => {
  it('throws a one-line DesignError naming the factor', () => {
    const cases: [readonly Factor[], string, string | null][] = [
      [[], 'design needs at least one factor', null],
      [[{ name: 'targeting.method', values: [] }], "factor 'targeting.method': values list is empty", 'targeting.method'],
      [[{ name: 'supervision.auditRate', min: 1, max: 1 }], "factor 'supervision.auditRate': min (1) must be less than max (1)", 'supervision.auditRate'],
      [[{ name: 'x', min: 2, max: 1 }], "factor 'x': min (2) must be less than max (1)", 'x'],
      [[{ name: 'x', min: 0, max: 1, distribution: 'loguniform' }], "factor 'x': loguniform needs min > 0, got min 0", 'x'],
      [[{ name: 'k', min: 0.5, max: 3, integer: true }], "factor 'k': integer factor needs integer min and max, got 0.5 and 3", 'k'],
      [[{ name: 'x', min: 0, max: Number.NaN }], "factor 'x': needs either a values list or finite numbers min and max", 'x'],
      [[{ name: 'a', values: [1] }, { name: 'a', values: [2] }], "factor 'a' is listed twice", 'a'],
    ];
    for (const [factors, message, factor] of cases) {
      const err = errorOf(() => validateFactors(factors));
      expect(err.message).toBe(message);
      expect(err.message).not.toContain('\n');
      expect(err.factor).toBe(factor);
      expect(err.name).toBe('DesignError');
    }
  });

  it('rejects bad sample counts and grid levels', () => {
    const f: Factor[] = [{ name: 'x', min: 0, max: 1 }];
    expect(errorOf(() => random(f, { samples: 0, seed: 1 })).message).toBe('random design samples must be an integer >= 1, got 0');
    expect(errorOf(() => lhs(f, { samples: 2.5, seed: 1 })).message).toBe('Latin hypercube samples must be an integer >= 1, got 2.5');
    expect(errorOf(() => grid(f, { levels: 1 })).message).toBe('grid levels must be an integer >= 2, got 1');
  });
});

describe('unit -> value mapping', () => {
  it('maps uniform, loguniform, integer and list factors', () => {
    expect(rangeValueAtUnit({ name: 'x', min: 2, max: 6 }, 0.25)).toBe(3); // 2 + 0.25 * 4
    expect(rangeValueAtUnit({ name: 'x', min: 1, max: 100, distribution: 'loguniform' }, 0.5)).toBeCloseTo(10, 12); // exp(ln 100 / 2)
    // integer on [0, 2]: u spread over [0, 3), floored: [0,1/3) -> 0, [1/3,2/3) -> 1, [2/3,1] -> 2
    expect([0, 0.33, 0.34, 0.66, 0.67, 1].map((u) => rangeValueAtUnit({ name: 'k', min: 0, max: 2, integer: true }, u))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(rangeValueAtUnit({ name: 'x', min: 1, max: 100, distribution: 'loguniform' }, 1)).toBe(100);
    expect([0, 0.3, 0.5, 0.99, 1].map((u) => valueAtUnit({ name: 'm', values: ['a', 'b', 'c'] }, u))).toEqual(['a', 'a', 'b', 'c', 'c']);
  });
});

describe('grid', () => {
  it('spaces range levels evenly, log-evenly, or over integers', () => {
    expect(rangeLevels({ name: 'x', min: 0, max: 1 }, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const log = rangeLevels({ name: 'x', min: 1, max: 1000, distribution: 'loguniform' }, 4);
    expect(log[0]).toBe(1);
    expect(log[1]).toBeCloseTo(10, 10);
    expect(log[2]).toBeCloseTo(100, 10);
    expect(log[3]).toBe(1000);
    // 1, 1.5, 2, 2.5, 3 rounded -> 1, 2, 2, 3, 3 -> duplicates dropped
    expect(rangeLevels({ name: 'k', min: 1, max: 3, integer: true }, 5)).toEqual([1, 2, 3]);
  });

  it('is the full factorial with the last factor varying fastest', () => {
    const factors: Factor[] = [
      { name: 'a', values: ['x', 'y'] },
      { name: 'b', values: [true, false] },
      { name: 'c', min: 0, max: 1 },
    ];
    const points = grid(factors, { levels: 3 });
    expect(points.length).toBe(12);
    expect(gridSize(factors, { levels: 3 })).toBe(12);
    expect(points.slice(0, 4)).toEqual([
      { index: 0, values: { a: 'x', b: true, c: 0 } },
      { index: 1, values: { a: 'x', b: true, c: 0.5 } },
      { index: 2, values: { a: 'x', b: true, c: 1 } },
      { index: 3, values: { a: 'x', b: false, c: 0 } },
    ]);
    expect(points[11]).toEqual({ index: 11, values: { a: 'y', b: false, c: 1 } });
    // every combination exactly once
    expect(new Set(points.map((p) => JSON.stringify(p.values))).size).toBe(12);
  });

  it('uses 5 levels by default and counts deduplicated integer levels', () => {
    expect(gridSize([{ name: 'x', min: 0, max: 1 }])).toBe(5);
    expect(gridSize([{ name: 'k', min: 1, max: 3, integer: true }, { name: 'm', values: [1, 2] }])).toBe(6);
  });

  it('has size = product of level counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 4 }), (counts, levels) => {
        const factors: Factor[] = counts.map((c, i) =>
          i % 2 === 0 ? { name: `f${i}`, values: Array.from({ length: c }, (_, j) => j) } : { name: `f${i}`, min: 0, max: 1 },
        );
        const expected = counts.reduce((s, c, i) => s * (i % 2 === 0 ? c : levels), 1);
        const points = grid(factors, { levels });
        expect(points.length).toBe(expected);
        expect(gridSize(factors, { levels })).toBe(expected);
        expect(points.map((p) => p.index)).toEqual(Array.from({ length: expected }, (_, i) => i));
      }),
    );
  });
});

describe('random design', () => {
  const factors: Factor[] = [
    { name: 'x', min: -2, max: 3 },
    { name: 'r', min: 0.01, max: 100, distribution: 'loguniform' },
    { name: 'k', min: 1, max: 4, integer: true },
    { name: 'm', values: ['a', 'b'] },
  ];

  it('draws within the ranges and over the listed values', () => {
    const points = random(factors, { samples: 2000, seed: 3 });
    expect(points.length).toBe(2000);
    expect(randomSize(factors, { samples: 2000 })).toBe(2000);
    const col = (name: string) => points.map((p) => p.values[name]);
    expect(col('x').every((v) => typeof v === 'number' && v >= -2 && v < 3)).toBe(true);
    expect(col('r').every((v) => typeof v === 'number' && v >= 0.01 && v <= 100)).toBe(true);
    expect(new Set(col('k'))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(col('m'))).toEqual(new Set(['a', 'b']));
    // log-uniform on [0.01, 100]: P(r < 1) = ln(1/0.01) / ln(100/0.01) = 0.5; with n = 2000 the SD of the share is 0.011
    const below1 = col('r').filter((v) => (v as number) < 1).length / 2000;
    expect(Math.abs(below1 - 0.5)).toBeLessThan(0.05);
  });

  it('is the same for the same seed, different for another, and keeps columns when a factor is added', () => {
    expect(random(factors, { samples: 20, seed: 9 })).toEqual(random(factors, { samples: 20, seed: 9 }));
    expect(random(factors, { samples: 20, seed: 9 })).not.toEqual(random(factors, { samples: 20, seed: 10 }));
    const withExtra = random([...factors, { name: 'extra', min: 0, max: 1 }], { samples: 20, seed: 9 });
    const base = random(factors, { samples: 20, seed: 9 });
    expect(withExtra.map((p) => p.values['x'])).toEqual(base.map((p) => p.values['x']));
  });
});

describe('Latin hypercube', () => {
  it('hits each of the n strata exactly once per range factor (property over seeds)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), (seed, n) => {
        const factors: Factor[] = [
          { name: 'u', min: 0, max: 1 },
          { name: 'v', min: -5, max: 5 },
          { name: 'w', min: 1, max: 1000, distribution: 'loguniform' },
        ];
        const points = lhs(factors, { samples: n, seed });
        expect(points.length).toBe(n);
        // Stratum of each value: invert the factor's map to the unit interval, times n.
        const strata = {
          u: points.map((p) => Math.floor((p.values['u'] as number) * n)),
          v: points.map((p) => Math.floor((((p.values['v'] as number) + 5) / 10) * n)),
          w: points.map((p) => Math.floor((Math.log10(p.values['w'] as number) / 3) * n)),
        };
        const all = Array.from({ length: n }, (_, i) => i);
        for (const s of Object.values(strata)) expect([...s].sort((a, b) => a - b)).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });

  it('balances list factors: each value floor(n/m) or ceil(n/m) times', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 7 }), (seed, n, m) => {
        const values = Array.from({ length: m }, (_, i) => `v${i}`);
        const points = lhs([{ name: 'm', values }], { samples: n, seed });
        const counts = values.map((v) => points.filter((p) => p.values['m'] === v).length);
        for (const c of counts) {
          expect(c === Math.floor(n / m) || c === Math.ceil(n / m)).toBe(true);
        }
      }),
    );
  });

  it('is the same for the same seed and different for another', () => {
    const factors: Factor[] = [{ name: 'x', min: 0, max: 1 }, { name: 'y', min: 0, max: 1 }];
    expect(lhs(factors, { samples: 30, seed: 'a' })).toEqual(lhs(factors, { samples: 30, seed: 'a' }));
    expect(lhs(factors, { samples: 30, seed: 'a' })).not.toEqual(lhs(factors, { samples: 30, seed: 'b' }));
    expect(lhsSize(factors, { samples: 30 })).toBe(30);
  });
});

describe('designSize and generateDesign', () => {
  const range: Factor[] = [{ name: 'a', min: 0, max: 1 }, { name: 'b', min: 1, max: 10 }, { name: 'c', min: 0, max: 5, integer: true }];
  const specs: DesignSpec[] = [
    { kind: 'grid', factors: [...range, { name: 'm', values: ['x', 'y'] }], levels: 3 },
    { kind: 'random', factors: range, samples: 17, seed: 1 },
    { kind: 'lhs', factors: range, samples: 13, seed: 2 },
    { kind: 'sobol', factors: range, baseSamples: 8, seed: 3 },
    { kind: 'morris', factors: range, trajectories: 4, seed: 4 },
  ];

  it('reports the number of points each design generates', () => {
    // grid 3 * 3 * 3 * 2 = 54; random 17; lhs 13; sobol N (k + 2) = 8 * 5 = 40; morris r (k + 1) = 4 * 4 = 16
    expect(specs.map(designSize)).toEqual([54, 17, 13, 40, 16]);
    for (const spec of specs) {
      const design = generateDesign(spec);
      expect(design.kind).toBe(spec.kind);
      expect(design.points.length).toBe(designSize(spec));
      expect(design.points.map((p) => p.index)).toEqual(design.points.map((_, i) => i));
    }
  });

  it('rejects list factors for sobol and morris, naming the factor', () => {
    const factors: Factor[] = [...range, { name: 'targeting.method', values: ['pmt', 'community'] }];
    const s = errorOf(() => designSize({ kind: 'sobol', factors, baseSamples: 8, seed: 1 }));
    expect(s.message).toBe("factor 'targeting.method': the sobol design needs a range (min, max), not a values list");
    expect(s.factor).toBe('targeting.method');
    const m = errorOf(() => generateDesign({ kind: 'morris', factors, trajectories: 4, seed: 1 }));
    expect(m.message).toBe("factor 'targeting.method': the morris design needs a range (min, max), not a values list");
  });
});

describe('designPoints (lazy generation)', () => {
  it('gives exactly the points of generateDesign for every kind (property over seeds and sizes)', () => {
    const ranges: Factor[] = [
      { name: 'a', min: 0, max: 1 },
      { name: 'b', min: 1, max: 100, distribution: 'loguniform' },
      { name: 'c', min: 0, max: 7, integer: true },
    ];
    const mixed: Factor[] = [...ranges, { name: 'm', values: ['x', 'y', 'z'] }];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2, max: 12 }), (seed, n) => {
        const specs: DesignSpec[] = [
          { kind: 'grid', factors: mixed, levels: Math.min(n, 4) },
          { kind: 'random', factors: mixed, samples: n, seed },
          { kind: 'lhs', factors: mixed, samples: n, seed },
          { kind: 'sobol', factors: ranges, baseSamples: n, seed },
          { kind: 'morris', factors: ranges, trajectories: n, seed },
        ];
        for (const spec of specs) {
          const lazy = [...designPoints(spec)];
          expect(lazy).toEqual(generateDesign(spec).points);
          expect(lazy.length).toBe(designSize(spec));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('can be iterated twice with the same result, and validates when called', () => {
    const spec: DesignSpec = { kind: 'lhs', factors: [{ name: 'a', min: 0, max: 1 }], samples: 5, seed: 3 };
    const points = designPoints(spec);
    expect([...points]).toEqual([...points]);
    expect(() => designPoints({ kind: 'grid', factors: [] })).toThrow(DesignError);
  });

  it('keeps only what it needs for a large grid (a million points, the first three read)', () => {
    // 10 factors of 4 levels: 4^10 = 1,048,576 points; reading three must not build the rest.
    const factors: Factor[] = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, values: [0, 1, 2, 3] }));
    const iterator = designPoints({ kind: 'grid', factors })[Symbol.iterator]();
    const first = [iterator.next().value, iterator.next().value, iterator.next().value] as DesignPoint[];
    expect(first.map((p) => p.values['f9'])).toEqual([0, 1, 2]); // last factor fastest
    expect(first[2]?.index).toBe(2);
  });
});
