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
import { closeSync, fstatSync, ftruncateSync, openSync } from 'node:fs';
import { writeAllSync } from '../../io/files.js';
import { scanAppendedCsv } from '../appended-csv.js';
import { csvLine, parseCsvLine } from '../csv.js';
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
  scanAppendedCsv(file, header, 'this calibration', (text) => {
    const fields = parseCsvLine(text);
    const numbers = fields?.slice(0, -1).map(Number) ?? [];
    if (fields === null || fields.length !== header.length || fields[fields.length - 1] !== rowCheck(fingerprint, text.slice(0, text.lastIndexOf(','))) || !numbers.every(Number.isFinite)) {
      return 'is not a row this calibration wrote (its check does not match its values)';
    }
    runs.set(fields.slice(0, 1 + parameterCount).join(','), numbers.slice(1 + parameterCount));
    return null;
  });
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
