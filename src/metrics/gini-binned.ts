/**
 * The Gini coefficient without ranking: values are put in narrow bins by their floating-point bits
 * (bins ordered like the values), and the Gini's gap form is summed exactly between bins. Used by
 * the model's monthly observation, where ranking every household every month cost about a fifth of
 * a month (issue 14).
 */
import { checkRange, checkSameLength, elementError } from './validate.js';

/** True on little-endian machines (every platform Node and browsers run on today). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Fewest and most bins {@link giniBins} gives: more bins, a finer result and a longer pass over them. */
const MIN_BINS = 1_024;
const MAX_BINS = 131_072;

/**
 * Scratch bins for {@link giniBinned} of up to `count` values, to reuse: {@link giniBinsLength}
 * numbers (the largest power of two not above `count`, at least 1,024 and at most 131,072 bins, 16
 * bytes each: 2 MiB at most).
 *
 * @example
 * giniBins(9_000).length; // => 16384 (8,192 bins: weights, then weighted sums)
 */
export function giniBins(count: number): Float64Array {
  return new Float64Array(giniBinsLength(count));
}

/**
 * How many numbers {@link giniBins} gives for `count` values (two per bin).
 *
 * @example
 * giniBinsLength(9_000); // => 16384
 */
export function giniBinsLength(count: number): number {
  return 2 * Math.min(MAX_BINS, Math.max(MIN_BINS, 2 ** Math.floor(Math.log2(Math.max(1, count)))));
}

/**
 * Weighted Gini coefficient, as {@link gini} (same conventions: population formula, negatives
 * clamped to 0, null when the total weight or weighted total is 0), computed from bins instead of
 * an order.
 *
 * Method: a positive double's high 32 bits (sign, exponent, 20 mantissa bits) increase with its
 * value, so bin = (high word - smallest high word) >> shift orders the values by bin, values <= 0
 * going to bin 0. Between two bins every value of the lower one is below every value of the upper
 * one, so with W_b and S_b the weight and weighted sum of bin b, and C_W, C_S their sums over the
 * bins below, the gap form's sum over pairs in different bins is exactly
 *   sum_b (C_W(b) S_b - W_b C_S(b)),
 * and G = that / (W S). Pairs within one bin are left out: their values differ by at most a
 * relative r = 2^(shift - 20), so the result is at most r (1 + r) / 2 * max_b W_b / W below the
 * exact Gini, and exact when each bin holds equal values. With 2^17 bins over incomes spanning 20
 * doublings (1 to 10^6 yuan), the shift is 8, r = 2^-12, and bins hold a few households each; on
 * the model's incomes the measured error is below 2e-7 at 9,000 households and about 1e-9 at
 * 1,000,000 (the bound itself can be larger when many incomes crowd into one bin).
 * Two passes over the values and one over the bins; no sort. The passes are also exported
 * ({@link giniSums}, {@link mergeGiniSums}, {@link giniOfSums}), for the model's village ranges.
 *
 * @param values - finite numbers in a Float64Array (negatives clamped to 0).
 * @param weights - finite weights >= 0, same length.
 * @param bins - scratch from {@link giniBins} (any even length of at least 4): its first half receives the weights, its second half
 *   the weighted sums (overwritten).
 * @returns G in [0, 1), or null if the total weight is 0 or the weighted mean (after clamping) is 0.
 * @throws {RangeError} on mismatched lengths, a non-finite value, a negative or non-finite weight, or
 *   fewer than 2 bins.
 * @example
 * giniBinned(new Float64Array([1, 2, 3, 4]), [1, 1, 1, 1], giniBins(4)); // => 0.25
 */
export function giniBinned(values: Float64Array, weights: ArrayLike<number>, bins: Float64Array): number | null {
  checkSameLength('values', values, 'weights', weights);
  checkBins(bins);
  const sums = new Float64Array(GINI_SUMS);
  giniSums(values, weights, 0, values.length, sums, 0);
  return giniOfSums(values, weights, bins, sums, 0);
}

