/**
 * Paired comparison of scenarios with common random numbers: replicate r of every scenario runs
 * with the seed replicateSeed(base seed, r), so all scenarios face the same harvests, illnesses
 * and draws, and the per-replicate difference from the first scenario isolates the effect of the
 * rules that differ. Every scalar metric gets, per scenario, its mean, SD and 95% t interval, and
 * the paired difference from the first scenario (mean of per-replicate differences, 95% t
 * interval; stats.ts). Optionally, replicates are added in batches until named paired
 * differences are as precise as asked.
 *
 * Memory: the final metrics of every replicate (needed for the paired differences) and, for the
 * monthly bands, a running mean and variance per scenario, month and metric (not the replicates).
 */
import type { Source, SourceAccount } from '../model/ledger.js';
import { SOURCES } from '../model/ledger.js';
import { GOVERNANCE_DIMENSIONS } from '../model/observe.js';
import { checkScenario, checkSeed } from '../scenario/check.js';
import { InputError, quote, type ResolvedScenario } from '../scenario/index.js';
import { closestKeys } from '../scenario/validate.js';
import { VERSION } from '../version.js';
import { metricNames, removedMetricMessage } from './metrics.js';
import { runOrdered } from './ordered.js';
import { createPool, windowFor } from './pool.js';
import type { RunOutput } from './run-task.js';
import { replicateSeed } from './seeds.js';
import { compareMetrics, type MetricComparison, type MetricStats } from './paired.js';
import { pairedDifference, RunningSummary } from './stats.js';

/** Default replicates per scenario. */
export const DEFAULT_REPLICATES = 20;
/** Default cap on replicates when a precision is asked for. */
export const DEFAULT_MAX_REPLICATES = 200;
/**
 * Most replicates per scenario, with or without a precision: the final metrics of every replicate
 * stay in memory until the end (about 1 KB per scenario and replicate: the paired differences,
 * the precision check and replicates.csv need them). More runs than this belong in a sweep, which
 * streams its results to disk.
 */
export const MAX_REPLICATES = 10_000;

/** "Add replicates until the paired difference of `metric` has a 95% half-width <= `halfWidth`." */
export interface PrecisionTarget {
  readonly metric: string;
  /** In the metric's own units (a share: 0.005 = half a percentage point). */
  readonly halfWidth: number;
}

export interface CompareOptions {
  /** Replicates per scenario (>= 2; default 20). With `precision`, the first batch. */
  readonly replicates?: number;
  /** Base seed of the replicate seeds; default the first scenario's seed. */
  readonly seed?: number;
  /** Add replicates until every target is met or `maxReplicates` is reached. */
  readonly precision?: readonly PrecisionTarget[];
  /** Most replicates with `precision` (default 200). */
  readonly maxReplicates?: number;
  /** Parallel runs: 1 (default) in this thread; more uses worker threads (needs the compiled povsim). */
  readonly workers?: number;
  /** Called once the options are checked, before the first run: the runs of the first batch. */
  readonly onStart?: (start: { readonly runs: number; readonly replicates: number; readonly maxReplicates: number }) => void;
  /** Called after every run: runs done and planned so far. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  /** Aborting it stops the comparison after the runs in progress (CompareInterrupted). */
  readonly signal?: AbortSignal;
}

/** Thrown when a comparison is stopped through its signal: nothing is compared or written. */
export class CompareInterrupted extends Error {
  readonly done: number;
  readonly planned: number;
  constructor(done: number, planned: number) {
    super(`interrupted after ${done} of ${planned} runs`);
    this.name = 'CompareInterrupted';
    this.done = done;
    this.planned = planned;
  }
}

export type { MetricComparison, MetricStats };

export type LedgerMeans = Record<Source | 'total', SourceAccount>;

