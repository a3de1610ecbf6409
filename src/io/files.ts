/**
 * Writing output files: every file is written atomically (to a temporary file beside it, then
 * renamed), so a reader never sees half a file and an interrupted run leaves none.
 * Failures become an OutputError with one clear line (the CLI exits with its code).
 */
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { stringify } from 'csv-stringify/sync';

export class OutputError extends Error {
  /** Exit code: 2 when the user named a place that cannot be written, 1 for a full disk or other I/O failure. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'OutputError';
    this.exitCode = exitCode;
  }
}

function describeFailure(path: string, error: unknown, lost = 'nothing was written'): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new OutputError(`${path}: cannot write here (permission denied); choose another folder with --out`, 2);
    case 'EROFS':
      return new OutputError(`${path}: cannot write here (read-only file system); choose another folder with --out`, 2);
    case 'ENOTDIR':
    case 'EEXIST':
      return new OutputError(`${path}: a file stands where a folder is needed; choose another folder with --out`, 2);
    case 'ENOSPC':
      return new OutputError(`${path}: the disk is full; ${lost}`, 1);
    case 'EDQUOT':
      return new OutputError(`${path}: disk quota exceeded; ${lost}`, 1);
    default:
      return new OutputError(`${path}: cannot write (${code ?? (error as Error)?.message ?? 'unknown error'})`, 1);
  }
}

/** Creates `dir` (and parents) and checks it can be written; throws OutputError otherwise. */
export function prepareOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw describeFailure(dir, error);
  }
}

/**
 * Throws OutputError unless `dir` could be created and written: the nearest existing folder on its
 * path must be a writable folder (and `dir` itself, if it exists, a folder). Creates nothing.
 */
export function checkWritableDir(dir: string): void {
  let current = resolve(dir);
  for (;;) {
    let isDirectory: boolean | null = null;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch {
      isDirectory = null;
    }
    if (isDirectory === false) {
      throw new OutputError(`${dir}: ${current} is a file, not a folder; choose another folder with --out`, 2);
    }
    if (isDirectory) {
      try {
        accessSync(current, constants.W_OK);
      } catch (error) {
        throw describeFailure(dir, error);
      }
      return;
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * Ending of the temporary files beside an output file while it is written (`<file>.<pid>-<thread>-<n>.povsim-tmp`).
 * A temporary file is removed when its write fails; only a killed process (SIGKILL) can leave one.
 */
export const TEMP_SUFFIX = '.povsim-tmp';

let temporaries = 0;

/** A fresh temporary name beside `path`. */
function temporaryFor(path: string): string {
  temporaries += 1;
  return `${path}.${process.pid}-${threadId}-${temporaries}${TEMP_SUFFIX}`;
}

/**
 * Writes `bytes` to a new file `temp`, all of them, and flushes it to disk. Every byte is checked:
 * `write` may write fewer bytes than asked when the disk fills (the next call then fails with
 * ENOSPC), which a single unchecked write would turn into a silently truncated file. On failure
 * the temporary file is removed and the error rethrown.
 */
function writeTemporary(temp: string, bytes: Buffer): void {
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'w');
    writeAllSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the original error is the one to report
      }
    }
    removeQuietly(temp);
    throw error;
  }
}

/**
 * Writes every byte of `data` to the open file `fd`, however many write calls it takes; a write
 * that makes no progress is a full disk (ENOSPC). Throws the system error as it is.
 */
export function writeAllSync(fd: number, data: string | Buffer): void {
  const bytes = toBytes(data);
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    offset += written;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // nothing to remove
  }
}

function toBytes(data: string | Buffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Writes `data` to `path` atomically: to a temporary file beside it, every byte checked and flushed,
 * then renamed over `path`. On failure (a full disk, say) `path` is unchanged and no temporary file
 * is left.
 *
 * @throws {OutputError} one line naming the file (exit code 2 for a place that cannot be written,
 *   1 for a full disk or another I/O failure).
 */
export function writeAtomic(path: string, data: string | Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = temporaryFor(path);
    writeTemporary(temp, toBytes(data));
    try {
      renameSync(temp, path);
    } catch (error) {
      removeQuietly(temp);
      throw error;
    }
  } catch (error) {
    throw describeFailure(path, error, 'this file was not written');
  }
}

/** The outermost folder on the way to `dir` that does not exist yet (`dir` itself, a parent), or null. */
function outermostMissing(dir: string): string | null {
  let missing: string | null = null;
  for (let folder = resolve(dir); !existsSync(folder); folder = dirname(folder)) {
    missing = folder;
    if (dirname(folder) === folder) break;
  }
  return missing;
}

/**
 * Writes a set of files into `dir` all or nothing: every file goes to a temporary file first; only
 * when all are complete are they renamed into place. If any write fails (a full disk), the
 * temporary files are removed, files already in `dir` are left as they were, and the folders this
 * call created (`dir`, and parents that were missing) are removed again, so nothing is written.
 *
 * @param dir - the output folder (created if missing).
 * @param files - [file name in dir, contents] pairs, written in this order.
 * @returns the paths written.
 * @throws {OutputError} one line naming the folder and what went wrong.
 */
export function writeFilesAtomically(dir: string, files: readonly (readonly [string, string | Buffer])[]): string[] {
  const created = outermostMissing(dir);
  prepareOutputDir(dir);
  const paths = files.map(([name]) => join(dir, name));
  const temps: string[] = [];
  try {
    files.forEach(([, data], k) => {
      const temp = temporaryFor(paths[k]!);
      temps.push(temp);
      writeTemporary(temp, toBytes(data));
    });
  } catch (error) {
    for (const temp of temps) removeQuietly(temp);
    // The folders this call created (empty again now), innermost first.
    for (let folder = resolve(dir); created !== null; folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty or already gone: leave it and its parents
      }
      if (folder === created) break;
    }
    throw describeFailure(dir, error);
  }
  try {
    temps.forEach((temp, k) => renameSync(temp, paths[k]!));
  } catch (error) {
    for (const temp of temps) removeQuietly(temp);
    throw describeFailure(dir, error);
  }
  return paths;
}

/** JSON with two-space indentation and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** CSV text (RFC 4180) of `rows` with a header row; null and undefined become empty fields. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header, ...rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : v)))], {
    cast: { number: (n) => String(n), boolean: (b) => (b ? 'true' : 'false') },
  });
}
