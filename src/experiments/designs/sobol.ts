/**
 * Variance-based (Sobol') sensitivity analysis: Saltelli's sampling scheme and the first-order and
 * total-order index estimators of Saltelli et al. (2010), "Variance based sensitivity analysis of
 * model output. Design and estimator for the total sensitivity index", Computer Physics
 * Communications 181(2), 259-270.
 *
 * Sampling choice: A and B are drawn by plain Monte Carlo from the seeded generator, not from a
 * Sobol' low-discrepancy sequence. No maintained npm package provides a Sobol' sequence generator
 * (none in the registry list), and Monte Carlo sampling gives unbiased estimators with the same
 * formulas; it only needs a larger N for the same precision (error ~ 1/sqrt(N) instead of close to
 * 1/N). The bootstrap intervals report that precision honestly.
 */
import { makeRandom, randomIndex } from '../random.js';
import { sampleQuantile } from '../stats.js';
import { DesignError, rangeValueAtUnit, requireCount, requireRangeFactors } from './factors.js';
import type { DesignPoint, Factor, FactorValue, RangeFactor } from './factors.js';

export interface SobolOptions {
  /** N, the number of rows of the base matrices A and B (>= 2). The design has N (k + 2) points. */
  readonly baseSamples: number;
  /** Seed of the design; the same (factors, baseSamples, seed) always give the same design. */
  readonly seed: number | string;
  /** Second-order indices (which need N (2k + 2) points) are not implemented; only false is accepted. */
  readonly secondOrder?: false;
}

/**
 * A Saltelli design and what `sobolIndices` needs to analyse it.
 *
 * Layout of `points` (and of the outputs passed to `sobolIndices`): N consecutive blocks of k + 2
 * points, one block per base row j = 0..N-1:
 *   index j(k+2)           row j of A
 *   index j(k+2) + 1 + i   row j of AB_i (A with column i taken from B), i = 0..k-1
 *   index j(k+2) + k + 1   row j of B
 * Blocks keep each base row's runs together, so a sweep cut short still has whole rows.
 */
export interface SobolDesign {
  readonly kind: 'sobol';
  readonly factors: readonly RangeFactor[];
  /** N. */
  readonly baseSamples: number;
  readonly points: DesignPoint[];
  /** Unit-hypercube coordinates of each point, same order as `points`, one number per factor. */
  readonly unitPoints: readonly (readonly number[])[];
}

/** Sobol' indices of one factor with bootstrap percentile intervals. */
export interface SobolFactorIndices {
  readonly name: string;
  /** First-order index: share of output variance due to this factor alone. */
  readonly S1: number;
  /** Bootstrap percentile interval of S1; null when `bootstrap` is 0. */
  readonly S1ci: readonly [number, number] | null;
  /** Total-order index: share of output variance involving this factor, alone or in interactions. */
  readonly ST: number;
  /** Bootstrap percentile interval of ST; null when `bootstrap` is 0. */
  readonly STci: readonly [number, number] | null;
}

export interface SobolIndicesOptions {
  /** Number of bootstrap resamples of the N base rows (default 500; 0 for no intervals). */
  readonly bootstrap?: number;
  /** Seed of the bootstrap resampling. */
  readonly seed: number | string;
  /** Coverage of the percentile intervals, in (0, 1); default 0.95. */
  readonly confidence?: number;
}

function checkOptions(factors: readonly Factor[], options: Pick<SobolOptions, 'baseSamples' | 'secondOrder'>): readonly RangeFactor[] {
  const ranges = requireRangeFactors(factors, 'sobol');
  requireCount(options.baseSamples, 'sobol baseSamples', 2);
  const secondOrder: unknown = options.secondOrder;
  if (secondOrder !== undefined && secondOrder !== false) {
    throw new DesignError('sobol secondOrder indices are not supported; set secondOrder to false');
  }
  return ranges;
}

/**
 * Number of points (runs per replicate) of the Saltelli design: N (k + 2) for N base samples and
 * k factors.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * sobolSize([{ name: 'a', min: 0, max: 1 }, { name: 'b', min: 0, max: 1 }], { baseSamples: 1024 }); // 4096
 */
export function sobolSize(factors: readonly Factor[], options: Pick<SobolOptions, 'baseSamples' | 'secondOrder'>): number {
  const ranges = checkOptions(factors, options);
  return options.baseSamples * (ranges.length + 2);
}

/**
 * Saltelli (2010) sampling design for first- and total-order Sobol' indices: base matrices A and B
 * (N x k, independent uniform draws on the unit hypercube, see the file comment) and the k matrices
 * AB_i (A with column i from B), N (k + 2) points in all, laid out as described at `SobolDesign`,
 * mapped to factor values with `rangeValueAtUnit`. Only range factors are allowed.
 *
 * Each factor has its own stream, `makeRandom(`${seed}/sobol/${factor.name}`)`: N draws for its
 * column of A, then N for its column of B.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * sobol([{ name: 'a', min: 0, max: 1 }], { baseSamples: 2, seed: 1 }).points.length; // 6
 */
