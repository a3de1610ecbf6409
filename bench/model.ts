/**
 * What the benchmark times: the full model (baseline rules) at a given size, and the floor kernel.
 * Shared by the suite (run.ts) and its child processes (child.ts). Nothing here is timed at import.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomStream, streamState } from '../src/engine/rng.js';
import type { Params } from '../src/model/parameters.js';
import { createModel, simulateParams, type MonthRecord } from '../src/model/simulate.js';
import { allocateHouseholds } from '../src/model/township.js';
import { applyParameterValues, loadScenario } from '../src/scenario/index.js';

/** The repository root (bench/ compiles to dist/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The baseline scenario: the rules every model benchmark runs. */
export const BASELINE = path.join(ROOT, 'scenarios', 'baseline.yaml');

/** Households per village in the scaled townships (the baseline's 9,000 households in 30 villages). */
export const HOUSEHOLDS_PER_VILLAGE = 300;

/** Simulated months of every model benchmark (the baseline's own length). */
export const MONTHS = 60;

/** Seed of the benchmark runs (any fixed seed; the work done does not depend on it). */
export const SEED = 1;

/**
 * Baseline parameters at `households` households, in villages of 300 households as in the
 * baseline (10,000 -> 33 villages, 1,000,000 -> 3,333), for MONTHS months, with any `more` values
 * (e.g. simulation.streams). With no size given: the baseline scenario exactly as shipped (the
 * default township).
 */
export function baselineParams(households?: number, more: Readonly<Record<string, string | number>> = {}): Params {
  const scenario = loadScenario(BASELINE);
  if (households === undefined) return scenario.params;
  const villages = Math.max(1, Math.round(households / HOUSEHOLDS_PER_VILLAGE));
  return applyParameterValues(
    scenario,
    { 'township.households': households, 'township.villages': villages, 'simulation.months': MONTHS, ...more },
    'bench',
  ).params;
}

export interface ModelTiming {
  /** Building the township, the 12-month burn-in and the first registration, ms. */
  prepareMs: number;
  /** The simulated months (step, observation and the monthly record, as in simulateParams), ms. */
  monthsMs: number;
  months: number;
  households: number;
}

/**
 * One run of the model, timed in two parts: preparation, then the months. The months loop is
 * simulateParams' own (step, observe, keep the record); only the final result assembly is left out.
 */
export function timeModel(params: Params, seed: number = SEED): ModelTiming {
  const start = performance.now();
  const model = createModel(params, seed);
  const prepared = performance.now();
  const series: MonthRecord[] = [];
  for (let month = 0; month < params.simulation.months; month += 1) {
    model.step(month);
    series.push(model.observe(month));
  }
  const end = performance.now();
  if (series.length !== params.simulation.months) throw new Error('bench: months missing');
  return { prepareMs: prepared - start, monthsMs: end - prepared, months: params.simulation.months, households: params.township.households };
}

/**
 * One whole simulateParams run (what the library and `povsim run` call), ms. With observe 'last',
 * only the final month is observed (what a sweep keeps).
 */
export function timeSimulate(params: Params, seed: number = SEED, observe: 'every' | 'last' = 'every'): number {
  const start = performance.now();
  const result = simulateParams(params, { seed, observe });
  const end = performance.now();
  if (result.series.length !== (observe === 'every' ? params.simulation.months : 1)) throw new Error('bench: months missing');
  return end - start;
}

/**
 * The floor kernel: the model's household columns, one uniform draw from the model's generator and
 * a few arithmetic operations per household-step (an AR(1) shock and a 12-month income average),
 * nothing else. Returns the time of `months` months over `households` households, ms.
 */
export function timeFloor(households: number, months: number = MONTHS): number {
  const h = allocateHouseholds(households);
  const rng = new RandomStream(streamState(SEED, 'floor'));
  for (let i = 0; i < households; i += 1) h.income[i] = 4000;
  const shock = h.shock;
  const income = h.income;
  const keep = 11 / 12;
  const start = performance.now();
  for (let month = 0; month < months; month += 1) {
    for (let i = 0; i < households; i += 1) {
      const s = 0.9 * shock[i]! + 0.2 * (rng.uniform() - 0.5);
      shock[i] = s;
      income[i] = keep * income[i]! + 400 * (1 + s);
    }
  }
  const end = performance.now();
  let check = 0;
  for (let i = 0; i < households; i += 1) check += income[i]!;
  if (!Number.isFinite(check)) throw new Error('bench: floor kernel diverged');
  return end - start;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
