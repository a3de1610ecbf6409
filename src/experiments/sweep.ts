/**
 * Running a sweep into its folder: design.csv first, then one row per run appended to
 * results.csv in run-id order as runs finish, manifest.json with the state, and sensitivity.csv
 * for sobol and morris designs once every run is done.
 *
 * Identity of a run: run id = point x replicates + replicate; seed = sweepRunSeed (runSeed of
 * the sweep seed, the point (or 0, or a study's condition) and the replicate). Nothing else enters a run, so results do not depend on run order, worker count,
 * sharding or resuming.
 *
 * Memory stays flat however many runs there are: design points are generated one at a time
 * (designPoints), at most `4 x workers` runs are in flight or waiting to be written in order, and
 * rows go to disk as soon as every earlier row is written. Only the sensitivity analysis at the
 * end holds one number per design point and output metric.
 *
 * Crash safety: results.csv is always a prefix (in run-id order) of the final file. `resume`
 * drops a half-written last row, keeps the others and runs only the rest, so the final file is
 * byte-identical to that of an uninterrupted sweep.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { checkWritableDir, OutputError, prepareOutputDir, TEMP_SUFFIX, toJson, writeAllSync, writeAtomic } from '../io/files.js';
import { lockOutputFolder } from '../io/folder-lock.js';
import { checkNotSystemFolder, holdsOutputsError, inspectOutputFolder } from '../io/output-folder.js';
import { scanAppendedCsv } from './appended-csv.js';
import { CHECK_COLUMN, checkedLine, rowProblem } from './results-check.js';
import { InputError, scenarioRecord, type ResolvedScenario } from '../scenario/index.js';
import { VERSION } from '../version.js';
import { csvLine, parseCsvLine, type CsvValue } from './csv.js';
import { READ_LIMITS, readRegularText } from '../io/read.js';
import { designPoints, type DesignPoint, type DesignSpec } from './designs/index.js';
import { metricNames } from './metrics.js';
import { runOrdered } from './ordered.js';
import { createPool, windowFor } from './pool.js';
import { runSeed } from './seeds.js';
import { analyseSensitivity, hasSensitivity, pointMeansFromResults, SENSITIVITY_FILE, writeSensitivity, type SkippedOutput } from './sensitivity.js';
import { inShard, shardRunCount, type Shard } from './shard.js';
import { checkSweepSize } from './sweep-limits.js';
import { MANIFEST_RESERVE, recordSweepFailure, releaseManifestRoom, reserveManifestRoom } from './sweep-failure.js';
import type { Sweep } from './sweep-file.js';

/** Files of a sweep folder. */
export const SWEEP_FILES = { design: 'design.csv', results: 'results.csv', manifest: 'manifest.json' } as const;

/** Columns of results.csv before the parameter columns. */
export const RESULT_ID_COLUMNS = ['run', 'point', 'replicate', 'seed', 'status'] as const;

/**
 * State of a sweep folder. `failed`: the sweep itself stopped on an error (a full disk, a folder
 * that cannot be written); the manifest's `error` says what happened, and `--resume` continues.
 */
export type SweepStatus = 'running' | 'complete' | 'stopped' | 'interrupted' | 'failed';

/** manifest.json of a sweep folder (documented in docs/experiments.md). */
export interface SweepManifest {
  readonly povsim: string;
  readonly kind: 'sweep';
  readonly command: string;
  readonly sweep: { readonly name: string; readonly description: string; readonly file: string; readonly sha256: string };
  readonly fingerprint: string;
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly chain: readonly string[];
    readonly sha256: string;
    readonly overrides: readonly string[];
  };
  readonly design: DesignSpec;
  readonly points: number;
  readonly replicates: number;
  readonly runs: number;
  readonly runId: 'point * replicates + replicate';
  readonly seed: number;
  readonly seedRule: 'runSeed(seed, 0, replicate)' | 'runSeed(seed, point, replicate)' | 'runSeed(seed, condition, replicate)';
  readonly bootstrap: number;
  readonly outputs: readonly string[];
  /** Files of the folder povsim wrote (relative paths): what povsim may overwrite or remove there. */
  readonly files: readonly string[];
  readonly shard: { readonly index: number; readonly count: number; readonly runs: number; readonly rule: 'run % count == index - 1' } | null;
  readonly mergedFrom: readonly { readonly dir: string; readonly shard: number; readonly startedAt: string; readonly finishedAt: string | null }[] | null;
  readonly columns: { readonly parameters: readonly string[]; readonly metrics: readonly string[] };
  readonly node: string;
  readonly platform: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** One entry per invocation (the first run and each resume). */
  readonly sessions: readonly { readonly startedAt: string; readonly finishedAt: string | null; readonly workers: number; readonly runs: number }[];
  readonly status: SweepStatus;
  /** With status `failed`: the error that stopped the sweep (one line). */
  readonly error?: string;
  /** Rows in results.csv. */
  readonly done: number;
  /** Rows with status failed. */
  readonly failed: number;
  readonly sensitivity: { readonly file: string; readonly outputs: readonly string[]; readonly skipped: readonly SkippedOutput[] } | null;
  /** A robustness study's record (policies, uncertainties, objectives: src/experiments/study-file.ts); absent for a plain sweep. */
  readonly study?: Readonly<Record<string, unknown>>;
}

