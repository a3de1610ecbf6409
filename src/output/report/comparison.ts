/**
 * A `povsim compare` folder as the charts and the report read it: comparison.json, timeseries.csv
 * and manifest.json, in the formats of docs/experiments.md ("povsim compare folder"). The types
 * here are the reader's view of those files (only the fields it uses are checked); the per-metric
 * statistics and time-series rows are the producer's own types (src/experiments/compare.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Source, SourceAccount } from '../../model/ledger.js';
import { SOURCES } from '../../model/ledger.js';
import { GOVERNANCE_DIMENSIONS, type Governance } from '../../model/observe.js';
import { loadScenario } from '../../scenario/index.js';
import { InputError } from '../../scenario/errors.js';
import type { BandRow, MetricComparison, MetricStats } from '../../experiments/compare.js';
import { checkShape, csvNumber, MANIFEST_CHECKS, readCsv, readJson, valueAt } from './read.js';

/** Mean and 95% interval of a metric, or of a paired difference (the producer's type). */
export type DifferenceEstimate = MetricStats;

/** One metric of one scenario over the replicates, with its paired difference (null for the reference). */
export type MetricEstimate = MetricComparison;

/** One scenario of comparison.json. */
export interface ComparisonScenario {
  readonly name: string;
  readonly description: string;
  readonly file: string | null;
  readonly chain: readonly string[];
  readonly hash: string;
  readonly overrides: readonly string[];
  readonly metrics: Readonly<Record<string, MetricEstimate>>;
  /** Mean yuan over replicates at the end of the run, per source and in total. */
  readonly ledger: Readonly<Record<Source | 'total', SourceAccount>>;
  /** Mean share of all assistance per tenth of persons (1 = poorest); null where undefined. */
  readonly incidenceByDecile: readonly (number | null)[] | null;
  readonly governance: Readonly<Governance>;
}

/** comparison.json */
export interface Comparison {
  readonly povsim: string;
  /** Name of the first (reference) scenario. */
  readonly reference: string;
  readonly replicates: number;
  readonly baseSeed: number;
  readonly seeds: readonly number[];
  /** Metric names in file order. */
  readonly metrics: readonly string[];
  readonly precision: unknown;
  readonly scenarios: readonly ComparisonScenario[];
}

/** One row of a comparison's timeseries.csv: a scenario's metric in one month over replicates. */
export type ComparisonSeriesRow = BandRow;

/** One scenario of a compare manifest.json. */
export interface ComparisonManifestScenario {
  readonly name: string;
  readonly file: string | null;
  readonly chain: readonly string[];
  readonly sha256: string;
  readonly overrides: readonly string[];
  /** Every parameter of the scenario, when the manifest records them. */
  readonly parameters?: unknown;
}

/** manifest.json of a comparison. */
export interface ComparisonManifest {
  readonly povsim: string;
  readonly kind: string;
  readonly command: string;
  readonly scenarios: readonly ComparisonManifestScenario[];
  readonly baseSeed: number;
  readonly seeds: readonly number[];
  readonly replicates: number;
  readonly workers?: number;
  readonly node: string;
  readonly platform: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outputs: readonly string[];
}

/** What the charts and the report of a comparison are drawn from. */
export interface ComparisonOutputs {
  readonly comparison: Comparison;
  readonly timeseries: readonly ComparisonSeriesRow[];
  /** null when the folder has no manifest.json. */
  readonly manifest: ComparisonManifest | null;
  /**
   * Every parameter of each scenario (same order as `comparison.scenarios`), from the manifest
   * or else from the scenario files when their hash still matches; null where unknown.
   */
  readonly parameters: readonly (unknown | null)[];
}

