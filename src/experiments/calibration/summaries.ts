/**
 * Summaries of a weighted sample of particles: normalised weights, effective sample size, weighted
 * quantiles, and per parameter the posterior mean, median and 90% interval.
 */
import type { Prior } from './priors.js';

/**
 * Weights divided by their sum.
 *
 * @throws RangeError if a weight is negative or not finite, or all are 0.
 */
export function normalizeWeights(weights: readonly number[]): number[] {
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and >= 0, found ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weights: all weights are 0');
  return weights.map((w) => w / total);
}

/**
 * Kish's effective sample size of normalised weights w: 1 / sum(w^2). N for equal weights, 1 when
 * one particle carries all the weight.
 *
 * @example
 * effectiveSampleSize([0.5, 0.25, 0.25]); // 1 / (0.25 + 0.0625 + 0.0625) = 2.6666666666666665
 */
export function effectiveSampleSize(weights: readonly number[]): number {
  const w = normalizeWeights(weights);
  return 1 / w.reduce((sum, x) => sum + x * x, 0);
}

/**
 * Weighted quantile, inverse of the weighted empirical CDF: sort the values (ties in input order),
 * accumulate their normalised weights, and return the first value at which the cumulative weight
 * reaches p (to within 1e-12, against rounding). With equal weights this is the type-1 sample
 * quantile: the median of [1, 2, 3, 4] is 2.
 *
 * @throws RangeError if p is outside [0, 1] or the lengths differ or there are no values.
 * @example
 * weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.6); // 2 (cumulative 0.5 at 1, 0.8 at 2)
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`weightedQuantile: p must be in [0, 1], got ${p}`);
  if (values.length === 0 || values.length !== weights.length) {
    throw new RangeError(`weightedQuantile: ${values.length} values and ${weights.length} weights`);
  }
  const w = normalizeWeights(weights);
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  let cumulative = 0;
  for (const i of order) {
    cumulative += w[i] as number;
    if (cumulative >= p - 1e-12) return values[i] as number;
  }
  return values[order[order.length - 1] as number] as number;
}

export interface ParameterSummary {
  readonly name: string;
  /** Weighted mean. */
  readonly mean: number;
  /** Weighted median (`weightedQuantile` at 0.5). */
  readonly median: number;
  /** Weighted 5% and 95% quantiles: the central 90% interval. */
  readonly lower90: number;
  readonly upper90: number;
}

export interface PosteriorSummary {
  readonly parameters: readonly ParameterSummary[];
  /** Effective sample size of the weights. */
  readonly effectiveSampleSize: number;
}

/** Posterior mean, median and central 90% interval of each parameter, and the weights' ESS. */
export function summarizePosterior(
  priors: readonly Prior[],
  particles: readonly (readonly number[])[],
  weights: readonly number[],
): PosteriorSummary {
  const w = normalizeWeights(weights);
  const parameters = priors.map((prior, k) => {
    const values = particles.map((particle) => particle[k] as number);
    const mean = values.reduce((sum, x, i) => sum + x * (w[i] as number), 0);
    return {
      name: prior.name,
      mean,
      median: weightedQuantile(values, w, 0.5),
      lower90: weightedQuantile(values, w, 0.05),
      upper90: weightedQuantile(values, w, 0.95),
    };
  });
  return { parameters, effectiveSampleSize: effectiveSampleSize(w) };
}
