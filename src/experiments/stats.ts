/**
 * Summary statistics for replicated simulation results: mean, sample standard deviation and
 * Student-t confidence intervals, for one scenario (`summarize`) and for the paired difference of
 * two scenarios run with common random numbers (`pairedDifference`).
 *
 * Conventions, once for the whole file:
 * - `sd` is the sample standard deviation with divisor n - 1 (Bessel's correction).
 * - The 95% interval is mean +- t_{0.975, n-1} * sd / sqrt(n) (Student 1908), which assumes the
 *   replicate values are independent and roughly normal; with few replicates it is honest about
 *   how little is known, and for large n it tends to mean +- 1.96 * sd / sqrt(n).
 * - `null` marks a metric that is undefined in a run (e.g. a rate with an empty denominator).
 *   `summarize` takes only numbers; `summarizeDefined` drops nulls and reports how many it dropped.
 * - NaN and infinities are rejected with a RangeError: they signal a bug upstream, not a result.
 */
import { createRequire } from 'node:module';
import jStatPkg from 'jstat';
import type { mean as mathMean, quantileSeq as mathQuantileSeq, std as mathStd } from 'mathjs';

const { jStat } = jStatPkg;

/** The three mathjs functions povsim uses (never its expression parser). */
interface MathFunctions {
  readonly mean: typeof mathMean;
  readonly quantileSeq: typeof mathQuantileSeq;
  readonly std: typeof mathStd;
}
let mathjs: MathFunctions | undefined;

/**
 * mathjs, loaded on first use (its CommonJS build, through `require`, so that the functions here
 * stay synchronous): it takes about a second to load, which `import 'povsim'`, `povsim --help` and
 * the start of every command would otherwise pay whether or not they compute a statistic.
 */
function math(): MathFunctions {
  if (mathjs === undefined) {
    const { mean, quantileSeq, std } = createRequire(import.meta.url)('mathjs') as MathFunctions;
    mathjs = { mean, quantileSeq, std };
  }
  return mathjs;
}

/** Mean, spread and 95% confidence interval of a sample. */
export interface Summary {
  /** Number of values summarized. */
  readonly n: number;
  /** Arithmetic mean; null when n = 0. */
  readonly mean: number | null;
  /** Sample standard deviation (divisor n - 1); null when n < 2. */
  readonly sd: number | null;
  /** Half-width of the 95% Student-t interval, t_{0.975,n-1} * sd / sqrt(n); null when n < 2. */
  readonly halfWidth: number | null;
  /** 95% Student-t interval [mean - halfWidth, mean + halfWidth]; null when n < 2. */
  readonly ci95: readonly [number, number] | null;
}

/** A `Summary` of the defined values of a sample that may contain nulls. */
export interface DefinedSummary extends Summary {
  /** How many values were null (metric undefined in that run) and left out. */
  readonly missing: number;
}

/** Summary of the per-replicate differences b_i - a_i of two paired samples. */
export interface PairedDifference extends Summary {
  /** How many replicate pairs were left out because a_i or b_i was null. */
  readonly unpaired: number;
}

