/**
 * The library API: everything the command line does, as typed functions a researcher can import.
 *
 *   import { loadScenario, simulate } from 'povsim';
 *   const run = simulate(loadScenario('scenarios/baseline.yaml'), { seed: 7 });
 *   console.log(run.summary.metrics.leakage);
 *
 * The command line is a thin layer over these.
 */
import { simulateParams, simulateParamsAsync, type MonthRecord, type SimulationResult } from './model/simulate.js';
import { loadScenario, type ResolvedScenario } from './scenario/index.js';
import { summarise, timeSeriesRows, type RunSummary, type SeriesRow } from './results/summary.js';

export interface SimulateOptions {
  /** Seed of the run; default: the scenario's seed. */
  seed?: number;
  /** Called after every simulated month (e.g. to show progress). */
  onMonth?: (record: MonthRecord) => void;
}

export interface Run {
  scenario: ResolvedScenario;
  seed: number;
  /** What summary.json holds. */
  summary: RunSummary;
  /** What timeseries.csv holds: one row per month and metric. */
  timeseries: SeriesRow[];
  /** The raw result, with the monthly records. */
  result: SimulationResult;
}

/** Runs a scenario (a resolved scenario or the path of a scenario file). Same scenario and seed, same run. */
export function simulate(scenario: ResolvedScenario | string, options: SimulateOptions = {}): Run {
  const resolved = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const seed = options.seed ?? resolved.seed;
  const result = simulateParams(resolved.params, options.onMonth ? { seed, onMonth: options.onMonth } : { seed });
  return assembleRun(resolved, seed, result);
}

/**
 * `simulate` that lets the event loop run between months, so that a long run can be stopped:
 * aborting `signal` rejects with StepsInterrupted (exported from the package). Same run otherwise.
 */
export async function simulateAsync(
  scenario: ResolvedScenario | string,
  options: SimulateOptions & { signal?: AbortSignal } = {},
): Promise<Run> {
  const resolved = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const seed = options.seed ?? resolved.seed;
  const result = await simulateParamsAsync(resolved.params, {
    seed,
    ...(options.onMonth ? { onMonth: options.onMonth } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return assembleRun(resolved, seed, result);
}

function assembleRun(resolved: ResolvedScenario, seed: number, result: SimulationResult): Run {
  const summary = summarise({ name: resolved.name, description: resolved.description, file: resolved.file }, result);
  return { scenario: resolved, seed, summary, timeseries: timeSeriesRows(result.series), result };
}
