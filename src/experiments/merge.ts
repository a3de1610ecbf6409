/**
 * Merging the shards of a sweep run on several machines into one folder with the results.csv a
 * single machine would have written. Shard K of N holds the runs `run % N == K - 1` in id order
 * (shard.ts), so run i is the next row of shard (i mod N) + 1: one streaming pass, one row of each
 * shard in memory.
 */
import { closeSync, copyFileSync, existsSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { checkWritableDir, OutputError, prepareOutputDir, toJson, writeAllSync, writeAtomic } from '../io/files.js';
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
  if (dirs.length === 0) throw new InputError({ detail: 'name the shard folders to merge' });
  const shards = dirs.map((dir) => ({ dir, manifest: readSweepManifest(dir) }));
  const first = shards[0]!.manifest;
  for (const { dir, manifest } of shards) {
    if (manifest.shard === null) {
      throw new InputError({ file: dir, detail: 'is a whole sweep, not a shard (made without --shard); there is nothing to merge' });
    }
    if (manifest.fingerprint !== first.fingerprint) {
      throw new InputError({ file: dir, detail: `belongs to another sweep than ${dirs[0]} (different sweep file, base scenario, overrides or model computations)` });
    }
    if (manifest.povsim !== first.povsim) {
      throw new InputError({ file: dir, detail: `was made by povsim ${manifest.povsim}, ${dirs[0]} by povsim ${first.povsim}; shards of different versions are refused` });
    }
    if (manifest.shard.count !== first.shard?.count) {
      throw new InputError({ file: dir, detail: `is shard ${manifest.shard.index}/${manifest.shard.count}, but ${dirs[0]} is one of ${first.shard?.count ?? 0} shards` });
    }
  }
  const count = first.shard!.count;
  const byIndex = new Map<number, { dir: string; manifest: SweepManifest }>();
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
  const ordered = Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
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
  checkWritableDir(out);
  if (existsSync(out) && statSync(out).isDirectory() && readdirSync(out).length > 0) {
    throw new OutputError(`${out}: already holds files; merge into a new or empty folder`, 2);
  }
  const created = !existsSync(out);
  prepareOutputDir(out);

  let failed: number;
  try {
    failed = mergeResults(ordered.map((s) => join(s.dir, SWEEP_FILES.results)), join(out, SWEEP_FILES.results), first.runs);
    copyFileSync(join(ordered[0]!.dir, SWEEP_FILES.design), join(out, SWEEP_FILES.design));
  } catch (error) {
    // Leave nothing behind: the same command can be run again once the shards are mended.
    rmSync(join(out, `${SWEEP_FILES.results}.partial`), { force: true });
    rmSync(join(out, SWEEP_FILES.results), { force: true });
    if (created) rmSync(out, { recursive: true, force: true });
    throw error;
  }

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
    sensitivity: null,
  };
  const sensitivity = sensitivityFor(out, manifest);
  manifest = {
    ...manifest,
    sensitivity: sensitivity === null ? null : { file: SENSITIVITY_FILE, outputs: manifest.outputs, skipped: sensitivity.skipped },
  };
  writeAtomic(join(out, SWEEP_FILES.manifest), toJson(manifest));
  return { dir: out, shards: count, runs: first.runs, failed, sensitivity };
}

/** Interleaves the shards' rows by run id into `target`; returns the number of failed rows. */
function mergeResults(files: readonly string[], target: string, runs: number): number {
  const readers = files.map((f) => new LineReader(f));
  const partial = `${target}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw new OutputError(`${partial}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 1);
  }
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
    const width = parseCsvLine(headers[0]!)?.length ?? 0;
    let chunk = `${headers[0]}\n`;
    for (let run = 0; run < runs; run += 1) {
      const k = run % files.length;
      const line = readers[k]!.next();
      const fields = line === null || !line.terminated ? null : parseCsvLine(line.text);
      if (line === null || fields === null || fields.length !== width || fields[0] !== String(run)) {
        throw new InputError({ file: files[k], detail: `expected the row of run ${run}${line === null ? ', found the end of the file' : ''}; the shard is incomplete or was changed` });
      }
      if (fields[4] === 'failed') failed += 1;
      chunk += `${line.text}\n`;
      if (chunk.length > 1 << 20) {
        write(fd, chunk, partial);
        chunk = '';
      }
    }
    write(fd, chunk, partial);
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

function write(fd: number, text: string, file: string): void {
  try {
    writeAllSync(fd, text);
  } catch (error) {
    throw new OutputError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 1);
  }
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
