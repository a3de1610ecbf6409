/**
 * Where runs execute: in this thread (`workers: 1`), or in a pool of worker threads (piscina)
 * running the compiled worker module. Both give identical results for a task: a run depends only
 * on its scenario, parameter values and seed.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Params } from '../model/parameters.js';
import type { ResolvedScenario } from '../scenario/index.js';
import { executeRun, taskParams, type RunOutput, type RunTask } from './run-task.js';
import type { WorkerRun } from './worker.js';

/** Runs tasks; `close` ends the worker threads. */
export interface RunPool {
  /** Number of runs that can execute at once. */
  readonly workers: number;
  /** Runs a task; rejects with the run's error if the run throws. */
  run(task: RunTask): Promise<RunOutput>;
  close(): Promise<void>;
}

/**
 * Default number of workers: the number of processors Node may use (`os.availableParallelism()`).
 *
 * @example
 * defaultWorkers() >= 1; // => true
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A pool running tasks against `scenarios`.
 *
 * @param workers - 1 runs in this thread (works from the TypeScript sources, e.g. in tests); more
 *   starts that many worker threads, which needs the compiled povsim (`npm run build`).
 * @param sourceName - name used in messages about invalid parameter values (the sweep file).
 * @throws RangeError if workers is not a positive integer, Error if workers > 1 and the compiled
 *   worker module is missing.
 */
export function createPool(scenarios: readonly ResolvedScenario[], workers: number, sourceName: string): RunPool {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
  if (workers === 1) return inProcessPool(scenarios, sourceName);
  const url = new URL('./worker.js', import.meta.url);
  const filename = fileURLToPath(url);
  if (!import.meta.url.endsWith('.js') || !existsSync(filename)) {
    throw new Error('worker threads need the compiled povsim (run `npm run build`); from the TypeScript sources use workers: 1');
  }
  const pool = new Piscina<WorkerRun, RunOutput>({
    filename: url.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // A task that finds no free worker goes back to the front of the queue, not the back. With
    // piscina's default (false), every finished run sent the next queued run to the back, so runs
    // started out of order, and a run held back while the later runs of the window ran (windowFor:
    // 4 a worker) kept the sweep's reorder window full and a worker idle for a run's length, a few
    // times a sweep.
    stricterFIFO: true,
    // The pool's run and wait-time histograms, which povsim never reads.
    recordTiming: false,
  });
  return {
    workers,
    run: (task) => {
      // The values are checked and applied here, in the thread that is idle while the workers
      // simulate; a bad value or an injected failure fails the run as it would in a worker.
      let params: Params;
      try {
        params = taskParams(scenarios, task, sourceName);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return pool.run({ params, seed: task.seed, detail: task.detail });
    },
    close: () => pool.destroy(),
  };
}

function inProcessPool(scenarios: readonly ResolvedScenario[], sourceName: string): RunPool {
  return {
    workers: 1,
    run: (task) =>
      // Yield to the event loop first, so progress, signals and file writes keep going between runs.
      new Promise<RunOutput>((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(executeRun(scenarios, task, sourceName));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
    close: async () => undefined,
  };
}

/**
 * How many runs to keep started but not yet handed on (see ordered.ts): 4 per worker thread keeps
 * every thread busy while finished runs wait for an earlier slow one; in this thread runs go one
 * after another, so one at a time (a stop then takes effect at once).
 *
 * @example
 * windowFor(1); // => 1
 * windowFor(8); // => 32
 */
export function windowFor(workers: number): number {
  return workers <= 1 ? 1 : 4 * workers;
}
