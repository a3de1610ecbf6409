/**
 * When a sensitivity index says less than its value suggests: the rules the sweep report, the
 * charts and the terminal summary use to mark a Sobol index "within sampling noise" and to give a
 * Morris effect its sign.
 *
 * Sobol (estimators of Saltelli et al. 2010, bootstrap percentile intervals over the N base rows,
 * src/experiments/designs/sobol.ts): the true indices satisfy 0 <= S1 <= ST <= 1, so an estimate
 * of S1 above ST or below 0, or of ST above 1, is sampling error; and an index whose interval covers
 * 0 cannot be told from no influence at all.
 *
 * Morris (Campolongo, Cariboni and Saltelli 2007): mu* is the mean absolute elementary effect, mu
 * the mean signed one. |mu| close to mu* means the effects share one sign; |mu| much smaller than
 * mu* means they cancel: the parameter raises the output at some points and lowers it at others.
 */

/** The reasons a Sobol row is within sampling noise, in words; empty when none applies. */
export function sobolNoiseReasons(
  S1: number,
  S1ci: readonly [number, number] | null,
  ST: number,
  STci: readonly [number, number] | null,
): string[] {
  const reasons: string[] = [];
  const covers0 = (ci: readonly [number, number] | null): boolean => ci !== null && ci[0] <= 0 && ci[1] >= 0;
  if (S1 > ST) reasons.push('S1 above ST');
  if (S1 < 0) reasons.push('negative S1');
  if (ST > 1) reasons.push('ST above 1');
  if (covers0(S1ci)) reasons.push('S1 interval covers 0');
  if (covers0(STci)) reasons.push('ST interval covers 0');
  return reasons;
}

/**
 * "within sampling noise (S1 above ST, S1 interval covers 0)", or "" when no rule applies.
 *
 * @example
 * sobolNoiseNote(0.3, [0.1, 0.5], 0.2, [0.05, 0.4]); // => 'within sampling noise (S1 above ST)'
 * sobolNoiseNote(0.3, [0.1, 0.5], 0.4, [0.2, 0.6]); // => ''
 */
export function sobolNoiseNote(
  S1: number,
  S1ci: readonly [number, number] | null,
  ST: number,
  STci: readonly [number, number] | null,
): string {
  const reasons = sobolNoiseReasons(S1, S1ci, ST, STci);
  return reasons.length === 0 ? '' : `within sampling noise (${reasons.join(', ')})`;
}

/** |mu| below this share of mu* reads as "mixed sign" (the effects largely cancel). */
export const MIXED_SIGN_RATIO = 0.5;

/** The direction of a Morris effect in words. */
export type MorrisSign = 'raises' | 'lowers' | 'mixed sign' | 'no effect';

/**
 * What moving a parameter up does to the output, from Morris's mu and mu*: "raises" or "lowers"
 * when |mu| >= {@link MIXED_SIGN_RATIO} x mu*, "mixed sign" when |mu| is smaller, "no effect"
 * when mu* is 0.
 *
 * @example
 * morrisSign(-0.04, 0.05); // => 'lowers'
 * morrisSign(0.01, 0.05); // => 'mixed sign'
 */
export function morrisSign(mu: number, muStar: number): MorrisSign {
  if (muStar === 0) return 'no effect';
  if (Math.abs(mu) < MIXED_SIGN_RATIO * muStar) return 'mixed sign';
  return mu > 0 ? 'raises' : 'lowers';
}