/** One scenario's part of comparison.json. */
export interface ScenarioComparison {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly chain: readonly string[];
  readonly hash: string;
  readonly overrides: readonly string[];
  readonly metrics: Readonly<Record<string, MetricComparison>>;
  /** Mean yuan at the end of the run, per source and in total. */
  readonly ledger: LedgerMeans;
  /** Mean share of all assistance received by each tenth of persons, ranked by income before the programme (1 = poorest). */
  readonly incidenceByDecile: readonly (number | null)[];
  readonly governance: Readonly<Record<string, number | null>>;
}

/** What `--precision` achieved. */
export interface PrecisionReport {
  readonly targets: readonly {
    readonly metric: string;
    readonly halfWidth: number;
    /** Half-width of the paired difference for each scenario after the first (null: undefined). */
    readonly achieved: readonly (number | null)[];
    readonly met: boolean;
  }[];
  readonly maxReplicates: number;
  readonly met: boolean;
}

/** comparison.json. */
export interface Comparison {
  readonly povsim: string;
  /** Name of the first scenario, the reference of the differences. */
  readonly reference: string;
  readonly replicates: number;
  readonly baseSeed: number;
  readonly seeds: readonly number[];
  readonly metrics: readonly string[];
  readonly precision: PrecisionReport | null;
  readonly scenarios: readonly ScenarioComparison[];
}

