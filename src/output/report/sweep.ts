/**
 * A `povsim sweep` folder as the charts and the report read it: manifest.json, results.csv and,
 * for sobol and morris designs, sensitivity.csv, in the formats of docs/experiments.md ("povsim
 * sweep folder"). results.csv is read as a stream (csv-parse) and reduced as it is parsed to what
 * the charts need: per design point, its parameter values and the chosen metric's values (8 bytes
 * a run). A results.csv of any size (550 MB and more) is never held as one string, and the event
 * loop runs between chunks, so Ctrl-C is seen while a big file is read.
 */
import { createReadStream, existsSync } from 'node:fs';
import { openRegularFile } from '../../io/read.js';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { DrawingInterrupted } from './files.js';
import { removedMetricMessage } from '../../experiments/metrics.js';
import { summarizeDefined } from '../../experiments/stats.js';
import { InputError } from '../../scenario/errors.js';
import { closestKeys } from '../../scenario/validate.js';
import { checkShape, csvNumber, MANIFEST_CHECKS, readCsv, readJson, valueAt } from './read.js';

/** A factor of the sweep's design, as manifest.json records it. */
export interface SweepFactor {
  readonly name: string;
  readonly values?: readonly (number | string | boolean)[];
  readonly min?: number;
  readonly max?: number;
  readonly distribution?: string;
  readonly integer?: boolean;
}

/** manifest.json of a sweep: the fields the charts and the report use. */
export interface SweepManifestView {
  readonly povsim: string;
  readonly kind: 'sweep';
  readonly command: string;
  readonly sweep: { readonly name: string; readonly description: string; readonly file: string; readonly sha256: string };
  readonly fingerprint?: string;
  readonly scenario: { readonly name: string; readonly file: string; readonly chain: readonly string[]; readonly sha256: string; readonly overrides: readonly string[] };
  readonly design: { readonly kind: string; readonly factors: readonly SweepFactor[] } & Readonly<Record<string, unknown>>;
  readonly points: number;
  readonly replicates: number;
  readonly runs: number;
  readonly seed: number;
  readonly seedRule?: string;
  readonly bootstrap?: number;
  readonly outputs: readonly string[];
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly mergedFrom: readonly unknown[] | null;
  readonly columns: { readonly parameters: readonly string[]; readonly metrics: readonly string[] };
  readonly node: string;
  readonly platform: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly sessions?: readonly unknown[];
  readonly status: string;
  readonly done: number;
  readonly failed: number;
  readonly sensitivity: { readonly file: string; readonly outputs: readonly string[]; readonly skipped: readonly { readonly output: string; readonly reason: string }[] } | null;
}

