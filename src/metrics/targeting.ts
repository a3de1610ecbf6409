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
 * Inclusion error: share of registered households that are not poor
 * (registeredNonPoor / registered). The "E-mistake" (excessive coverage) of Cornia & Stewart (1993),
 * "Two errors of targeting", Journal of International Development 5(5): 459-496, as a share of the registered.
 *
 * @param registeredNonPoor - registered households that are not poor (count).
 * @param registered - all registered households (count).
 * @returns share in [0, 1], or null if nobody is registered.
 * @throws {RangeError} if a count is negative or not finite, or registeredNonPoor > registered.
 * @example
 * inclusionError(30, 120); // => 0.25
 */
export function inclusionError(registeredNonPoor: number, registered: number): number | null {
  return shareOfWhole('registeredNonPoor', registeredNonPoor, 'registered', registered);
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
 * Non-poor coverage: share of non-poor households that are registered (registeredNonPoor / nonPoor).
 * Unlike {@link inclusionError} its denominator is the non-poor population, so it does not fall just
 * because more poor households are registered.
 *
 * @param registeredNonPoor - registered households that are not poor (count).
 * @param nonPoor - all non-poor households (count).
 * @returns share in [0, 1], or null if there are no non-poor households.
 * @throws {RangeError} if a count is negative or not finite, or registeredNonPoor > nonPoor.
 * @example
 * nonPoorCoverage(30, 600); // => 0.05
 */
export function nonPoorCoverage(registeredNonPoor: number, nonPoor: number): number | null {
  return shareOfWhole('registeredNonPoor', registeredNonPoor, 'nonPoor', nonPoor);
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
 * Elite capture ratio: the connected households' share of benefit divided by their share of
 * households,
 *
 *   (benefitToConnected / benefitTotal) / (connectedCount / householdCount).
 *
 * 1 = connected households get their population share, > 1 = over-represented (captured).
 * "Connected" is the caller's classification (e.g. kin of village cadres).
 *
 * @param benefitToConnected - benefit received by connected households, yuan.
 * @param benefitTotal - benefit received by all households, yuan.
 * @param connectedCount - number of connected households.
 * @param householdCount - number of all households.
 * @returns the ratio (>= 0), or null if benefitTotal, connectedCount or householdCount is 0.
 * @throws {RangeError} if an argument is negative or not finite, benefitToConnected > benefitTotal,
 *   or connectedCount > householdCount.
 * @example
 * // connected: 12.5% of households, 50% of benefit: 0.5 / 0.125
 * eliteCapture(500, 1000, 125, 1000); // => 4
 */
export function eliteCapture(
  benefitToConnected: number,
  benefitTotal: number,
  connectedCount: number,
  householdCount: number,
): number | null {
  const benefitShare = shareOfWhole('benefitToConnected', benefitToConnected, 'benefitTotal', benefitTotal);
  const populationShare = shareOfWhole('connectedCount', connectedCount, 'householdCount', householdCount);
  if (benefitShare === null || populationShare === null || populationShare === 0) return null;
  return benefitShare / populationShare;
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
