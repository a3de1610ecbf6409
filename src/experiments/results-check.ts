/**
 * Checking results.csv rows against the sweep they claim to belong to, before a resume keeps them
 * (and before a merge copies them): each row must be the next run of the design, with the run's
 * point, replicate, seed and parameter values, a status, numbers (or nothing) for the metrics, and
 * its `check` field.
 *
 * The check is the first 16 hex digits of sha256(fingerprint, "\n", the row's text before its
 * check field). It is written with the row, in the same append, so a kill mid-append leaves at most
 * a last line without its line end (cut off on resume, as before) and every complete row carries
 * its own check: a metric changed by hand no longer matches, and a row of another sweep (another
 * fingerprint) does not either. It guards against mistakes, not forgery.
 */
import { createHash } from 'node:crypto';
import { csvLine, parseCsvLine, type CsvValue } from './csv.js';
import type { DesignPoint } from './designs/index.js';

/** The last column of results.csv. */
export const CHECK_COLUMN = 'check';

/** Number of leading columns (run, point, replicate, seed, status) before the parameters. */
const ID_COLUMNS = 5;

/**
 * The check of a row's text (its fields before the check field, without line end).
 *
 * @example
 * rowCheck('f00d', '0,0,0,42,ok'); // => 16 hex digits, the same on every machine
 */
export function rowCheck(fingerprint: string, text: string): string {
  return createHash('sha256').update(`${fingerprint}\n${text}`).digest('hex').slice(0, 16);
}

/** One results.csv line: the values, then their check, then the line end. */
export function checkedLine(fingerprint: string, values: readonly CsvValue[]): string {
  const text = csvLine(values).slice(0, -1);
  return `${text},${rowCheck(fingerprint, text)}\n`;
}

/** What a row should hold: the run of the design it must be. */
export interface ExpectedRun {
  readonly id: number;
  readonly point: DesignPoint;
  readonly replicate: number;
  readonly seed: number;
}

/** A number as JavaScript writes it (String(x)), or an empty field (no value). */
function isMetricField(field: string): boolean {
  if (field === '') return true;
  const value = Number(field);
  return Number.isFinite(value) && String(value) === field;
}

/**
 * What is wrong with a complete row `text` of results.csv, or null if it is the row `run` must
 * have. `header` is the file's header (the check column last); `fingerprint` the sweep's.
 *
 * @returns e.g. `run 3: seed: expected 123, found 999` (null when the row is right).
 */
export function rowProblem(
  text: string,
  run: ExpectedRun | null,
  columns: { readonly header: readonly string[]; readonly parameters: readonly string[] },
  fingerprint: string,
  runs: number,
): string | null {
  const { header, parameters } = columns;
  const fields = parseCsvLine(text);
  if (fields === null) return 'expected a CSV row, found malformed text';
  if (fields.length !== header.length) return `expected ${header.length} fields, found ${fields.length}`;
  if (run === null) return `expected no more rows (the sweep has ${runs} runs here), found a row of run ${fields[0] ?? ''}`;
  const expected = parseCsvLine(csvLine([run.id, run.point.index, run.replicate, run.seed, '', ...parameters.map((p) => run.point.values[p])]).slice(0, -1))!;
  if (fields[0] !== expected[0]) return `expected the row of run ${run.id}, found run ${quoteField(fields[0])}`;
  for (let k = 1; k < expected.length; k += 1) {
    if (k === ID_COLUMNS - 1) continue;
    if (fields[k] !== expected[k]) return `run ${run.id}: ${header[k]}: expected ${quoteField(expected[k])}, found ${quoteField(fields[k])}`;
  }
  const status = fields[ID_COLUMNS - 1];
  if (status !== 'ok' && status !== 'failed') return `run ${run.id}: status: expected ok or failed, found ${quoteField(status)}`;
  const metricsEnd = header.length - 2; // then error, check
  for (let k = expected.length; k < metricsEnd; k += 1) {
    if (!isMetricField(fields[k]!)) return `run ${run.id}: ${header[k]}: expected a number or nothing, found ${quoteField(fields[k])}`;
  }
  const check = fields[header.length - 1]!;
  const own = rowCheck(fingerprint, text.slice(0, text.lastIndexOf(',')));
  if (check !== own) return `run ${run.id}: check: expected ${own} (from the row's values), found ${quoteField(check)}`;
  return null;
}

function quoteField(field: string | undefined): string {
  const text = field ?? '';
  return text.length > 40 ? JSON.stringify(`${text.slice(0, 37)}...`) : JSON.stringify(text);
}