/** Progress of a sweep, reported after every run. */
export interface SweepProgress {
  /** Runs finished in this invocation. */
  readonly done: number;
  /** Runs this invocation has to do. */
  readonly total: number;
  /** Rows with status failed, this invocation and earlier ones. */
  readonly failed: number;
  /** Runs found finished when resuming. */
  readonly resumed: number;
}

export interface SweepRunOptions {
  /** Output folder. */
  readonly out: string;
  /** Parallel runs: 1 (default) runs in this thread; more uses worker threads (needs the compiled povsim). */
  readonly workers?: number;
  /** Continue the sweep in `out` (same sweep file, scenario, overrides and povsim version). */
  readonly resume?: boolean;
  /** Run only this shard's runs (`run % count == index - 1`). */
  readonly shard?: Shard | null;
  /** Stop starting runs after the first failure. */
  readonly failFast?: boolean;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** Called once the folder is accepted (size, resume checks), before the first file is written. */
  readonly onStart?: () => void;
  /** Aborting stops starting runs; runs in flight finish and are written; status `interrupted`. */
  readonly signal?: AbortSignal;
  /** The command line, recorded in the manifest. */
  readonly command?: string;
  /**
   * Most runs the sweep may have (default DEFAULT_MAX_RUNS, 1,000,000); a bigger sweep is refused
   * with an InputError before anything is written (see sweep-limits.ts).
   */
  readonly maxRuns?: number;
}

/** What a sweep invocation did. */
export interface SweepReport {
  readonly dir: string;
  readonly status: SweepStatus;
  /** Runs of the sweep (or shard). */
  readonly runs: number;
  /** Rows in results.csv now. */
  readonly done: number;
  /** Rows with status failed. */
  readonly failed: number;
  /** Runs found finished when resuming (not rerun). */
  readonly resumed: number;
  /** Runs done by this invocation. */
  readonly ran: number;
  /** The first failure of this invocation, if any. */
  readonly firstFailure: { readonly run: number; readonly error: string } | null;
  readonly sensitivity: { readonly file: string; readonly skipped: readonly SkippedOutput[] } | null;
  readonly elapsedSeconds: number;
}

/** The header of results.csv (the last column, `check`, is the row's checksum: results-check.ts). */
export function resultsHeader(parameters: readonly string[], metrics: readonly string[]): string[] {
  return [...RESULT_ID_COLUMNS, ...parameters, ...metrics, 'error', CHECK_COLUMN];
}

/** One row of results.csv. */
function resultRow(
  run: { id: number; point: DesignPoint; replicate: number; seed: number },
  parameters: readonly string[],
  outcome: Outcome,
): CsvValue[] {
  const values = parameters.map((p) => run.point.values[p]);
  const metrics = outcome.ok ? outcome.metrics : metricNames().map(() => null);
  return [run.id, run.point.index, run.replicate, run.seed, outcome.ok ? 'ok' : 'failed', ...values, ...metrics, outcome.ok ? '' : outcome.error];
}

type Outcome = { readonly ok: true; readonly metrics: readonly (number | null)[] } | { readonly ok: false; readonly error: string };

/**
 * Runs a sweep (or one shard of it) into `options.out`, or continues it with `resume`.
 *
 * @throws {InputError} when the sweep has more than `maxRuns` runs, when resuming a folder made by
 *   another sweep (fingerprint), shard or povsim version, or when a row in the middle of
 *   results.csv is corrupt;
 *   {OutputError} (exit code 2) when `out` already holds files and `resume` is not set, or cannot
 *   be written.
 * @example
 * const report = await runSweep(loadSweep('scenarios/sweeps/audit-by-noise.yaml'), { out: 'out/abn' });
 * report.status; // => 'complete'
 */
