/**
 * The library API: everything the command line does, as typed functions a researcher can import.
 *
 *   import { loadScenario, simulate } from 'povsim';
 *   const run = simulate(loadScenario('scenarios/baseline.yaml'), { seed: 7 });
 *   console.log(run.summary.metrics.leakage);
 *
 * The command line is a thin layer over these. Every value a program passes in is checked as the
 * command line checks a scenario file (src/scenario/check.ts): a bad one throws InputError.
 */
import type { Params } from './model/parameters.js';
import {
  simulateParams as simulateCheckedParams,
  simulateParamsAsync,
  type MonthRecord,
  type SimulationOptions,
  type SimulationResult,
} from './model/simulate.js';
import { checkParams, checkScenario, checkSeed } from './scenario/check.js';
import { loadScenario, type ResolvedScenario } from './scenario/index.js';
import { summarise, timeSeriesRows, type RunSummary, type SeriesRow } from './results/summary.js';
import { checkThreads, villageThreads } from './parallel/village-threads.js';

export interface SimulateOptions {
  /** Seed of the run; default: the scenario's seed. */
  seed?: number;
  /** Called after every simulated month (e.g. to show progress). */
  onMonth?: (record: MonthRecord) => void;
  /**
   * Threads the run uses (default 1): the household passes that go village by village (earn,
   * inform, the handouts' payments, settle, tally, observation's sums, the register adjustment's
   * village loop) run over chunks of villages on that many threads (at most one per village). More
   * than 1 needs `simulation.streams: village` in the scenario; the results are the same whatever
   * the number.
   */
  threads?: number;
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

/**
 * Runs a scenario (a resolved scenario or the path of a scenario file). Same scenario and seed, same run.
 *
 * @throws {InputError} for a bad scenario file, a scenario whose seed or parameters are out of
 *   range (e.g. changed by hand after loading), a bad `options.seed`, or `options.threads` not a
 *   whole number from 1 to 256 (more than 1 only with simulation.streams 'village').
 * @throws Error when threads are asked for from the TypeScript sources (they need the compiled
 *   povsim) or a thread stops before finishing its villages.
 */
export function simulate(scenario: ResolvedScenario | string, options: SimulateOptions = {}): Run {
  const { resolved, seed, threads } = checkedInputs('simulate', scenario, options);
  const result = simulateCheckedParams(resolved.params, {
    seed,
    ...(options.onMonth ? { onMonth: options.onMonth } : {}),
    ...(threads > 1 ? { threads: villageThreads(threads) } : {}),
  });
  return assembleRun(resolved, seed, result);
}

/** simulateParams' options: the model's, with `threads` a number of threads as in SimulateOptions. */
export type SimulateParamsOptions = Omit<SimulationOptions, 'threads'> & { threads?: number };

/**
 * Runs the model on a full set of parameters (e.g. `defaultParams` with changes) and a seed.
 *
 * @throws {InputError} when a parameter is missing, of the wrong type or out of range, the seed
 *   is not an integer from 0 to 4294967295, or `threads` is not a whole number from 1 to 256 (more
 *   than 1 only with simulation.streams 'village'), e.g.
 *   `simulateParams: params: supervision.auditRate: expected a number from 0 to 1 (...), found 5`.
 */
export function simulateParams(params: Params, options: SimulateParamsOptions): SimulationResult {
  const checked = checkParams(params, 'simulateParams: params');
  const threads = checkThreads(options?.threads ?? 1, checked, 'simulateParams: options.threads', "set params.simulation.streams to 'village'");
  const { threads: _count, ...rest } = options;
  return simulateCheckedParams(checked, {
    ...rest,
    seed: checkSeed(options?.seed, 'simulateParams: options'),
    ...(threads > 1 ? { threads: villageThreads(threads) } : {}),
  });
}

/** The scenario (loaded, or checked when given as an object), the seed and the threads of a run. */
function checkedInputs(caller: string, scenario: ResolvedScenario | string, options: SimulateOptions): { resolved: ResolvedScenario; seed: number; threads: number } {
  const resolved = typeof scenario === 'string' ? loadScenario(scenario) : checkScenario(scenario, `${caller}: scenario`);
  const seed = options.seed === undefined ? resolved.seed : checkSeed(options.seed, `${caller}: options`);
  const threads = checkThreads(options.threads ?? 1, resolved.params, `${caller}: options.threads`, "set the scenario's simulation.streams to 'village'");
  return { resolved, seed, threads };
}

/**
 * `simulate` that lets the event loop run between months, so that a long run can be stopped:
 * aborting `signal` rejects with StepsInterrupted (exported from the package). Same run otherwise.
 */
export async function simulateAsync(
  scenario: ResolvedScenario | string,
  options: SimulateOptions & { signal?: AbortSignal } = {},
): Promise<Run> {
  const { resolved, seed, threads } = checkedInputs('simulateAsync', scenario, options);
  const result = await simulateParamsAsync(resolved.params, {
    seed,
    ...(options.onMonth ? { onMonth: options.onMonth } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(threads > 1 ? { threads: villageThreads(threads) } : {}),
  });
  return assembleRun(resolved, seed, result);
}

function assembleRun(resolved: ResolvedScenario, seed: number, result: SimulationResult): Run {
  const summary = summarise({ name: resolved.name, description: resolved.description, file: resolved.file }, result);
  return { scenario: resolved, seed, summary, timeseries: timeSeriesRows(result.series), result };
}
