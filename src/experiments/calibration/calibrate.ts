/**
 * Running a calibration into its folder: the sampler of the targets file, its model runs on the
 * sweep's worker pool, every run appended to runs.csv as it finishes, then posterior.csv,
 * predictive.csv, summary.json, calibrated.yaml and manifest.json.
 *
 * Resuming (after Ctrl-C, SIGTERM or SIGKILL) replays the sampler from the start, answering every
 * run runs.csv already holds (journal.ts): the samplers are deterministic whatever the batch size
 * and the order runs finish in, so the posterior is byte-identical to an uninterrupted one, with
 * 1 worker or many. A run's values depend only on its seed, its parameter values and what the
 * spec's runs fingerprint covers, so --resume after a change of method, budget, tolerance,
 * observed values or seed reuses every run the new calibration asks for.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toJson, writeAtomic } from '../../io/files.js';
import { removeEarlierOutputs, takeOutputFolder } from '../../io/output-folder.js';
import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { InputError, scenarioRecord } from '../../scenario/index.js';
import { VERSION } from '../../version.js';
import { createPool, type RunPool } from '../pool.js';
import { shardRunCount, type Shard } from '../shard.js';
import { historyMatching } from './history-matching.js';
import { JournalWriter, journalHeader, readJournal, RUNS_FILE, runKey } from './journal.js';
import { calibratedYaml, posteriorCsv, posteriorSample, predictiveChecks, predictiveCsv, summaryJson, type PredictiveDraw, type SamplerResult } from './outputs.js';
import { evaluateProposals, proposalStream, replicateSeedsOf, type CalibrationProblem, type ReplicateValues, type Simulator } from './problem.js';
import { sampleJointPrior } from './priors.js';
import { rejectionAbc } from './rejection.js';
import { abcSmc, chooseAncestor } from './smc.js';
import { summarizePosterior } from './summaries.js';
import { needsSeries, targetValue } from './target-values.js';
import type { CalibrationSpec } from './targets-file.js';

export const CALIBRATION_FILES = {
  manifest: 'manifest.json',
  runs: RUNS_FILE,
  posterior: 'posterior.csv',
  predictive: 'predictive.csv',
  summary: 'summary.json',
  calibrated: 'calibrated.yaml',
} as const;

export type CalibrationStatus = 'running' | 'complete' | 'interrupted' | 'failed';

/** Progress after every model run. */
export interface CalibrationProgress {
  /** Runs made in this invocation. */
  readonly made: number;
  /** Runs answered from runs.csv (made before resuming). */
  readonly reused: number;
  /** The most runs the method may need (its budget), predictive draws included. */
  readonly bound: number;
}

export interface CalibrationOptions {
  readonly out: string;
  /** Parallel runs: 1 (default) in this thread; more in worker threads (compiled povsim). */
  readonly workers?: number;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly command?: string;
  readonly onProgress?: (progress: CalibrationProgress) => void;
  /** Called once the folder is accepted, before the first file is written. */
  readonly onStart?: () => void;
  /**
   * Rejection ABC only: make just the runs of the draws `draw % count == index - 1` (runs.csv and
   * manifest.json, no posterior); `mergeCalibrationShards` then gathers the shards' runs into one
   * folder, where `--resume` finishes the calibration.
   */
  readonly shard?: Shard | null;
}

export interface CalibrationReport {
  readonly dir: string;
  readonly status: CalibrationStatus;
  /** summary.json's content (null unless complete). */
  readonly summary: Record<string, unknown> | null;
  /** Files written (relative to dir). */
  readonly files: readonly string[];
  readonly made: number;
  readonly reused: number;
  readonly elapsedSeconds: number;
}

/** Stops the sampler when the calibration is interrupted (Ctrl-C, SIGTERM). */
class Interrupted extends Error {}

/** A target the model leaves undefined at some parameter values: the calibration cannot go on. */
export class UndefinedTarget extends InputError {}

/**
 * The most runs a method may make with `workers` workers, predictive draws included (for
 * progress); a shard's runs only. With several workers, ABC-SMC simulates proposals a batch at a
 * time, and those after a generation's last acceptance run too (in runs.csv, not counted by the
 * method): up to batch - 1 proposals for each generation after the first.
 */
