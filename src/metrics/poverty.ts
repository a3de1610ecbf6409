/**
 * Foster-Greer-Thorbecke (FGT) poverty measures over households, weighted by persons.
 *
 * Source: Foster, J., Greer, J. & Thorbecke, E. (1984), "A Class of Decomposable Poverty Measures",
 * Econometrica 52(3): 761-766, eq. (1).
 */
import { checkRange, checkSameLength, elementError } from './validate.js';

/**
 * FGT poverty measure P_alpha:
 *
 *   P_alpha = sum_i w_i * g_i^alpha * [y_i < z]  /  sum_i w_i,   g_i = min(1, (z - y_i) / z)
 *
 * Conventions:
 * - The unit is the household, weighted by `weights` (persons per household), so the result is a
 *   share of persons, not of households.
 * - Poor means strictly below the line (`y_i < z`); a household exactly on the line is not poor.
 * - The normalised gap is clamped to at most 1: an income <= 0 (e.g. a loss-making harvest) counts
 *   as a gap of exactly 1, never more, so P_alpha stays in [0, 1].
 * - alpha = 0 is the headcount ratio, 1 the poverty gap index, 2 the squared gap (severity).
 *
 * One O(n) pass with no allocation (runs on ~1e6 households per simulated month).
 *
 * @param incomes - household income per person, yuan per year (same unit as `line`); NaN rejected,
 *   -Infinity counts as gap 1, +Infinity as non-poor.
 * @param weights - persons per household, finite and >= 0, same length as `incomes`.
 * @param line - poverty line z, yuan per person per year, finite and > 0.
 * @param alpha - poverty aversion, finite and >= 0.
 * @returns P_alpha in [0, 1], or null if the total weight is 0 (including no households).
 * @throws {RangeError} on mismatched lengths, a negative or non-finite weight, a NaN income,
 *   `line` not finite and > 0, or `alpha` not finite and >= 0.
 * @example
 * // incomes 1000, 3000, 5000 yuan; 2, 1, 1 persons; line 4000 yuan; gaps 0.75, 0.25, -
 * fgt([1000, 3000, 5000], [2, 1, 1], 4000, 1); // => 0.4375   ((2*0.75 + 0.25) / 4)
 */
export function fgt(
  incomes: ArrayLike<number>,
  weights: ArrayLike<number>,
  line: number,
  alpha: number,
): number | null {
  checkSameLength('incomes', incomes, 'weights', weights);
  if (!(line > 0 && line < Infinity)) {
    throw new RangeError(`poverty line must be a finite number > 0, got ${line}`);
  }
  if (!(alpha >= 0 && alpha < Infinity)) {
    throw new RangeError(`alpha must be a finite number >= 0, got ${alpha}`);
  }
  const n = incomes.length;
  let totalWeight = 0;
  let weightedPoverty = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const y = incomes[i];
    if (!(w >= 0 && w < Infinity)) throw elementError('weights', i, 'must be a finite number >= 0', w);
    if (Number.isNaN(y)) throw nanIncome(i);
    totalWeight += w;
    if (y < line) {
      const gap = y > 0 ? (line - y) / line : 1;
      // Branches on alpha are loop-invariant (well predicted); ** only for unusual alphas.
      const contribution = alpha === 0 ? 1 : alpha === 1 ? gap : alpha === 2 ? gap * gap : gap ** alpha;
      weightedPoverty += w * contribution;
    }
  }
  return totalWeight > 0 ? weightedPoverty / totalWeight : null;
}

/** The three FGT measures of one population, from {@link fgtProfile}. */
export interface FgtProfile {
  /** P_0, the headcount ratio. */
  headcount: number | null;
  /** P_1, the poverty gap index. */
  povertyGap: number | null;
  /** P_2, the squared poverty gap (severity). */
  povertySeverity: number | null;
}

/**
 * P_0, P_1 and P_2 ({@link fgt} with alpha 0, 1 and 2) in one pass over the households instead of
 * three. Each measure is summed in the same order with the same operations as {@link fgt}, so the
 * results are identical to the last bit. Same conventions, errors and null case as {@link fgt}.
 *
 * @example
 * // as in fgt: gaps 0.75 (2 persons) and 0.25 (1 person) of 4 persons
 * fgtProfile([1000, 3000, 5000], [2, 1, 1], 4000);
 * // => { headcount: 0.75, povertyGap: 0.4375, povertySeverity: 0.296875 }
 */
export function fgtProfile(incomes: ArrayLike<number>, weights: ArrayLike<number>, line: number): FgtProfile {
  checkSameLength('incomes', incomes, 'weights', weights);
  const sums = new Float64Array(FGT_SUMS);
  fgtSums(incomes, weights, line, 0, incomes.length, sums, 0);
  return fgtProfileOfSums(sums, 0);
}

