/**
 * Goodness of fit of a prediction (e.g. a proxy-means-test score against true income).
 */
import { checkFinite, checkSameLength } from './validate.js';

/**
 * R-squared of predicted against actual, defined as the squared Pearson correlation
 *
 *   r^2 = S_pa^2 / (S_pp * S_aa),   S_pa = sum_i (p_i - mean p)(a_i - mean a), etc.
 *
 * This equals the R-squared of an OLS regression of actual on predicted with an intercept; it is
 * NOT 1 - SSE/SST of the raw predictions (a biased but linearly related predictor still scores 1).
 * Two-pass (centred) sums for accuracy; the result is clamped to [0, 1] against rounding.
 *
 * @param predicted - finite numbers.
 * @param actual - finite numbers, same length.
 * @returns r^2 in [0, 1], or null if n < 2 or either series is constant (zero variance).
 * @throws {RangeError} on mismatched lengths or a non-finite value.
 * @example
 * // actual = 2 * predicted + 1 exactly
 * rSquared([1, 2, 3], [3, 5, 7]); // => 1
 * // centred p = (-1, 0, 1), a = (-1, 1, 0): S_pa = 1, S_pp = 2, S_aa = 2
 * rSquared([1, 2, 3], [1, 3, 2]); // => 0.25
 */
export function rSquared(predicted: ArrayLike<number>, actual: ArrayLike<number>): number | null {
  checkSameLength('predicted', predicted, 'actual', actual);
  const n = predicted.length;
  let sumP = 0;
  let sumA = 0;
  for (let i = 0; i < n; i++) {
    checkFinite('predicted', predicted[i], i);
    checkFinite('actual', actual[i], i);
    sumP += predicted[i];
    sumA += actual[i];
  }
  if (n < 2 || isConstant(predicted) || isConstant(actual)) return null;
  const meanP = sumP / n;
  const meanA = sumA / n;
  let spa = 0;
  let spp = 0;
  let saa = 0;
  for (let i = 0; i < n; i++) {
    const dp = predicted[i] - meanP;
    const da = actual[i] - meanA;
    spa += dp * da;
    spp += dp * dp;
    saa += da * da;
  }
  const r2 = (spa * spa) / (spp * saa);
  return r2 < 0 ? 0 : r2 > 1 ? 1 : r2;
}

/** True when every element equals the first (zero variance, judged exactly rather than by rounding). */
function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}
