/**
 * Benefit incidence over fixed groups of persons: households are put once into tenths of the
 * population of persons (ranked by per-capita income), and benefits are then summed by group as
 * they are paid. This is how a simulation can report incidence per programme without keeping every
 * household's benefit from every programme.
 *
 * Unit: persons. A household belongs to the tenth that holds its middle person, so each tenth holds
 * a tenth of all persons to within one household (at most 9 persons), and an indicator divides by the
 * group's actual share of persons, never by a nominal 0.1 or 0.4.
 */
import { checkNonNegative, checkPermutation, elementError } from './validate.js';

/** Number of person groups (tenths). */
export const PERSON_DECILES = 10;

/**
 * Assigns each household the tenth of persons (0 = poorest) that holds its middle person.
 *
 * With households in `order` (poorest first) and P persons in all, the persons of the household at
 * rank k occupy positions c .. c + s (c persons before it, s its size); its middle is c + s/2 and its
 * group is floor(10 (c + s/2) / P), at most 9.
 *
 * @param order - household indices from poorest to richest, a permutation of 0..n-1.
 * @param size - persons per household, integers >= 1.
 * @param out - receives each household's group (0-9); same length as `size`.
 * @returns persons in each of the 10 groups.
 * @throws {RangeError} if `order` is not a permutation, a size is not a positive integer, or `out`
 *   has the wrong length.
 * @example
 * // sizes 1, 1, 2 ranked as given: middles 0.5, 1.5, 3 of 4 persons -> groups 1, 3, 7
 * const groups = new Uint8Array(3);
 * personDeciles([0, 1, 2], [1, 1, 2], groups); // => [0, 1, 0, 1, 0, 0, 0, 2, 0, 0]
 * groups; // => Uint8Array [1, 3, 7]
 */
export function personDeciles(order: ArrayLike<number>, size: ArrayLike<number>, out: Uint8Array): number[] {
  const n = size.length;
  checkPermutation(order, n);
  if (out.length !== n) throw new RangeError(`out has length ${out.length} but there are ${n} households`);
  let persons = 0;
  for (let i = 0; i < n; i++) {
    const s = size[i];
    if (!(Number.isInteger(s) && s >= 1)) throw elementError('size', i, 'must be an integer >= 1', s);
    persons += s;
  }
  const counts = new Array<number>(PERSON_DECILES).fill(0);
  let before = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const s = size[i];
    const group = Math.min(PERSON_DECILES - 1, Math.floor((PERSON_DECILES * (before + s / 2)) / persons));
    out[i] = group;
    counts[group] += s;
    before += s;
  }
  return counts;
}

/**
 * Share of total benefit received by each group: `benefit[g] / sum(benefit)`.
 *
 * @param benefit - benefit per group (yuan), finite and >= 0.
 * @returns the shares (summing to 1 up to rounding), or null if total benefit is 0.
 * @throws {RangeError} if a benefit is negative or not finite.
 * @example
 * groupShares([3, 1, 0, 0]); // => [0.75, 0.25, 0, 0]
 */
export function groupShares(benefit: ArrayLike<number>): number[] | null {
  let total = 0;
  for (let g = 0; g < benefit.length; g++) {
    checkNonNegative('benefit', benefit[g], g);
    total += benefit[g];
  }
  if (total === 0) return null;
  return Array.from(benefit, (b) => b / total);
}

/**
 * Coady-Grosh-Hoddinott targeting indicator over groups of persons: the share of benefit received by
 * the poorest `groups` groups divided by their share of persons,
 *
 *   CGH = (sum_{g < k} B_g / sum_g B_g) / (sum_{g < k} P_g / sum_g P_g).
 *
 * 1 is neutral (as a uniform per-person transfer), above 1 progressive, below 1 regressive. Coady,
 * Grosh and Hoddinott (2004, "Targeting outcomes redux", World Bank Research Observer 19(1): 61-85)
 * use the poorest 40% of persons as their headline (k = 4 of 10 groups); k = 2 gives the poorest-20%
 * variant.
 *
 * @param benefit - benefit per group, poorest first, finite and >= 0.
 * @param persons - persons per group, same length, finite and >= 0.
 * @param groups - how many of the poorest groups count, 1 <= groups <= length.
 * @returns the indicator, or null if there is no benefit or no person in the poorest groups.
 * @throws {RangeError} on mismatched lengths, a negative or non-finite entry, or `groups` out of range.
 * @example
 * // 10 equal groups of 100 persons; the poorest four get 50 of 100 yuan: 0.5 / 0.4
 * cghByGroups([20, 15, 10, 5, 10, 10, 10, 10, 5, 5], new Array(10).fill(100), 4); // => 1.25
 */
export function cghByGroups(benefit: ArrayLike<number>, persons: ArrayLike<number>, groups: number): number | null {
  if (benefit.length !== persons.length) {
    throw new RangeError(`benefit has length ${benefit.length} but persons has length ${persons.length}`);
  }
  if (!(Number.isInteger(groups) && groups >= 1 && groups <= benefit.length)) {
    throw new RangeError(`groups must be an integer in [1, ${benefit.length}], got ${groups}`);
  }
  let benefitTotal = 0;
  let benefitPoorest = 0;
  let personsTotal = 0;
  let personsPoorest = 0;
  for (let g = 0; g < benefit.length; g++) {
    checkNonNegative('benefit', benefit[g], g);
    checkNonNegative('persons', persons[g], g);
    benefitTotal += benefit[g];
    personsTotal += persons[g];
    if (g < groups) {
      benefitPoorest += benefit[g];
      personsPoorest += persons[g];
    }
  }
  if (benefitTotal === 0 || personsPoorest === 0) return null;
  return benefitPoorest / benefitTotal / (personsPoorest / personsTotal);
}