/** How many numbers {@link fgtSums} writes: the total weight, then the weighted sums of gap^0, gap^1 and gap^2 of the poor. */
export const FGT_SUMS = 4;

/**
 * The sums behind {@link fgtProfile} over the households [from, to): the total weight and, over
 * the poor, sum w, sum w * gap and sum w * gap^2, written to out[at .. at + 4). Split so that a
 * population can be summed range by range (the model's villages, on several threads) and the
 * ranges' sums added: the measures are then fgtProfile's up to rounding in the last bits (exact for
 * the headcount when the weights are whole numbers). Same conventions and errors as {@link fgt}.
 *
 * @example
 * // gaps 0.75 (2 persons) and 0.25 (1 person); 4 persons in all
 * fgtSums([1000, 3000, 5000], [2, 1, 1], 4000, 0, 3, out, 0); // out => [4, 3, 1.75, 1.1875]
 */
export function fgtSums(
  incomes: ArrayLike<number>,
  weights: ArrayLike<number>,
  line: number,
  from: number,
  to: number,
  out: Float64Array,
  at: number,
): void {
  if (!(line > 0 && line < Infinity)) {
    throw new RangeError(`poverty line must be a finite number > 0, got ${line}`);
  }
  checkRange(from, to, Math.min(incomes.length, weights.length));
  let totalWeight = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  for (let i = from; i < to; i++) {
    const w = weights[i];
    const y = incomes[i];
    if (!(w >= 0 && w < Infinity)) throw elementError('weights', i, 'must be a finite number >= 0', w);
    if (Number.isNaN(y)) throw nanIncome(i);
    totalWeight += w;
    if (y < line) {
      const gap = y > 0 ? (line - y) / line : 1;
      // Summed with the same operations as fgt, so that fgtProfile equals fgt to the last bit.
      p0 += w * 1;
      p1 += w * gap;
      p2 += w * (gap * gap);
    }
  }
  out[at] = totalWeight;
  out[at + 1] = p0;
  out[at + 2] = p1;
  out[at + 3] = p2;
}

/**
 * P_0, P_1 and P_2 from the sums of {@link fgtSums} (of one range, or added over ranges) at
 * sums[at .. at + 4); all null if the total weight is 0.
 *
 * @example
 * fgtProfileOfSums([4, 3, 1.75, 1.1875], 0); // => { headcount: 0.75, povertyGap: 0.4375, povertySeverity: 0.296875 }
 */
export function fgtProfileOfSums(sums: ArrayLike<number>, at: number): FgtProfile {
  const totalWeight = sums[at]!;
  if (!(totalWeight > 0)) return { headcount: null, povertyGap: null, povertySeverity: null };
  return { headcount: sums[at + 1]! / totalWeight, povertyGap: sums[at + 2]! / totalWeight, povertySeverity: sums[at + 3]! / totalWeight };
}

/**
 * Headcount ratio P_0: share of persons in households with income strictly below the line.
 * Same conventions, errors and null case as {@link fgt} with alpha = 0.
 *
 * @example
 * headcount([1000, 3000, 5000], [2, 1, 1], 4000); // => 0.75   ((2 + 1) / 4)
 */
export function headcount(incomes: ArrayLike<number>, weights: ArrayLike<number>, line: number): number | null {
  return fgt(incomes, weights, line, 0);
}

/**
 * Poverty gap index P_1: person-weighted mean normalised shortfall below the line (0 for the non-poor,
 * clamped to at most 1). Same conventions, errors and null case as {@link fgt} with alpha = 1.
 *
 * @example
 * povertyGap([1000, 3000, 5000], [2, 1, 1], 4000); // => 0.4375   ((2*0.75 + 0.25) / 4)
 */
export function povertyGap(incomes: ArrayLike<number>, weights: ArrayLike<number>, line: number): number | null {
  return fgt(incomes, weights, line, 1);
}

/**
 * Poverty severity P_2 (squared poverty gap): weights the poorest more. Same conventions, errors and
 * null case as {@link fgt} with alpha = 2.
 *
 * @example
 * povertySeverity([1000, 3000, 5000], [2, 1, 1], 4000); // => 0.296875   ((2*0.5625 + 0.0625) / 4)
 */
export function povertySeverity(
  incomes: ArrayLike<number>,
  weights: ArrayLike<number>,
  line: number,
): number | null {
  return fgt(incomes, weights, line, 2);
}

function nanIncome(i: number): RangeError {
  return new RangeError(`incomes[${i}] is NaN`);
}
