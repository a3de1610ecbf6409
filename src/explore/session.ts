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

/** What the page asks the worker. */
export type ExploreRequest =
  | { readonly kind: 'run'; readonly params: Params; readonly seed: number }
  | { readonly kind: 'compare'; readonly reference: Params; readonly current: Params; readonly baseSeed: number; readonly replicates: number };

/** What the worker reports. */
export type ExploreReport =
  | { readonly kind: 'month'; readonly month: number; readonly months: number; readonly values: Readonly<Record<MonthlyMetric, number | null>> }
  | { readonly kind: 'run-done'; readonly metrics: Metrics; readonly ledger: Record<Source, SourceAccount>; readonly milliseconds: number }
  | { readonly kind: 'replicate'; readonly done: number; readonly replicates: number; readonly seeds: readonly number[]; readonly table: ComparisonTable }
  | { readonly kind: 'failed'; readonly message: string };

/** comparison.json's metrics of the two scenarios: [reference, current], by metric name. */
export type ComparisonTable = readonly [Readonly<Record<string, MetricComparison>>, Readonly<Record<string, MetricComparison>>];

/** One run, reporting every month. */
export function runReported(params: Params, seed: number, report: (r: ExploreReport) => void, now: () => number): void {
  const start = now();
  const months = params.simulation.months;
  const result = simulateParams(params, {
    seed,
    onMonth: (record) => {
      const m = record.metrics as unknown as Record<MonthlyMetric, number | null>;
      const values = Object.fromEntries(MONTHLY_METRICS.map((k) => [k, m[k]])) as Record<MonthlyMetric, number | null>;
      report({ kind: 'month', month: record.month, months, values });
    },
  });
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

/** Handles one request of the page (the worker's whole job). */
export function handleRequest(request: ExploreRequest, report: (r: ExploreReport) => void, now: () => number): void {
  try {
    if (request.kind === 'run') runReported(request.params, request.seed, report, now);
    else compareReported(request, report);
  } catch (error) {
    report({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
