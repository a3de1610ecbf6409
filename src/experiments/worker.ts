/**
 * The worker-thread side of a run pool (see pool.ts): piscina loads this module once per thread.
 * A task arrives as the run's parameters, already checked and with the sweep's values applied by
 * the thread that hands out the runs (run-task.ts, taskParams), so a worker loads only the model
 * and never reads scenario files or checks values; each task is then one `runParams`.
 * This module runs only compiled (dist/src/experiments/worker.js).
 */
import type { Params } from '../model/parameters.js';
import { runParams, type RunOutput } from './run-params.js';

/** What pool.ts sends a worker for one run. */
export interface WorkerRun {
  readonly params: Params;
  readonly seed: number;
  /** Also return the ledger and the monthly metrics (see RunTask). */
  readonly detail: boolean;
}

/** Runs one task (piscina calls the default export). */
export default function runTask(run: WorkerRun): RunOutput {
  return runParams(run.params, run.seed, run.detail);
}