export function runBound(spec: CalibrationSpec, shard: Shard | null = null, workers = 1): number {
  const m = spec.method;
  if (shard !== null && m.kind === 'rejection') return shardRunCount(m.draws, shard) * spec.replicates;
  const overhang = m.kind === 'smc' ? (proposalBatch(spec, workers) - 1) * spec.replicates * (m.maxGenerations - 1) : 0;
  const sampler = m.kind === 'rejection' ? m.draws * spec.replicates : m.kind === 'smc' ? m.maxRuns : m.pointsPerWave * m.waves * spec.replicates;
  return sampler + overhang + spec.predictive;
}

/** Proposals simulated at once: enough to keep every worker busy; the result does not depend on it. */
function proposalBatch(spec: CalibrationSpec, workers: number): number {
  return Math.max(1, Math.ceil(workers / spec.replicates));
}

/**
 * Runs (or resumes) the calibration of `spec` into `options.out`.
 *
 * @throws {OutputError} for a folder holding other files; {InputError} for a folder holding
 *   another calibration without --resume (unless that one failed: it is replaced), of another
 *   povsim version or whose runs this file cannot reuse, a runs.csv changed by hand, or a target
 *   the model leaves undefined.
 */
export async function runCalibration(spec: CalibrationSpec, options: CalibrationOptions): Promise<CalibrationReport> {
  const dir = options.out;
  checkShard(spec, options.shard ?? null);
  const { lock, previous } = takeOutputFolder(dir, 'calibrate', options.command ?? 'runCalibration');
  try {
    const earlier = previous.kind === null ? null : earlierCalibration(dir, spec, options.resume === true, options.shard ?? null);
    options.onStart?.();
    removeEarlierOutputs(dir, previous, earlier === null ? [] : [CALIBRATION_FILES.runs]);
    return await calibrateInto(spec, options, earlier);
  } finally {
    lock.release();
  }
}

/** A shard splits the draws of rejection ABC; the other methods' steps each depend on the one before. */
function checkShard(spec: CalibrationSpec, shard: Shard | null): void {
  if (shard === null || spec.method.kind === 'rejection') return;
  throw new InputError({ file: '--shard', detail: `splits the draws of a rejection ABC run across machines; ${spec.method.kind}'s ${spec.method.kind === 'smc' ? 'generations' : 'waves'} each depend on the one before, so run it on one machine (--workers)` });
}

/** The draws of shard `shard` of a rejection run, simulated `batch` at a time (their runs go to runs.csv). */
async function runShardDraws(spec: CalibrationSpec, problem: CalibrationProblem, shard: Shard, batch: number): Promise<void> {
  if (spec.method.kind !== 'rejection') return;
  const draws: number[] = [];
  for (let i = shard.index - 1; i < spec.method.draws; i += shard.count) draws.push(i);
  for (let first = 0; first < draws.length; first += batch) {
    await Promise.all(draws.slice(first, first + batch).map((i) =>
      evaluateProposals(problem, 'rejection', 0, i, [sampleJointPrior(spec.priors, proposalStream(spec.seed, 'rejection', 0, i))])));
  }
}

function readManifest(dir: string): Record<string, unknown> {
  try {
    return JSON.parse(readRegularText(join(dir, CALIBRATION_FILES.manifest), READ_LIMITS.json)) as Record<string, unknown>;
  } catch {
    throw new InputError({ file: dir, detail: `not a calibration folder (no readable ${CALIBRATION_FILES.manifest})` });
  }
}

const holding = (s: unknown): string => (s === null || s === undefined ? 'the whole calibration' : `shard ${(s as Shard).index}/${(s as Shard).count}`);

/**
 * The calibration already in `dir`, to continue (its manifest: runs.csv is kept, and every run in
 * it that this calibration asks for is reused) or to replace (null: its files are removed).
 * - A failed one (status failed: a target the model left undefined, ...) is replaced by any new
 *   run, with or without --resume; its runs are kept when they are valid for this file.
 * - Another is continued with --resume only: same shard, same povsim, and runs valid for this
 *   file (the same runs fingerprint: the file changed at most in its method, settings, observed
 *   values, uncertainties or seed), so a larger budget or another tolerance goes on from them.
 */