export function sobol(factors: readonly Factor[], options: SobolOptions): SobolDesign {
  const ranges = checkOptions(factors, options);
  const points: DesignPoint[] = [];
  const unitPoints: number[][] = [];
  for (const { point, unit } of saltelliRows(ranges, options)) {
    points.push(point);
    unitPoints.push(unit);
  }
  return { kind: 'sobol', factors: ranges, baseSamples: options.baseSamples, points, unitPoints };
}

/**
 * The points of `sobol(factors, options).points`, one at a time, in the same order. Each factor
 * gets two copies of its stream: one reads its column of A, the other, advanced N draws, its
 * column of B; so memory is 2k generators, not the N (k + 2) points. Validation happens when this
 * is called.
 *
 * @throws DesignError on invalid factors (list factors included) or options.
 * @example
 * [...sobolPoints([{ name: 'a', min: 0, max: 1 }], { baseSamples: 2, seed: 1 })].length; // 6
 */
export function sobolPoints(factors: readonly Factor[], options: SobolOptions): Iterable<DesignPoint> {
  const ranges = checkOptions(factors, options);
  return {
    *[Symbol.iterator]() {
      for (const { point } of saltelliRows(ranges, options)) yield point;
    },
  };
}

/** The Saltelli layout (see `SobolDesign`), row by row, with unit coordinates. */
function* saltelliRows(ranges: readonly RangeFactor[], options: SobolOptions): Generator<{ point: DesignPoint; unit: number[] }> {
  const n = options.baseSamples;
  const k = ranges.length;
  const aStreams = ranges.map((factor) => makeRandom(`${options.seed}/sobol/${factor.name}`));
  const bStreams = ranges.map((factor) => {
    const rng = makeRandom(`${options.seed}/sobol/${factor.name}`);
    for (let j = 0; j < n; j += 1) rng(); // skip the N draws of A's column
    return rng;
  });
  const toPoint = (unit: number[], index: number): { point: DesignPoint; unit: number[] } => {
    const values: Record<string, FactorValue> = {};
    ranges.forEach((factor, d) => {
      values[factor.name] = rangeValueAtUnit(factor, unit[d]);
    });
    return { point: { index, values }, unit };
  };
  let index = 0;
  for (let j = 0; j < n; j += 1) {
    const a = aStreams.map((rng) => rng());
    const b = bStreams.map((rng) => rng());
    yield toPoint(a, index++);
    for (let i = 0; i < k; i += 1) {
      const ab = [...a];
      ab[i] = b[i];
      yield toPoint(ab, index++);
    }
    yield toPoint(b, index++);
  }
}

/** Outputs of a Saltelli design split into f(A), f(B) and f(AB_i), each of length N. */
interface SaltelliOutputs {
  readonly fA: Float64Array;
  readonly fB: Float64Array;
  readonly fAB: readonly Float64Array[];
}

/** What `sobolIndices` needs of a design: its factors and N (not the points themselves). */
export type SobolLayout = Pick<SobolDesign, 'factors' | 'baseSamples'>;

function splitOutputs(design: SobolLayout, outputs: readonly number[]): SaltelliOutputs {
  const n = design.baseSamples;
  const k = design.factors.length;
  if (outputs.length !== n * (k + 2)) {
    throw new RangeError(`sobolIndices: expected ${n * (k + 2)} outputs (one per design point), got ${outputs.length}`);
  }
  outputs.forEach((y, i) => {
    if (!Number.isFinite(y)) throw new RangeError(`sobolIndices: output of point ${i} is ${String(y)}, not a finite number`);
  });
  const fA = new Float64Array(n);
  const fB = new Float64Array(n);
  const fAB = Array.from({ length: k }, () => new Float64Array(n));
  for (let j = 0; j < n; j += 1) {
    const base = j * (k + 2);
    fA[j] = outputs[base];
    for (let i = 0; i < k; i += 1) fAB[i][j] = outputs[base + 1 + i];
    fB[j] = outputs[base + k + 1];
  }
  return { fA, fB, fAB };
}

/**
 * S1 and ST of every factor from the base rows listed in `rows` (indices into 0..N-1, repeats
 * allowed, as in a bootstrap resample). Returns null when the output variance over those rows is 0.
 */
