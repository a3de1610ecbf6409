/**
 * Reading povsim output folders back from disk, so charts and the report can be redrawn from the
 * files alone (`povsim chart DIR`). Every check failure is an InputError naming the file and what
 * was expected: a folder that is not (or no longer) a povsim output gives one clear line.
 */
import { existsSync, statSync } from 'node:fs';
import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROGRAMMES, SOURCES } from '../../model/ledger.js';
import { GOVERNANCE_DIMENSIONS } from '../../model/observe.js';
import { InputError } from '../../scenario/errors.js';
import type { RunManifest } from '../run-files.js';
import type { RunSummary, SeriesRow } from '../../results/summary.js';

/** What an output folder holds. */
export type OutputKind = 'run' | 'comparison' | 'sweep' | 'study' | 'calibration';

/** The files that mark each kind of output folder, in the order they are tested. */
export const KIND_MARKERS: readonly { readonly kind: OutputKind; readonly files: readonly string[] }[] = [
  { kind: 'calibration', files: ['posterior.csv', 'manifest.json'] },
  { kind: 'comparison', files: ['comparison.json'] },
  { kind: 'study', files: ['robustness.json', 'results.csv', 'manifest.json'] },
  { kind: 'sweep', files: ['results.csv', 'manifest.json'] },
  { kind: 'run', files: ['summary.json'] },
];

/**
 * What `dir` holds: a comparison (comparison.json), a sweep (results.csv and manifest.json) or a
 * run (summary.json), tested in that order.
 * @throws InputError when `dir` is not a folder or holds none of these.
 */
export function detectOutputKind(dir: string): OutputKind {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    throw new InputError({ file: dir, detail: loop ? 'a loop of symbolic links (each link leads back to another)' : 'no such folder' });
  }
  if (!isDirectory) throw new InputError({ file: dir, detail: 'not a folder; give the output folder of povsim run, compare, sweep, robust or calibrate' });
  for (const marker of KIND_MARKERS) {
    if (marker.files.every((f) => existsSync(join(dir, f)))) return marker.kind;
  }
  checkUnfinishedCalibration(dir);
  throw new InputError({
    file: dir,
    detail: 'not a povsim output folder: expected summary.json (run), comparison.json (compare), results.csv and manifest.json (sweep) or posterior.csv and manifest.json (calibrate)',
  });
}

/**
 * A calibration folder without its posterior (interrupted, killed, failed, or one shard): says so
 * and how to finish it, rather than that it is no povsim folder.
 */
function checkUnfinishedCalibration(dir: string): void {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return;
  let manifest: { kind?: unknown; status?: unknown; shard?: unknown };
  try {
    manifest = JSON.parse(readRegularText(file, READ_LIMITS.json)) as typeof manifest;
  } catch {
    return;
  }
  if (manifest?.kind !== 'calibrate') return;
  const shard = shardOf(manifest.shard);
  const next = manifest.status === 'failed'
    ? 'fix the targets file and run povsim calibrate again (this folder is replaced)'
    : shard === null
      ? `continue it with povsim calibrate TARGETS.yaml --resume --out ${dir}`
      : `it is shard ${shard} of a calibration, which has no posterior of its own: finish it with povsim calibrate TARGETS.yaml --resume --shard ${shard} --out ${dir} if it was interrupted, then povsim merge all the shards and povsim calibrate TARGETS.yaml --resume --out <the merged folder>`;
  throw new InputError({ file: dir, detail: `is a calibration whose posterior is not written yet (status ${String(manifest.status)}): ${next}; its charts come with the posterior` });
}

/** "K/N" of a manifest's shard ({ index, count }), or null for a whole calibration. */
function shardOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { index, count } = value as { index?: unknown; count?: unknown };
  return typeof index === 'number' && typeof count === 'number' ? `${index}/${count}` : null;
}

/**
 * Text of a regular file of at most `limit` bytes (a CSV table by default), or an InputError
 * naming it: a FIFO, a device or a link to one is refused before reading.
 */
export function readText(path: string, limit: number = READ_LIMITS.table): string {
  return readRegularText(path, limit);
}

/** Parsed JSON of a file, or an InputError naming it. */
export function readJson(path: string): unknown {
  const text = readText(path, READ_LIMITS.json);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError({ file: path, detail: `not valid JSON (${(error as Error).message})` });
  }
}

/** Rows of a CSV file with a header row, as records of strings; an InputError if the header lacks a column. */
export function readCsv(path: string, required: readonly string[]): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readText(path), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ file: path, detail: `not valid CSV (${(error as Error).message})` });
  }
  const header = rows.length > 0 ? Object.keys(rows[0] as object) : [];
  for (const column of required) {
    if (rows.length > 0 && !header.includes(column)) {
      throw new InputError({ file: path, detail: `expected a column "${column}", found ${header.join(', ') || 'none'}` });
    }
  }
  return rows;
}

/** A CSV field as a number: "" is null; anything else must parse as a finite number. */
export function csvNumber(path: string, row: number, column: string, text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v)) {
    throw new InputError({ file: path, key: `row ${row + 2}, ${column}`, expected: 'a number or an empty field', found: JSON.stringify(text) });
  }
  return v;
}

type Check = 'number' | 'number|null' | 'string' | 'string|null' | 'object' | 'array|null';

