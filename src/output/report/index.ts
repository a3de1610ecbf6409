/**
 * Charts and the report of an output folder (run, comparison or sweep): which charts to draw
 * from which files, the PNGs under charts/, and report.html.
 *
 * Everything is drawn from the folder's files (summary.json, timeseries.csv, manifest.json for a
 * run; see docs/charts.md for the others), so `povsim chart DIR` redraws exactly what the command
 * drew; a command that still holds the data in memory passes it in instead of re-reading it.
 */
import { join } from 'node:path';
import { writeAtomic } from '../../io/files.js';
import { REPORT_FILE } from './files.js';
import { writeFigures, type Figure } from './figures.js';
import { detectOutputKind, readRunOutputs, type OutputKind, type RunOutputs } from './read.js';
import { runFigures } from './run-figures.js';
import { runReportHtml } from './run-report.js';
import { readComparisonOutputs } from './comparison.js';
import { readSweepOutputs } from './sweep.js';
import { sweepFigures } from './sweep-figures.js';
import { sweepReportHtml } from './sweep-report.js';
import { comparisonFigures } from './comparison-figures.js';
import { comparisonReportHtml } from './comparison-report.js';

export { CHARTS_DIR, chartFile, writeFigures, type Figure } from './figures.js';
export { detectOutputKind, readRunOutputs, KIND_MARKERS, type OutputKind, type RunOutputs } from './read.js';
export { RUN_CHARTS, runFigures } from './run-figures.js';
export { runReportHtml } from './run-report.js';
export { readComparisonOutputs, type Comparison, type ComparisonOutputs, type ComparisonSeriesRow } from './comparison.js';
export { COMPARISON_CHARTS, comparisonFigures } from './comparison-figures.js';
export { comparisonReportHtml, differenceSentence } from './comparison-report.js';
export { DEFAULT_SWEEP_METRIC, readSweepOutputs, type SweepOutputs } from './sweep.js';
export { sweepFigures } from './sweep-figures.js';
export { sweepReportHtml } from './sweep-report.js';
export { escapeHtml, jsonForScript, renderReportHtml } from './html.js';
export { METRICS, metricInfo, formatMetric, formatDifference, type MetricInfo } from './metrics.js';
export { changedParameters, type ParameterChange } from './params.js';

/** File name of the report in an output folder. */
export { REPORT_FILE } from './files.js';


/** Options of {@link drawCharts}, {@link writeReport} and {@link writeChartsAndReport}. */
export interface DrawOptions {
  /** Sweep heatmap: the metric to show (a flattened metric name); default `leakage`. Ignored for runs and comparisons. */
  readonly metric?: string;
  /**
   * Called with the files (relative to `dir`) about to be written, before any is: the command
   * lists them in the folder's manifest first (src/io/output-folder.ts).
   */
  readonly onPlanned?: (files: readonly string[]) => void;
}

/** The figures of the output folder `dir`, read from its files. */
function figuresOf(dir: string, kind: OutputKind, options: DrawOptions): { figures: Figure[]; report: () => string } {
  switch (kind) {
    case 'run': {
      const run = readRunOutputs(dir);
      const figures = runFigures(run.summary, run.timeseries);
      return { figures, report: () => runReportHtml(run, figures) };
    }
    case 'comparison': {
      const outputs = readComparisonOutputs(dir);
      const figures = comparisonFigures(outputs.comparison, outputs.timeseries);
      return { figures, report: () => comparisonReportHtml(outputs, figures) };
    }
    case 'sweep': {
      const outputs = readSweepOutputs(dir, options.metric === undefined ? {} : { metric: options.metric });
      const figures = sweepFigures(outputs);
      return { figures, report: () => sweepReportHtml(outputs, figures) };
    }
  }
}

/**
 * Draws the charts of the output folder `dir` (a run, comparison or sweep, detected from its
 * files) to PNGs under `dir/charts/`, overwriting earlier ones. Returns the paths written.
 * @throws InputError when `dir` is not a povsim output folder or a file in it is not what povsim writes.
 */
export async function drawCharts(dir: string, options: DrawOptions = {}): Promise<string[]> {
  const { figures } = figuresOf(dir, detectOutputKind(dir), options);
  options.onPlanned?.(figures.map((f) => f.file));
  return writeFigures(dir, figures);
}

/**
 * Writes `dir/report.html` for the output folder `dir` (detected as in {@link drawCharts}).
 * Returns its path. Needs no PNGs: the report draws its charts itself.
 */
export function writeReport(dir: string, options: DrawOptions = {}): string {
  const path = join(dir, REPORT_FILE);
  options.onPlanned?.([REPORT_FILE]);
  writeAtomic(path, figuresOf(dir, detectOutputKind(dir), options).report());
  return path;
}

/** {@link drawCharts} then {@link writeReport}, reading the folder once. Returns every path written, report last. */
export async function writeChartsAndReport(dir: string, options: DrawOptions = {}): Promise<string[]> {
  const { figures, report } = figuresOf(dir, detectOutputKind(dir), options);
  options.onPlanned?.([...figures.map((f) => f.file), REPORT_FILE]);
  const written = await writeFigures(dir, figures);
  const path = join(dir, REPORT_FILE);
  writeAtomic(path, report());
  return [...written, path];
}

/**
 * Files (relative to the run's folder) that {@link writeRunChartsAndReport} will write for this
 * run: the chart PNGs then report.html. For the manifest's `outputs`, before anything is written.
 */
export function runChartOutputs(run: Pick<RunOutputs, 'summary' | 'timeseries'>): string[] {
  return [...runFigures(run.summary, run.timeseries).map((f) => f.file), REPORT_FILE];
}

/**
 * Writes the charts and the report of a run from its data in memory (what summary.json,
 * timeseries.csv and manifest.json hold): the same bytes `povsim chart DIR` writes from the files.
 * Returns the paths written, report last.
 */
export async function writeRunChartsAndReport(dir: string, run: RunOutputs): Promise<string[]> {
  const figures = runFigures(run.summary, run.timeseries);
  const written = await writeFigures(dir, figures);
  const path = join(dir, REPORT_FILE);
  writeAtomic(path, runReportHtml(run, figures));
  return [...written, path];
}
