/**
 * The explorer's computations, plain data in and out, run in the page's Web Worker (and by the
 * bench in node): one run reported month by month, and a paired comparison on common random
 * numbers reported replicate by replicate. They call the CLI's own code: the model
 * (simulateParams), the run of an experiment (runParams), the replicate seeds (replicateSeed) and
 * the comparison statistics (compareMetrics), so the page's numbers equal `povsim compare`'s.
 */
import type { Source, SourceAccount } from '../model/ledger.js';
import type { Metrics } from '../model/observe.js';
import type { Params } from '../model/parameters.js';
import { simulateParams } from '../model/simulate.js';
import { metricNames } from '../experiments/metrics.js';
import { compareMetrics, type MetricComparison } from '../experiments/paired.js';
import { runParams } from '../experiments/run-params.js';
import { replicateSeed } from '../experiments/seeds.js';

/** Metrics drawn month by month during a run. */
export const MONTHLY_METRICS = ['headcount', 'inclusionErrorRegistered', 'exclusionError', 'leakage'] as const;
export type MonthlyMetric = (typeof MONTHLY_METRICS)[number];

/** Monthly values of a run, several months per message. */
export interface MonthBatch {
  readonly months: number[];
  readonly values: Record<MonthlyMetric, (number | null)[]>;
}

/** What the page asks the worker. */
export type ExploreRequest =
  | { readonly kind: 'run'; readonly params: Params; readonly seed: number }
  | { readonly kind: 'compare'; readonly reference: Params; readonly current: Params; readonly baseSeed: number; readonly replicates: number }
  /** One run of a comparison, final metrics only (compare-pool.ts hands these out to several workers). */
  | { readonly kind: 'compare-run'; readonly task: number; readonly params: Params; readonly seed: number }
  /** The statistics over the first `values[0].length` replicates (compare-pool.ts). */
  | { readonly kind: 'statistics'; readonly replicates: number; readonly seeds: readonly number[]; readonly values: (number | null)[][][] };

/** What the worker reports. */
export type ExploreReport =
  /** Months received since the last report (at most one report per MONTH_REPORT_MS); `months`: the run's length. */
  | { readonly kind: 'months'; readonly batch: MonthBatch; readonly months: number }
  | { readonly kind: 'compare-run-done'; readonly task: number; readonly metrics: readonly (number | null)[] }
  | { readonly kind: 'run-done'; readonly metrics: Metrics; readonly ledger: Record<Source, SourceAccount>; readonly milliseconds: number }
  | { readonly kind: 'replicate'; readonly done: number; readonly replicates: number; readonly seeds: readonly number[]; readonly table: ComparisonTable }
  | { readonly kind: 'failed'; readonly message: string };

/** comparison.json's metrics of the two scenarios: [reference, current], by metric name. */
export type ComparisonTable = readonly [Readonly<Record<string, MetricComparison>>, Readonly<Record<string, MetricComparison>>];

/**
 * Least time between two month reports of a run, in milliseconds. One postMessage per month took
 * about 10 ms of a 150-200 ms run in Chromium's worker (a CPU profile); the page redraws the
 * monthly chart at most every 250 ms anyway.
 */
export const MONTH_REPORT_MS = 100;

const emptyBatch = (): MonthBatch => ({ months: [], values: { headcount: [], inclusionErrorRegistered: [], exclusionError: [], leakage: [] } });

/** One run, reporting its months in batches (at most one report per MONTH_REPORT_MS, and the rest at the end). */
export function runReported(params: Params, seed: number, report: (r: ExploreReport) => void, now: () => number): void {
  const start = now();
  const months = params.simulation.months;
  let batch = emptyBatch();
  let lastReport = start;
  const flush = (): void => {
    if (batch.months.length === 0) return;
    report({ kind: 'months', batch, months });
    batch = emptyBatch();
    lastReport = now();
  };
  const result = simulateParams(params, {
    seed,
    onMonth: (record) => {
      const m = record.metrics as unknown as Record<MonthlyMetric, number | null>;
      batch.months.push(record.month);
      for (const k of MONTHLY_METRICS) batch.values[k].push(m[k]);
      if (now() - lastReport >= MONTH_REPORT_MS) flush();
    },
  });
  flush();
  report({ kind: 'run-done', metrics: result.metrics, ledger: result.ledger, milliseconds: now() - start });
}

/**
 * The paired comparison of `povsim compare reference current --replicates N`: replicate r of
 * both runs with replicateSeed(baseSeed, r) (the reference's seed is the base, as in the CLI),
 * and after every replicate the statistics over the replicates so far.
 */
export function compareReported(
  request: Extract<ExploreRequest, { kind: 'compare' }>,
  report: (r: ExploreReport) => void,
): void {
  const names = metricNames();
  const values: (number | null)[][][] = [[], []];
  const seeds: number[] = [];
  for (let r = 0; r < request.replicates; r += 1) {
    const seed = replicateSeed(request.baseSeed, r);
    seeds.push(seed);
    values[0]!.push(runParams(request.reference, seed, false).metrics);
    values[1]!.push(runParams(request.current, seed, false).metrics);
    const [reference, current] = compareMetrics(names, values);
    report({ kind: 'replicate', done: r + 1, replicates: request.replicates, seeds: [...seeds], table: [reference!, current!] });
  }
}

/** The statistics of a comparison over the replicates so far, as compareReported reports them. */
export function statisticsReport(request: Extract<ExploreRequest, { kind: 'statistics' }>): ExploreReport {
  const [reference, current] = compareMetrics(metricNames(), request.values);
  return { kind: 'replicate', done: request.values[0]!.length, replicates: request.replicates, seeds: request.seeds, table: [reference!, current!] };
}

/** Handles one request of the page (the worker's whole job). */
export function handleRequest(request: ExploreRequest, report: (r: ExploreReport) => void, now: () => number): void {
  try {
    if (request.kind === 'run') runReported(request.params, request.seed, report, now);
    else if (request.kind === 'compare') compareReported(request, report);
    else if (request.kind === 'compare-run') report({ kind: 'compare-run-done', task: request.task, metrics: runParams(request.params, request.seed, false).metrics });
    else report(statisticsReport(request));
  } catch (error) {
    report({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
