/**
 * CSV for files written row by row (results.csv of a sweep): formatting one line at a time,
 * splitting a line back into fields, and reading a large file line by line with the byte offset
 * of each line's end (to cut a half-written last line before resuming).
 *
 * Convention (RFC 4180, as csv-stringify writes it in src/io/files.ts): fields separated by
 * `,`, lines ended by `\n`; a field is quoted in `"` (with `"` doubled) only if it contains `,`,
 * `"`, `\r` or `\n`. Numbers are written as JavaScript prints them (`String(x)`, the shortest text
 * that reads back to the same double), null as an empty field, booleans as `true` / `false`.
 * Text written by `csvLine` never contains a line break inside a field (line breaks in text are
 * replaced by spaces), so every line is one record.
 */
import { closeSync, readSync } from 'node:fs';
import { formatBytes, openRegularFile, READ_LIMITS } from '../io/read.js';
import { InputError } from '../scenario/errors.js';

/** A value of a CSV field. */
export type CsvValue = number | string | boolean | null | undefined;

/**
 * One field as CSV text (see the file comment).
 *
 * @example
 * csvField(0.25); // => '0.25'
 * csvField(null); // => ''
 * csvField('a, "b"'); // => '"a, ""b"""'
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value.replace(/\r\n|[\r\n]/g, ' ');
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV record with its line end.
 *
 * @example
 * csvLine([1, 'ok', null]); // => '1,ok,\n'
 */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/**
 * Splits one CSV record (without its line end) into field texts, undoing the quoting of
 * `csvField`. Returns null if the record is malformed (an unclosed quote, or text after a closing
 * quote), as a half-written line may be.
 *
 * @example
 * parseCsvLine('1,"a, ""b""",'); // => ['1', 'a, "b"', '']
 * parseCsvLine('1,"abc'); // => null
 */
export function parseCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let text = '';
      i += 1;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return null;
        text += line.slice(i, close);
        if (line[close + 1] === '"') {
          text += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(text);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** One line of a file and where it ends. */
export interface FileLine {
  /** The line without its `\n`. */
  readonly text: string;
  /** Byte offset just after this line's `\n` (or after its last byte, if it has none). */
  readonly end: number;
  /** False for a last line without `\n` (possibly cut off in the middle). */
  readonly terminated: boolean;
}

/**
 * Reads a file line by line with bounded memory (one chunk and one line at a time), synchronously.
 * Lines are UTF-8; a multi-byte character split across chunks is handled.
 *
 * @example
 * const reader = new LineReader('out/x/results.csv');
 * for (let line = reader.next(); line !== null; line = reader.next()) console.log(line.text);
 * reader.close();
 */
export class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.alloc(1 << 20);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private position = 0;
  private offset = 0;
  private eof = false;
  private closed = false;

  /**
   * @throws {InputError} when the file is not a regular file (a FIFO or a device would never end)
   *   or a line is longer than `maxLineBytes` (by default READ_LIMITS.line), counted as it is read.
   */
  constructor(
    private readonly path: string,
    private readonly maxLineBytes: number = READ_LIMITS.line,
  ) {
    this.fd = openRegularFile(path).fd;
  }

  /** The next line, or null at the end of the file. */
  next(): FileLine | null {
    for (;;) {
      const newline = this.buffered.indexOf(0x0a);
      if (newline >= 0) {
        const bytes = Buffer.concat([...this.pending, this.buffered.subarray(0, newline)]);
        this.pending = [];
        this.pendingBytes = 0;
        this.buffered = this.buffered.subarray(newline + 1);
        this.offset += bytes.length + 1;
        return { text: bytes.toString('utf8'), end: this.offset, terminated: true };
      }
      if (this.eof) {
        const bytes = Buffer.concat([...this.pending, this.buffered]);
        this.pending = [];
        this.buffered = Buffer.alloc(0);
        if (bytes.length === 0) return null;
        this.offset += bytes.length;
        return { text: bytes.toString('utf8'), end: this.offset, terminated: false };
      }
      if (this.buffered.length > 0) {
        this.pending.push(Buffer.from(this.buffered));
        this.pendingBytes += this.buffered.length;
        if (this.pendingBytes > this.maxLineBytes) {
          throw new InputError({ file: this.path, detail: `has a line longer than ${formatBytes(this.maxLineBytes)}; it was not written by povsim` });
        }
      }
      const read = readSync(this.fd, this.chunk, 0, this.chunk.length, this.position);
      this.position += read;
      if (read === 0) this.eof = true;
      this.buffered = this.chunk.subarray(0, read);
    }
  }

  close(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
  }
}
