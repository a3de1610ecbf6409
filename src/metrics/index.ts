/**
 * Metric functions: pure functions over numbers and typed arrays, never touching the model.
 * Ratios with a zero denominator are null; malformed input throws RangeError.
 */
// Safe division and means
export { ratio } from './ratio.js';
export { mean, weightedMean } from './mean.js';
// Poverty (Foster-Greer-Thorbecke)
export {
  fgt,
  fgtProfile,
  fgtSums,
  fgtProfileOfSums,
  FGT_SUMS,
  headcount,
  povertyGap,
  povertySeverity,
  type FgtProfile,
} from './poverty.js';
// Ranking (for inequality and for the tenths of persons)
export { rankOrder, rankBuffers, isRankOrder, forgetOrder, type RankBuffers } from './rank.js';
export { trustRankOrder } from './validate.js';
// Inequality
export { gini, giniSorted } from './inequality.js';
export { binGiniValues, giniBinLayout, giniBinned, giniBins, giniBinsLength, giniOfBins, giniOfSums, giniSums, mergeGiniSums, GINI_SUMS, type GiniBinLayout } from './gini-binned.js';
// Targeting
export {
  inclusionErrorRegistered,
  inclusionErrorNonPoor,
  exclusionError,
  leakage,
  diversion,
  eliteCapture,
  costPerExit,
} from './targeting.js';
// Benefit incidence over fixed groups of persons (per programme, as money is paid)
export { PERSON_DECILES, personDeciles, groupShares, cghByGroups } from './groups.js';
// Regression fit
export { rSquared } from './regression.js';