export async function runSweep(sweep: Sweep, options: SweepRunOptions): Promise<SweepReport> {
  checkNotSystemFolder(options.out);
  checkWritableDir(options.out);
  // One povsim at a time in the folder (the lock is reentrant: the CLI holds it for the charts too).
  const lock = lockOutputFolder(options.out, options.command ?? 'runSweep');
  try {
    return await sweepInto(sweep, options);
  } finally {
    lock.release();
  }
}

async function sweepInto(sweep: Sweep, options: SweepRunOptions): Promise<SweepReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const dir = options.out;
  const shard = options.shard ?? null;
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`runSweep: workers must be a positive integer, got ${workers}`);
  checkSweepSize(sweep, options.maxRuns);
  const parameters = sweep.design.factors.map((f) => f.name);
  const metrics = metricNames();
  const header = resultsHeader(parameters, metrics);
  const total = shardRunCount(sweep.runs, shard);
  const resultsFile = join(dir, SWEEP_FILES.results);
  const manifestFile = join(dir, SWEEP_FILES.manifest);
  const reserveFile = join(dir, MANIFEST_RESERVE);

  const entries = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : [];
  // Temporary files of writes cut short by a kill (SIGKILL) are not results: a folder that holds
  // only those is as good as empty (killed before its first manifest.json), and they are removed.
  const leftovers = entries.filter(isLeftover);
  // Every other file must be this sweep's own, by its manifest (files povsim did not write, or
  // another command's outputs, are refused and left alone).
  const folder = inspectOutputFolder(dir);
  let previous: SweepManifest | null = null;
  if (folder.kind !== null) {
    if (folder.kind !== 'sweep') throw holdsOutputsError(dir, folder.kind);
    if (options.resume !== true) {
      throw new OutputError(`${dir}: already holds files; continue that ${sweep.study === undefined ? 'sweep' : 'study'} with --resume, or choose another folder with --out`, 2);
    }
    previous = readSweepManifest(dir);
    checkResumable(previous, sweep, shard, dir);
  }
  options.onStart?.();
  prepareOutputDir(dir);
  for (const f of leftovers) rmSync(join(dir, f), { force: true });

  // Rows already there (resume): keep the valid prefix, drop a half-written last row.
  const kept = existsSync(resultsFile) ? scanResults(resultsFile, header, sweep, shard) : null;
  const resumed = kept?.done ?? 0;
  let failed = kept?.failed ?? 0;
  let done = resumed;
  let ran = 0;
  let firstFailure: { run: number; error: string } | null = null;
  let stopAfterFailure = false;
  const toDo = total - resumed;

  let manifest: SweepManifest = {
    ...newManifest(sweep, shard, parameters, metrics, options.command ?? '', startedAt),
    ...(previous === null ? {} : { startedAt: previous.startedAt, sessions: previous.sessions }),
  };
  manifest = { ...manifest, files: [...new Set([...manifest.files, ...(previous?.files ?? [])])] };
  manifest = { ...manifest, done, failed, sessions: [...manifest.sessions, { startedAt, finishedAt: null, workers, runs: 0 }] };

  /** The manifest as of now, while the sweep runs. */
  const soFar = (): SweepManifest => ({ ...manifest, done, failed, sessions: withLastSession(manifest.sessions, null, ran) });

  // No more threads than runs to do: each thread costs a start-up (loading the model).
  const pool = toDo > 0 ? createPool(sweep.study?.scenarios ?? [sweep.base], Math.min(workers, toDo), sweep.file) : null;
  let fd: number | null = null;
  try {
    writeAtomic(manifestFile, toJson(manifest));
    reserveManifestRoom(reserveFile, Buffer.byteLength(toJson(manifest)));
    const designWritten = await writeDesign(join(dir, SWEEP_FILES.design), sweep.design, parameters, options.signal);
    if (!designWritten) throw new DesignInterrupted();
    if (kept === null) writeFileOrFail(resultsFile, csvLine(header), 'w');
    try {
      fd = openSync(resultsFile, 'a');
    } catch (error) {
      throw ioError(resultsFile, error);
    }
    const out = fd;
    let manifestWritten = Date.now();
    options.onProgress?.({ done: 0, total: toDo, failed, resumed });
    if (pool !== null) {
      await runOrdered(
        sweepRuns(sweep, shard, resumed),
        (run) =>
          pool.run({ id: run.id, ...(sweep.study?.runOf(run.point) ?? { scenario: 0, values: run.point.values }), seed: run.seed, detail: false }).then(
            (result): Outcome => ({ ok: true, metrics: result.metrics }),
            (error: unknown): Outcome => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
          ),
        (run, outcome) => {
          appendRowOrFail(out, checkedLine(sweep.fingerprint, resultRow(run, parameters, outcome)), resultsFile);
          done += 1;
          ran += 1;
          if (!outcome.ok) {
            failed += 1;
            firstFailure ??= { run: run.id, error: outcome.error };
            if (options.failFast === true) stopAfterFailure = true;
          }
          options.onProgress?.({ done: ran, total: toDo, failed, resumed });
          if (Date.now() - manifestWritten >= MANIFEST_INTERVAL_MS) {
            manifestWritten = Date.now();
            writeAtomic(manifestFile, toJson(soFar()));
          }
        },
        { window: windowFor(pool.workers), shouldStop: () => stopAfterFailure || options.signal?.aborted === true },
      );
    }
  } catch (error) {
    if (!(error instanceof DesignInterrupted)) {
      recordSweepFailure(manifestFile, reserveFile, soFar(), error);
      throw error;
    }
  } finally {
    if (fd !== null) closeSync(fd);
    await pool?.close();
  }

  const complete = done === total;
  const status: SweepStatus = complete ? 'complete' : options.signal?.aborted === true ? 'interrupted' : 'stopped';
  let sensitivity: SweepReport['sensitivity'] = null;
  if (complete && (shard === null || shard.count === 1) && hasSensitivity(sweep.design)) {
    try {
      sensitivity = sensitivityFor(dir, manifest);
    } catch (error) {
      recordSweepFailure(manifestFile, reserveFile, soFar(), error);
      throw error;
    }
  }
  const finishedAt = new Date().toISOString();
  const sessions = withLastSession(manifest.sessions, finishedAt, ran);
  manifest = {
    ...manifest,
    sessions,
    status,
    done,
    failed,
    finishedAt: complete ? finishedAt : null,
    files: manifest.files.filter((f) => existsSync(join(dir, f))),
    sensitivity: sensitivity === null ? null : { file: SENSITIVITY_FILE, outputs: sweep.outputs, skipped: sensitivity.skipped },
  };
  releaseManifestRoom(reserveFile);
  writeAtomic(manifestFile, toJson(manifest));
  return { dir, status, runs: total, done, failed, resumed, ran, firstFailure, sensitivity, elapsedSeconds: (Date.now() - started) / 1000 };
}

