/**
 * povsim as a library. The command line (src/cli) is a thin layer over these exports.
 */
export { simulate, simulateAsync, simulateParams, type Run, type SimulateOptions, type SimulateParamsOptions } from './api.js';
export { StepsInterrupted } from './engine/schedule.js';
export {
  loadScenario,
  loadScenarioText,
  resolveScenarioObject,
  applyParameterValues,
  scenarioJsonSchema,
  describeParameters,
  parameterInfo,
  InputError,
  type ResolvedScenario,
} from './scenario/index.js';
export { parameterTree, defaultParams, type Params } from './model/parameters.js';
export { type SimulationResult, type MonthRecord } from './model/simulate.js';
export { GOVERNANCE_DIMENSIONS, type Metrics, type Governance } from './model/observe.js';
export { SOURCES, type Source, type SourceAccount } from './model/ledger.js';
export { flattenMetrics, summarise, timeSeriesRows, type RunSummary, type SeriesRow } from './results/summary.js';
export * as metrics from './metrics/index.js';
export { VERSION } from './version.js';
export {
  compareScenarios,
  writeComparison,
  loadSweep,
  runSweep,
  mergeShards,
  loadStudy,
  runStudy,
  writeStudyAnalysis,
  analyseRobustness,
  prim,
  pruneBox,
  pairedDifference,
  summarize,
  replicateSeed,
  runSeed,
} from './experiments/index.js';
export { loadTargets, runCalibration, type CalibrationSpec, type CalibrationReport } from './experiments/calibration/index.js';
