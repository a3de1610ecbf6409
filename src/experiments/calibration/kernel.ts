/**
 * The perturbation kernel of ABC-SMC: a normal centred on the chosen ancestor with covariance twice
 * the previous generation's weighted covariance (Beaumont et al. 2009; Filippi et al. 2013 show it
 * is a good default), either full (`multivariate`) or its diagonal (`componentwise`).
 */
import type { RandomStream } from '../../engine/rng.js';

export type KernelKind = 'multivariate' | 'componentwise';

export interface Kernel {
  /** Lower-triangular L with L L^T = the kernel covariance. */
  readonly cholesky: readonly (readonly number[])[];
  /** log((2 pi)^(d/2) det(L)): the normalising constant of the log density. */
  readonly logNormaliser: number;
}

/** Weighted covariance sum_i w_i (x_i - m)(x_i - m)^T with m = sum_i w_i x_i (w normalised; no bias correction). */
export function weightedCovariance(particles: readonly (readonly number[])[], weights: readonly number[]): number[][] {
  const d = (particles[0] as readonly number[]).length;
  const mean = new Array<number>(d).fill(0);
  particles.forEach((x, i) => x.forEach((v, k) => (mean[k] = (mean[k] as number) + (weights[i] as number) * v)));
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  particles.forEach((x, i) => {
    for (let a = 0; a < d; a += 1) {
      for (let b = 0; b < d; b += 1) {
        const row = cov[a] as number[];
        row[b] = (row[b] as number) + (weights[i] as number) * ((x[a] as number) - (mean[a] as number)) * ((x[b] as number) - (mean[b] as number));
      }
    }
  });
  return cov;
}

/** Cholesky factor of a symmetric positive-definite matrix; null if it is not positive definite. */
function choleskyFactor(matrix: readonly (readonly number[])[]): number[][] | null {
  const d = matrix.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = (matrix[i] as readonly number[])[j] as number;
      for (let k = 0; k < j; k += 1) sum -= ((l[i] as number[])[k] as number) * ((l[j] as number[])[k] as number);
      if (i === j) {
        if (!(sum > 0)) return null;
        (l[i] as number[])[j] = Math.sqrt(sum);
      } else {
        (l[i] as number[])[j] = sum / ((l[j] as number[])[j] as number);
      }
    }
  }
  return l;
}

/**
 * The kernel for particles spread like `particles` with weights `weights`: covariance 2 x their
 * weighted covariance (only its diagonal for `componentwise`). A parameter whose particles have all
 * collapsed onto one value would give a zero variance; (1e-6 x its prior range)^2 is added to each
 * variance so that the kernel stays proper. If the full covariance is still not
 * positive definite (particles on a line), the kernel falls back to its diagonal.
 */
export function buildKernel(
  particles: readonly (readonly number[])[],
  weights: readonly number[],
  ranges: readonly number[],
  kind: KernelKind,
): Kernel {
  const cov = weightedCovariance(particles, weights).map((row, a) =>
    row.map((v, b) => (kind === 'componentwise' && a !== b ? 0 : 2 * v) + (a === b ? (1e-6 * (ranges[a] as number)) ** 2 : 0)),
  );
  const cholesky = choleskyFactor(cov) ?? (choleskyFactor(cov.map((row, a) => row.map((v, b) => (a === b ? v : 0)))) as number[][]);
  const logDet = cholesky.reduce((sum, row, i) => sum + Math.log(row[i] as number), 0);
  return { cholesky, logNormaliser: (cholesky.length / 2) * Math.log(2 * Math.PI) + logDet };
}

/** A draw from the kernel centred on `centre`: centre + L z with z standard normal. */
export function perturb(kernel: Kernel, centre: readonly number[], stream: RandomStream): number[] {
  const z = centre.map(() => stream.normal());
  return centre.map((c, i) => {
    let shift = 0;
    for (let k = 0; k <= i; k += 1) shift += ((kernel.cholesky[i] as readonly number[])[k] as number) * (z[k] as number);
    return c + shift;
  });
}

/** log of the kernel density at `x` for centre `centre`: -|L^-1 (x - centre)|^2 / 2 - logNormaliser. */
export function kernelLogDensity(kernel: Kernel, centre: readonly number[], x: readonly number[]): number {
  const d = x.length;
  const y = new Array<number>(d).fill(0);
  let squared = 0;
  for (let i = 0; i < d; i += 1) {
    const row = kernel.cholesky[i] as readonly number[];
    let v = (x[i] as number) - (centre[i] as number);
    for (let k = 0; k < i; k += 1) v -= (row[k] as number) * (y[k] as number);
    y[i] = v / (row[i] as number);
    squared += (y[i] as number) ** 2;
  }
  return -0.5 * squared - kernel.logNormaliser;
}
