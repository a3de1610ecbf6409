import { checkFinite, checkNonNegative, checkSameLength } from './validate.js';

/**
 * Arithmetic mean `sum_i x_i / n`, by a plain loop (fast on typed arrays of 1e6 entries).
 *
 * @param values - finite numbers.
 * @returns the mean, or null if `values` is empty.
 * @throws {RangeError} if a value is not finite.
 * @example
 * mean([1, 2, 6]); // => 3
 */
export function mean(values: ArrayLike<number>): number | null {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    checkFinite('values', x, i);
    sum += x;
  }
  return n > 0 ? sum / n : null;
}

/**
 * Weighted mean `sum_i w_i x_i / sum_i w_i` (e.g. per-capita income weighted by household size
 * gives the mean over persons).
 *
 * @param values - finite numbers.
 * @param weights - finite weights >= 0, same length as `values`.
 * @returns the weighted mean, or null if the total weight is 0 (including empty input).
 * @throws {RangeError} on mismatched lengths, a negative or non-finite weight, or a non-finite value.
 * @example
 * weightedMean([1000, 4000], [3, 1]); // => 1750   ((3*1000 + 4000) / 4)
 */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number | null {
  checkSameLength('values', values, 'weights', weights);
  const n = values.length;
  let sum = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const w = weights[i];
    checkFinite('values', x, i);
    checkNonNegative('weights', w, i);
    sum += w * x;
    totalWeight += w;
  }
  return totalWeight > 0 ? sum / totalWeight : null;
}