/** One row of timeseries.csv. */
export interface BandRow {
  readonly scenario: string;
  readonly month: number;
  readonly metric: string;
  readonly n: number;
  readonly mean: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** Everything a comparison produced. */
export interface CompareResult {
  readonly comparison: Comparison;
  /** values[s][r][m]: final value of metric m in replicate r of scenario s (replicates.csv). */
  readonly values: readonly (readonly (readonly (number | null)[])[])[];
  /** Monthly mean and 95% interval per scenario, month and metric (timeseries.csv). */
  readonly bands: readonly BandRow[];
}

export { compareMetrics };

/**
 * Runs every scenario `replicates` times on common random numbers and compares them with the first.
 *
 * @throws {InputError} for fewer than 2 scenarios, replicates < 2, an unknown precision metric
 *   (with a did-you-mean) or a non-positive half-width; Error if a run fails (naming the scenario,
 *   replicate and seed).
 * @example
 * const { comparison } = await compareScenarios([loadScenario('scenarios/baseline.yaml'), loadScenario('scenarios/improved-oversight.yaml')]);
 * comparison.scenarios[1].metrics.leakage.difference; // => { n: 20, mean: -0.15, ... }
 */
export async function compareScenarios(scenarios: readonly ResolvedScenario[], options: CompareOptions = {}): Promise<CompareResult> {
  if (scenarios.length < 2) throw new InputError({ detail: 'compare needs at least two scenarios' });
  const names = metricNames();
  const first = options.replicates ?? DEFAULT_REPLICATES;
  const memory = `every replicate's results are kept in memory; for more runs use a sweep, which streams them to disk`;
  if (!Number.isInteger(first) || first < 2 || first > MAX_REPLICATES) {
    throw new InputError({
      file: '--replicates',
      expected: `an integer from 2 (an interval needs two replicates) to ${MAX_REPLICATES.toLocaleString('en-US')} (${memory})`,
      found: String(first),
    });
  }
  const targets = options.precision ?? [];
  for (const t of targets) checkTarget(t, names);
  const maxReplicates = targets.length > 0 ? (options.maxReplicates ?? DEFAULT_MAX_REPLICATES) : first;
  if (!Number.isInteger(maxReplicates) || maxReplicates < first || maxReplicates > MAX_REPLICATES) {
    throw new InputError({
      file: '--max-replicates',
      expected: `an integer from --replicates (${first}) to ${MAX_REPLICATES.toLocaleString('en-US')} (${memory})`,
      found: String(maxReplicates),
    });
  }
  // Scenarios and a seed from a program are checked as a scenario file's (the CLI's are already).
  scenarios.forEach((scenario, s) => checkScenario(scenario, `compareScenarios: scenarios[${s}]`));
  const baseSeed = options.seed === undefined ? scenarios[0]!.seed : checkSeed(options.seed, 'compareScenarios: options');
  options.onStart?.({ runs: first * scenarios.length, replicates: first, maxReplicates });

  const values: (number | null)[][][] = scenarios.map(() => []);
  const ledgerSums = scenarios.map(() => emptyLedger());
  const bands: RunningSummary[][][] = scenarios.map(() => []); // [scenario][month][metric]
  // No more threads than the first batch has runs: each thread costs a start-up (loading the model).
  const pool = createPool(scenarios, Math.min(options.workers ?? 1, first * scenarios.length), 'compare');
  let done = 0;
  let planned = 0;

  const runBatch = async (from: number, to: number): Promise<void> => {
    planned += (to - from) * scenarios.length;
    const tasks = function* (): Generator<{ scenario: number; replicate: number; seed: number }> {
      for (let replicate = from; replicate < to; replicate += 1) {
        const seed = replicateSeed(baseSeed, replicate);
        for (let scenario = 0; scenario < scenarios.length; scenario += 1) yield { scenario, replicate, seed };
      }
    };
    await runOrdered(
      tasks(),
      (task) =>
        pool
          .run({ id: task.replicate * scenarios.length + task.scenario, scenario: task.scenario, values: {}, seed: task.seed, detail: true })
          .then(
            (output): RunOutput | Error => output,
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
      (task, output) => {
        if (options.signal?.aborted) throw new CompareInterrupted(done, planned);
        if (output instanceof Error) {
          throw new Error(`${scenarios[task.scenario]!.name}, replicate ${task.replicate} (seed ${task.seed}): ${output.message}`);
        }
        values[task.scenario]!.push(output.metrics);
        addLedger(ledgerSums[task.scenario]!, output.ledger);
        const months = bands[task.scenario]!;
        (output.series ?? []).forEach((row, month) => {
          months[month] ??= names.map(() => new RunningSummary());
          row.forEach((v, m) => months[month]![m]!.add(v));
        });
        done += 1;
        options.onProgress?.({ done, total: planned });
      },
      { window: windowFor(pool.workers) },
    );
  };

  let replicates = first;
  let precision: PrecisionReport | null = null;
  try {
    await runBatch(0, replicates);
    for (;;) {
      if (options.signal?.aborted) throw new CompareInterrupted(done, planned);
      if (targets.length === 0) break;
      precision = precisionReport(targets, names, values, maxReplicates);
      if (precision.met || replicates >= maxReplicates) break;
      const next = nextReplicates(replicates, maxReplicates, precision);
      await runBatch(replicates, next);
      replicates = next;
    }
  } finally {
    await pool.close();
  }

  const table = compareMetrics(names, values);
  const scenarioResults: ScenarioComparison[] = scenarios.map((scenario, s) => {
    const metrics = table[s]!;
    const meanOf = (metric: string): number | null => metrics[metric]?.mean ?? null;
    return {
      name: scenario.name,
      description: scenario.description,
      file: scenario.file,
      chain: scenario.chain,
      hash: scenario.hash,
      overrides: scenario.overrides,
      metrics,
      ledger: divideLedger(ledgerSums[s]!, replicates),
      incidenceByDecile: Array.from({ length: 10 }, (_, d) => meanOf(`incidenceByDecile.${d + 1}`)),
      governance: Object.fromEntries(GOVERNANCE_DIMENSIONS.map((g) => [g, meanOf(`governance.${g}`)])),
    };
  });
  const bandRows: BandRow[] = [];
  scenarios.forEach((scenario, s) => {
    bands[s]!.forEach((months, month) => {
      months.forEach((running, m) => {
        const summary = running.summary();
        bandRows.push({
          scenario: scenario.name,
          month,
          metric: names[m]!,
          n: summary.n,
          mean: summary.mean,
          ciLow: summary.ci95?.[0] ?? null,
          ciHigh: summary.ci95?.[1] ?? null,
        });
      });
    });
  });
  return {
    comparison: {
      povsim: VERSION,
      reference: scenarios[0]!.name,
      replicates,
      baseSeed,
      seeds: Array.from({ length: replicates }, (_, r) => replicateSeed(baseSeed, r)),
      metrics: names,
      precision,
      scenarios: scenarioResults,
    },
    values,
    bands: bandRows,
  };
}

function checkTarget(target: PrecisionTarget, names: readonly string[]): void {
  if (!names.includes(target.metric)) {
    const removed = removedMetricMessage(target.metric);
    if (removed !== null) throw new InputError({ file: '--precision', detail: removed });
    const near = closestKeys(target.metric, names);
    const hint = near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : ' (see the metric column of comparison.csv)';
    throw new InputError({ file: '--precision', key: target.metric, detail: `unknown metric${hint}` });
  }
  if (!(target.halfWidth > 0) || !Number.isFinite(target.halfWidth)) {
    throw new InputError({ file: '--precision', key: target.metric, expected: 'a half-width > 0 in the metric\'s units (e.g. leakage=0.005 for half a percentage point)', found: String(target.halfWidth) });
  }
}

/** Half-widths of the paired differences named by the targets, and whether each is met. */
function precisionReport(
  targets: readonly PrecisionTarget[],
  names: readonly string[],
  values: readonly (readonly (readonly (number | null)[])[])[],
  maxReplicates: number,
): PrecisionReport {
  const rows = targets.map((t) => {
    const m = names.indexOf(t.metric);
    const reference = values[0]!.map((row) => row[m] ?? null);
    const achieved = values.slice(1).map((scenario) => pairedDifference(reference, scenario.map((row) => row[m] ?? null)).halfWidth);
    return { metric: t.metric, halfWidth: t.halfWidth, achieved, met: achieved.every((h) => h !== null && h <= t.halfWidth) };
  });
  return { targets: rows, maxReplicates, met: rows.every((r) => r.met) };
}

/**
 * The next number of replicates toward the precision targets: the half-width shrinks about as
 * 1 / sqrt(n), so n (h / target)^2 replicates are needed; grow to that estimate, but at least by
 * one and at most double (the estimate from few replicates is rough), and never beyond the cap.
 *
 * @example
 * // 20 replicates, half-width 0.01 for a target of 0.008: 20 * (0.01/0.008)^2 = 31.25 -> 32
 * nextReplicates(20, 200, report); // => 32
 */
export function nextReplicates(current: number, max: number, report: PrecisionReport): number {
  let needed = current + 1;
  for (const t of report.targets) {
    for (const h of t.achieved) {
      const estimate = h === null ? 2 * current : current * (h / t.halfWidth) ** 2;
      needed = Math.max(needed, Math.ceil(estimate));
    }
  }
  return Math.min(max, Math.min(2 * current, needed));
}

function emptyLedger(): LedgerMeans {
  const account = (): SourceAccount => ({ budget: 0, toPoor: 0, toNonPoor: 0, diverted: 0, administration: 0, unspent: 0 });
  return Object.fromEntries([...SOURCES, 'total'].map((s) => [s, account()])) as LedgerMeans;
}

function addLedger(sum: LedgerMeans, ledger: LedgerMeans | null): void {
  if (ledger === null) return;
  for (const source of [...SOURCES, 'total'] as const) {
    const into = sum[source];
    const from = ledger[source];
    for (const part of Object.keys(into) as (keyof SourceAccount)[]) into[part] += from[part];
  }
}

function divideLedger(sum: LedgerMeans, n: number): LedgerMeans {
  const out = emptyLedger();
  for (const source of [...SOURCES, 'total'] as const) {
    for (const part of Object.keys(out[source]) as (keyof SourceAccount)[]) out[source][part] = sum[source][part] / n;
  }
  return out;
}