/**
 * How many numbers {@link giniSums} writes: the total weight, the weighted total of the positive
 * values, and the smallest and largest high word of the positive values.
 */
export const GINI_SUMS = 4;

/** The smallest high word of no positive value: above every positive double's (the largest is 0x7fefffff). */
const NO_HIGH_WORD = 0x7fffffff;

/**
 * {@link giniBinned}'s first pass over the values [from, to): the total weight, the weighted total
 * of the positive values, and the smallest and largest high word of the positive values (0x7fffffff
 * and 0 if none is positive), written to out[at .. at + 4). Split so that the values can be summed
 * range by range (the model's villages, on several threads) and the ranges merged with
 * {@link mergeGiniSums}; the high words are whole numbers, so their extremes are exact.
 *
 * @throws {RangeError} on a non-finite value, a negative or non-finite weight, or a range outside the arrays.
 * @example
 * giniSums(new Float64Array([-1, 2, 4]), [1, 1, 2], 0, 3, out, 0);
 * // out => [4, 10, 0x40000000, 0x40100000]   (high words of 2 and 4)
 */
export function giniSums(values: Float64Array, weights: ArrayLike<number>, from: number, to: number, out: Float64Array, at: number): void {
  checkRange(from, to, Math.min(values.length, weights.length));
  // Int32: a positive double's high word has its sign bit clear, so it is a non-negative int32.
  const high = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
  const hi = LITTLE_ENDIAN ? 1 : 0;
  let totalWeight = 0;
  let totalIncome = 0;
  let highMin = NO_HIGH_WORD;
  let highMax = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const w = weights[i]!;
    if (!Number.isFinite(x)) throw elementError('values', i, 'must be a finite number', x);
    if (!(w >= 0 && w < Infinity)) throw elementError('weights', i, 'must be a finite number >= 0', w);
    totalWeight += w;
    if (x > 0) {
      totalIncome += w * x;
      const word = high[2 * i + hi]!;
      if (word < highMin) highMin = word;
      if (word > highMax) highMax = word;
    }
  }
  out[at] = totalWeight;
  out[at + 1] = totalIncome;
  out[at + 2] = highMin;
  out[at + 3] = highMax;
}

/**
 * Adds the {@link giniSums} of one range (part[partAt ..]) to those of the ranges before it
 * (into[at ..]): totals added, high words' extremes kept. Merging ranges in their order gives the
 * same sums whatever the ranges; the totals differ from one pass's only by rounding in the last bits.
 */
export function mergeGiniSums(into: Float64Array, at: number, part: ArrayLike<number>, partAt: number): void {
  into[at] += part[partAt]!;
  into[at + 1] += part[partAt + 1]!;
  into[at + 2] = Math.min(into[at + 2]!, part[partAt + 2]!);
  into[at + 3] = Math.max(into[at + 3]!, part[partAt + 3]!);
}

/**
 * {@link giniBinned}'s second pass, given its first pass's sums of all the values at
 * sums[at .. at + 4) ({@link giniSums}, of all values at once or merged over ranges): bins the
 * values, then sums the gap form between bins. Same result, bins and null case as giniBinned.
 * The second pass can also be split by ranges of values: {@link giniBinLayout},
 * {@link binGiniValues} for each range into its own bins, {@link giniOfBins} over those bins.
 *
 * @throws {RangeError} on mismatched lengths or fewer than 2 bins.
 */
export function giniOfSums(
  values: Float64Array,
  weights: ArrayLike<number>,
  bins: Float64Array,
  sums: ArrayLike<number>,
  at: number,
): number | null {
  checkSameLength('values', values, 'weights', weights);
  checkBins(bins);
  const layout = giniBinLayout(sums, at, bins.length >>> 1);
  if (layout === null) return null;
  binGiniValues(values, weights, 0, values.length, layout, bins);
  return giniOfBins([bins], sums, at);
}