function assertFinite(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i += 1) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${what}: value at position ${i} is ${String(values[i])}, not a finite number`);
    }
  }
}

/**
 * Quantile of Student's t distribution: the x with P(T <= x) = p for T ~ t(df). Computed by
 * jstat (`jStat.studentt.inv`, via the inverse regularized incomplete beta function); agrees with
 * exact values to about 1e-9 relative (e.g. t_{0.975,3} = 3.182446305284263 exactly, jstat gives
 * 3.18244630499854).
 *
 * @throws RangeError if p is not strictly between 0 and 1 or df is not positive.
 * @example
 * tQuantile(0.975, 1); // 12.706204736174... (= tan(0.475 * pi), the Cauchy case)
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`tQuantile: df must be a positive number, got ${df}`);
  return jStat.studentt.inv(p, df);
}

/**
 * Mean, sample SD (n - 1) and 95% Student-t confidence interval of the mean,
 * mean +- t_{0.975,n-1} * sd / sqrt(n). Callers with possibly undefined (null) values use
 * `summarizeDefined`, which drops nulls and reports how many.
 *
 * @throws RangeError if a value is NaN or infinite.
 * @example
 * // mean 2.5, sd = sqrt(5/3) = 1.2909944487358056, t_{0.975,3} = 3.182446305284263
 * summarize([1, 2, 3, 4]);
 * // { n: 4, mean: 2.5, sd: 1.2909944..., halfWidth: 2.0542602..., ci95: [0.4457397..., 4.5542602...] }
 */
export function summarize(values: readonly number[]): Summary {
  assertFinite(values, 'summarize');
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, halfWidth: null, ci95: null };
  const sample = [...values];
  const mean = Number(math().mean(sample));
  if (n === 1) return { n, mean, sd: null, halfWidth: null, ci95: null };
  const sd = Number(math().std(sample, 'unbiased'));
  const halfWidth = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, ci95: [mean - halfWidth, mean + halfWidth] };
}

/**
 * `summarize` over the non-null values, with `missing` = number of nulls left out. Use it for
 * metrics that can be undefined in a run, and report `n` next to the mean.
 *
 * @example
 * summarizeDefined([1, null, 3]); // { n: 2, missing: 1, mean: 2, sd: 1.4142..., ... }
 */
export function summarizeDefined(values: readonly (number | null)[]): DefinedSummary {
  const defined = values.filter((v): v is number => v !== null);
  return { ...summarize(defined), missing: values.length - defined.length };
}

/**
 * Paired comparison of two scenarios run on the same replicate seeds (common random numbers):
 * the differences d_i = b_i - a_i over replicates where both a_i and b_i are defined (non-null),
 * summarized with `summarize` (mean difference, SD of differences, 95% Student-t interval of the
 * mean difference with n - 1 degrees of freedom). Pairing removes the replicate-to-replicate noise
 * shared by both scenarios, so the interval is usually much narrower than comparing two summaries.
 *
 * @throws RangeError if a and b have different lengths or contain NaN or infinite values.
 * @example
 * // d = [1, 2, 2, 3]: mean 2, sd sqrt(2/3) = 0.816496580927726,
 * // halfWidth = 3.182446305284263 * 0.816496580927726 / 2 = 1.29922826362...
 * // -> { n: 4, mean: 2, sd: 0.8164965..., halfWidth: 1.2992282..., ci95: [0.70077..., 3.29922...], unpaired: 0 }
 * pairedDifference([1, 2, 3, 4], [2, 4, 5, 7]);
 */
export function pairedDifference(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): PairedDifference {
  if (a.length !== b.length) {
    throw new RangeError(`pairedDifference: a has ${a.length} replicates but b has ${b.length}`);
  }
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i += 1) {
    const ai = a[i];
    const bi = b[i];
    if (ai === null || bi === null || ai === undefined || bi === undefined) continue;
    if (!Number.isFinite(ai) || !Number.isFinite(bi)) {
      throw new RangeError(`pairedDifference: replicate ${i} has a non-finite value (a=${ai}, b=${bi})`);
    }
    diffs.push(bi - ai);
  }
  return { ...summarize(diffs), unpaired: a.length - diffs.length };
}

/**
 * The p-quantile of a non-empty sample by linear interpolation between order statistics
 * (mathjs `quantileSeq`; Hyndman and Fan 1996 type 7, the R and NumPy default).
 *
 * @throws RangeError if values is empty or p is outside [0, 1].
 * @example
 * sampleQuantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function sampleQuantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('sampleQuantile: empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`sampleQuantile: p must be in [0, 1], got ${p}`);
  // Sorted first, exactly: unsorted, mathjs selects the order statistics with a random pivot
  // (Math.random) and a tolerant comparison (relative 1e-12), so values that differ only in the
  // last digits could swap and the quantile differ from run to run (sensitivity.csv did).
  const sorted = Float64Array.from(values).sort();
  const q = math().quantileSeq(Array.from(sorted), p, true);
  if (typeof q !== 'number') throw new TypeError('sampleQuantile: mathjs returned a non-number');
  return q;
}

/**
 * Mean, SD and 95% interval of a stream of values, without keeping them: Welford's (1962)
 * updating of the mean and the sum of squared deviations M2 (Knuth TAOCP vol. 2, 4.2.2), so
 * memory is constant however many values arrive. `summary()` gives what `summarize` gives for
 * the same values (sd = sqrt(M2 / (n - 1)), the same t interval), equal up to rounding (the
 * order of additions differs). Nulls are counted as `missing` and otherwise ignored.
 *
 * @example
 * const s = new RunningSummary();
 * [1, 2, 3, 4].forEach((x) => s.add(x));
 * s.summary(); // { n: 4, mean: 2.5, sd: 1.2909944..., halfWidth: 2.0542602..., ci95: [...], missing: 0 }
 */
export class RunningSummary {
  private count = 0;
  private nulls = 0;
  private runningMean = 0;
  private m2 = 0;

  /** Adds one value (null: undefined in that run, counted as missing). @throws RangeError on NaN or infinity. */
  add(value: number | null): void {
    if (value === null) {
      this.nulls += 1;
      return;
    }
    if (!Number.isFinite(value)) throw new RangeError(`RunningSummary: value ${String(value)} is not a finite number`);
    this.count += 1;
    const delta = value - this.runningMean;
    this.runningMean += delta / this.count;
    this.m2 += delta * (value - this.runningMean);
  }

  /** The summary of the values added so far. */
  summary(): DefinedSummary {
    const n = this.count;
    const missing = this.nulls;
    if (n === 0) return { n, mean: null, sd: null, halfWidth: null, ci95: null, missing };
    const mean = this.runningMean;
    if (n === 1) return { n, mean, sd: null, halfWidth: null, ci95: null, missing };
    const sd = Math.sqrt(Math.max(0, this.m2) / (n - 1));
    const halfWidth = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
    return { n, mean, sd, halfWidth, ci95: [mean - halfWidth, mean + halfWidth], missing };
  }
}