/** One design point's summary of one metric over its successful replicates. */
export interface PointSummary {
  readonly point: number;
  /** Varied parameter -> value (as written in results.csv; numbers parsed). */
  readonly values: Readonly<Record<string, number | string>>;
  /** Successful runs at the point (status ok). */
  readonly runs: number;
  /** Runs where the metric is defined. */
  readonly n: number;
  readonly mean: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** One row of sensitivity.csv (sobol: S1/ST with intervals; morris: mu*, mu, sigma). */
export interface SensitivityRow {
  readonly output: string;
  readonly parameter: string;
  readonly S1?: number | null;
  readonly S1Low?: number | null;
  readonly S1High?: number | null;
  readonly ST?: number | null;
  readonly STLow?: number | null;
  readonly STHigh?: number | null;
  readonly muStar?: number | null;
  readonly mu?: number | null;
  readonly sigma?: number | null;
}

/** What the charts and the report of a sweep are drawn from. */
export interface SweepOutputs {
  readonly manifest: SweepManifestView;
  /** The metric summarised per point (heatmap, line, results table). */
  readonly metric: string;
  /** One entry per design point that has a row in results.csv, by point. */
  readonly points: readonly PointSummary[];
  /** Rows of results.csv read, and how many failed. */
  readonly rows: number;
  readonly failedRows: number;
  /** sensitivity.csv, when the folder has one. */
  readonly sensitivity: { readonly method: 'sobol' | 'morris'; readonly rows: readonly SensitivityRow[] } | null;
}

/** Default metric of a sweep's heatmap. */
export const DEFAULT_SWEEP_METRIC = 'leakage';

/** Checks a parsed sweep manifest.json; throws an InputError naming `file` otherwise. */
export function checkSweepManifest(file: string, value: unknown): SweepManifestView {
  if (valueAt(value, 'kind') !== 'sweep') {
    throw new InputError({ file, key: 'kind', detail: 'expected "sweep": not a povsim sweep manifest' });
  }
  checkShape(file, value, [
    ...MANIFEST_CHECKS.filter(([path]) => path !== 'finishedAt'),
    ['sweep', 'object'],
    ['sweep.name', 'string'],
    ['scenario', 'object'],
    ['design', 'object'],
    ['design.kind', 'string'],
    ['columns', 'object'],
    ['replicates', 'number'],
    ['points', 'number'],
  ], 'a povsim sweep manifest');
  for (const key of ['design.factors', 'columns.parameters', 'columns.metrics'] as const) {
    if (!Array.isArray(valueAt(value, key))) {
      throw new InputError({ file, key, detail: 'expected a list: not a povsim sweep manifest' });
    }
  }
  return value as SweepManifestView;
}

/**
 * The metric to chart: `requested` (or leakage) if results.csv has it, else an InputError naming
 * the option, with a did-you-mean suggestion and the metrics there are.
 */
export function chooseSweepMetric(manifest: SweepManifestView, requested: string | undefined): string {
  const metric = requested ?? DEFAULT_SWEEP_METRIC;
  const metrics = manifest.columns.metrics;
  if (metrics.includes(metric)) return metric;
  const removed = removedMetricMessage(metric);
  if (removed !== null) throw new InputError({ file: '--metric', detail: removed });
  const close = closestKeys(metric, metrics);
  const hint = close.length > 0 ? `did you mean ${close.map((m) => `"${m}"`).join(' or ')}? ` : '';
  throw new InputError({ file: '--metric', detail: `unknown metric "${metric}"; ${hint}expected one of: ${metrics.join(', ')}` });
}

/** A results.csv parameter field: a number when it parses as one, else the text (enum, switch). */
function parameterValue(text: string): number | string {
  const v = Number(text);
  return text !== '' && Number.isFinite(v) ? v : text;
}

/** A point's parameter values and its metric's values over the successful runs, as read so far. */
interface PointAccumulator {
  readonly values: Record<string, number | string>;
  runs: number;
  readonly samples: (number | null)[];
}

/**
 * Reads results.csv as a stream, keeping only point, status, the varied parameters and `metric`,
 * and summarises `metric` per design point over the successful runs (mean and 95% Student-t
 * interval, as povsim compare does). Memory: one entry per design point plus one number per
 * successful run; never the file's text.
 *
 * @throws InputError when the file is missing, not a regular file, not valid CSV, or lacks a column;
 *   DrawingInterrupted when `signal` aborts while it is read.
 */
export async function summariseResults(path: string, parameters: readonly string[], metric: string, signal?: AbortSignal): Promise<{
  points: PointSummary[];
  rows: number;
  failedRows: number;
}> {
  const byPoint = new Map<number, PointAccumulator>();
  let rows = 0;
  let failedRows = 0;
  // Only a regular file (a FIFO would block for ever, a device never ends): src/io/read.ts.
  const input = createReadStream('', { fd: openRegularFile(path, { expected: 'the results.csv povsim sweep wrote' }).fd });
  const wanted = new Set(['point', 'status', ...parameters, metric]);
  const parser = parse({
    // Only the columns the charts use become record fields (false skips a column): a row of
    // results.csv holds every metric, and building records of them all is most of the cost.
    columns: (names: string[]) => {
      for (const column of wanted) {
        if (!names.includes(column)) throw new InputError({ file: path, detail: `expected a column "${column}" in the header` });
      }
      return names.map((name) => (wanted.has(name) ? name : false));
    },
    skip_empty_lines: true,
    on_record: (record: Record<string, string>, context: { lines: number }) => ({ record, line: context.lines }),
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, line } of parser as AsyncIterable<{ record: Record<string, string>; line: number }>) {
      if (signal?.aborted === true) throw new DrawingInterrupted([]);
      rows += 1;
      addRecord(byPoint, path, line, record, parameters, metric);
      if (record['status'] !== 'ok') failedRows += 1;
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof DrawingInterrupted) throw error;
    throw new InputError({ file: path, detail: `not valid CSV (${(error as Error).message})` });
  } finally {
    input.destroy();
  }
  const points = [...byPoint.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([point, e]) => {
      const s = summarizeDefined(e.samples);
      return { point, values: e.values, runs: e.runs, n: s.n, mean: s.mean, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null };
    });
  return { points, rows, failedRows };
}