function earlierCalibration(dir: string, spec: CalibrationSpec, resume: boolean, shard: Shard | null): Record<string, unknown> | null {
  const before = readManifest(dir);
  const sameRuns = before['povsim'] === VERSION && before['runsFingerprint'] === spec.runsFingerprint && holding(before['shard']) === holding(shard);
  if (before['status'] === 'failed') return sameRuns ? before : null;
  if (!resume) throw new InputError({ file: dir, detail: 'already holds a calibration; continue it with --resume, or choose another folder with --out' });
  if (holding(before['shard']) !== holding(shard)) {
    throw new InputError({ file: dir, detail: `holds ${holding(before['shard'])}, not ${holding(shard)}; resume it with ${before['shard'] === null || before['shard'] === undefined ? 'no --shard' : `--shard ${(before['shard'] as Shard).index}/${(before['shard'] as Shard).count}`}` });
  }
  if (before['povsim'] !== VERSION) {
    throw new InputError({ file: dir, detail: `was started by povsim ${String(before['povsim'])}, this is povsim ${VERSION}; resuming with another version is refused (results could differ); start a new folder with --out` });
  }
  if (!sameRuns) {
    throw new InputError({ file: dir, detail: 'was started from a different calibration (its scenario, the overrides, the model, the parameters or what the targets measure changed since), so its runs do not apply; start a new folder with --out' });
  }
  return before;
}

/** One invocation's work in the folder: runs.csv read and opened, the pool, the first manifest. */
interface Session {
  readonly dir: string;
  readonly manifest: Record<string, unknown>;
  readonly earlierSessions: readonly unknown[];
  readonly startedAt: string;
  readonly workers: number;
  readonly known: Map<string, number[]>;
  readonly journal: JournalWriter;
  readonly pool: RunPool;
  readonly runner: Runner;
}

function openSession(spec: CalibrationSpec, options: CalibrationOptions, previous: Record<string, unknown> | null): Session {
  const dir = options.out;
  const startedAt = new Date().toISOString();
  const workers = options.workers ?? 1;
  const names = spec.priors.map((p) => p.name);
  const header = journalHeader(names, spec.targets.map((t) => t.name));
  const runsFile = join(dir, CALIBRATION_FILES.runs);
  const known = existsSync(runsFile) ? readJournal(runsFile, header, spec.runsFingerprint, names.length) : new Map<string, number[]>();
  const earlierSessions = (previous?.['sessions'] as unknown[] | undefined) ?? [];
  const manifest: Record<string, unknown> = {
    ...newManifest(spec, options.command ?? '', previous === null ? startedAt : String(previous['startedAt']), options.shard ?? null),
    ...(previous?.['mergedFrom'] === undefined ? {} : { mergedFrom: previous['mergedFrom'] }),
    sessions: [...earlierSessions, { startedAt, finishedAt: null, workers, runs: 0 }],
  };
  writeAtomic(join(dir, CALIBRATION_FILES.manifest), toJson(manifest));
  const journal = new JournalWriter(runsFile, spec.runsFingerprint, known.size === 0 ? header : null);
  const pool = createPool([spec.base], workers, spec.file);
  return { dir, manifest, earlierSessions, startedAt, workers, known, journal, pool, runner: new Runner(spec, pool, journal, known, options) };
}

/** Waits for the runs in flight, closes runs.csv and the pool, and writes the final manifest. */
async function closeSession(session: Session, status: CalibrationStatus, error: unknown): Promise<void> {
  await session.runner.settle();
  session.journal.close();
  await session.pool.close();
  const finishedAt = new Date().toISOString();
  const { startedAt, workers } = session;
  writeAtomic(join(session.dir, CALIBRATION_FILES.manifest), toJson({
    ...session.manifest,
    sessions: [...session.earlierSessions, { startedAt, finishedAt, workers, runs: session.runner.made }],
    status,
    finishedAt: status === 'complete' ? finishedAt : null,
    runsMade: session.known.size,
    ...(status === 'failed' ? { error: error instanceof Error ? error.message : String(error) } : {}),
  }));
}