/** Checks a parsed comparison.json; throws an InputError naming `file` otherwise. */
export function checkComparison(file: string, value: unknown): Comparison {
  checkShape(file, value, [
    ['reference', 'string'],
    ['replicates', 'number'],
    ['baseSeed', 'number'],
  ], 'a povsim comparison');
  const scenarios = valueAt(value, 'scenarios');
  if (!Array.isArray(scenarios) || scenarios.length === 0) {
    throw new InputError({ file, key: 'scenarios', detail: 'expected a non-empty list of scenarios: not a povsim comparison' });
  }
  scenarios.forEach((_, i) => {
    const at = `scenarios.${i}`;
    checkShape(file, value, [
      [`${at}.name`, 'string'],
      [`${at}.metrics`, 'object'],
      [`${at}.ledger`, 'object'],
      [`${at}.governance`, 'object'],
      [`${at}.incidenceByDecile`, 'array|null'],
      ...SOURCES.flatMap((s) =>
        (['budget', 'toPoor', 'toNonPoor', 'diverted', 'administration', 'unspent'] as const).map(
          (part) => [`${at}.ledger.${s}.${part}`, 'number'] as const,
        ),
      ),
      ...GOVERNANCE_DIMENSIONS.map((d) => [`${at}.governance.${d}`, 'number|null'] as const),
    ], 'a povsim comparison');
  });
  return value as Comparison;
}

/** Reads a comparison's timeseries.csv (scenario, month, metric, n, mean, ci_low, ci_high). */
export function readComparisonTimeseries(path: string): ComparisonSeriesRow[] {
  return readCsv(path, ['scenario', 'month', 'metric', 'n', 'mean', 'ci_low', 'ci_high']).map((row, i) => {
    const month = csvNumber(path, i, 'month', row['month']);
    if (month === null) throw new InputError({ file: path, key: `row ${i + 2}, month`, detail: 'expected a month number, found an empty field' });
    return {
      scenario: row['scenario'] ?? '',
      month,
      metric: row['metric'] ?? '',
      n: csvNumber(path, i, 'n', row['n']) ?? 0,
      mean: csvNumber(path, i, 'mean', row['mean']),
      ciLow: csvNumber(path, i, 'ci_low', row['ci_low']),
      ciHigh: csvNumber(path, i, 'ci_high', row['ci_high']),
    };
  });
}

/**
 * Parameters of a scenario: the manifest's record if it has one, else the scenario file loaded
 * again with its overrides, but only when the inputs' hash is still the one recorded (the file
 * has not changed since); null otherwise.
 */
export function scenarioParameters(
  scenario: Pick<ComparisonScenario, 'file' | 'hash' | 'overrides'>,
  recorded: ComparisonManifestScenario | undefined,
): unknown {
  if (recorded?.parameters !== undefined && recorded.parameters !== null) return recorded.parameters;
  if (scenario.file === null || !existsSync(scenario.file)) return null;
  try {
    const loaded = loadScenario(scenario.file, { overrides: scenario.overrides });
    return loaded.hash === scenario.hash ? loaded.params : null;
  } catch {
    return null;
  }
}

/**
 * Reads a comparison folder: comparison.json and timeseries.csv (required), manifest.json (optional).
 * @throws InputError when a file is missing, unreadable, or not what povsim compare writes.
 */
export function readComparisonOutputs(dir: string): ComparisonOutputs {
  const comparisonPath = join(dir, 'comparison.json');
  const manifestPath = join(dir, 'manifest.json');
  const comparison = checkComparison(comparisonPath, readJson(comparisonPath));
  const timeseries = readComparisonTimeseries(join(dir, 'timeseries.csv'));
  let manifest: ComparisonManifest | null = null;
  if (existsSync(manifestPath)) {
    const value = readJson(manifestPath);
    checkShape(manifestPath, value, [...MANIFEST_CHECKS, ['platform', 'string']], 'a povsim compare manifest');
    manifest = value as ComparisonManifest;
  }
  const parameters = comparison.scenarios.map((s, i) =>
    scenarioParameters(
      { file: s.file ?? null, hash: s.hash ?? '', overrides: s.overrides ?? [] },
      manifest?.scenarios?.[i]?.name === s.name ? manifest.scenarios[i] : undefined,
    ),
  );
  return { comparison, timeseries, manifest, parameters };
}