/** Adds one row of results.csv (ending at line `line`) to its point's accumulator. */
function addRecord(
  byPoint: Map<number, PointAccumulator>,
  path: string,
  line: number,
  record: Record<string, string>,
  parameters: readonly string[],
  metric: string,
): void {
  const point = csvNumber(path, line - 2, 'point', record['point']);
  if (point === null) throw new InputError({ file: path, key: `line ${line}, point`, detail: 'expected a design point number' });
  let entry = byPoint.get(point);
  if (entry === undefined) {
    const values: Record<string, number | string> = {};
    for (const p of parameters) values[p] = parameterValue(record[p] ?? '');
    entry = { values, runs: 0, samples: [] };
    byPoint.set(point, entry);
  }
  if (record['status'] === 'ok') {
    entry.runs += 1;
    entry.samples.push(csvNumber(path, line - 2, metric, record[metric]));
  }
}

/** Reads sensitivity.csv (sobol or morris columns, detected from the header). */
export function readSensitivity(path: string): { method: 'sobol' | 'morris'; rows: SensitivityRow[] } {
  const records = readCsv(path, ['output', 'parameter']);
  const header = records.length > 0 ? Object.keys(records[0] as object) : [];
  const method = header.includes('ST') ? 'sobol' : header.includes('mu_star') ? 'morris' : null;
  if (method === null && records.length > 0) {
    throw new InputError({ file: path, detail: 'expected sobol (S1, ST) or morris (mu_star, sigma) columns' });
  }
  const num = (i: number, column: string, record: Record<string, string>): number | null => csvNumber(path, i, column, record[column]);
  const rows = records.map((r, i): SensitivityRow =>
    method === 'morris'
      ? { output: r['output'] ?? '', parameter: r['parameter'] ?? '', muStar: num(i, 'mu_star', r), mu: num(i, 'mu', r), sigma: num(i, 'sigma', r) }
      : {
        output: r['output'] ?? '',
        parameter: r['parameter'] ?? '',
        S1: num(i, 'S1', r),
        S1Low: num(i, 'S1_ci_low', r),
        S1High: num(i, 'S1_ci_high', r),
        ST: num(i, 'ST', r),
        STLow: num(i, 'ST_ci_low', r),
        STHigh: num(i, 'ST_ci_high', r),
      },
  );
  return { method: method ?? 'sobol', rows };
}

/**
 * Reads a sweep folder: manifest.json and results.csv (required, read as a stream),
 * sensitivity.csv (optional), and summarises `metric` (default leakage) per design point.
 * @throws InputError when a file is missing or not what povsim sweep writes, or the metric is
 *   unknown; DrawingInterrupted when `signal` aborts while results.csv is read.
 */
export async function readSweepOutputs(dir: string, options: { readonly metric?: string; readonly signal?: AbortSignal } = {}): Promise<SweepOutputs> {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = checkSweepManifest(manifestPath, readJson(manifestPath));
  const metric = chooseSweepMetric(manifest, options.metric);
  const summary = await summariseResults(join(dir, 'results.csv'), manifest.columns.parameters, metric, options.signal);
  const sensitivityPath = join(dir, 'sensitivity.csv');
  const sensitivity = existsSync(sensitivityPath) ? readSensitivity(sensitivityPath) : null;
  return { manifest, metric, points: summary.points, rows: summary.rows, failedRows: summary.failedRows, sensitivity };
}