/** The sampler (or a shard's draws), the predictive draws and the result files. */
async function calibrate(spec: CalibrationSpec, options: CalibrationOptions, runner: Runner): Promise<{ files: string[]; summary: Record<string, unknown> | null }> {
  const problem: CalibrationProblem = { priors: spec.priors, targets: spec.targets, simulate: runner.simulate, replicates: spec.replicates, seed: spec.seed, seeding: spec.seeding };
  const batch = proposalBatch(spec, options.workers ?? 1);
  if (options.shard !== undefined && options.shard !== null) {
    await runShardDraws(spec, problem, options.shard, batch);
    return { files: [], summary: null };
  }
  const result = await sample(spec, problem, batch);
  const draws = await predictiveDraws(spec, result, runner.simulate);
  return writeOutputs(spec, result, draws, options.out);
}

async function calibrateInto(spec: CalibrationSpec, options: CalibrationOptions, previous: Record<string, unknown> | null): Promise<CalibrationReport> {
  const started = Date.now();
  const session = openSession(spec, options, previous);
  let status: CalibrationStatus = 'complete';
  let failure: unknown = null;
  let outputs: { files: string[]; summary: Record<string, unknown> | null } = { files: [], summary: null };
  try {
    outputs = await calibrate(spec, options, session.runner);
  } catch (error) {
    status = error instanceof Interrupted ? 'interrupted' : 'failed';
    failure = error;
  } finally {
    await closeSession(session, status, failure);
  }
  if (status === 'failed') throw failure;
  const { made, reused } = session.runner;
  return { dir: options.out, status, ...outputs, made, reused, elapsedSeconds: (Date.now() - started) / 1000 };
}

/**
 * The model runs of a calibration: answered from runs.csv when there, otherwise run on the pool
 * and appended to it as they finish.
 */
class Runner {
  made = 0;
  reused = 0;
  private nextId = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly spec: CalibrationSpec,
    private readonly pool: RunPool,
    private readonly journal: JournalWriter,
    private readonly known: Map<string, number[]>,
    private readonly options: CalibrationOptions,
  ) {}

  readonly simulate: Simulator = (params, seeds): Promise<ReplicateValues> => Promise.all(seeds.map((seed) => this.runOne(params, seed)));

  private async runOne(params: Readonly<Record<string, number>>, seed: number): Promise<number[]> {
    const values = this.spec.priors.map((p) => params[p.name] as number);
    const key = runKey(seed, values);
    const done = this.known.get(key);
    if (done !== undefined) {
      this.reused += 1;
      return done;
    }
    if (this.options.signal?.aborted === true) throw new Interrupted();
    const run = this.pool.run({ id: this.nextId++, scenario: 0, values: params, seed, detail: needsSeries(this.spec.targets) });
    this.inFlight.add(run);
    try {
      const output = await run;
      const result = this.spec.targets.map((t) => {
        const v = targetValue(t, output);
        if (v === null || !Number.isFinite(v)) {
          throw new UndefinedTarget({ file: this.spec.file, key: `targets: ${t.name}`, detail: `the model gives no value (null) at ${names(params)}, seed ${seed} (a count divided by 0?); choose a target defined at every parameter value, then run again: this failed calibration's folder is replaced` });
        }
        return v;
      });
      this.journal.append(seed, values, result);
      this.known.set(key, result);
      this.made += 1;
      this.options.onProgress?.({ made: this.made, reused: this.reused, bound: runBound(this.spec, this.options.shard ?? null, this.options.workers ?? 1) });
      return result;
    } finally {
      this.inFlight.delete(run);
    }
  }

  /** Waits for the runs in flight (after an interruption or error), so runs.csv is complete. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

function names(params: Readonly<Record<string, number>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
}

async function sample(spec: CalibrationSpec, problem: CalibrationProblem, batch: number): Promise<SamplerResult> {
  const m = spec.method;
  switch (m.kind) {
    case 'rejection':
      return { kind: 'rejection', population: await rejectionAbc(problem, { draws: m.draws, acceptance: m.accept, batch }) };
    case 'smc':
      return {
        kind: 'smc',
        result: await abcSmc(problem, {
          particles: m.particles,
          maxSimulations: m.maxRuns,
          quantile: m.quantile,
          minTolerance: m.minTolerance,
          minAcceptanceRate: m.minAcceptanceRate,
          maxGenerations: m.maxGenerations,
          batch,
        }),
      };
    case 'history-matching':
      return { kind: 'history-matching', result: await historyMatching(problem, { pointsPerWave: m.pointsPerWave, waves: m.waves, cutoff: m.cutoff, batch }) };
  }
}

/**
 * Posterior-predictive draws: draw i picks a particle by weight with the stream
 * (seed, predictive, 0, i) and runs it once with its own seed (never a common one, so the draws
 * show the model's run-to-run spread as well as the posterior's).
 */
