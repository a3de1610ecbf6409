/**
 * Merging the shards of a sweep run on several machines into one folder with the results.csv a
 * single machine would have written. Shard K of N holds the runs `run % N == K - 1` in id order
 * (shard.ts), so run i is the next row of shard (i mod N) + 1: one streaming pass, one row of each
 * shard in memory.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, readSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { checkWritableDir, OutputError, TEMP_SUFFIX, toJson, writeAllSync, writeAtomic } from '../io/files.js';
import { lockOutputFolder } from '../io/folder-lock.js';
import { checkNotSystemFolder, inspectOutputFolder } from '../io/output-folder.js';
import { CHECK_COLUMN, rowCheck } from './results-check.js';
import { InputError } from '../scenario/index.js';
import { LineReader, parseCsvLine } from './csv.js';
import { openRegularFile } from '../io/read.js';
import { SENSITIVITY_FILE, type SkippedOutput } from './sensitivity.js';
import { readSweepManifest, sensitivityFor, SWEEP_FILES, type SweepManifest } from './sweep.js';

export interface MergeOptions {
  /** The command line, recorded in the manifest. */
  readonly command?: string;
}

export interface MergeReport {
  readonly dir: string;
  readonly shards: number;
  readonly runs: number;
  readonly failed: number;
  readonly sensitivity: { readonly file: string; readonly skipped: readonly SkippedOutput[] } | null;
}

/**
 * Merges shard folders (made by `runSweep` with `shard`) into `out`: checks that they come from
 * the same sweep (fingerprint and povsim version), that together they are shards 1..N of the same
 * N exactly once, and that each is complete; then writes results.csv (identical to a one-machine
 * sweep's), design.csv, manifest.json and, for sobol and morris designs, sensitivity.csv.
 *
 * @throws {InputError} naming the folder and the problem (other sweep, missing or repeated shard,
 *   incomplete shard, rows out of order); {OutputError} if `out` holds files or cannot be written.
 * @example
 * await mergeShards(['out/s-shard-1-of-2', 'out/s-shard-2-of-2'], 'out/s');
 */
export async function mergeShards(dirs: readonly string[], out: string, options: MergeOptions = {}): Promise<MergeReport> {
  const ordered = orderShards(dirs.map((dir) => ({ dir, manifest: readSweepManifest(dir) })), 'sweep');
  const count = ordered.length;
  for (const { dir, manifest } of ordered) {
    const s = manifest.shard!;
    if (manifest.status !== 'complete' || manifest.done !== s.runs) {
      throw new InputError({ file: dir, detail: `shard ${s.index}/${count} is not complete (${manifest.done} of ${s.runs} runs, status ${manifest.status}); finish it with povsim sweep ... --shard ${s.index}/${count} --resume` });
    }
  }
  const designHash = fileHash(join(ordered[0]!.dir, SWEEP_FILES.design));
  for (const { dir } of ordered.slice(1)) {
    if (fileHash(join(dir, SWEEP_FILES.design)) !== designHash) {
      throw new InputError({ file: join(dir, SWEEP_FILES.design), detail: `differs from ${join(ordered[0]!.dir, SWEEP_FILES.design)}` });
    }
  }

  const outAbs = resolve(out);
  if (ordered.some(({ dir }) => resolve(dir) === outAbs)) throw new OutputError(`${out}: is one of the shard folders; merge into another folder`, 2);
  checkNotSystemFolder(out);
  checkWritableDir(out);
  // One povsim at a time in the folder (reentrant: the CLI holds it for the charts too).
  const lock = lockOutputFolder(out, options.command ?? 'mergeShards');
  try {
    const folder = inspectOutputFolder(out); // files povsim did not write are refused
    if (folder.kind !== null) throw new OutputError(`${out}: already holds files (the outputs of povsim ${folder.kind}); merge into a new or empty folder`, 2);
    return writeMerged(ordered, out, options);
  } finally {
    lock.release();
  }
}