/** Where a positive value goes among the bins: bin 1 + ((high word - highMin) >>> shift); bin 0 holds the values <= 0. */
export interface GiniBinLayout {
  /** The smallest high word of the positive values (a whole number below 2^31). */
  readonly highMin: number;
  readonly shift: number;
}

/**
 * The layout of `binCount` bins for the values whose {@link giniSums} are at sums[at .. at + 4):
 * the smallest shift that puts the largest positive value in the last bin or below. Null when the
 * Gini is undefined (total weight or weighted total 0), where no binning is needed.
 *
 * @example
 * giniBinLayout([4, 10, 0x40000000, 0x40100000], 0, 16); // => { highMin: 0x40000000, shift: 17 }
 */
export function giniBinLayout(sums: ArrayLike<number>, at: number, binCount: number): GiniBinLayout | null {
  if (sums[at] === 0 || sums[at + 1] === 0) return null;
  // Whole numbers below 2^31: as int32, the binning stays integer arithmetic.
  const highMin = sums[at + 2]! | 0;
  const highMax = sums[at + 3]! | 0;
  let shift = 0;
  while ((highMax - highMin) >>> shift >= binCount - 1) shift++;
  return { highMin, shift };
}

/**
 * Bins the values [from, to) by `layout` into `bins` (overwritten; first half the weights, second
 * half the weighted sums, each bin's in the values' order). Ranges binned into separate bins and
 * merged by {@link giniOfBins} in a fixed order give the same Gini whatever runs them where.
 *
 * @throws {RangeError} on fewer than 2 bins or a range outside the arrays.
 */
export function binGiniValues(
  values: Float64Array,
  weights: ArrayLike<number>,
  from: number,
  to: number,
  layout: GiniBinLayout,
  bins: Float64Array,
): void {
  checkBins(bins);
  checkRange(from, to, Math.min(values.length, weights.length));
  const high = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
  const hi = LITTLE_ENDIAN ? 1 : 0;
  const count = bins.length >>> 1;
  const { highMin, shift } = layout;
  bins.fill(0);
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const w = weights[i]!;
    if (x > 0) {
      const b = 1 + ((high[2 * i + hi]! - highMin) >>> shift);
      bins[b] += w;
      bins[count + b] += w * x;
    } else {
      bins[0] += w;
    }
  }
}

/**
 * The Gini from the bins of one or more ranges ({@link binGiniValues}, same layout, same number of
 * bins) and the first-pass sums of all the values: the ranges' bins are added into the first one,
 * in the order given, then the gap form is summed between bins (see {@link giniBinned}).
 *
 * @returns G in [0, 1), or null if the total weight or the weighted total is 0.
 * @throws {RangeError} on no bins, bins of different lengths, or fewer than 2 bins.
 */
export function giniOfBins(parts: readonly Float64Array[], sums: ArrayLike<number>, at: number): number | null {
  const bins = parts[0];
  if (bins === undefined) throw new RangeError('gini bins: at least one range of bins needed, none given');
  checkBins(bins);
  for (const part of parts.slice(1)) {
    if (part.length !== bins.length) throw new RangeError(`gini bins: every range needs ${bins.length} numbers, ${part.length} given`);
    for (let k = 0; k < bins.length; k++) bins[k] += part[k]!;
  }
  const totalWeight = sums[at]!;
  const totalIncome = sums[at + 1]!;
  if (totalWeight === 0 || totalIncome === 0) return null;
  const count = bins.length >>> 1;
  let gapSum = 0;
  let belowWeight = 0;
  let belowIncome = 0;
  for (let b = 0; b < count; b++) {
    const w = bins[b]!;
    if (w === 0) continue;
    const s = bins[count + b]!;
    gapSum += belowWeight * s - w * belowIncome;
    belowWeight += w;
    belowIncome += s;
  }
  return gapSum / (totalWeight * totalIncome);
}

function checkBins(bins: Float64Array): void {
  if (bins.length < 4) throw new RangeError(`gini bins: at least 4 numbers (2 bins) needed, ${bins.length} given`);
}
