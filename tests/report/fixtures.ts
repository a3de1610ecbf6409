/**
 * Output folders for the report tests, written in the formats of docs/experiments.md from real
 * (small) simulations, so the charts and the report can be tested before and independently of
 * the `compare` and `sweep` commands. Not a test file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../src/api.js';
import { pairedDifference, summarizeDefined } from '../../src/experiments/stats.js';
import { SOURCES } from '../../src/model/ledger.js';
import { GOVERNANCE_DIMENSIONS } from '../../src/model/observe.js';
import { toCsv, toJson } from '../../src/io/files.js';
import { flattenMetrics } from '../../src/results/summary.js';
import { loadScenario } from '../../src/scenario/index.js';

export interface ComparisonFixtureOptions {
  readonly scenarios: readonly string[];
  readonly replicates: number;
  readonly households: number;
  readonly months: number;
  /** Replace scenario names (e.g. with hostile text). */
  readonly names?: readonly string[];
}

function estimate(values: readonly (number | null)[]) {
  const s = summarizeDefined(values);
  return { n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null };
}

/**
 * Runs every scenario on replicate seeds 1..R (common random numbers) and writes comparison.json,
 * comparison.csv, timeseries.csv and manifest.json to `dir` as docs/experiments.md describes them.
 */
export function writeComparisonFixture(dir: string, options: ComparisonFixtureOptions): void {
  mkdirSync(dir, { recursive: true });
  const overrides = [`township.households=${options.households}`, `simulation.months=${options.months}`];
  const seeds = Array.from({ length: options.replicates }, (_, r) => 1000 + r);
  const loaded = options.scenarios.map((file) => loadScenario(file, { overrides }));
  const runs = loaded.map((scenario) => seeds.map((seed) => simulate(scenario, { seed })));
  const metricNames = flattenMetrics(runs[0]![0]!.summary.metrics).map(([name]) => name);
  const finals = runs.map((reps) => reps.map((run) => new Map(flattenMetrics(run.summary.metrics))));
  const names = options.names ?? loaded.map((s) => s.name);

  const scenarios = loaded.map((scenario, i) => {
    const metrics: Record<string, unknown> = {};
    for (const m of metricNames) {
      const values = finals[i]!.map((f) => f.get(m) ?? null);
      const reference = finals[0]!.map((f) => f.get(m) ?? null);
      const d = pairedDifference(reference, values);
      metrics[m] = {
        ...estimate(values),
        difference: i === 0 ? null : { n: d.n, mean: d.mean, sd: d.sd, ciLow: d.ci95?.[0] ?? null, ciHigh: d.ci95?.[1] ?? null },
      };
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ledger: Record<string, Record<string, number>> = {};
    for (const source of [...SOURCES, 'total'] as const) {
      const parts = ['budget', 'toPoor', 'toNonPoor', 'diverted', 'administration', 'unspent'] as const;
      ledger[source] = Object.fromEntries(parts.map((p) => [p, mean(runs[i]!.map((r) => r.summary.ledger[source][p]))]));
    }
    const meanOf = (m: string): number | null => (metrics[m] as { mean: number | null }).mean;
    return {
      name: names[i],
      description: scenario.description,
      file: scenario.file,
      chain: scenario.chain,
      hash: scenario.hash,
      overrides: scenario.overrides,
      metrics,
      ledger,
      incidenceByDecile: Array.from({ length: 10 }, (_, d) => meanOf(`incidenceByDecile.${d + 1}`)),
      governance: Object.fromEntries(GOVERNANCE_DIMENSIONS.map((g) => [g, meanOf(`governance.${g}`)])),
    };
  });
  const comparison = {
    povsim: '0.1.0',
    reference: names[0],
    replicates: options.replicates,
    baseSeed: 1000,
    seeds,
    metrics: metricNames,
    precision: null,
    scenarios,
  };
  writeFileSync(join(dir, 'comparison.json'), toJson(comparison));

  const series: unknown[][] = [];
  loaded.forEach((_, i) => {
    for (let month = 0; month < options.months; month += 1) {
      const perRep = runs[i]!.map((run) => new Map(flattenMetrics(run.result.series[month]!.metrics)));
      for (const m of metricNames) {
        const e = estimate(perRep.map((p) => p.get(m) ?? null));
        series.push([names[i], month, m, e.n, e.mean, e.ciLow, e.ciHigh]);
      }
    }
  });
  writeFileSync(join(dir, 'timeseries.csv'), toCsv(['scenario', 'month', 'metric', 'n', 'mean', 'ci_low', 'ci_high'], series));

  writeFileSync(
    join(dir, 'manifest.json'),
    toJson({
      povsim: '0.1.0',
      kind: 'compare',
      command: `povsim compare ${options.scenarios.join(' ')} --replicates ${options.replicates}`,
      scenarios: loaded.map((s, i) => ({ name: names[i], file: s.file, chain: s.chain, sha256: s.hash, overrides: s.overrides })),
      baseSeed: 1000,
      seeds,
      replicates: options.replicates,
      workers: 1,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:05.000Z',
      outputs: ['comparison.csv', 'comparison.json', 'replicates.csv', 'timeseries.csv', 'manifest.json'],
    }),
  );
}
