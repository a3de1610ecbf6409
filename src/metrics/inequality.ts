/**
 * Inequality of a distribution (income per person across households).
 */
import { rankOrder } from './rank.js';
import { checkPermutation, checkSameLength, elementError } from './validate.js';

/**
 * Weighted Gini coefficient:
 *
 *   G = sum_i sum_j w_i w_j |x_i - x_j|  /  (2 W^2 mu),   W = sum_i w_i,   mu = sum_i w_i x_i / W
 *
 * Conventions:
 * - Population formula: no small-sample correction (n/(n-1)); each weight counts as that many
 *   identical people, so integer weights give the Gini of the expanded list.
 * - Negative values are clamped to 0 before anything is computed (a household with a loss has
 *   nothing to share); with values >= 0 the result lies in [0, 1).
 * - Typical use: `values` = per-capita household income (yuan per person per year),
 *   `weights` = persons per household, giving inequality among persons.
 *
 * Computed in O(n log n) (see {@link giniSorted}) from the sorted values by the gap form
 *   sum_{i<j} w_i w_j (x_(j) - x_(i)) = sum_k (x_(k+1) - x_(k)) C_k (W - C_k),
 * C_k the weight of the k smallest; it is algebraically identical to the double sum, has only
 * non-negative terms, and is exactly 0 when all values are equal.
 * Source: Gini (1912); gap form e.g. Lerman & Yitzhaki (1984), Economics Letters 15: 363-368.
 *
 * @param values - finite numbers (negatives clamped to 0).
 * @param weights - optional finite weights >= 0, same length; default 1 each.
 * @returns G in [0, 1), or null if the total weight is 0 or the weighted mean (after clamping) is 0.
 * @throws {RangeError} on mismatched lengths, a non-finite value, or a negative or non-finite weight.
 * @example
 * gini([1, 2, 3, 4]); // => 0.25   (sum over ordered pairs of |x_i - x_j| = 20; 20 / (2 * 16 * 2.5))
 * gini([1, 3], [3, 1]); // => 0.25  (same as gini([1, 1, 1, 3]): 12 / (2 * 16 * 1.5))
 */
export function gini(values: ArrayLike<number>, weights?: ArrayLike<number>): number | null {
  if (weights !== undefined) checkSameLength('values', values, 'weights', weights);
  return giniSorted(rankOrder(values), values, weights);
}

/**
 * {@link gini} given a precomputed ascending order of `values` (from {@link rankOrder}), so one sort
 * of per-capita income can serve Gini, decile incidence and CGH in the same month.
 *
 * @param order - indices of `values` in ascending order of value (e.g. `rankOrder(values)`).
 * @param values - finite numbers (negatives clamped to 0).
 * @param weights - optional finite weights >= 0, same length; default 1 each.
 * @returns as {@link gini}.
 * @throws {RangeError} as {@link gini}, and if `order` is not a permutation of 0..n-1 or does not
 *   put `values` in ascending order.
 * @example
 * giniSorted([0, 1, 2, 3], [1, 2, 3, 4]); // => 0.25
 */
export function giniSorted(
  order: ArrayLike<number>,
  values: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number | null {
  const n = values.length;
  if (weights !== undefined) checkSameLength('values', values, 'weights', weights);
  checkPermutation(order, n);
  let totalWeight = 0;
  let totalIncome = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const w = weights === undefined ? 1 : weights[i];
    if (!Number.isFinite(x)) throw elementError('values', i, 'must be a finite number', x);
    if (!(w >= 0 && w < Infinity)) throw elementError('weights', i, 'must be a finite number >= 0', w);
    totalWeight += w;
    totalIncome += w * (x > 0 ? x : 0);
  }
  if (totalWeight === 0 || totalIncome === 0) return null;

  let gapSum = 0; // sum_k (x_(k+1) - x_(k)) C_k (W - C_k)
  let cumulativeWeight = 0; // C_k: weight of the ranks before the current one
  let previousRaw = -Infinity;
  let previous = 0;
  for (let k = 0; k < n; k++) {
    const j = order[k];
    const raw = values[j];
    if (raw < previousRaw) throw notAscending(k);
    previousRaw = raw;
    const x = raw > 0 ? raw : 0;
    if (k > 0) {
      const remaining = totalWeight - cumulativeWeight;
      gapSum += (x - previous) * cumulativeWeight * (remaining > 0 ? remaining : 0);
    }
    previous = x;
    cumulativeWeight += weights === undefined ? 1 : weights[j];
  }
  // G = gapSum / (W^2 mu) = gapSum / (W * sum_i w_i x_i)
  return gapSum / (totalWeight * totalIncome);
}

function notAscending(k: number): RangeError {
  return new RangeError(`order does not sort values ascending at position ${k}`);
}
