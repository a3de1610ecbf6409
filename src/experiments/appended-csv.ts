/**
 * Reading back a CSV file povsim appends a row to as each run finishes (a sweep's results.csv, a
 * calibration's runs.csv), before resuming: one implementation of the header check, the row
 * check and the cut of a half-written last row.
 */
import { truncateSync } from 'node:fs';
import { InputError } from '../scenario/index.js';
import { csvLine, LineReader } from './csv.js';

/**
 * Checks `file` line by line: the header must be `header`, and `checkRow(text, line)` must find
 * nothing wrong (null) with every complete row; it is called in file order. A last line without
 * its line end (a kill mid-append) is cut off the file. Returns the number of rows kept, or null
 * when the file has no complete header (the caller then rewrites it).
 *
 * @throws {InputError} naming the file (and the line) for other columns, or a row `checkRow`
 *   finds wrong: what it found, and that the file was changed after povsim wrote it.
 */
export function scanAppendedCsv(file: string, header: readonly string[], writer: string, checkRow: (text: string, line: number) => string | null): number | null {
  const reader = new LineReader(file);
  let keepBytes = 0;
  let rows = 0;
  let halfWritten = false;
  try {
    const first = reader.next();
    if (first === null || !first.terminated) return null;
    if (first.text !== csvLine(header).slice(0, -1)) {
      throw new InputError({ file, detail: `has other columns than ${writer} writes; it was not written by ${writer} (start a new folder with --out)` });
    }
    keepBytes = first.end;
    for (let line = reader.next(), number = 2; line !== null; line = reader.next(), number += 1) {
      if (!line.terminated) {
        halfWritten = true; // the last line, cut short by a kill: run again
        break;
      }
      const problem = checkRow(line.text, number);
      if (problem !== null) {
        throw new InputError({ file, line: number, detail: `${problem} (the file was changed after povsim wrote it; start a new folder with --out)` });
      }
      keepBytes = line.end;
      rows += 1;
    }
  } finally {
    reader.close();
  }
  if (halfWritten) truncateSync(file, keepBytes);
  return rows;
}