function typeOk(value: unknown, check: Check): boolean {
  switch (check) {
    case 'number':
      return typeof value === 'number';
    case 'number|null':
      return value === null || typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'string|null':
      return value === null || typeof value === 'string';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array|null':
      return value === null || Array.isArray(value);
  }
}

/** The value at a dotted path of a parsed JSON value (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Throws an InputError naming `file` and the first path whose value does not have its type. */
export function checkShape(file: string, root: unknown, checks: readonly (readonly [string, Check])[], what: string): void {
  for (const [path, check] of checks) {
    const v = valueAt(root, path);
    if (!typeOk(v, check)) {
      throw new InputError({
        file,
        key: path,
        detail: `expected ${check.replace('|', ' or ')}, found ${v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 40)}: not ${what}`,
      });
    }
  }
}

/** The fields of summary.json that the charts and the report read. */
const SUMMARY_CHECKS: readonly (readonly [string, Check])[] = [
  ['scenario', 'object'],
  ['scenario.name', 'string'],
  ['scenario.description', 'string'],
  ['seed', 'number'],
  ['households', 'number'],
  ['villages', 'number'],
  ['months', 'number'],
  ['metrics', 'object'],
  ...(['headcount', 'povertyGap', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'leakage', 'diversion', 'cgh'] as const).map(
    (m) => [`metrics.${m}`, 'number|null'] as const,
  ),
  ['metrics.incidenceByDecile', 'array|null'],
  ['metrics.governance', 'object'],
  ...GOVERNANCE_DIMENSIONS.map((d) => [`metrics.governance.${d}`, 'number|null'] as const),
  ...SOURCES.flatMap((s) =>
    (['budget', 'toPoor', 'toNonPoor', 'diverted', 'administration', 'unspent'] as const).map(
      (part) => [`ledger.${s}.${part}`, 'number'] as const,
    ),
  ),
  ['incidence', 'object'],
  ...['total', ...SOURCES.map((s) => `bySource.${s}`), ...PROGRAMMES.map((p) => `byProgramme.${p.name}`)].flatMap((channel) => [
    [`incidence.${channel}.received`, 'number'] as const,
    [`incidence.${channel}.publicGoods`, 'number'] as const,
    ...(['leakage', 'cgh', 'cghPoorest20'] as const).map((part) => [`incidence.${channel}.${part}`, 'number|null'] as const),
  ]),
];

/** The fields of manifest.json that the report reads. */
export const MANIFEST_CHECKS: readonly (readonly [string, Check])[] = [
  ['povsim', 'string'],
  ['command', 'string'],
  ['node', 'string'],
  ['startedAt', 'string'],
  ['finishedAt', 'string'],
];

/** Checks a parsed summary.json; throws an InputError naming `file` otherwise. */
export function checkRunSummary(file: string, value: unknown): RunSummary {
  // A summary from before the targeting metrics were redefined: say so rather than name a missing field.
  if (valueAt(value, 'metrics.inclusionError') !== undefined && valueAt(value, 'metrics.inclusionErrorRegistered') === undefined) {
    const version = valueAt(value, 'povsim');
    throw new InputError({
      file,
      detail: `written by ${typeof version === 'string' ? `povsim ${version}` : 'an older povsim'} with the old targeting metrics (inclusionError); run the scenario again to chart it`,
    });
  }
  checkShape(file, value, SUMMARY_CHECKS, 'a povsim run summary');
  return value as RunSummary;
}

/** Checks a parsed run manifest.json; throws an InputError naming `file` otherwise. */
export function checkRunManifest(file: string, value: unknown): RunManifest {
  checkShape(file, value, [...MANIFEST_CHECKS, ['scenario', 'object'], ['seed', 'number'], ['parameters', 'object']], 'a povsim run manifest');
  return value as RunManifest;
}

/** Reads timeseries.csv (long format: month, metric, value). */
export function readTimeseries(path: string): SeriesRow[] {
  return readCsv(path, ['month', 'metric', 'value']).map((row, i) => {
    const month = csvNumber(path, i, 'month', row['month']);
    if (month === null) throw new InputError({ file: path, key: `row ${i + 2}, month`, detail: 'expected a month number, found an empty field' });
    return { month, metric: row['metric'] ?? '', value: csvNumber(path, i, 'value', row['value']) };
  });
}

/** What the charts and the report of one run are drawn from. */
export interface RunOutputs {
  /** summary.json */
  readonly summary: RunSummary;
  /** timeseries.csv */
  readonly timeseries: readonly SeriesRow[];
  /** manifest.json; null when the folder has none (the report then omits provenance and parameters). */
  readonly manifest: RunManifest | null;
}

/**
 * Reads a run's output folder: summary.json and timeseries.csv (required), manifest.json (optional).
 * @throws InputError when a file is missing, unreadable, or not what povsim writes.
 */
export function readRunOutputs(dir: string): RunOutputs {
  const summaryPath = join(dir, 'summary.json');
  const manifestPath = join(dir, 'manifest.json');
  const summary = checkRunSummary(summaryPath, readJson(summaryPath));
  const timeseries = readTimeseries(join(dir, 'timeseries.csv'));
  const manifest = existsSync(manifestPath) ? checkRunManifest(manifestPath, readJson(manifestPath)) : null;
  return { summary, timeseries, manifest };
}
