/**
 * The experiments layer: paired scenario comparisons, parameter sweeps (streamed to disk,
 * resumable, sharded across machines, merged), designs and sensitivity analysis, statistics.
 *
 *   compare.ts, compare-files.ts   paired comparisons with common random numbers, and their files
 *   sweep-file.ts                  sweep files: load and validate
 *   sweep.ts                       running a sweep (or shard) into a folder; resume
 *   merge.ts                       merging shard folders
 *   sensitivity.ts                 Sobol / Morris analysis of a finished sweep
 *   study-file.ts, study.ts        robustness studies (povsim robust): load, run as a sweep, analyse
 *   robustness.ts, prim.ts         satisficing, regret and PRIM scenario discovery (pure)
 *   designs/                       grid, random, lhs, sobol, morris
 *   stats.ts, seeds.ts, random.ts  statistics, run seeds, design random numbers
 *   pool.ts, worker.ts, run-task.ts, ordered.ts, csv.ts, shard.ts, metrics.ts   machinery
 */
export {
  CompareInterrupted,
  compareMetrics,
  compareScenarios,
  nextReplicates,
  DEFAULT_MAX_REPLICATES,
  MAX_REPLICATES,
  DEFAULT_REPLICATES,
  type BandRow,
  type CompareOptions,
  type CompareResult,
  type Comparison,
  type LedgerMeans,
  type MetricComparison,
  type MetricStats,
  type PrecisionReport,
  type PrecisionTarget,
  type ScenarioComparison,
} from './compare.js';
export { COMPARE_FILES, defaultCompareDir, writeComparison, type CompareManifest } from './compare-files.js';
export { DEFAULT_BOOTSTRAP, DESIGN_KINDS, SWEEP_KEYS, loadSweep, type Sweep, type SweepLoadOptions } from './sweep-file.js';
export {
  RESULT_ID_COLUMNS,
  SWEEP_FILES,
  readSweepManifest,
  resultsHeader,
  runSweep,
  type SweepManifest,
  type SweepProgress,
  type SweepReport,
  type SweepRunOptions,
  type SweepStatus,
} from './sweep.js';
export { mergeShards, type MergeOptions, type MergeReport } from './merge.js';
export { STUDY_KEYS, loadStudy, type DiscoverySettings, type Objective, type PolicyRecord, type Study, type StudyLoadOptions, type StudyRecord } from './study-file.js';
export { STUDY_FILES, analyseStudyFolder, runStudy, writeStudyAnalysis, type StudyOutputs, type StudyReport } from './study.js';
export { analyseRobustness, meets, regrets, type Discovery, type PolicyObjectiveSummary, type RobustnessInput, type RobustnessResult } from './robustness.js';
export { prim, pruneBox, type DroppedRestriction, type PrimBox, type PrimInput, type PrimOptions, type PrimResult } from './prim.js';
export {
  SENSITIVITY_FILE,
  analyseSensitivity,
  pointMeansFromResults,
  writeSensitivity,
  type SensitivityResult,
  type SensitivityRow,
  type SkippedOutput,
} from './sensitivity.js';
export { inShard, parseShard, shardLabel, shardRunCount, type Shard } from './shard.js';
export { createPool, defaultWorkers, type RunPool } from './pool.js';
export { FAIL_RUNS_VARIABLE, executeRun, type RunOutput, type RunTask } from './run-task.js';
export { runOrdered, type OrderedOptions, type OrderedResult } from './ordered.js';
export { REMOVED_METRICS, metricNames, metricValues, removedMetricMessage } from './metrics.js';
export { LineReader, csvField, csvLine, parseCsvLine, type CsvValue, type FileLine } from './csv.js';
export * from './designs/index.js';
export * from './stats.js';
export { replicateSeed, runSeed } from './seeds.js';
export { makeRandom, randomIndex, randomPermutation, type UniformRandom } from './random.js';
