/**
 * runs.csv of a calibration folder: every model run made, as it finishes, with its seed, the
 * parameter values and the targets' values, and the row's `check` (results-check.ts), so that
 * `--resume` after Ctrl-C or SIGKILL does not run it again.
 *
 * A run depends only on the parameter values and its seed, and the samplers are deterministic
 * (problem.ts), so resuming replays the sampler from the start and answers each run it asks for
 * from runs.csv when it is there: the same proposals, the same posterior, to the byte. Rows are in
 * the order runs finished (which varies with the workers); the file is a record of work done, not
 * a result. A last line without its line end (a kill mid-append) is cut off on resume.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, truncateSync } from 'node:fs';
import { writeAllSync } from '../../io/files.js';
import { InputError } from '../../scenario/index.js';
import { csvLine, LineReader, parseCsvLine } from '../csv.js';
import { checkedLine, CHECK_COLUMN, rowCheck } from '../results-check.js';
import { ioError } from '../sweep.js';

export const RUNS_FILE = 'runs.csv';

/** The header of runs.csv. */
export function journalHeader(parameters: readonly string[], targets: readonly string[]): string[] {
  return ['seed', ...parameters, ...targets, CHECK_COLUMN];
}

/** The key of a run: its seed and parameter values as runs.csv writes them. */
export function runKey(seed: number, values: readonly number[]): string {
  return csvLine([seed, ...values]).slice(0, -1);
}

/**
 * Reads the runs of an earlier session: key -> target values. Returns an empty map when the file
 * has no complete header (it is then rewritten).
 *
 * @throws {InputError} for a header of other columns or a row that is not what this calibration
 *   wrote (a changed value: its check does not match).
 */
export function readJournal(file: string, header: readonly string[], fingerprint: string, parameterCount: number): Map<string, number[]> {
  const runs = new Map<string, number[]>();
  const reader = new LineReader(file);
  let keep = 0;
  let cut = false;
  try {
    const first = reader.next();
    if (first === null || !first.terminated) return runs;
    if (first.text !== csvLine(header).slice(0, -1)) {
      throw new InputError({ file, detail: 'has other columns than this calibration writes (start a new folder with --out)' });
    }
    keep = first.end;
    for (let line = reader.next(), number = 2; line !== null; line = reader.next(), number += 1) {
      if (!line.terminated) {
        cut = true;
        break;
      }
      const fields = parseCsvLine(line.text);
      const text = line.text.slice(0, line.text.lastIndexOf(','));
      const numbers = fields?.slice(0, -1).map(Number) ?? [];
      if (fields === null || fields.length !== header.length || fields[fields.length - 1] !== rowCheck(fingerprint, text) || !numbers.every(Number.isFinite)) {
        throw new InputError({ file, line: number, detail: 'is not a row this calibration wrote (its check does not match its values); the file was changed after povsim wrote it: start a new folder with --out' });
      }
      runs.set(fields.slice(0, 1 + parameterCount).join(','), numbers.slice(1 + parameterCount));
      keep = line.end;
    }
  } finally {
    reader.close();
  }
  if (cut) truncateSync(file, keep);
  return runs;
}

/** Appends rows to runs.csv; a row cut short by a full disk is removed again. */
export class JournalWriter {
  private readonly fd: number;

  constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    header: readonly string[] | null,
  ) {
    try {
      this.fd = openSync(file, header === null ? 'a' : 'w');
      if (header !== null) writeAllSync(this.fd, csvLine(header));
    } catch (error) {
      throw ioError(file, error);
    }
  }

  append(seed: number, parameters: readonly number[], values: readonly number[]): void {
    const before = fstatSync(this.fd).size;
    try {
      writeAllSync(this.fd, checkedLine(this.fingerprint, [seed, ...parameters, ...values]));
    } catch (error) {
      try {
        ftruncateSync(this.fd, before);
      } catch {
        // the write's failure is the one to report; resume cuts a half-written last row anyway
      }
      throw ioError(this.file, error);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