/** Ctrl-C or SIGTERM while design.csv was written: no run started; the sweep is `interrupted`. */
class DesignInterrupted extends Error {}

/** A temporary file of an interrupted atomic write, design.csv's partial file or the manifest's reserve: not a result. */
function isLeftover(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX) || name === `${SWEEP_FILES.design}.partial` || name === MANIFEST_RESERVE;
}

/**
 * Appends one row to results.csv. If the write fails part-way (a full disk), the file is cut back
 * to where the row began, so results.csv always ends with a complete row.
 */
function appendRowOrFail(fd: number, text: string, file: string): void {
  const before = fstatSync(fd).size;
  try {
    writeOrFail(fd, text, file);
  } catch (error) {
    try {
      ftruncateSync(fd, before);
    } catch {
      // the original failure is the one to report; resume drops a half-written last row anyway
    }
    throw error;
  }
}

/** How often manifest.json is brought up to date during a sweep (its done and failed counts). */
const MANIFEST_INTERVAL_MS = 10_000;

function withLastSession(sessions: SweepManifest['sessions'], finishedAt: string | null, runs: number): SweepManifest['sessions'] {
  return sessions.map((s, i) => (i === sessions.length - 1 ? { ...s, finishedAt, runs } : s));
}

/**
 * The seed of a run: by replicate alone under common seeds, by a study's condition and replicate
 * under condition seeds, by design point and replicate otherwise.
 */
export function sweepRunSeed(sweep: Pick<Sweep, 'seed' | 'seeds' | 'study'>, point: number, replicate: number): number {
  if (sweep.seeds === 'common') return runSeed(sweep.seed, 0, replicate);
  const condition = sweep.seeds === 'condition' ? sweep.study?.conditionOf(point) : undefined;
  return runSeed(sweep.seed, condition ?? point, replicate);
}

