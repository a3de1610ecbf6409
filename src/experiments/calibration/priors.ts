/**
 * Priors of the parameters to calibrate: their densities, draws and support.
 *
 * Every prior lives on a closed range [lower, upper] (the part of the parameter's documented range
 * the analyst allows): uniform over it by default, log-uniform (uniform in log(x), for a parameter
 * known only to its order of magnitude), or normal truncated to it. Densities are normalised on the
 * range, so a particle outside it has density 0. Draws come only from the stream passed in.
 */
import jStatPkg from 'jstat';
import type { RandomStream } from '../../engine/rng.js';

const { jStat } = jStatPkg;

interface PriorRange {
  /** The parameter's name (a scenario key such as `identification.scoringNoise`). */
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
}

export type Prior =
  | (PriorRange & { readonly kind: 'uniform' })
  | (PriorRange & { readonly kind: 'log-uniform' })
  | (PriorRange & { readonly kind: 'normal'; readonly mean: number; readonly sd: number });

/**
 * Checks that a prior is well formed: finite bounds with lower < upper, lower > 0 for log-uniform,
 * sd > 0 and finite mean for normal.
 *
 * @throws RangeError naming the parameter and what is wrong.
 */
export function checkPrior(prior: Prior): void {
  const { name, lower, upper } = prior;
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || !(lower < upper)) {
    throw new RangeError(`prior of ${name}: expected finite lower < upper, found [${lower}, ${upper}]`);
  }
  if (prior.kind === 'log-uniform' && !(lower > 0)) {
    throw new RangeError(`prior of ${name}: a log-uniform prior needs lower > 0, found ${lower}`);
  }
  if (prior.kind === 'normal' && (!Number.isFinite(prior.mean) || !(prior.sd > 0) || !Number.isFinite(prior.sd))) {
    throw new RangeError(`prior of ${name}: a normal prior needs a finite mean and sd > 0, found mean ${prior.mean}, sd ${prior.sd}`);
  }
}

/** True if `x` lies in the prior's closed range [lower, upper]. */
export function insidePrior(prior: Prior, x: number): boolean {
  return x >= prior.lower && x <= prior.upper;
}

/** Probability mass of the untruncated normal inside [lower, upper]. */
function normalMass(prior: Prior & { kind: 'normal' }): number {
  return jStat.normal.cdf(prior.upper, prior.mean, prior.sd) - jStat.normal.cdf(prior.lower, prior.mean, prior.sd);
}

/**
 * Prior density at `x` (0 outside the range):
 * uniform 1 / (upper - lower); log-uniform 1 / (x * ln(upper / lower));
 * truncated normal phi((x - mean) / sd) / (sd * (Phi((upper - mean) / sd) - Phi((lower - mean) / sd))).
 *
 * @example
 * priorDensity({ kind: 'uniform', name: 'a', lower: 0, upper: 4 }, 1); // 0.25
 * priorDensity({ kind: 'log-uniform', name: 'b', lower: 1, upper: Math.E }, 2); // 0.5
 */
export function priorDensity(prior: Prior, x: number): number {
  if (!insidePrior(prior, x)) return 0;
  switch (prior.kind) {
    case 'uniform':
      return 1 / (prior.upper - prior.lower);
    case 'log-uniform':
      return 1 / (x * Math.log(prior.upper / prior.lower));
    case 'normal': {
      const z = (x - prior.mean) / prior.sd;
      return Math.exp(-0.5 * z * z) / (prior.sd * Math.sqrt(2 * Math.PI) * normalMass(prior));
    }
  }
}

/**
 * One draw from the prior: uniform and log-uniform by inversion of one uniform draw; truncated
 * normal by inversion too (u uniform between Phi(lower) and Phi(upper), then Phi^-1(u)), so a
 * narrow range far in a tail costs no rejection loop. The result is clamped to [lower, upper]
 * against rounding.
 */
export function samplePrior(prior: Prior, stream: RandomStream): number {
  const u = stream.uniform();
  let x: number;
  switch (prior.kind) {
    case 'uniform':
      x = prior.lower + u * (prior.upper - prior.lower);
      break;
    case 'log-uniform':
      x = prior.lower * Math.exp(u * Math.log(prior.upper / prior.lower));
      break;
    case 'normal': {
      const lowCdf = jStat.normal.cdf(prior.lower, prior.mean, prior.sd);
      const highCdf = jStat.normal.cdf(prior.upper, prior.mean, prior.sd);
      x = jStat.normal.inv(lowCdf + u * (highCdf - lowCdf), prior.mean, prior.sd);
      break;
    }
  }
  return Math.min(prior.upper, Math.max(prior.lower, x));
}

/** Joint prior density of a particle (the parameters are independent a priori): the product. */
export function jointPriorDensity(priors: readonly Prior[], particle: readonly number[]): number {
  let density = 1;
  for (let k = 0; k < priors.length; k += 1) density *= priorDensity(priors[k] as Prior, particle[k] as number);
  return density;
}

/** One particle drawn from the joint prior, parameter by parameter in the priors' order. */
export function sampleJointPrior(priors: readonly Prior[], stream: RandomStream): number[] {
  return priors.map((prior) => samplePrior(prior, stream));
}

/** True if every parameter of the particle lies in its prior's range. */
export function insideSupport(priors: readonly Prior[], particle: readonly number[]): boolean {
  return priors.every((prior, k) => insidePrior(prior, particle[k] as number));
}
