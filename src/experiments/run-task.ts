/**
 * One simulation run of an experiment, as plain data in and out, so that the same function runs
 * in this thread or in a worker thread (src/experiments/worker.ts) with identical results.
 *
 * Testing aid: the environment variable POVSIM_FAIL_RUNS (comma-separated run ids, e.g. `3,7`)
 * makes the runs with those ids throw "injected failure (POVSIM_FAIL_RUNS)" instead of running.
 * It exists to test how sweeps record failures without adding test-only paths to the model; it is
 * read at every run, in the thread that hands the runs out (see taskParams), and it never changes the result of a run that is not named.
 */
import type { Params } from '../model/parameters.js';
import { applyParameterValues, type ResolvedScenario } from '../scenario/index.js';
import type { FactorValue } from './designs/index.js';
import { runParams, type RunOutput } from './run-params.js';

/** What a worker is asked to do. */
export interface RunTask {
  /** The run's id (used in messages and by POVSIM_FAIL_RUNS). */
  readonly id: number;
  /** Index of the scenario in the list the pool was made with. */
  readonly scenario: number;
  /** Parameter values by dotted path, applied to the scenario (empty for none). */
  readonly values: Readonly<Record<string, FactorValue>>;
  readonly seed: number;
  /** Also return the ledger and the monthly metrics (compare needs them; sweeps do not). */
  readonly detail: boolean;
}

export type { RunOutput };

/** Environment variable naming run ids that throw on purpose (testing aid, see the file comment). */
export const FAIL_RUNS_VARIABLE = 'POVSIM_FAIL_RUNS';

/** Whether POVSIM_FAIL_RUNS names run `id` (read at every run: a few microseconds). */
function injectedFailure(id: number): boolean {
  const text = process.env[FAIL_RUNS_VARIABLE];
  if (text === undefined || text === '') return false;
  return text.split(',').some((part) => part.trim() === String(id));
}

/**
 * Runs one task against `scenarios` and returns its metrics.
 *
 * @param sourceName - name used in messages about invalid parameter values (the sweep file).
 * @throws whatever the run throws (the caller records it as a failed run).
 */
export function executeRun(scenarios: readonly ResolvedScenario[], task: RunTask, sourceName: string): RunOutput {
  return runParams(taskParams(scenarios, task, sourceName), task.seed, task.detail);
}

/**
 * The parameters of a task's run: its scenario with the task's values applied, each checked as if
 * written in a scenario file. A pool of worker threads (pool.ts) calls this in the thread that
 * hands out the runs and sends the workers only parameters, so that no worker loads the scenario
 * schema and YAML (about 0.1 s of each worker's start, on the cores that run the simulations).
 *
 * @throws Error for a run named in POVSIM_FAIL_RUNS, InputError for an invalid value, RangeError
 *   for a task whose scenario is not in `scenarios`.
 */
export function taskParams(scenarios: readonly ResolvedScenario[], task: RunTask, sourceName: string): Params {
  if (injectedFailure(task.id)) throw new Error(`injected failure (${FAIL_RUNS_VARIABLE})`);
  const base = scenarios[task.scenario];
  if (base === undefined) throw new RangeError(`run ${task.id}: no scenario ${task.scenario}`);
  return Object.keys(task.values).length === 0 ? base.params : applyParameterValues(base, task.values, sourceName).params;
}
