/**
 * The worker-thread side of a run pool (see pool.ts): piscina loads this module once per thread.
 * The scenarios arrive once, in `workerData`, when the thread starts (not with every task), so a
 * worker never re-reads scenario files; each task is then one `executeRun`.
 * This module runs only compiled (dist/src/experiments/worker.js).
 */
import { workerData } from 'node:worker_threads';
import type { ResolvedScenario } from '../scenario/index.js';
import { executeRun, type RunOutput, type RunTask } from './run-task.js';

/** What pool.ts passes as workerData. */
export interface PoolWorkerData {
  readonly scenarios: readonly ResolvedScenario[];
  readonly sourceName: string;
}

const data = workerData as PoolWorkerData;

/** Runs one task (piscina calls the default export). */
export default function runTask(task: RunTask): RunOutput {
  return executeRun(data.scenarios, task, data.sourceName);
}
