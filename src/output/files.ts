/**
 * Writing output files: every file is written atomically (to a temporary file beside it, then
 * renamed), so a reader never sees half a file and an interrupted run leaves none.
 * Failures become an OutputError with one clear line (the CLI exits with its code).
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
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

function describeFailure(path: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OutputError(`${path}: cannot write here (permission denied); choose another folder with --out`, 2);
    case 'ENOTDIR':
    case 'EEXIST':
      return new OutputError(`${path}: a file stands where a folder is needed; choose another folder with --out`, 2);
    case 'ENOSPC':
      return new OutputError(`${path}: the disk is full; nothing was written`, 1);
    case 'EDQUOT':
      return new OutputError(`${path}: disk quota exceeded; nothing was written`, 1);
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

/** Writes `data` to `path` atomically. */
export function writeAtomic(path: string, data: string | Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic.sync(path, data);
  } catch (error) {
    throw describeFailure(path, error);
  }
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
