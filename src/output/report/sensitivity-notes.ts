/**
 * The sampling-noise notes and Morris signs of sensitivity.csv rows, for the sweep report's tables
 * and charts; the rules are those of src/experiments/sensitivity-noise.ts.
 */
import { MIXED_SIGN_RATIO, morrisSign, sobolNoiseNote } from '../../experiments/sensitivity-noise.js';
import type { SensitivityRow } from './sweep.js';

/** How the report explains the Note column of a Sobol table. */
export const SOBOL_NOISE_TEXT =
  'Note says "within sampling noise" when an estimate is impossible for the true indices, which satisfy 0 \u2264 S1 \u2264 ST \u2264 1 (S1 above ST, a negative S1, ST above 1: sampling error), or when an index\u2019s 95% interval covers 0 (it cannot be told from no influence); more base samples or replicates narrow the intervals.';

/** How the report explains the Direction column of a Morris table. */
export const MORRIS_SIGN_TEXT =
  `Direction: "raises" or "lowers" the output when the effects share one sign (|\u03bc| at least ${MIXED_SIGN_RATIO} \u00d7 \u03bc*), "mixed sign" when |\u03bc| is much smaller than \u03bc* (the parameter raises the output at some points and lowers it at others).`;

/** A `[low, high]` interval from a row's two ends, or null when either is missing. */
function interval(low: number | null | undefined, high: number | null | undefined): [number, number] | null {
  return low === null || low === undefined || high === null || high === undefined ? null : [low, high];
}

/** "within sampling noise (...)" for a Sobol row, or "" (also for a row without S1 or ST). */
export function sobolRowNote(r: SensitivityRow): string {
  if (r.S1 === null || r.S1 === undefined || r.ST === null || r.ST === undefined) return '';
  return sobolNoiseNote(r.S1, interval(r.S1Low, r.S1High), r.ST, interval(r.STLow, r.STHigh));
}

/** "raises", "lowers", "mixed sign" or "no effect" for a Morris row; "" without mu or mu*. */
export function morrisRowSign(r: SensitivityRow): string {
  if (r.mu === null || r.mu === undefined || r.muStar === null || r.muStar === undefined) return '';
  return morrisSign(r.mu, r.muStar);
}
