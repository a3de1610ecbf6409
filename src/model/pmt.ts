/**
 * The proxy means test: a formula predicting log per-capita income from what an official can
 * observe, estimated by ordinary least squares on a survey sample of households, as real PMTs are
 * (Grosh and Baker 1995; Hanna and Olken 2018).
 *
 * Observables: asset index (housing, durables, project assets), labourers and migrants per person,
 * chronic illness, disability, elderly household, log household size and schooling (skill).
 * Earning ability and income shocks are not observable: they are why a PMT is imperfect. The
 * survey measures income with error (identification.surveyError), which lowers the formula's fit
 * on the survey, the R-squared real PMTs report, without biasing its coefficients.
 */
import { RandomStream } from '../engine/rng.js';
import { rSquared } from '../metrics/index.js';
import { ownMeansIncome } from './economy.js';
import { CHRONIC, DISABLED, type Households, type Township } from './township.js';

/** Income floor used before taking logs, yuan per capita per year. */
export const LOG_INCOME_FLOOR = 100;

/** Households sampled to estimate the formula (a large household survey). */
export const PMT_SURVEY_SIZE = 5000;

/** Observable features of a household the formula weighs (its coefficients, intercept included). */
export const PMT_FEATURES = 9;

/** log of a per-capita income, floored at LOG_INCOME_FLOOR yuan. */
export function logIncome(income: number): number {
  return Math.log(income > LOG_INCOME_FLOOR ? income : LOG_INCOME_FLOOR);
}

/** Writes the observable features of household i into `out` (length PMT_FEATURES). */
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

/** The survey behind the formula: the households surveyed and the log income it measured for each. */
export interface Survey {
  readonly households: Uint32Array;
  /** Measured log per-capita market income: the truth plus surveyError x a standard normal. */
  readonly measured: Float64Array;
}

/** The formula and how well it fits its own survey. */
export interface PmtFit {
  readonly coefficients: Float64Array;
  /** R-squared of the formula's prediction on the survey's measured log income (null if undefined). */
  readonly r2: number | null;
}

/**
 * The random stream of one round's survey, seeded with four draws of `rng`: the caller draws those
 * four every round, and the survey itself (PMT_SURVEY_SIZE indices and measurement errors) only when
 * a method uses the formula, without moving `rng` any further.
 */
export function surveyStream(rng: RandomStream): RandomStream {
  const state: [number, number, number, number] = [rng.nextInt32(), rng.nextInt32(), rng.nextInt32(), rng.nextInt32()];
  if (state.every((w) => w === 0)) state[0] = 1; // xoroshiro must not start from the all-zero state
  return new RandomStream(state);
}

/**
 * Draws the survey: PMT_SURVEY_SIZE household indices with replacement and one measurement error
 * each (exactly that many draws, whatever the township size). The survey measures income by the
 * household's own means (programme assets included), as the formula is to predict.
 */
export function drawSurvey(t: Township, surveyError: number, rng: RandomStream): Survey {
  const households = new Uint32Array(PMT_SURVEY_SIZE);
  const measured = new Float64Array(PMT_SURVEY_SIZE);
  for (let k = 0; k < PMT_SURVEY_SIZE; k += 1) {
    const i = rng.integer(t.households.count);
    households[k] = i;
    measured[k] = logIncome(ownMeansIncome(t, i)) + surveyError * rng.normal();
  }
  return { households, measured };
}

/** Estimates the formula on the survey (estimatePmt) and measures its fit there. */
export function fitPmt(h: Households, survey: Survey): PmtFit {
  const coefficients = estimatePmt(h, survey);
  const predicted = new Float64Array(survey.households.length);
  const scratch = pmtScratch();
  for (let k = 0; k < predicted.length; k += 1) predicted[k] = predictPmt(h, survey.households[k]!, coefficients, scratch);
  return { coefficients, r2: rSquared(predicted, survey.measured) };
}

/**
 * Estimates the formula by OLS of the survey's measured log income on the features and returns its
 * coefficients. A tiny ridge term keeps the normal equations solvable when a feature has no
 * variation. X'X is symmetric and x_a x_b = x_b x_a exactly, so only its upper triangle is summed
 * (in survey order, as the whole matrix would be) and then mirrored.
 */
export function estimatePmt(h: Households, survey: Survey): Float64Array {
  const xtx = new Float64Array(PMT_FEATURES * PMT_FEATURES);
  const xty = new Float64Array(PMT_FEATURES);
  const x = new Float64Array(PMT_FEATURES);
  for (let k = 0; k < survey.households.length; k += 1) {
    const i = survey.households[k]!;
    features(h, i, x);
    const y = survey.measured[k]!;
    for (let a = 0; a < PMT_FEATURES; a += 1) {
      const xa = x[a]!;
      xty[a]! += xa * y;
      for (let b = a; b < PMT_FEATURES; b += 1) xtx[a * PMT_FEATURES + b]! += xa * x[b]!;
    }
  }
  const matrix = Array.from({ length: PMT_FEATURES }, (_, a) =>
    Array.from({ length: PMT_FEATURES }, (_, b) => (b >= a ? xtx[a * PMT_FEATURES + b]! : xtx[b * PMT_FEATURES + a]!)),
  );
  for (let a = 0; a < PMT_FEATURES; a += 1) matrix[a]![a]! += 1e-6 * PMT_SURVEY_SIZE;
  return Float64Array.from(luSolve(matrix, Array.from(xty)));
}

