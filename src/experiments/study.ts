/**
 * A robustness study's folder: the sweep's files (design.csv, results.csv, manifest.json with its
 * `study` record), then, once every run is done (or the shards are merged), the analysis files
 * read back from results.csv alone:
 *
 *   conditions.csv    condition, then each uncertain parameter's value (the sample, in order)
 *   robustness.csv    per policy and objective: mean, p10, p90, satisficing, maxRegret, p90Regret
 *   discovery.csv     per policy and threshold: misses, the chosen (pruned) box's coverage, density
 *                     and mass, per restricted parameter its limits and quasi-p-value, the ends
 *                     pruned as not significant, the box before pruning; the sentence
 *   tradeoff.csv      per policy and threshold, every box of PRIM's peeling trajectory (the
 *                     coverage-density trade-off curve) and which one was chosen
 *   robustness.json   all of the above (charts and report read it)
 *
 * The analysis depends only on results.csv and the manifest, so it is the same after one run, any
 * number of workers, a merge of shards or a resume.
 */
import { join } from 'node:path';
import { toJson, writeFilesAtomically } from '../io/files.js';
import { inspectOutputFolder, listInManifest } from '../io/output-folder.js';
import { InputError } from '../scenario/index.js';
import { csvLine, LineReader, parseCsvLine, type CsvValue } from './csv.js';
import { generateDesign, isListFactor, type DesignPoint } from './designs/index.js';
import { initialLimits, type PrimBox } from './prim.js';
import { analyseRobustness, quasiP, type RobustnessResult } from './robustness.js';
import { runSweep, readSweepManifest, SWEEP_FILES, type SweepReport, type SweepRunOptions } from './sweep.js';
import { DEFAULT_DISCOVERY, STUDY_FACTORS, type Study, type StudyRecord } from './study-file.js';

/** The analysis files of a study folder. */
export const STUDY_FILES = {
  conditions: 'conditions.csv',
  robustness: 'robustness.csv',
  discovery: 'discovery.csv',
  tradeoff: 'tradeoff.csv',
  json: 'robustness.json',
} as const;