const SEED_RULES = {
  common: 'runSeed(seed, 0, replicate)',
  independent: 'runSeed(seed, point, replicate)',
  condition: 'runSeed(seed, condition, replicate)',
} as const satisfies Record<Sweep['seeds'], SweepManifest['seedRule']>;

/** The runs of the sweep (or shard) in id order, skipping the first `skip` of them. */
function* sweepRuns(sweep: Sweep, shard: Shard | null, skip: number): Generator<{ id: number; point: DesignPoint; replicate: number; seed: number }> {
  let seen = 0;
  for (const point of designPoints(sweep.design)) {
    for (let replicate = 0; replicate < sweep.replicates; replicate += 1) {
      const id = point.index * sweep.replicates + replicate;
      if (!inShard(id, shard)) continue;
      seen += 1;
      if (seen <= skip) continue;
      yield { id, point, replicate, seed: sweepRunSeed(sweep, point.index, replicate) };
    }
  }
}

function newManifest(
  sweep: Sweep,
  shard: Shard | null,
  parameters: readonly string[],
  metrics: readonly string[],
  command: string,
  startedAt: string,
): SweepManifest {
  const base: ResolvedScenario = sweep.base;
  return {
    povsim: VERSION,
    kind: 'sweep',
    command,
    sweep: { name: sweep.name, description: sweep.description, file: sweep.file, sha256: sweep.sha256 },
    fingerprint: sweep.fingerprint,
    scenario: scenarioRecord(base),
    design: sweep.design,
    points: sweep.points,
    replicates: sweep.replicates,
    runs: sweep.runs,
    runId: 'point * replicates + replicate',
    seed: sweep.seed,
    seedRule: SEED_RULES[sweep.seeds],
    bootstrap: sweep.bootstrap,
    outputs: sweep.outputs,
    // Listed before they are written, so a kill leaves none of them unlisted.
    files: [SWEEP_FILES.manifest, SWEEP_FILES.design, SWEEP_FILES.results, ...(hasSensitivity(sweep.design) ? [SENSITIVITY_FILE] : [])],
    shard: shard === null ? null : { index: shard.index, count: shard.count, runs: shardRunCount(sweep.runs, shard), rule: 'run % count == index - 1' },
    mergedFrom: null,
    columns: { parameters, metrics },
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt,
    finishedAt: null,
    sessions: [],
    status: 'running',
    done: 0,
    failed: 0,
    sensitivity: null,
    ...(sweep.study === undefined ? {} : { study: sweep.study.record }),
  };
}

/**
 * Reads a sweep folder's manifest.json.
 *
 * @throws {InputError} if the folder has none or it is not a sweep manifest.
 */
export function readSweepManifest(dir: string): SweepManifest {
  const file = join(dir, SWEEP_FILES.manifest);
  let value: unknown;
  try {
    value = JSON.parse(readRegularText(file, READ_LIMITS.json));
  } catch {
    throw new InputError({ file: dir, detail: `not a sweep folder (no readable ${SWEEP_FILES.manifest})` });
  }
  if (value === null || typeof value !== 'object' || (value as { kind?: unknown }).kind !== 'sweep') {
    throw new InputError({ file: dir, detail: `not a sweep folder (${SWEEP_FILES.manifest} is not a sweep manifest)` });
  }
  return value as SweepManifest;
}

function checkResumable(previous: SweepManifest, sweep: Sweep, shard: Shard | null, dir: string): void {
  if (previous.povsim !== VERSION) {
    throw new InputError({ file: dir, detail: `was started by povsim ${previous.povsim}, this is povsim ${VERSION}; resuming with another version is refused (results could differ); start a new folder with --out` });
  }
  if (previous.fingerprint !== sweep.fingerprint) {
    const inputs = sweep.study === undefined ? 'a different sweep (the sweep file, its base scenario' : 'a different study or sweep (the study file, its policies\' scenario files';
    throw new InputError({ file: dir, detail: `was started from ${inputs}, the overrides or the model's computations changed since); resume needs the same inputs and model, or start a new folder with --out` });
  }
  const label = (s: { index: number; count: number } | null): string => (s === null ? 'the whole sweep' : `shard ${s.index}/${s.count}`);
  const before = previous.shard === null ? null : { index: previous.shard.index, count: previous.shard.count };
  if (label(before) !== label(shard)) {
    throw new InputError({ file: dir, detail: `holds ${label(before)}, not ${label(shard)}; resume with the same --shard` });
  }
}

