/**
 * The calibration samplers' building blocks, on values worked by hand: prior densities and draws,
 * the scaled distance, implausibility, weighted quantiles and ESS, and the weights of a tiny
 * ABC-SMC step.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RandomStream, streamState } from '../../../src/engine/rng.js';
import {
  acceptedIndices,
  buildKernel,
  checkPrior,
  chooseAncestor,
  effectiveSampleSize,
  implausibility,
  importanceWeights,
  kernelLogDensity,
  priorDensity,
  samplePrior,
  scaledDistance,
  summarizePosterior,
  weightedCovariance,
  weightedQuantile,
  type Prior,
} from '../../../src/experiments/calibration/index.js';
import { predictiveChecks } from '../../../src/experiments/calibration/outputs.js';
import type { CalibrationSpec } from '../../../src/experiments/calibration/targets-file.js';

const stream = (name: string): RandomStream => new RandomStream(streamState(7, name));

describe('priors', () => {
  const uniform: Prior = { kind: 'uniform', name: 'a', lower: 0, upper: 4 };
  const logUniform: Prior = { kind: 'log-uniform', name: 'b', lower: 1, upper: Math.E };
  const normal: Prior = { kind: 'normal', name: 'c', lower: 0, upper: 10, mean: 0, sd: 1 };

  it('have the densities worked by hand, 0 outside the range', () => {
    expect(priorDensity(uniform, 1)).toBe(0.25);
    expect(priorDensity(uniform, 4.0001)).toBe(0);
    // 1 / (x ln(e / 1)) = 1 / x
    expect(priorDensity(logUniform, 2)).toBeCloseTo(0.5, 12);
    expect(priorDensity(logUniform, 0.5)).toBe(0);
    // half-normal: 2 phi(x); phi(1) = 0.24197072451914337; mass of [0, 10] is 1/2 to 1e-23
    expect(priorDensity(normal, 1)).toBeCloseTo(2 * 0.24197072451914337, 9);
    expect(priorDensity(normal, -0.1)).toBe(0);
  });

  it('draw inside their range with the right mean', () => {
    const n = 20000;
    const means = [uniform, logUniform, normal].map((prior) => {
      const s = stream(`prior/${prior.name}`);
      let sum = 0;
      for (let i = 0; i < n; i += 1) {
        const x = samplePrior(prior, s);
        expect(x >= prior.lower && x <= prior.upper).toBe(true);
        sum += x;
      }
      return sum / n;
    });
    // uniform mean 2 (sd 1.155); log-uniform on [1, e]: mean (e - 1) / 1 = 1.718 (sd 0.49);
    // half-normal mean sqrt(2 / pi) = 0.7979 (sd 0.603); tolerances are 5 standard errors
    expect(Math.abs((means[0] as number) - 2)).toBeLessThan(5 * (1.155 / Math.sqrt(n)));
    expect(Math.abs((means[1] as number) - (Math.E - 1))).toBeLessThan(5 * (0.49 / Math.sqrt(n)));
    expect(Math.abs((means[2] as number) - Math.sqrt(2 / Math.PI))).toBeLessThan(5 * (0.603 / Math.sqrt(n)));
  });

  it('draws a narrow range far in a normal tail without a rejection loop', () => {
    const tail: Prior = { kind: 'normal', name: 't', lower: 8, upper: 8.5, mean: 0, sd: 1 };
    const s = stream('tail');
    for (let i = 0; i < 100; i += 1) {
      const x = samplePrior(tail, s);
      expect(x >= 8 && x <= 8.5).toBe(true);
    }
  });

  it('refuse malformed priors with one line naming the parameter', () => {
    expect(() => checkPrior({ kind: 'uniform', name: 'noise', lower: 1, upper: 1 })).toThrow(/prior of noise: expected finite lower < upper/);
    expect(() => checkPrior({ kind: 'log-uniform', name: 'rate', lower: 0, upper: 1 })).toThrow(/log-uniform prior needs lower > 0/);
    expect(() => checkPrior({ kind: 'normal', name: 'fit', lower: 0, upper: 1, mean: 0.5, sd: 0 })).toThrow(/sd > 0/);
  });
});

describe('scaled distance', () => {
  it('is the Euclidean norm of the misses in units of each scale', () => {
    const targets = [
      { name: 'registered', observed: 10, scale: 1 },
      { name: 'removed', observed: 5, scale: 0.5 },
    ];
    // (13 - 10) / 1 = 3, (7 - 5) / 0.5 = 4: sqrt(9 + 16) = 5
    expect(scaledDistance([13, 7], targets)).toBe(5);
    expect(scaledDistance([10, 5], targets)).toBe(0);
  });

  it('accepts by tolerance or by the best fraction, ties in index order', () => {
    const d = [0.4, 0.1, 0.4, 2, 0.05];
    expect(acceptedIndices(d, { tolerance: 0.4 })).toEqual([4, 1, 0, 2]);
    expect(acceptedIndices(d, { fraction: 0.5 })).toEqual([4, 1, 0]); // ceil(2.5) = 3
    expect(acceptedIndices(d, { fraction: 0.01 })).toEqual([4]);
  });
});

describe('implausibility', () => {
  it('divides the miss by sqrt(observation variance + replicates variance)', () => {
    // mean 12, sample variance (4 + 4) / 1 = 8: |6 - 12| / sqrt(1 + 8) = 2
    expect(implausibility({ name: 'a', observed: 6, scale: 1 }, [10, 14])).toBe(2);
    // one replicate: no model variance; |3 - 7| / 2 = 2
    expect(implausibility({ name: 'b', observed: 3, scale: 2 }, [7])).toBe(2);
  });
});

describe('weighted summaries', () => {
  it('ESS is 1 / sum(w^2) of the normalised weights, within [1, N]', () => {
    expect(effectiveSampleSize([2, 1, 1])).toBeCloseTo(8 / 3, 12);
    expect(effectiveSampleSize([1, 1, 1, 1])).toBeCloseTo(4, 12);
    expect(effectiveSampleSize([0, 5, 0])).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), (raw) => {
        const w = raw.map((x) => x + 1e-9);
        const ess = effectiveSampleSize(w);
        return ess >= 1 - 1e-9 && ess <= w.length + 1e-9;
      }),
    );
  });

  it('quantiles invert the weighted empirical CDF', () => {
    // sorted: 1 (0.5), 2 (0.3), 3 (0.2); cumulative 0.5, 0.8, 1
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.6)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.5)).toBe(1);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.95)).toBe(3);
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2);
  });

  it('posterior summary: weighted mean, median, 90% interval, ESS', () => {
    const priors: Prior[] = [{ kind: 'uniform', name: 'x', lower: 0, upper: 100 }];
    const particles = Array.from({ length: 20 }, (_, i) => [i + 1]); // 1..20, equal weights
    const s = summarizePosterior(priors, particles, particles.map(() => 1));
    // mean 10.5; median: first value with cumulative >= 0.5 is 10; 5%: 1; 95%: 19
    expect(s.parameters[0]).toEqual({ name: 'x', mean: 10.5, median: 10, lower90: 1, upper90: 19 });
    expect(s.effectiveSampleSize).toBeCloseTo(20, 10);
  });
});

describe('a tiny ABC-SMC step', () => {
  const priors: Prior[] = [{ kind: 'uniform', name: 'x', lower: 0, upper: 10 }];
  const previous = { particles: [[4], [6]], weights: [0.5, 0.5] };

  it('builds a kernel of twice the weighted covariance', () => {
    // mean 5, covariance 0.5 * 1 + 0.5 * 1 = 1
    expect(weightedCovariance(previous.particles, previous.weights)).toEqual([[1]]);
    const kernel = buildKernel(previous.particles, previous.weights, [10], 'multivariate');
    // variance 2 (+ the floor 1e-10): density at distance 0 is 1 / sqrt(2 pi 2) = 0.28209479177387814
    expect(Math.exp(kernelLogDensity(kernel, [4], [4]))).toBeCloseTo(0.28209479177387814, 9);
  });

  it('weighs new particles by prior / sum_j w_j K(x | x_j)', () => {
    const kernel = buildKernel(previous.particles, previous.weights, [10], 'multivariate');
    const w = importanceWeights(priors, [[5], [6]], previous, kernel);
    // K(d) = exp(-d^2 / 4) / sqrt(4 pi). x = 5: 0.1 / K(1); x = 6: 0.1 / ((K(2) + K(0)) / 2).
    // Normalised: w(5) = e^(1/4) / (e^(1/4) + 2 / (1 + e^-1)) = 1.2840254 / 2.7461424 = 0.4675737
    expect(w[0]).toBeCloseTo(0.4675737, 6);
    expect((w[0] as number) + (w[1] as number)).toBeCloseTo(1, 12);
  });

  it('a particle the prior favours gets more weight (truncated-normal prior)', () => {
    const normalPrior: Prior[] = [{ kind: 'normal', name: 'x', lower: 0, upper: 10, mean: 5, sd: 1 }];
    const kernel = buildKernel(previous.particles, previous.weights, [10], 'multivariate');
    // x = 5 and x = 3 are both 1 from their nearer ancestor; the prior favours 5 by phi(0) / phi(2) = e^2
    const w = importanceWeights(normalPrior, [[5], [3]], previous, kernel);
    // kernel mixture (without the common 1 / sqrt(4 pi)) at 5: K(1); at 3: (K(1) + K(3)) / 2
    const mix5 = Math.exp(-1 / 4);
    const mix3 = (Math.exp(-1 / 4) + Math.exp(-9 / 4)) / 2;
    const ratio = (1 / mix5) / (Math.exp(-2) / mix3);
    expect(w[0]).toBeCloseTo(ratio / (1 + ratio), 9);
  });

  it('chooses ancestors by cumulative weight', () => {
    expect(chooseAncestor([0.2, 0.5, 0.3], 0)).toBe(0);
    expect(chooseAncestor([0.2, 0.5, 0.3], 0.2)).toBe(1);
    expect(chooseAncestor([0.2, 0.5, 0.3], 0.69)).toBe(1);
    expect(chooseAncestor([0.2, 0.5, 0.3], 0.7)).toBe(2);
  });
});

describe('predictive checks', () => {
  const spec = { targets: [{ name: 't', observed: 0.055, scale: 0.001 }] } as unknown as CalibrationSpec;
  const draws = (values: readonly number[]) => values.map((v, i) => ({ particle: [0], seed: i, values: [v] }));

  it('type-7 quantiles (as stats.ts): of 0.01, 0.02, ..., 0.1 the median is 0.055 and the 90% interval [0.0145, 0.0955], labelled rough', () => {
    // shuffled, so that the order of the draws cannot matter
    const [check] = predictiveChecks(spec, draws([0.07, 0.01, 0.1, 0.04, 0.02, 0.09, 0.05, 0.03, 0.08, 0.06]));
    expect(check!.median).toBeCloseTo(0.055, 15); // (0.05 + 0.06) / 2, not the lower median 0.05
    expect(check!.lower90).toBeCloseTo(0.01 + 0.45 * 0.01, 15); // position 1 + 9 x 0.05 = 1.45
    expect(check!.upper90).toBeCloseTo(0.09 + 0.55 * 0.01, 15); // position 1 + 9 x 0.95 = 9.55
    expect([check!.medianWithinScale, check!.observedIn90, check!.roughInterval]).toEqual([true, true, true]);
  });

  it('20 draws or more: not rough', () => {
    expect(predictiveChecks(spec, draws(Array.from({ length: 20 }, (_, i) => i)))[0]!.roughInterval).toBe(false);
    expect(predictiveChecks(spec, draws(Array.from({ length: 19 }, (_, i) => i)))[0]!.roughInterval).toBe(true);
  });
});