/** What {@link orderShards} reads of a shard folder's manifest. */
export interface ShardManifest {
  readonly fingerprint: string;
  readonly povsim: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/**
 * Checks that the folders are shards 1..N of one sweep or calibration (`what`), each once, of the
 * same inputs (fingerprint) and povsim version, and returns them in shard order.
 *
 * @throws {InputError} naming the folder and the problem.
 */
export function orderShards<M extends ShardManifest>(shards: readonly { dir: string; manifest: M }[], what: 'sweep' | 'calibration'): { dir: string; manifest: M }[] {
  if (shards.length === 0) throw new InputError({ detail: 'name the shard folders to merge' });
  const dirs = shards.map((s) => s.dir);
  const first = shards[0]!.manifest;
  for (const { dir, manifest } of shards) {
    if (manifest.shard === null) {
      throw new InputError({ file: dir, detail: `is a whole ${what}, not a shard (made without --shard); there is nothing to merge` });
    }
    if (manifest.fingerprint !== first.fingerprint) {
      throw new InputError({ file: dir, detail: what === 'sweep' ? `belongs to another sweep than ${dirs[0]} (different sweep file, base scenario, overrides or model computations)` : `belongs to another calibration than ${dirs[0]} (different targets file, scenario, overrides or model computations)` });
    }
    if (manifest.povsim !== first.povsim) {
      throw new InputError({ file: dir, detail: `was made by povsim ${manifest.povsim}, ${dirs[0]} by povsim ${first.povsim}; shards of different versions are refused` });
    }
    if (manifest.shard.count !== first.shard?.count) {
      throw new InputError({ file: dir, detail: `is shard ${manifest.shard.index}/${manifest.shard.count}, but ${dirs[0]} is one of ${first.shard?.count ?? 0} shards` });
    }
  }
  const count = first.shard!.count;
  const byIndex = new Map<number, { dir: string; manifest: M }>();
  for (const shard of shards) {
    const index = shard.manifest.shard!.index;
    const other = byIndex.get(index);
    if (other !== undefined) throw new InputError({ file: shard.dir, detail: `is shard ${index}/${count} again (also ${other.dir})` });
    byIndex.set(index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new InputError({ detail: `shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} of ${count} missing; name every shard folder` });
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/**
 * Writes the merged folder all or nothing: every file is written into a temporary folder inside
 * `out` first (results.csv, design.csv, sensitivity.csv, manifest.json), then renamed into place,
 * manifest.json last. If anything fails (a full disk, a shard that turns out to be changed), the
 * temporary folder and anything already renamed are removed: only this merge's own files.
 */
function writeMerged(ordered: readonly { dir: string; manifest: SweepManifest }[], out: string, options: MergeOptions): MergeReport {
  const first = ordered[0]!.manifest;
  const count = ordered.length;
  const staging = join(out, `.merge-${process.pid}${TEMP_SUFFIX}`);
  const moved: string[] = [];
  try {
    mkdirSync(staging, { recursive: true });
    const failed = mergeResults(ordered.map((s) => join(s.dir, SWEEP_FILES.results)), join(staging, SWEEP_FILES.results), first);
    copyFileSync(join(ordered[0]!.dir, SWEEP_FILES.design), join(staging, SWEEP_FILES.design));
    const startedAt = ordered.map((s) => s.manifest.startedAt).sort()[0] ?? new Date().toISOString();
    let manifest: SweepManifest = {
      ...first,
      command: options.command ?? '',
      shard: null,
      mergedFrom: ordered.map(({ dir, manifest: m }) => ({ dir, shard: m.shard!.index, startedAt: m.startedAt, finishedAt: m.finishedAt })),
      startedAt,
      finishedAt: new Date().toISOString(),
      sessions: [],
      status: 'complete',
      done: first.runs,
      failed,
      files: [SWEEP_FILES.results, SWEEP_FILES.design, SWEEP_FILES.manifest],
      sensitivity: null,
    };
    const sensitivity = sensitivityFor(staging, manifest);
    manifest = {
      ...manifest,
      files: sensitivity === null ? manifest.files : [...manifest.files, SENSITIVITY_FILE],
      sensitivity: sensitivity === null ? null : { file: SENSITIVITY_FILE, outputs: manifest.outputs, skipped: sensitivity.skipped },
    };
    writeAtomic(join(staging, SWEEP_FILES.manifest), toJson(manifest));
    for (const name of [SWEEP_FILES.results, SWEEP_FILES.design, ...(sensitivity === null ? [] : [SENSITIVITY_FILE]), SWEEP_FILES.manifest]) {
      renameSync(join(staging, name), join(out, name));
      moved.push(join(out, name));
    }
    rmSync(staging, { recursive: true, force: true });
    return { dir: out, shards: count, runs: first.runs, failed, sensitivity };
  } catch (error) {
    // Leave nothing behind: the same command can be run again once there is room or the shards are mended.
    rmSync(staging, { recursive: true, force: true });
    for (const file of moved) unlinkSync(file);
    throw error instanceof InputError || (error instanceof OutputError && error.exitCode === 2) ? error : mergeWriteError(out, error);
  }
}

/** One line naming the output folder (not the temporary file inside it) for a failure to write. */
function mergeWriteError(out: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // writeAtomic's OutputError (sensitivity.csv, manifest.json) carries its cause in the message.
  const full = code === 'ENOSPC' || (error instanceof OutputError && error.message.includes('the disk is full'));
  if (full) return new OutputError(`${out}: the disk is full; nothing was written`, 1);
  return new OutputError(`${out}: cannot write (${code ?? (error instanceof Error ? error.message : String(error))}); nothing was written`, 1);
}

/** Interleaves the shards' rows by run id into `target`; returns the number of failed rows. */
function mergeResults(files: readonly string[], target: string, sweep: Pick<SweepManifest, 'runs' | 'fingerprint'>): number {
  const runs = sweep.runs;
  const readers = files.map((f) => new LineReader(f));
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w'); // a failure to write is reported by writeMerged, naming the output folder
  let failed = 0;
  try {
    const headers = readers.map((r, k) => {
      const line = r.next();
      if (line === null || !line.terminated) throw new InputError({ file: files[k], detail: 'has no header' });
      return line.text;
    });
    headers.forEach((h, k) => {
      if (h !== headers[0]) throw new InputError({ file: files[k], detail: `has other columns than ${files[0]}` });
    });
    const columns = parseCsvLine(headers[0]!) ?? [];
    const width = columns.length;
    const checked = columns[width - 1] === CHECK_COLUMN;
    let chunk = `${headers[0]}\n`;
    for (let run = 0; run < runs; run += 1) {
      const k = run % files.length;
      const line = readers[k]!.next();
      const fields = line === null || !line.terminated ? null : parseCsvLine(line.text);
      if (line === null || fields === null || fields.length !== width || fields[0] !== String(run)) {
        throw new InputError({ file: files[k], detail: `expected the row of run ${run}${line === null ? ', found the end of the file' : ''}; the shard is incomplete or was changed` });
      }
      if (checked && fields[width - 1] !== rowCheck(sweep.fingerprint, line.text.slice(0, line.text.lastIndexOf(',')))) {
        throw new InputError({ file: files[k], detail: `the row of run ${run}: check: does not match its values; a value was changed after povsim wrote it` });
      }
      if (fields[4] === 'failed') failed += 1;
      chunk += `${line.text}\n`;
      if (chunk.length > 1 << 20) {
        writeAllSync(fd, chunk);
        chunk = '';
      }
    }
    writeAllSync(fd, chunk);
    readers.forEach((r, k) => {
      if (r.next() !== null) throw new InputError({ file: files[k], detail: 'has rows beyond the sweep\'s runs' });
    });
  } finally {
    closeSync(fd);
    readers.forEach((r) => r.close());
  }
  renameSync(partial, target);
  return failed;
}

/** sha256 of a file, read in chunks (design.csv of a large sweep need not fit in memory twice). */
function fileHash(file: string): string {
  const hash = createHash('sha256');
  // Only a regular file (a FIFO or /dev/zero would never end).
  const { fd } = openRegularFile(file);
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
