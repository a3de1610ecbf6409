/**
 * The proxy means test: a formula predicting log per-capita income from what an official can
 * observe, estimated by ordinary least squares on a survey sample of households, as real PMTs are
 * (Grosh and Baker 1995; Hanna and Olken 2018).
 *
 * Observables: asset index (housing, durables, project assets), labourers and migrants per person,
 * chronic illness, disability, elderly household, log household size and schooling (skill).
 * Earning ability and income shocks are not observable: they are why a PMT is imperfect.
 */
import { lusolve } from 'mathjs';
import type { RandomStream } from '../engine/rng.js';
import { CHRONIC, DISABLED, type Households } from './township.js';

/** Income floor used before taking logs, yuan per capita per year. */
export const LOG_INCOME_FLOOR = 100;

/** Households sampled to estimate the formula (a large household survey). */
export const PMT_SURVEY_SIZE = 5000;

const FEATURE_COUNT = 9;

/** log of a per-capita income, floored at LOG_INCOME_FLOOR yuan. */
export function logIncome(income: number): number {
  return Math.log(income > LOG_INCOME_FLOOR ? income : LOG_INCOME_FLOOR);
}

/** Writes the observable features of household i into `out` (length FEATURE_COUNT). */
function features(h: Households, i: number, out: Float64Array): void {
  const size = h.size[i]!;
  out[0] = 1;
  out[1] = h.assets[i]! + 0.5 * Math.log1p(h.capital[i]! / 5000);
  out[2] = h.labourers[i]! / size;
  out[3] = h.migrants[i]! / size;
  out[4] = h.health[i] === CHRONIC ? 1 : 0;
  out[5] = h.health[i] === DISABLED ? 1 : 0;
  out[6] = h.elderly[i]!;
  out[7] = Math.log(size);
  out[8] = h.skill[i]!;
}

/**
 * Estimates the formula on a random sample of households (drawing exactly PMT_SURVEY_SIZE
 * indices, with replacement, whatever the township size) and returns its coefficients.
 * A tiny ridge term keeps the normal equations solvable when a feature has no variation.
 */
export function estimatePmt(h: Households, rng: RandomStream): Float64Array {
  const xtx = Array.from({ length: FEATURE_COUNT }, () => new Array<number>(FEATURE_COUNT).fill(0));
  const xty = new Array<number>(FEATURE_COUNT).fill(0);
  const x = new Float64Array(FEATURE_COUNT);
  for (let k = 0; k < PMT_SURVEY_SIZE; k += 1) {
    const i = rng.integer(h.count);
    features(h, i, x);
    const y = logIncome(h.marketIncome[i]!);
    for (let a = 0; a < FEATURE_COUNT; a += 1) {
      xty[a]! += x[a]! * y;
      const row = xtx[a]!;
      for (let b = 0; b < FEATURE_COUNT; b += 1) row[b]! += x[a]! * x[b]!;
    }
  }
  for (let a = 0; a < FEATURE_COUNT; a += 1) xtx[a]![a]! += 1e-6 * PMT_SURVEY_SIZE;
  const solution = lusolve(xtx, xty) as number[][];
  return Float64Array.from(solution.map((row) => row[0]!));
}

/** Predicted log per-capita income of household i. */
export function predictPmt(h: Households, i: number, coefficients: Float64Array, scratch: Float64Array): number {
  features(h, i, scratch);
  let sum = 0;
  for (let a = 0; a < FEATURE_COUNT; a += 1) sum += coefficients[a]! * scratch[a]!;
  return sum;
}

export function pmtScratch(): Float64Array {
  return new Float64Array(FEATURE_COUNT);
}
