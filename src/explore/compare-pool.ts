/**
 * The page's paired comparison on several Web Workers at once. The 2 x N runs (reference and
 * current of replicates 0 to N-1) are handed out one at a time to whichever worker is free, in
 * replicate order; their final metrics are put back in replicate order, and each time the
 * replicates finished without a gap grow (0 to k-1 all done, both runs), the worker that just
 * finished is asked for the statistics over them. So the values go into the statistics in the
 * same order and with the same seeds as in compareReported and `povsim compare` (replicate r of
 * both runs on replicateSeed(baseSeed, r)), whichever worker finished first: the numbers are the
 * CLI's, digit for digit. Plain data and callbacks, no DOM: the page (explore/main.ts) gives the
 * workers, the tests give functions.
 */
import { replicateSeed } from '../experiments/seeds.js';
import type { ExploreReport, ExploreRequest } from './session.js';

type CompareRequest = Extract<ExploreRequest, { kind: 'compare' }>;

/** Workers for a comparison: one per processor the browser reports, never more than the runs. */
export function compareWorkerCount(hardwareConcurrency: number | undefined, replicates: number): number {
  const processors = Number.isInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 1;
  return Math.max(1, Math.min(processors, 2 * replicates));
}

/** One comparison spread over `workers` workers; `post` sends a request to worker k, `show` gets the page's reports. */
export class ParallelComparison {
  private readonly seeds: number[];
  /** values[scenario][replicate]: final metrics in metricNames() order; undefined until that run is done. */
  private readonly values: ((readonly (number | null)[]) | undefined)[][];
  private nextTask = 0;
  /** Replicates 0 to finished-1 have both runs done. */
  private finished = 0;
  /** The most replicates of a statistics report shown so far (two workers may answer out of order). */
  private shown = 0;

  constructor(
    private readonly request: CompareRequest,
    readonly workers: number,
    private readonly post: (worker: number, request: ExploreRequest) => void,
    private readonly show: (report: ExploreReport) => void,
  ) {
    this.seeds = Array.from({ length: request.replicates }, (_, r) => replicateSeed(request.baseSeed, r));
    this.values = [new Array(request.replicates).fill(undefined), new Array(request.replicates).fill(undefined)];
  }

  /** Gives every worker its first run. */
  start(): void {
    for (let k = 0; k < this.workers; k += 1) this.handOut(k);
  }

  /** A report of worker k. */
  receive(worker: number, report: ExploreReport): void {
    if (report.kind === 'compare-run-done') {
      this.values[report.task % 2]![Math.floor(report.task / 2)] = report.metrics;
      const before = this.finished;
      while (this.finished < this.request.replicates && this.values[0]![this.finished] !== undefined && this.values[1]![this.finished] !== undefined) {
        this.finished += 1;
      }
      if (this.finished > before) this.post(worker, this.statisticsRequest());
      this.handOut(worker);
    } else if (report.kind === 'replicate') {
      if (report.done <= this.shown) return;
      this.shown = report.done;
      this.show(report);
    } else {
      this.show(report);
    }
  }

  /** Task t is run t % 2 (0 reference, 1 current) of replicate floor(t / 2). */
  private handOut(worker: number): void {
    if (this.nextTask >= 2 * this.request.replicates) return;
    const task = this.nextTask;
    this.nextTask += 1;
    const params = task % 2 === 0 ? this.request.reference : this.request.current;
    this.post(worker, { kind: 'compare-run', task, params, seed: this.seeds[Math.floor(task / 2)]! });
  }

  private statisticsRequest(): ExploreRequest {
    const done = this.finished;
    const values = this.values.map((runs) => runs.slice(0, done) as (number | null)[][]);
    return { kind: 'statistics', replicates: this.request.replicates, seeds: this.seeds.slice(0, done), values };
  }
}
