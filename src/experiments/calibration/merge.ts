/**
 * Merging the shards of a rejection-ABC calibration (`povsim calibrate --shard K/N`, one per
 * machine) into one folder: their runs.csv rows, checked, in shard order, and a manifest. The
 * calibration is then finished in that folder by `povsim calibrate FILE --resume --out DIR`, which
 * answers every draw from runs.csv (only the predictive draws are run) and writes the same
 * posterior.csv as one machine would have.
 */
import { join, resolve } from 'node:path';
import { OutputError, toJson, writeAtomic } from '../../io/files.js';
import { takeOutputFolder } from '../../io/output-folder.js';
import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { InputError } from '../../scenario/index.js';
import { orderShards, type ShardManifest } from '../merge.js';
import { CALIBRATION_FILES } from './calibrate.js';
import { JournalWriter, readJournal } from './journal.js';

type CalibrationManifest = ShardManifest & Record<string, unknown> & { readonly status: string; readonly targets: { readonly file: string } };

function readCalibrationManifest(dir: string): CalibrationManifest {
  let value: unknown;
  try {
    value = JSON.parse(readRegularText(join(dir, CALIBRATION_FILES.manifest), READ_LIMITS.json));
  } catch {
    throw new InputError({ file: dir, detail: `not a calibration folder (no readable ${CALIBRATION_FILES.manifest})` });
  }
  if (value === null || typeof value !== 'object' || (value as { kind?: unknown }).kind !== 'calibrate') {
    throw new InputError({ file: dir, detail: `not a calibration folder (${CALIBRATION_FILES.manifest} is not a calibration's)` });
  }
  return value as CalibrationManifest;
}

/** Whether `dir` holds the outputs of povsim calibrate (by its manifest). */
export function isCalibrationFolder(dir: string): boolean {
  try {
    readCalibrationManifest(dir);
    return true;
  } catch {
    return false;
  }
}

export interface CalibrationMergeReport {
  readonly dir: string;
  readonly shards: number;
  readonly runs: number;
  /** The command that finishes the calibration in the merged folder. */
  readonly finish: readonly string[];
}

/**
 * Merges complete calibration shards into `out` (new or empty): runs.csv and manifest.json.
 *
 * @throws {InputError} for folders that are not the complete shards 1..N of one calibration, or a
 *   runs.csv changed by hand; {OutputError} if `out` holds files or is one of the shards.
 */
export function mergeCalibrationShards(dirs: readonly string[], out: string, options: { readonly command?: string } = {}): CalibrationMergeReport {
  const ordered = orderShards(dirs.map((dir) => ({ dir, manifest: readCalibrationManifest(dir) })), 'calibration');
  for (const { dir, manifest } of ordered) {
    if (manifest.status !== 'complete') {
      throw new InputError({ file: dir, detail: `shard ${manifest.shard!.index}/${manifest.shard!.count} is not complete (status ${manifest.status}); finish it with povsim calibrate ... --shard ${manifest.shard!.index}/${manifest.shard!.count} --resume` });
    }
  }
  if (ordered.some(({ dir }) => resolve(dir) === resolve(out))) throw new OutputError(`${out}: is one of the shard folders; merge into another folder`, 2);
  const first = ordered[0]!.manifest;
  const { lock, previous } = takeOutputFolder(out, 'calibrate', options.command ?? 'mergeCalibrationShards');
  try {
    if (previous.kind !== null) throw new OutputError(`${out}: already holds files (the outputs of povsim ${previous.kind}); merge into a new or empty folder`, 2);
    const header = readRegularText(join(ordered[0]!.dir, CALIBRATION_FILES.runs), READ_LIMITS.table).split('\n', 1)[0]!.split(',');
    const parameters = (first['columns'] as { parameters: readonly string[] }).parameters.length;
    const runsFingerprint = String(first['runsFingerprint']);
    const manifest = {
      ...first,
      command: options.command ?? '',
      shard: null,
      status: 'merged',
      mergedFrom: ordered.map(({ dir, manifest: m }) => ({ dir, shard: m.shard!.index, startedAt: m['startedAt'], finishedAt: m['finishedAt'] })),
      sessions: [],
      files: Object.values(CALIBRATION_FILES),
    };
    writeAtomic(join(out, CALIBRATION_FILES.manifest), toJson(manifest));
    const writer = new JournalWriter(join(out, CALIBRATION_FILES.runs), runsFingerprint, header);
    let runs = 0;
    try {
      for (const { dir } of ordered) {
        for (const [key, values] of readJournal(join(dir, CALIBRATION_FILES.runs), header, runsFingerprint, parameters)) {
          const [seed, ...particle] = key.split(',').map(Number);
          writer.append(seed!, particle, values);
          runs += 1;
        }
      }
    } finally {
      writer.close();
    }
    writeAtomic(join(out, CALIBRATION_FILES.manifest), toJson({ ...manifest, runsMade: runs }));
    const overrides = (first['commandLineOverrides'] as string[] | undefined) ?? [];
    const finish = ['povsim', 'calibrate', first.targets.file, '--resume', '--out', out, ...overrides.flatMap((o) => ['--set', o])];
    return { dir: out, shards: ordered.length, runs, finish };
  } finally {
    lock.release();
  }
}