/**
 * Checks results.csv for resuming: the header must be this sweep's, and every complete row the
 * next run of the sweep (or shard) with its own values and check (results-check.ts). Only a last
 * line without its line end (a kill mid-append) is cut off. Returns the number of rows kept and
 * how many failed; null if the file has no complete header (it is then rewritten).
 *
 * @throws {InputError} naming the file, the line, what was expected and what was found, for a
 *   row that is not what this sweep wrote (a changed value, a row too many, a duplicate, ...).
 */
function scanResults(file: string, header: readonly string[], sweep: Sweep, shard: Shard | null): { done: number; failed: number } | null {
  const runs = sweepRuns(sweep, shard, 0);
  const columns = { header, parameters: header.slice(RESULT_ID_COLUMNS.length, RESULT_ID_COLUMNS.length + sweep.design.factors.length) };
  const total = shardRunCount(sweep.runs, shard);
  let failed = 0;
  const done = scanAppendedCsv(file, header, 'this sweep', (text) => {
    const next = runs.next();
    const problem = rowProblem(text, next.done === true ? null : next.value, columns, sweep.fingerprint, total);
    if (problem === null && text.split(',')[4] === 'failed') failed += 1;
    return problem;
  });
  return done === null ? null : { done, failed };
}

/** Characters of design.csv written at a time; between chunks the event loop runs (signals). */
const DESIGN_CHUNK_CHARS = 1 << 20;

/**
 * design.csv: point and the varied parameters, streamed to a temporary file in chunks of about
 * 1 MB, then renamed. After each chunk it yields to the event loop, so Ctrl-C and SIGTERM are
 * seen within a chunk's time (milliseconds) however big the design; when `signal` aborts, the
 * temporary file is removed and it returns false.
 */
async function writeDesign(file: string, design: DesignSpec, parameters: readonly string[], signal: AbortSignal | undefined): Promise<boolean> {
  const partial = `${file}.partial`;
  try {
    writeFileOrFail(partial, csvLine(['point', ...parameters]), 'w');
    const fd = openSync(partial, 'a');
    try {
      let chunk = '';
      for (const point of designPoints(design)) {
        chunk += csvLine([point.index, ...parameters.map((p) => point.values[p])]);
        if (chunk.length > DESIGN_CHUNK_CHARS) {
          writeOrFail(fd, chunk, partial);
          chunk = '';
          await nextTurn();
          if (signal?.aborted === true) break;
        }
      }
      if (chunk !== '' && signal?.aborted !== true) writeOrFail(fd, chunk, partial);
    } finally {
      closeSync(fd);
    }
    if (signal?.aborted === true) {
      rmSync(partial, { force: true });
      return false;
    }
    renameSync(partial, file);
    return true;
  } catch (error) {
    // No half design.csv.partial left behind (a full disk, say).
    rmSync(partial, { force: true });
    throw error instanceof OutputError ? error : ioError(file, error);
  }
}

function writeFileOrFail(file: string, text: string, flags: 'w' | 'a'): void {
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    throw ioError(file, error);
  }
  try {
    writeOrFail(fd, text, file);
  } finally {
    closeSync(fd);
  }
}

function writeOrFail(fd: number, text: string, file: string): void {
  try {
    writeAllSync(fd, text);
  } catch (error) {
    throw ioError(file, error);
  }
}

export function ioError(file: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return new OutputError(`${file}: the disk is full; resume with --resume once there is room`, 1);
  return new OutputError(`${file}: cannot write (${code ?? (error instanceof Error ? error.message : String(error))})`, 1);
}

/** Sensitivity analysis of a complete sweep folder (sobol, morris), written to sensitivity.csv. */
export function sensitivityFor(dir: string, manifest: SweepManifest): { file: string; skipped: readonly SkippedOutput[] } | null {
  const design = manifest.design;
  if (!hasSensitivity(design)) return null;
  const means = pointMeansFromResults(join(dir, SWEEP_FILES.results), manifest.points, manifest.outputs);
  const result = analyseSensitivity(design, means, { bootstrap: manifest.bootstrap, seed: manifest.seed });
  return { file: writeSensitivity(dir, result), skipped: result.skipped };
}