function estimate(out: SaltelliOutputs, rows: ArrayLike<number>): { S1: number[]; ST: number[] } | null {
  const m = rows.length;
  let sum = 0;
  for (let r = 0; r < m; r += 1) sum += out.fA[rows[r]] + out.fB[rows[r]];
  const mean = sum / (2 * m);
  let ss = 0;
  for (let r = 0; r < m; r += 1) {
    const da = out.fA[rows[r]] - mean;
    const db = out.fB[rows[r]] - mean;
    ss += da * da + db * db;
  }
  const variance = ss / (2 * m);
  if (!(variance > 0)) return null;
  const S1: number[] = [];
  const ST: number[] = [];
  for (const fABi of out.fAB) {
    let first = 0;
    let total = 0;
    for (let r = 0; r < m; r += 1) {
      const j = rows[r];
      const d = fABi[j] - out.fA[j];
      first += (out.fB[j] - mean) * d;
      total += d * d;
    }
    S1.push(first / m / variance);
    ST.push(total / (2 * m) / variance);
  }
  return { S1, ST };
}

/**
 * First- and total-order Sobol' indices from the outputs of a `sobol` design (`outputs[i]` is the
 * model output at `design.points[i]`), with bootstrap percentile intervals.
 *
 * Estimators (Saltelli et al. 2010, Table 2: (b) for S1, (f) Jansen 1999 for ST), with N base rows:
 *   f0  = mean and V = variance (divisor 2N) of the 2N values f(A) and f(B)
 *   S1_i = (1/N) sum_j (f(B)_j - f0) (f(AB_i)_j - f(A)_j) / V
 *   ST_i = (1/2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V
 * S1 uses f(B) centred on f0. Since f(AB_i) - f(A) has mean zero this changes the estimator only by
 * O(1/N), but it makes S1 invariant to adding a constant to the output; uncentred, an output with a
 * large mean (a headcount near 1000, say) gives a much noisier S1. SALib centres (and scales) the
 * outputs the same way before applying these formulas.
 * Intervals: the N base rows (each with its k + 2 outputs) are resampled with replacement
 * `bootstrap` times, the indices recomputed (V included), and the (1 - confidence)/2 and
 * (1 + confidence)/2 sample quantiles taken (type 7, `sampleQuantile`). Estimates from finite N can
 * fall slightly outside [0, 1] (e.g. a small negative S1 for an unimportant factor); they are
 * reported as computed.
 *
 * @throws RangeError if the outputs do not match the design, are not finite, or have zero variance
 *   (all f(A), f(B) equal: the indices are undefined); DesignError on invalid options.
 * @example
 * // f(x) = x1 + 2 x2 on [0,1]^2: S1 ~ ST ~ [0.2, 0.8]
 * sobolIndices(design, design.unitPoints.map(([x1, x2]) => x1 + 2 * x2), { seed: 1 });
 */
export function sobolIndices(
  design: SobolLayout,
  outputs: readonly number[],
  options: SobolIndicesOptions,
): SobolFactorIndices[] {
  const bootstrap = options.bootstrap ?? 500;
  const confidence = options.confidence ?? 0.95;
  requireCount(bootstrap, 'sobolIndices bootstrap', 0);
  if (!(confidence > 0 && confidence < 1)) {
    throw new DesignError(`sobolIndices confidence must be in (0, 1), got ${confidence}`);
  }
  const out = splitOutputs(design, outputs);
  const n = design.baseSamples;
  const k = design.factors.length;
  const allRows = Int32Array.from({ length: n }, (_, j) => j);
  const point = estimate(out, allRows);
  if (point === null) {
    throw new RangeError('sobolIndices: the output has zero variance over f(A) and f(B); Sobol indices are undefined');
  }

  const s1Boot: number[][] = Array.from({ length: k }, () => []);
  const stBoot: number[][] = Array.from({ length: k }, () => []);
  const rng = makeRandom(`${options.seed}/sobol-bootstrap`);
  const rows = new Int32Array(n);
  for (let b = 0; b < bootstrap; b += 1) {
    for (let r = 0; r < n; r += 1) rows[r] = randomIndex(rng, n);
    const est = estimate(out, rows);
    if (est === null) continue; // a degenerate resample (all rows equal output) carries no information
    for (let i = 0; i < k; i += 1) {
      s1Boot[i].push(est.S1[i]);
      stBoot[i].push(est.ST[i]);
    }
  }
  const lowP = (1 - confidence) / 2;
  const highP = (1 + confidence) / 2;
  const interval = (sample: readonly number[]): readonly [number, number] | null =>
    sample.length === 0 ? null : [sampleQuantile(sample, lowP), sampleQuantile(sample, highP)];

  return design.factors.map((factor, i) => ({
    name: factor.name,
    S1: point.S1[i],
    S1ci: interval(s1Boot[i]),
    ST: point.ST[i],
    STci: interval(stBoot[i]),
  }));
}
