/**
 * The machine's ceiling for two workers: the same work in one worker thread, then in two worker
 * threads at once, with nothing else running (no pool, no files, no messages during the work).
 * What two threads gain on such work is the most any two-worker speed-up on this machine can
 * reach: the sweep's speed-up (run.ts) is read against it.
 *
 *   node dist/bench/parallel.js [ROUNDS]   (default 5 rounds; prints one JSON line)
 *
 * Two kinds of work, each timed per round as one thread doing REPS units, then two threads each
 * doing REPS units at the same time:
 *   - floor: the floor kernel (model.ts) at 100,000 households x 60 months, one unit a kernel run;
 *   - township: the default township (baseline.yaml) observing the final month only, one unit a
 *     run: exactly what a sweep's worker does per run.
 * Speed-up of a round = 2 x (one thread's time) / (two threads' time). Each thread warms up with
 * two units before it is timed, so JIT warm-up is left out (the sweep's own figure includes it).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { baselineParams, median, timeFloor, timeSimulate } from './model.js';

export type CeilingWork = 'floor' | 'township';

/** Units of work per thread per round: each side takes about 1-2 s on this machine. */
const REPS: Record<CeilingWork, number> = { floor: 40, township: 20 };
const FLOOR_HOUSEHOLDS = 100_000;

export interface CeilingRow {
  work: CeilingWork;
  /** Units per thread per round. */
  reps: number;
  /** Median over the rounds, ms: one thread doing `reps` units. */
  oneThreadMs: number;
  /** Median over the rounds, ms: two threads each doing `reps` units at once. */
  twoThreadsMs: number;
  /** Median of the rounds' speed-ups, and every round's. */
  speedUp: number;
  rounds: number[];
}

/** The work of one unit, in a worker thread. */
function unit(work: CeilingWork): () => void {
  if (work === 'floor') return () => void timeFloor(FLOOR_HOUSEHOLDS);
  const params = baselineParams();
  return () => void timeSimulate(params, 1, 'last');
}

/** Worker side: warm up, say ready, then on each message do `reps` units and reply the time. */
function serve(work: CeilingWork, reps: number): void {
  const run = unit(work);
  run();
  run();
  parentPort!.postMessage('ready');
  parentPort!.on('message', () => {
    const start = performance.now();
    for (let r = 0; r < reps; r += 1) run();
    parentPort!.postMessage(performance.now() - start);
  });
}

const once = <T>(worker: Worker): Promise<T> =>
  new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

/** Wall time of `threads` warm threads each doing their units at once, ms. */
async function timeThreads(threads: Worker[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    threads.map((worker) => {
      const done = once<number>(worker);
      worker.postMessage('go');
      return done;
    }),
  );
  return performance.now() - start;
}

/** One thread, then two at once, `rounds` times (the same three warm threads throughout). */
export async function measureCeiling(work: CeilingWork, rounds: number): Promise<CeilingRow> {
  const reps = REPS[work];
  const threads = [0, 1, 2].map(() => new Worker(new URL(import.meta.url), { workerData: { work, reps } }));
  try {
    await Promise.all(threads.map((worker) => once(worker)));
    const one: number[] = [];
    const two: number[] = [];
    const speedUps: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const oneMs = await timeThreads([threads[0]!]);
      const twoMs = await timeThreads([threads[1]!, threads[2]!]);
      one.push(oneMs);
      two.push(twoMs);
      speedUps.push((2 * oneMs) / twoMs);
    }
    return { work, reps, oneThreadMs: median(one), twoThreadsMs: median(two), speedUp: median(speedUps), rounds: speedUps };
  } finally {
    await Promise.all(threads.map((worker) => worker.terminate()));
  }
}

if (!isMainThread) {
  const data = workerData as { work: CeilingWork; reps: number };
  serve(data.work, data.reps);
} else if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const rounds = Number(process.argv[2] ?? 5);
  const rows = [await measureCeiling('floor', rounds), await measureCeiling('township', rounds)];
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}
