/**
 * Benefit incidence: who, ranked by income, receives the benefit.
 *
 * Unit: the household (each household counts once, whatever its size). Rank 0 is the household with
 * the lowest ranking income; ties are broken by household index (see {@link rankOrder}).
 */
import { rankOrder } from './rank.js';
import { checkPermutation, checkSameLength, elementError } from './validate.js';

/** Number of income groups in {@link incidenceByDecile}. */
const DECILES = 10;

/**
 * Share of total benefit received by each income decile of households.
 *
 * Households are ranked by `rankIncome` ascending (ties by index); decile g (0-based, g = 0 is the
 * poorest, "decile 1") holds ranks floor(g*n/10) .. floor((g+1)*n/10) - 1, so groups differ by at most
 * one household; with n < 10 some deciles are empty and get share 0.
 *
 * @param rankIncome - income used for ranking (e.g. pre-transfer yuan per person per year); NaN rejected.
 * @param benefit - benefit per household (e.g. yuan received), finite and >= 0, same length.
 * @returns 10 shares in [0, 1] summing to 1 (up to rounding), or null if total benefit is 0.
 * @throws {RangeError} on mismatched lengths, a NaN income, or a negative or non-finite benefit.
 * @example
 * // 10 households, one per decile; only the two poorest (incomes 100, 200) receive benefit.
 * incidenceByDecile([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], [3, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
 * // => [0.75, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]
 */
export function incidenceByDecile(rankIncome: ArrayLike<number>, benefit: ArrayLike<number>): number[] | null {
  checkSameLength('rankIncome', rankIncome, 'benefit', benefit);
  return incidenceByDecileSorted(rankOrder(rankIncome), benefit);
}

/**
 * {@link incidenceByDecile} given a precomputed household order (`rankOrder(rankIncome)`), so one
 * sort can serve several metrics.
 *
 * @param order - household indices from poorest to richest, a permutation of 0..n-1.
 * @param benefit - benefit per household, finite and >= 0.
 * @returns as {@link incidenceByDecile}.
 * @throws {RangeError} if `order` is not a permutation of 0..n-1, or a benefit is negative or not finite.
 * @example
 * // 2 households: the poorer (index 1, benefit 3) is alone in decile 5 (ranks floor(4*2/10)..floor(5*2/10)-1 = 0..0),
 * // the richer (index 0, benefit 1) in decile 10; deciles 1-4 and 6-9 are empty.
 * incidenceByDecileSorted([1, 0], [1, 3]); // => [0, 0, 0, 0, 0.75, 0, 0, 0, 0, 0.25]
 */
export function incidenceByDecileSorted(order: ArrayLike<number>, benefit: ArrayLike<number>): number[] | null {
  const n = benefit.length;
  checkPermutation(order, n);
  const sums: number[] = [];
  let total = 0;
  for (let g = 0; g < DECILES; g++) {
    const start = Math.floor((g * n) / DECILES);
    const end = Math.floor(((g + 1) * n) / DECILES);
    let sum = 0;
    for (let k = start; k < end; k++) {
      const j = order[k];
      const b = benefit[j];
      if (!(b >= 0 && b < Infinity)) throw elementError('benefit', j, 'must be a finite number >= 0', b);
      sum += b;
    }
    sums.push(sum);
    total += sum;
  }
  if (total === 0) return null;
  return sums.map((sum) => sum / total);
}

/**
 * Coady-Grosh-Hoddinott (CGH) targeting indicator: share of total benefit received by the poorest
 * `share` of households, divided by `share`. 1 = neutral (as a uniform transfer), > 1 progressive,
 * < 1 regressive.
 *
 * Convention for the boundary: the poorest `share * n` households are taken exactly, including the
 * fractional part of the boundary household (with share*n = k + f, ranks 0..k-1 count fully and rank
 * k counts with weight f). share*n within 1e-9 (relative) of an integer is taken as that integer, so
 * share 0.2 with n = 30 means exactly 6 households. Unit: households, ranked as in
 * {@link incidenceByDecile}.
 * Source: Coady, Grosh & Hoddinott (2004), "Targeting Outcomes Redux", World Bank Research Observer
 * 19(1): 61-85 (they use the bottom 20% or 40%).
 *
 * @param rankIncome - income used for ranking; NaN rejected.
 * @param benefit - benefit per household, finite and >= 0, same length.
 * @param share - population share defining "the poor", in (0, 1]; default 0.2.
 * @returns the indicator (>= 0, at most 1/share), or null if total benefit is 0.
 * @throws {RangeError} on mismatched lengths, a NaN income, a negative or non-finite benefit, or
 *   `share` outside (0, 1].
 * @example
 * // 5 households; poorest 40% = 2 households receive 3 of 4 yuan: (3/4) / 0.4
 * cgh([100, 200, 300, 400, 500], [2, 1, 1, 0, 0], 0.4); // => 1.875
 */
export function cgh(rankIncome: ArrayLike<number>, benefit: ArrayLike<number>, share = 0.2): number | null {
  checkSameLength('rankIncome', rankIncome, 'benefit', benefit);
  checkShare(share);
  return cghSorted(rankOrder(rankIncome), benefit, share);
}

/**
 * {@link cgh} given a precomputed household order (`rankOrder(rankIncome)`).
 *
 * @param order - household indices from poorest to richest, a permutation of 0..n-1.
 * @param benefit - benefit per household, finite and >= 0.
 * @param share - population share in (0, 1]; default 0.2.
 * @returns as {@link cgh}.
 * @throws {RangeError} if `order` is not a permutation of 0..n-1, a benefit is negative or not
 *   finite, or `share` is outside (0, 1].
 * @example
 * // 2 households, share 0.25 = half of the poorer one (benefit 2) out of 4 yuan: (1/4) / 0.25
 * cghSorted([1, 0], [2, 2], 0.25); // => 1
 */
export function cghSorted(order: ArrayLike<number>, benefit: ArrayLike<number>, share = 0.2): number | null {
  checkShare(share);
  const n = benefit.length;
  checkPermutation(order, n);
  let households = share * n;
  const nearest = Math.round(households);
  if (Math.abs(households - nearest) <= 1e-9 * Math.max(1, households)) households = nearest;
  const whole = Math.floor(households); // ranks 0..whole-1 count fully
  const fraction = households - whole; // rank `whole` counts with this weight
  let poorest = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const j = order[k];
    const b = benefit[j];
    if (!(b >= 0 && b < Infinity)) throw elementError('benefit', j, 'must be a finite number >= 0', b);
    total += b;
    if (k < whole) poorest += b;
    else if (k === whole) poorest += fraction * b;
  }
  if (total === 0) return null;
  return poorest / total / share;
}

function checkShare(share: number): void {
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`share must be in (0, 1], got ${share}`);
  }
}