/** Relative and absolute tolerances of mathjs's number comparisons (its default config). */
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

/** mathjs's `nearlyEqual(a, b, relTol, absTol)` for numbers. */
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

/**
 * Solves a x = b (a square, b a vector) by LU decomposition with partial pivoting, written out
 * operation for operation as mathjs 15's `lusolve(a, b)` on plain arrays of numbers: Doolittle
 * elimination column by column as in its dense `lup` (a pivot must be larger than the current one
 * beyond mathjs's relative tolerance 1e-12; entries within 1e-15 of zero are left undivided), the
 * right-hand side permuted as by its `csIpvec`, then forward and backward substitution as in its
 * dense `lsolve` and `usolve` (a right-hand side entry within tolerance of zero gives 0; `x || 0`
 * turns -0 into 0). The coefficients are therefore the same to the last bit as with mathjs
 * (tests/model/pmt.test.ts compares them), while a run no longer loads mathjs (~0.4 s, ~95 MB).
 *
 * @throws {Error} 'Linear system cannot be solved since matrix is singular', as mathjs.
 * @example
 * luSolve([[-2, 3], [2, 1]], [11, 9]); // => [2, 5]
 */
export function luSolve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = a.length;
  const data = a.map((row) => row.slice());
  const p: number[] = [];
  for (let i = 0; i < n; i += 1) p[i] = i;
  for (let j = 0; j < n; j += 1) {
    if (j > 0) {
      for (let i = 0; i < n; i += 1) {
        const min = Math.min(i, j);
        let s = 0;
        for (let k = 0; k < min; k += 1) s = s + data[i]![k]! * data[k]![j]!;
        data[i]![j] = data[i]![j]! - s;
      }
    }
    let pivotRow = j;
    let pivotAbs = 0;
    let pivot = 0;
    for (let i = j; i < n; i += 1) {
      const v = data[i]![j]!;
      const absV = Math.abs(v);
      if (absV > pivotAbs && !nearlyEqual(absV, pivotAbs)) {
        pivotRow = i;
        pivotAbs = absV;
        pivot = v;
      }
    }
    if (j !== pivotRow) {
      const index = p[j]!;
      p[j] = p[pivotRow]!;
      p[pivotRow] = index;
      const row = data[j]!;
      data[j] = data[pivotRow]!;
      data[pivotRow] = row;
    }
    for (let i = j + 1; i < n; i += 1) {
      const v = data[i]![j]!;
      if (!nearlyEqual(v, 0)) data[i]![j] = v / pivot;
    }
  }
  // Right-hand side permuted: mathjs returns pv, the inverse of p, and csIpvec sets y[pv[k]] = b[k],
  // that is y[i] = b[p[i]].
  const y: number[] = new Array<number>(n);
  for (let i = 0; i < n; i += 1) y[i] = b[p[i]!]!;
  // Forward substitution with the unit lower triangle L (L[j][j] = 1, L[i][j] = data[i][j], i > j).
  for (let j = 0; j < n; j += 1) {
    const bj = y[j] || 0;
    let xj: number;
    if (!nearlyEqual(bj, 0)) {
      xj = bj / 1;
      for (let i = j + 1; i < n; i += 1) y[i] = (y[i] || 0) - xj * data[i]![j]!;
    } else {
      xj = 0;
    }
    y[j] = xj;
  }
  // Backward substitution with the upper triangle U (U[i][j] = data[i][j], i <= j).
  const x: number[] = new Array<number>(n);
  for (let j = n - 1; j >= 0; j -= 1) {
    const bj = y[j] || 0;
    let xj: number;
    if (!nearlyEqual(bj, 0)) {
      const diagonal = data[j]![j]!;
      if (nearlyEqual(diagonal, 0)) throw new Error('Linear system cannot be solved since matrix is singular');
      xj = bj / diagonal;
      for (let i = j - 1; i >= 0; i -= 1) y[i] = (y[i] || 0) - xj * data[i]![j]!;
    } else {
      xj = 0;
    }
    x[j] = xj;
  }
  return x;
}

/** Predicted log per-capita income of household i. */
export function predictPmt(h: Households, i: number, coefficients: Float64Array, scratch: Float64Array): number {
  features(h, i, scratch);
  let sum = 0;
  for (let a = 0; a < PMT_FEATURES; a += 1) sum += coefficients[a]! * scratch[a]!;
  return sum;
}

export function pmtScratch(): Float64Array {
  return new Float64Array(PMT_FEATURES);
}
