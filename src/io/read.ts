/**
 * Reading input files safely: povsim reads only regular files (never a FIFO, a device, a socket
 * or a folder, even through a symbolic link), and every read is bounded by the bytes actually
 * read, not by the size `stat` reports (which is 0 for /dev/zero). Every refusal is one
 * {@link InputError} line naming the file, found at once: a FIFO is opened without waiting for a
 * writer (O_NONBLOCK), then the opened descriptor is checked with `fstat` before a byte is read.
 *
 * Limits per kind of file ({@link READ_LIMITS}) are documented in README.md ("Files povsim reads").
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../scenario/errors.js';

const MIB = 1024 * 1024;

/** Largest file povsim reads whole, in bytes, per kind of file. */
export const READ_LIMITS = {
  /** Scenario and sweep files (YAML): a scenario is a few kilobytes. */
  yaml: MIB,
  /** JSON written by povsim (summary.json, manifest.json, comparison.json). */
  json: 64 * MIB,
  /** CSV tables read whole (timeseries.csv, sensitivity.csv, a sweep's results.csv for charts). */
  table: 256 * MIB,
  /** Longest line of a CSV file read line by line (a sweep's results.csv, design.csv). */
  line: 64 * MIB,
} as const;

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

// Open without waiting for a FIFO's writer and without taking a terminal as controlling terminal.
// (Both flags are 0 where the platform lacks them.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * What a non-regular file is, in words.
 *
 * @example
 * kindOf(statSync('/dev/zero')); // => 'a character device'
 */
export function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The one-line error for a failed open or read of `file`, by error code: a missing file, a loop
 * of symbolic links, a permission problem, or the code itself.
 */
export function readFailure(file: string, error: unknown, expected = 'a regular file'): InputError {
  const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError({ file, detail: 'no such file' });
    case 'ELOOP':
      return new InputError({ file, detail: 'a loop of symbolic links (each link leads back to another)' });
    case 'EACCES':
    case 'EPERM':
      return new InputError({ file, detail: 'cannot read the file (permission denied)' });
    case 'EISDIR':
      return new InputError({ file, expected, found: 'a directory' });
    case 'ENXIO':
      // Opening a socket fails with ENXIO: say what the file is.
      try {
        return new InputError({ file, expected, found: kindOf(statSync(file)) });
      } catch {
        return new InputError({ file, detail: 'cannot read the file (ENXIO)' });
      }
    default: {
      const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
      return new InputError({ file, detail: `cannot read the file (${code || message})` });
    }
  }
}

/** Options of {@link openRegularFile} and {@link readRegularFile}. */
export interface ReadOptions {
  /** What the file should be, for messages: "a scenario file" (default "a regular file"). */
  readonly expected?: string;
}

/**
 * Opens a file for reading if it is a regular file (after following symbolic links).
 *
 * @returns the open file descriptor and its size (close it with `closeSync`).
 * @throws {InputError} when the file is missing, a loop of links, unreadable or not a regular file.
 */
export function openRegularFile(file: string, options: ReadOptions = {}): { readonly fd: number; readonly size: number } {
  const expected = options.expected ?? 'a regular file';
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw readFailure(file, error, expected);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError({ file, expected, found: kindOf(stats) });
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    if (error instanceof InputError) throw error;
    throw readFailure(file, error, expected);
  }
}

/**
 * Reads a whole regular file of at most `limit` bytes. A file larger than the limit is refused
 * without reading it when its size says so, and otherwise after `limit + 1` bytes (a file that
 * grows, or one whose size is not what it holds).
 *
 * @param limit - most bytes accepted (see {@link READ_LIMITS}).
 * @throws {InputError} as {@link openRegularFile}, or `expected a file of at most <limit>, found <size>`.
 * @example
 * readRegularFile('scenarios/baseline.yaml', READ_LIMITS.yaml).length; // => the file's size in bytes
 */
export function readRegularFile(file: string, limit: number, options: ReadOptions = {}): Buffer {
  const { fd, size } = openRegularFile(file, options);
  try {
    if (size > limit) throw tooLarge(file, size, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw tooLarge(file, total, limit, true);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readFailure(file, error, options.expected);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a whole regular file of at most `limit` bytes as UTF-8 text (see {@link readRegularFile}).
 *
 * @example
 * readRegularText('out/run/summary.json', READ_LIMITS.json).startsWith('{'); // => true
 */
export function readRegularText(file: string, limit: number, options: ReadOptions = {}): string {
  return readRegularFile(file, limit, options).toString('utf8');
}

function tooLarge(file: string, bytes: number, limit: number, stoppedEarly = false): InputError {
  const found = stoppedEarly ? `more than ${formatBytes(limit)}` : sizeBeyond(bytes, limit);
  return new InputError({ file, expected: `a file of at most ${formatBytes(limit)}`, found });
}

/**
 * A byte count in words.
 *
 * @example
 * formatBytes(1024 * 1024); // => '1 MiB'
 * formatBytes(1536); // => '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < MIB ? [bytes / 1024, 'KiB'] : bytes < 1024 * MIB ? [bytes / MIB, 'MiB'] : [bytes / (1024 * MIB), 'GiB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/**
 * A size over a limit in words, never rounded down to the limit itself (1 MiB + 524 bytes is not
 * "1 MiB").
 *
 * @example
 * sizeBeyond(1024 * 1024 + 524, 1024 * 1024); // => '1 MiB and 524 bytes'
 * sizeBeyond(2 * 1024 * 1024, 1024 * 1024); // => '2 MiB'
 */
export function sizeBeyond(bytes: number, limit: number): string {
  const words = formatBytes(bytes);
  return words === formatBytes(limit) ? `${words} and ${bytes - limit} bytes` : words;
}