async function predictiveDraws(spec: CalibrationSpec, result: SamplerResult, simulate: Simulator): Promise<PredictiveDraw[]> {
  const sample = posteriorSample(result);
  if (sample === null || spec.predictive === 0) return [];
  const seedsOf = { ...{ priors: spec.priors, targets: spec.targets, simulate, seed: spec.seed }, replicates: 1, seeding: 'independent' as const };
  return Promise.all(
    Array.from({ length: spec.predictive }, async (_, i) => {
      const particle = sample.particles[chooseAncestor(sample.weights, proposalStream(spec.seed, 'predictive', 0, i).uniform())] as readonly number[];
      const seed = replicateSeedsOf(seedsOf, 'predictive', 0, i)[0] as number;
      const params = Object.fromEntries(spec.priors.map((p, k) => [p.name, particle[k] as number]));
      const [values] = await simulate(params, [seed]);
      return { particle, seed, values: values as readonly number[] };
    }),
  );
}

function writeOutputs(spec: CalibrationSpec, result: SamplerResult, draws: readonly PredictiveDraw[], dir: string): { files: string[]; summary: Record<string, unknown> } {
  const checks = predictiveChecks(spec, draws);
  const summary = summaryJson(spec, result, checks, draws.length);
  const files: string[] = [CALIBRATION_FILES.posterior, CALIBRATION_FILES.summary];
  writeAtomic(join(dir, CALIBRATION_FILES.posterior), posteriorCsv(spec, result));
  if (draws.length > 0) {
    writeAtomic(join(dir, CALIBRATION_FILES.predictive), predictiveCsv(spec, draws));
    files.push(CALIBRATION_FILES.predictive);
  }
  const sampleSet = posteriorSample(result);
  if (sampleSet !== null) {
    const medians = summarizePosterior(spec.priors, sampleSet.particles, sampleSet.weights).parameters.map((p) => p.median);
    writeAtomic(join(dir, CALIBRATION_FILES.calibrated), calibratedYaml(spec, medians, dir));
    files.push(CALIBRATION_FILES.calibrated);
  }
  writeAtomic(join(dir, CALIBRATION_FILES.summary), toJson(summary));
  return { files, summary };
}

export function newManifest(spec: CalibrationSpec, command: string, startedAt: string, shard: Shard | null): Record<string, unknown> {
  const base = spec.base;
  return {
    povsim: VERSION,
    kind: 'calibrate',
    command,
    targets: { name: spec.name, description: spec.description, file: spec.file, sha256: spec.sha256 },
    fingerprint: spec.fingerprint,
    runsFingerprint: spec.runsFingerprint,
    scenario: scenarioRecord(base),
    // The command line's changes (--households, --months, --set), which a resume must repeat.
    commandLineOverrides: spec.overrides,
    shard: shard === null ? null : { index: shard.index, count: shard.count, rule: 'draw % count == index - 1' },
    columns: { parameters: spec.priors.map((p) => p.name), targets: spec.targets.map((t) => t.name) },
    method: spec.method,
    seed: spec.seed,
    replicates: spec.replicates,
    seeds: spec.seeding,
    // Listed before they are written, so a kill leaves none of them unlisted.
    files: Object.values(CALIBRATION_FILES),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt,
    finishedAt: null,
    status: 'running',
  };
}
