import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  pairedDifference,
  RunningSummary,
  sampleQuantile,
  summarize,
  summarizeDefined,
  tQuantile,
} from '../../src/experiments/stats.js';

describe('tQuantile', () => {
  it('matches closed forms for df = 1 and df = 2', () => {
    // df = 1 is the Cauchy law: t_p = tan(pi (p - 1/2)); tan(0.475 pi) = 12.706204736174696.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174696, 8);
    // df = 2: t_p = (2p - 1) / sqrt(2 p (1 - p)); 0.95 / sqrt(0.04875) = 4.302652729749464.
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.302652729749464, 8);
  });

  it('matches the tabulated t_{0.975,3} = 3.182446305284263', () => {
    expect(tQuantile(0.975, 3)).toBeCloseTo(3.182446305284263, 8);
  });

  it('is antisymmetric and tends to the normal quantile 1.959963984540054 for large df', () => {
    expect(tQuantile(0.025, 7)).toBeCloseTo(-tQuantile(0.975, 7), 10);
    expect(tQuantile(0.5, 5)).toBeCloseTo(0, 12);
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });

  it('rejects p outside (0, 1) and non-positive df', () => {
    expect(() => tQuantile(0, 3)).toThrow(RangeError);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('computes mean, sample SD and the t interval of [1, 2, 3, 4] by hand', () => {
    // mean = 10/4 = 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = sqrt(5/3) = 1.2909944487358056
    // halfWidth = t_{0.975,3} * sd / sqrt(4) = 3.182446305284263 * 1.2909944487358056 / 2 = 2.054260256760879
    const s = summarize([1, 2, 3, 4]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(1.2909944487358056, 12);
    expect(s.halfWidth).toBeCloseTo(2.054260256760879, 8);
    expect(s.ci95?.[0]).toBeCloseTo(2.5 - 2.054260256760879, 8);
    expect(s.ci95?.[1]).toBeCloseTo(2.5 + 2.054260256760879, 8);
  });

  it('gives no SD or interval for n < 2, and no mean for n = 0', () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, sd: null, halfWidth: null, ci95: null });
    expect(summarize([7])).toEqual({ n: 1, mean: 7, sd: null, halfWidth: null, ci95: null });
  });

  it('rejects NaN and infinite values', () => {
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
    expect(() => summarize([Number.POSITIVE_INFINITY, 1])).toThrow(RangeError);
  });

  it('is shift-equivariant and the interval is centred on the mean (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (xs, shift) => {
          const s = summarize(xs);
          const t = summarize(xs.map((x) => x + shift));
          expect(t.mean).toBeCloseTo((s.mean ?? 0) + shift, 6);
          expect(t.sd).toBeCloseTo(s.sd ?? 0, 6);
          const [lo, hi] = s.ci95 ?? [0, 0];
          expect((lo + hi) / 2).toBeCloseTo(s.mean ?? 0, 6);
          expect(hi - lo).toBeCloseTo(2 * (s.halfWidth ?? 0), 6);
        },
      ),
    );
  });
});

describe('summarizeDefined', () => {
  it('drops nulls and counts them', () => {
    // defined values [1, 3]: mean 2, sd = sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2)
    const s = summarizeDefined([1, null, 3, null]);
    expect(s.n).toBe(2);
    expect(s.missing).toBe(2);
    expect(s.mean).toBe(2);
    expect(s.sd).toBeCloseTo(Math.SQRT2, 12);
  });
});

describe('pairedDifference', () => {
  it('computes the t interval of b - a by hand', () => {
    // a = [1, 2, 3, 4], b = [2, 4, 5, 7] -> d = [1, 2, 2, 3], mean 8/4 = 2
    // squared deviations 1 + 0 + 0 + 1 = 2 -> sd = sqrt(2/3) = 0.816496580927726
    // halfWidth = 3.182446305284263 * 0.816496580927726 / sqrt(4)
    //           = 2.5984565272506748 / 2 = 1.2992282636253374
    const d = pairedDifference([1, 2, 3, 4], [2, 4, 5, 7]);
    expect(d.n).toBe(4);
    expect(d.unpaired).toBe(0);
    expect(d.mean).toBe(2);
    expect(d.sd).toBeCloseTo(0.816496580927726, 12);
    expect(d.halfWidth).toBeCloseTo(1.2992282636253374, 8);
    expect(d.ci95?.[0]).toBeCloseTo(0.7007717363746626, 8);
    expect(d.ci95?.[1]).toBeCloseTo(3.2992282636253374, 8);
  });

  it('uses only replicates where both values are defined', () => {
    // pairs kept: (1, 2) and (4, 7) -> d = [1, 3], mean 2, sd sqrt(2), halfWidth = 12.706204736174696 * sqrt(2) / sqrt(2)
    const d = pairedDifference([1, null, 3, 4], [2, 4, null, 7]);
    expect(d.n).toBe(2);
    expect(d.unpaired).toBe(2);
    expect(d.mean).toBe(2);
    expect(d.halfWidth).toBeCloseTo(12.706204736174696, 7);
  });

  it('rejects samples of different lengths', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });

  it('equals summarize of the differences (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 })), { maxLength: 20 }),
        (pairs) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          const { unpaired, ...d } = pairedDifference(a, b);
          expect(unpaired).toBe(0);
          expect(d).toEqual(summarize(pairs.map(([x, y]) => y - x)));
        },
      ),
    );
  });
});

describe('sampleQuantile', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    // sorted [1, 2, 3, 4]: position p (n - 1); p = 0.5 -> 1.5 -> 2.5; p = 0.25 -> 0.75 -> 1.75
    expect(sampleQuantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(sampleQuantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(sampleQuantile([4, 1, 3, 2], 1)).toBe(4);
  });
});

describe('RunningSummary', () => {
  it('gives the summary of [1, 2, 3, 4] by hand, counting nulls as missing', () => {
    // Welford: mean 2.5, M2 = 5, sd = sqrt(5/3) = 1.2909944487358056, halfWidth as for summarize
    const s = new RunningSummary();
    [1, null, 2, 3, 4].forEach((x) => s.add(x));
    const r = s.summary();
    expect(r.n).toBe(4);
    expect(r.missing).toBe(1);
    expect(r.mean).toBe(2.5);
    expect(r.sd).toBeCloseTo(1.2909944487358056, 12);
    expect(r.halfWidth).toBeCloseTo(2.054260256760879, 8);
  });

  it('has no sd for n < 2 and no mean for n = 0', () => {
    const s = new RunningSummary();
    expect(s.summary()).toEqual({ n: 0, mean: null, sd: null, halfWidth: null, ci95: null, missing: 0 });
    s.add(7);
    expect(s.summary()).toEqual({ n: 1, mean: 7, sd: null, halfWidth: null, ci95: null, missing: 0 });
  });

  it('agrees with summarizeDefined on any sample (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -10_000, max: 10_000 }).map((x) => x / 100), { nil: null }), { maxLength: 40 }), (xs) => {
        const s = new RunningSummary();
        xs.forEach((x) => s.add(x));
        const running = s.summary();
        const direct = summarizeDefined(xs);
        expect(running.n).toBe(direct.n);
        expect(running.missing).toBe(direct.missing);
        if (direct.mean !== null) expect(running.mean).toBeCloseTo(direct.mean, 9);
        if (direct.sd !== null) expect(running.sd).toBeCloseTo(direct.sd, 9);
      }),
    );
  });

  it('rejects NaN', () => {
    expect(() => new RunningSummary().add(Number.NaN)).toThrow(RangeError);
  });
});