/** robustness.json: what charts and the report read. */
export interface StudyOutputs extends RobustnessResult {
  readonly name: string;
  readonly description: string;
  readonly policies: readonly string[];
  readonly parameters: readonly string[];
  readonly conditions: number;
  readonly replicates: number;
  readonly record: StudyRecord;
  /** Parameter ranges of the sample: [min, max] per parameter in `parameters`. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** What a study invocation did: the sweep's report and, when complete, the analysis. */
export interface StudyReport extends SweepReport {
  readonly analysis: StudyOutputs | null;
}

/**
 * Runs a study (or one shard of it) into `options.out` as a sweep, then, when every run is done
 * and this is not one shard of several, writes the analysis files.
 */
export async function runStudy(study: Study, options: SweepRunOptions): Promise<StudyReport> {
  const report = await runSweep(study.sweep, options);
  const whole = options.shard === null || options.shard === undefined || options.shard.count === 1;
  const analysis = report.status === 'complete' && whole ? writeStudyAnalysis(report.dir) : null;
  return { ...report, analysis };
}

/** The study record of a folder's manifest, or null for a plain sweep. */
export function studyRecordOf(dir: string): StudyRecord | null {
  const study = readSweepManifest(dir).study;
  return study === undefined ? null : (study as unknown as StudyRecord);
}

/**
 * Reads a complete study folder's results.csv and writes its analysis files (listed in the
 * manifest first, written all or none). Returns what robustness.json holds.
 *
 * @throws {InputError} when `dir` is not a study folder or its results.csv is not the study's;
 *   {OutputError} (exit code 2) when the folder holds a file povsim did not write.
 */
export function writeStudyAnalysis(dir: string): StudyOutputs {
  const outputs = analyseStudyFolder(dir);
  const files = Object.values(STUDY_FILES);
  // Every file in the folder must be povsim's (none of yours is overwritten), then the new ones are listed before they are written.
  inspectOutputFolder(dir);
  listInManifest(dir, files);
  const conditions = generateDesign(outputs.record.uncertainties).points;
  const factors = outputs.record.uncertainties.factors.map((f) => f.name);
  writeFilesAtomically(dir, [
    [STUDY_FILES.conditions, conditionsCsv(conditions, factors)],
    [STUDY_FILES.robustness, robustnessCsv(outputs)],
    [STUDY_FILES.discovery, discoveryCsv(outputs)],
    [STUDY_FILES.tradeoff, tradeoffCsv(outputs)],
    [STUDY_FILES.json, toJson(outputs)],
  ]);
  return outputs;
}

/** The analysis of a complete study folder, from its manifest and results.csv. */
export function analyseStudyFolder(dir: string): StudyOutputs {
  const manifest = readSweepManifest(dir);
  if (manifest.study === undefined) throw new InputError({ file: dir, detail: 'is a sweep folder, not a study folder (made by povsim sweep, not povsim robust)' });
  const record = manifest.study as unknown as StudyRecord;
  const conditions = generateDesign(record.uncertainties).points;
  const numeric = record.uncertainties.factors.filter((f) => !isListFactor(f) || f.values.every((v) => typeof v === 'number'));
  const parameters = numeric.map((f) => f.name);
  const rows = conditions.map((c) => parameters.map((p) => Number(c.values[p])));
  const policies = record.policies.map((p) => p.name);
  const values = conditionMeans(join(dir, SWEEP_FILES.results), record, policies);
  // A folder written before `significance` existed takes its default.
  const discovery = { ...DEFAULT_DISCOVERY, ...record.discovery };
  const result = analyseRobustness({ policies, objectives: record.objectives, parameters, conditions: rows, values, discovery });
  const initial = initialLimits({ names: parameters, rows, cases: rows.map(() => false) });
  const ranges = parameters.map((_, j): [number, number] => [initial.lower[j]!, initial.upper[j]!]);
  return {
    name: manifest.sweep.name,
    description: manifest.sweep.description,
    policies,
    parameters,
    conditions: conditions.length,
    replicates: manifest.replicates,
    record,
    ranges,
    ...result,
  };
}

/**
 * values[p][o][c]: the mean over replicates of objective o for policy p in condition c (ok runs
 * with a value only), or null; read from results.csv as a stream.
 */
function conditionMeans(file: string, record: StudyRecord, policies: readonly string[]): (number | null)[][][] {
  const n = record.conditions;
  const shape = (): Float64Array[][] => policies.map(() => record.objectives.map(() => new Float64Array(n)));
  const sums = shape();
  const counts = shape();
  const reader = new LineReader(file);
  try {
    const header = parseCsvLine(reader.next()?.text ?? '') ?? [];
    const at = (column: string): number => {
      const k = header.indexOf(column);
      if (k < 0) throw new InputError({ file, detail: `has no column ${column}; it is not a study's results.csv` });
      return k;
    };
    const conditionAt = at(STUDY_FACTORS.condition);
    const policyAt = at(STUDY_FACTORS.policy);
    const statusAt = at('status');
    const metricAt = record.objectives.map((o) => at(o.metric));
    for (let line = reader.next(); line !== null; line = reader.next()) {
      const fields = parseCsvLine(line.text);
      if (fields === null || fields[statusAt] !== 'ok') continue;
      const p = policies.indexOf(fields[policyAt] ?? '');
      const c = Number(fields[conditionAt]);
      if (p < 0 || !Number.isInteger(c) || c < 0 || c >= n) throw new InputError({ file, detail: `a row names policy ${fields[policyAt] ?? ''} in condition ${fields[conditionAt] ?? ''}, which the study does not have` });
      metricAt.forEach((k, o) => {
        const text = fields[k] ?? '';
        if (text === '') return;
        sums[p]![o]![c] += Number(text);
        counts[p]![o]![c] += 1;
      });
    }
  } finally {
    reader.close();
  }
  return sums.map((byObjective, p) => byObjective.map((s, o) => Array.from(s, (sum, c) => (counts[p]![o]![c] === 0 ? null : sum / counts[p]![o]![c]!))));
}

function conditionsCsv(conditions: readonly DesignPoint[], factors: readonly string[]): string {
  return [csvLine(['condition', ...factors]), ...conditions.map((c) => csvLine([c.index, ...factors.map((f) => c.values[f])]))].join('');
}

const ROBUSTNESS_COLUMNS = ['policy', 'metric', 'direction', 'threshold', 'conditions', 'mean', 'p10', 'p90', 'satisficing', 'maxRegret', 'p90Regret'] as const;

function robustnessCsv(outputs: StudyOutputs): string {
  const lines = outputs.summaries.map((s) => csvLine(ROBUSTNESS_COLUMNS.map((k) => s[k] as CsvValue)));
  return [csvLine(ROBUSTNESS_COLUMNS), ...lines].join('');
}

/** A box's restricted parameters as `name lower..upper qp=quasiP`, `; `-separated (an empty end is unrestricted). */
function restrictionsText(box: PrimBox | null): string {
  const restricted = box?.limits.filter((l) => l.restrictedLower || l.restrictedUpper) ?? [];
  return restricted.map((l) => `${l.name} ${l.restrictedLower ? l.lower : ''}..${l.restrictedUpper ? l.upper : ''} qp=${quasiP(l) ?? ''}`).join('; ');
}

/** One row per policy and threshold: the pruned box, the ends pruning dropped, the box before pruning, the sentence. */
function discoveryCsv(outputs: StudyOutputs): string {
  const header = [
    'policy', 'metric', 'direction', 'threshold', 'misses', 'conditions', 'status', 'coverage', 'density', 'mass', 'restrictions',
    'dropped', 'unprunedCoverage', 'unprunedDensity', 'unprunedMass', 'unprunedRestrictions', 'sentence',
  ];
  const lines = outputs.discoveries.map((d) => {
    const dropped = d.dropped.map((x) => `${x.name} ${x.end === 'lower' ? x.limit : ''}..${x.end === 'upper' ? x.limit : ''} qp=${x.quasiP}`).join('; ');
    return csvLine([
      d.policy, d.metric, d.direction, d.threshold, d.misses, d.conditions, d.status, d.box?.coverage, d.box?.density, d.box?.mass, restrictionsText(d.box),
      dropped, d.unpruned?.coverage, d.unpruned?.density, d.unpruned?.mass, restrictionsText(d.unpruned), d.sentence,
    ]);
  });
  return [csvLine(header), ...lines].join('');
}

/** One row per box of each peeling trajectory: the trade-off curve, and the chosen box (before pasting). */
function tradeoffCsv(outputs: StudyOutputs): string {
  const header = ['policy', 'metric', 'box', 'coverage', 'density', 'mass', 'restricted', 'chosen'];
  const lines = outputs.discoveries.flatMap((d) =>
    d.trajectory.map((s, k) => csvLine([d.policy, d.metric, k, s.coverage, s.density, s.mass, s.restricted.join(';'), k === d.selectedIndex])));
  return [csvLine(header), ...lines].join('');
}
