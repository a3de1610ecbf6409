/**
 * Targeting errors and costs of a poverty programme, from counts and yuan totals the model
 * accumulates in one pass over households each month.
 *
 * Shared conventions: every argument is a finite number >= 0; a part (e.g. registered non-poor) may
 * not exceed its whole (registered) beyond a relative rounding slack of 1e-9 (money totals summed
 * separately can differ in the last bits), and shares are clamped to at most 1. A zero denominator
 * gives null. Malformed input throws a RangeError.
 * "Poor" and "non-poor" are whatever the caller classified (usually true income against the line);
 * "registered" means on the programme's list (e.g. jiandang lika / dibao roll).
 */
import { ratio } from './ratio.js';
import { checkNonNegative, shareOfWhole } from './validate.js';

/**
 * Inclusion error as a share of the registered: registered households that are not poor /
 * registered households (registeredNonPoor / registered). Coady, Grosh and Hoddinott (2004) call
 * this share of beneficiaries "leakage" counted in households; povsim names it for its denominator
 * so that it is never confused with {@link inclusionErrorNonPoor}.
 *
 * @param registeredNonPoor - registered households that are not poor (count).
 * @param registered - all registered households (count).
 * @returns share in [0, 1], or null if nobody is registered.
 * @throws {RangeError} if a count is negative or not finite, or registeredNonPoor > registered.
 * @example
 * inclusionErrorRegistered(30, 120); // => 0.25
 */
export function inclusionErrorRegistered(registeredNonPoor: number, registered: number): number | null {
  return shareOfWhole('registeredNonPoor', registeredNonPoor, 'registered', registered);
}

/**
 * Inclusion error as a share of the non-poor: registered households that are not poor / households
 * that are not poor (registeredNonPoor / nonPoor): the chance that a non-poor household is on the
 * register. This is the inclusion error of Alatas, Banerjee, Hanna, Olken and Tobias (2012, AER,
 * Table 3) and of most targeting experiments; with {@link exclusionError} it splits the
 * population's mistargeting into its two kinds. Its denominator is the non-poor population, so it
 * does not fall just because more poor households are registered.
 *
 * @param registeredNonPoor - registered households that are not poor (count).
 * @param nonPoor - all households that are not poor (count).
 * @returns share in [0, 1], or null if there are no non-poor households.
 * @throws {RangeError} if a count is negative or not finite, or registeredNonPoor > nonPoor.
 * @example
 * inclusionErrorNonPoor(30, 600); // => 0.05
 */
export function inclusionErrorNonPoor(registeredNonPoor: number, nonPoor: number): number | null {
  return shareOfWhole('registeredNonPoor', registeredNonPoor, 'nonPoor', nonPoor);
}

/**
 * Exclusion error: share of poor households that are not registered (poorNotRegistered / poor);
 * the "F-mistake" (failure to reach the target) of Cornia & Stewart (1993).
 *
 * @param poorNotRegistered - poor households not registered (count).
 * @param poor - all poor households (count).
 * @returns share in [0, 1], or null if there are no poor households.
 * @throws {RangeError} if a count is negative or not finite, or poorNotRegistered > poor.
 * @example
 * exclusionError(10, 40); // => 0.25
 */
export function exclusionError(poorNotRegistered: number, poor: number): number | null {
  return shareOfWhole('poorNotRegistered', poorNotRegistered, 'poor', poor);
}

/**
 * Leakage in money: share of benefit yuan that reached non-poor households (yuanToNonPoor / yuanToAll).
 *
 * @param yuanToNonPoor - benefit received by non-poor households, yuan.
 * @param yuanToAll - benefit received by all households, yuan.
 * @returns share in [0, 1], or null if no benefit was paid.
 * @throws {RangeError} if an amount is negative or not finite, or yuanToNonPoor > yuanToAll.
 * @example
 * leakage(500, 2000); // => 0.25
 */
export function leakage(yuanToNonPoor: number, yuanToAll: number): number | null {
  return shareOfWhole('yuanToNonPoor', yuanToNonPoor, 'yuanToAll', yuanToAll);
}

/**
 * Diversion: share of disbursed funds that never reached an eligible use (diverted / disbursed),
 * e.g. embezzled or spent on unrelated projects by officials.
 *
 * @param diverted - yuan diverted.
 * @param disbursed - yuan disbursed by the programme.
 * @returns share in [0, 1], or null if nothing was disbursed.
 * @throws {RangeError} if an amount is negative or not finite, or diverted > disbursed.
 * @example
 * diversion(150, 1000); // => 0.15
 */
export function diversion(diverted: number, disbursed: number): number | null {
  return shareOfWhole('diverted', diverted, 'disbursed', disbursed);
}

/**
 * Elite capture: what households tied to cadres received, against what they received other than by
 * favour (cadres' listing, the appraisal's bias for them, the payout list),
 *
 *   benefitToTied / (benefitToTied - byFavour).
 *
 * 1 = no capture (nothing reached them by favour), 1.5 = they received half as much again as they
 * would have by the rules alone. The counterfactual is an accounting one: the yuan that reached tied
 * households through a favour, not a re-run without favours.
 *
 * @param benefitToTied - yuan received by households tied to cadres.
 * @param byFavour - of it, yuan that reached them through a favour.
 * @returns the ratio (>= 1), or null if they received nothing other than by favour.
 * @throws {RangeError} if an amount is negative or not finite, or byFavour > benefitToTied.
 * @example
 * eliteCapture(600, 200); // => 1.5   (600 / (600 - 200))
 * eliteCapture(600, 0); // => 1
 */
export function eliteCapture(benefitToTied: number, byFavour: number): number | null {
  const share = shareOfWhole('byFavour', byFavour, 'benefitToTied', benefitToTied);
  if (share === null || share >= 1) return null;
  return benefitToTied / (benefitToTied - byFavour);
}

/**
 * Cost per exit: yuan spent per household that left poverty (spent / exits).
 *
 * @param spent - programme spending, yuan.
 * @param exits - households that crossed from poor to non-poor in the period (count).
 * @returns yuan per exit, or null if there were no exits.
 * @throws {RangeError} if an argument is negative or not finite.
 * @example
 * costPerExit(90000, 12); // => 7500
 */
export function costPerExit(spent: number, exits: number): number | null {
  checkNonNegative('spent', spent);
  checkNonNegative('exits', exits);
  return ratio(spent, exits);
}
