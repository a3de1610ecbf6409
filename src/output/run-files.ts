/**
 * The files of one run: summary.json, timeseries.csv and manifest.json in the output folder.
 * summary.json and timeseries.csv depend only on the scenario and seed (byte-identical on a
 * rerun); manifest.json also records when and where the run happened.
 */
import { join } from 'node:path';
import type { RunSummary, SeriesRow } from '../results/summary.js';
import { checkWritableDir, toCsv, toJson, writeFilesAtomically } from '../io/files.js';

export interface RunManifest {
  povsim: string;
  command: string;
  scenario: { name: string; file: string | null; chain: string[]; sha256: string; overrides: string[] };
  seed: number;
  parameters: unknown;
  node: string;
  platform: string;
  startedAt: string;
  finishedAt: string;
  outputs: string[];
}

export const RUN_FILES = ['summary.json', 'timeseries.csv', 'manifest.json'] as const;

/** Writes the three files of a run to `dir`, all or nothing (see writeFilesAtomically); returns their paths. */
export function writeRunFiles(dir: string, summary: RunSummary, series: readonly SeriesRow[], manifest: RunManifest): string[] {
  const csv = toCsv(['month', 'metric', 'value'], series.map((r) => [r.month, r.metric, r.value]));
  writeFilesAtomically(dir, [
    ['timeseries.csv', csv],
    ['summary.json', toJson(summary)],
    ['manifest.json', toJson(manifest)],
  ]);
  return RUN_FILES.map((f) => join(dir, f));
}

/**
 * Checks, before any work, that `dir` could be created and written: the nearest existing folder
 * on its path must be a writable folder. Creates nothing.
 */
export function checkWritable(dir: string): void {
  checkWritableDir(dir);
}
