/**
 * The files of a comparison (formats in docs/experiments.md): comparison.csv, comparison.json,
 * replicates.csv, timeseries.csv and manifest.json, written all or nothing (writeFilesAtomically).
 */
import { join } from 'node:path';
import { toCsv, toJson, writeFilesAtomically } from '../io/files.js';
import { removeEarlierOutputs, takeOutputFolder } from '../io/output-folder.js';
import { scenarioRecord, type ResolvedScenario } from '../scenario/index.js';
import type { CompareResult } from './compare.js';

export const COMPARE_FILES = ['comparison.csv', 'comparison.json', 'replicates.csv', 'timeseries.csv', 'manifest.json'] as const;

/** manifest.json of a comparison. */
export interface CompareManifest {
  readonly povsim: string;
  readonly kind: 'compare';
  readonly command: string;
  readonly scenarios: readonly { name: string; file: string; chain: readonly string[]; sha256: string; overrides: readonly string[] }[];
  readonly baseSeed: number;
  readonly seeds: readonly number[];
  readonly replicates: number;
  readonly workers: number;
  readonly node: string;
  readonly platform: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outputs: readonly string[];
}

/**
 * Default folder of a comparison: `out/compare-<name1>-vs-<name2>[-vs-...]`.
 *
 * @example
 * defaultCompareDir(['baseline', 'improved-oversight']); // => 'out/compare-baseline-vs-improved-oversight'
 */
export function defaultCompareDir(names: readonly string[]): string {
  return join('out', `compare-${names.join('-vs-')}`);
}

/**
 * Writes the comparison's files to `dir`; returns their paths. Takes the folder as `povsim compare`
 * does (src/io/output-folder.ts takeOutputFolder: not a system folder, locked for the write, and
 * holding nothing but an earlier comparison's files, whose charts and report are removed); the lock
 * is reentrant, so the command, which already holds it, is unaffected.
 *
 * @throws {OutputError} exit code 2 when the folder holds files povsim did not write, another
 *   command's outputs, or is locked by another process.
 */
export function writeComparison(
  dir: string,
  result: CompareResult,
  run: { scenarios: readonly ResolvedScenario[]; command: string; workers: number; startedAt: string },
): string[] {
  const { comparison } = result;
  const metrics = comparison.metrics;

  const tableRows = comparison.scenarios.flatMap((s) =>
    metrics.map((metric) => {
      const m = s.metrics[metric]!;
      const d = m.difference;
      return [s.name, metric, m.n, m.mean, m.sd, m.ciLow, m.ciHigh, d?.mean, d?.ciLow, d?.ciHigh, d?.n];
    }));
  const comparisonCsv = toCsv(['scenario', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'diff_mean', 'diff_ci_low', 'diff_ci_high', 'diff_n'], tableRows);

  const replicateRows = comparison.scenarios.flatMap((s, k) =>
    (result.values[k] ?? []).map((row, r) => [s.name, r, comparison.seeds[r], ...row]));
  const replicatesCsv = toCsv(['scenario', 'replicate', 'seed', ...metrics], replicateRows);
  const timeseriesCsv = toCsv(
    ['scenario', 'month', 'metric', 'n', 'mean', 'ci_low', 'ci_high'],
    result.bands.map((b) => [b.scenario, b.month, b.metric, b.n, b.mean, b.ciLow, b.ciHigh]),
  );

  const manifest: CompareManifest = {
    povsim: comparison.povsim,
    kind: 'compare',
    command: run.command,
    scenarios: run.scenarios.map(scenarioRecord),
    baseSeed: comparison.baseSeed,
    seeds: comparison.seeds,
    replicates: comparison.replicates,
    workers: run.workers,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    outputs: [...COMPARE_FILES],
  };
  const { lock, previous } = takeOutputFolder(dir, 'compare', run.command);
  try {
    // An earlier comparison's charts and report would no longer match (povsim's, by its manifest).
    removeEarlierOutputs(dir, previous, COMPARE_FILES);
    writeFilesAtomically(dir, [
      ['comparison.csv', comparisonCsv],
      ['comparison.json', toJson(comparison)],
      ['replicates.csv', replicatesCsv],
      ['timeseries.csv', timeseriesCsv],
      ['manifest.json', toJson(manifest)],
    ]);
  } finally {
    lock.release();
  }
  return COMPARE_FILES.map((f) => join(dir, f));
}
