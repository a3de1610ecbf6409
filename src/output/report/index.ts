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
import { inspectOutputFolder, listInManifest } from '../../io/output-folder.js';
import { DEFAULT_CHART_FORMATS, REPORT_FILE, type ChartFormat } from './files.js';
import { figureFiles, writeFigures, type Figure } from './figures.js';
import { detectOutputKind, readJson, readRunOutputs, type OutputKind, type RunOutputs } from './read.js';
import { InputError } from '../../scenario/errors.js';
import { runFigures } from './run-figures.js';
import { runReportHtml } from './run-report.js';
import { readComparisonOutputs } from './comparison.js';
import { readSweepOutputs } from './sweep.js';
import { sweepFigures } from './sweep-figures.js';
import { sweepReportHtml } from './sweep-report.js';
import { comparisonFigures } from './comparison-figures.js';
import { comparisonReportHtml } from './comparison-report.js';
import { studyFigures } from './study-figures.js';
import { readStudyOutputs, readStudyProvenance, studyReportHtml } from './study-report.js';
import { calibrationFigures, calibrationReportHtml, readCalibrationOutputs } from './calibration.js';

export { CHARTS_DIR, chartFile, figureFiles, writeFigures, type Figure } from './figures.js';
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
export { DrawingInterrupted, REPORT_FILE } from './files.js';
export { CHART_FORMATS, DEFAULT_CHART_FORMATS, chartFileAs, parseChartFormats, type ChartFormat } from './files.js';


/** Options of {@link drawCharts}, {@link writeReport} and {@link writeChartsAndReport}. */
export interface DrawOptions {
  /** Sweep heatmap: the metric to show (a flattened metric name); default `leakage`. Ignored for runs and comparisons. */
  readonly metric?: string;
  /** Formats each chart is written in (`--format`); default PNG alone. The report links them all. */
  readonly formats?: readonly ChartFormat[];
  /**
   * Aborting it stops reading and drawing at the next chart (or chunk of a sweep's results.csv)
   * with a DrawingInterrupted error; report.html is then not written.
   */
  readonly signal?: AbortSignal;
  /**
   * Called with the files (relative to `dir`) about to be written, before any is, once the
   * folder's manifest lists them (see {@link planDrawing}).
   */
  readonly onPlanned?: (files: readonly string[]) => void;
}

/**
 * Before anything is drawn (the folder's files are read by then): checks that every file in `dir`
 * is povsim's (inspectOutputFolder: no chart or report overwrites a file povsim did not write),
 * then lists `files` in the folder's manifest.json before they are written (src/io/output-folder.ts).
 *
 * @throws {OutputError} exit code 2 naming the files povsim did not write.
 */
function planDrawing(dir: string, files: readonly string[], options: DrawOptions): void {
  inspectOutputFolder(dir);
  listInManifest(dir, files);
  options.onPlanned?.(files);
}

/** The figures as the report shows them: each with the formats it was saved in. */
function withFormats(figures: readonly Figure[], formats: readonly ChartFormat[]): Figure[] {
  return figures.map((f) => ({ ...f, formats }));
}

/** The figures of the output folder `dir`, read from its files, and its report (linking the charts in `formats`). */
async function figuresOf(dir: string, kind: OutputKind, options: DrawOptions): Promise<{ figures: Figure[]; report: () => string }> {
  const formats = options.formats ?? DEFAULT_CHART_FORMATS;
  switch (kind) {
    case 'run': {
      const run = readRunOutputs(dir);
      const figures = runFigures(run.summary, run.timeseries);
      return { figures, report: () => runReportHtml(run, withFormats(figures, formats)) };
    }
    case 'comparison': {
      const outputs = readComparisonOutputs(dir);
      const figures = comparisonFigures(outputs.comparison, outputs.timeseries);
      return { figures, report: () => comparisonReportHtml(outputs, withFormats(figures, formats)) };
    }
    case 'sweep': {
      // A study (povsim robust) runs as a sweep; its charts need its analysis (robustness.json).
      if ((readJson(join(dir, 'manifest.json')) as { study?: unknown } | null)?.study !== undefined) {
        throw new InputError({ file: dir, detail: 'is a study whose analysis is not written yet (it is not complete, or it is one shard): continue it with povsim robust STUDY.yaml --resume, or merge its shards with povsim merge; its charts come with the analysis' });
      }
      const outputs = await readSweepOutputs(dir, {
        ...(options.metric === undefined ? {} : { metric: options.metric }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const figures = sweepFigures(outputs);
      return { figures, report: () => sweepReportHtml(outputs, withFormats(figures, formats)) };
    }
    case 'study': {
      const outputs = readStudyOutputs(dir);
      const provenance = readStudyProvenance(dir);
      const figures = studyFigures(outputs);
      return { figures, report: () => studyReportHtml(outputs, withFormats(figures, formats), provenance) };
    }
    case 'calibration': {
      const outputs = readCalibrationOutputs(dir);
      const figures = calibrationFigures(outputs);
      return { figures, report: () => calibrationReportHtml(outputs, withFormats(figures, formats)) };
    }
  }
}

/**
 * Draws the charts of the output folder `dir` (a run, comparison or sweep, detected from its
 * files) under `dir/charts/` in `options.formats` (default PNG), overwriting earlier ones. Returns the paths written.
 * Like every writer here, it first checks that the folder holds only povsim's files and lists the
 * files it will write in the folder's manifest.json (see {@link planDrawing}).
 * @throws InputError when `dir` is not a povsim output folder or a file in it is not what povsim writes.
 * @throws OutputError (exit code 2) when the folder holds a file povsim did not write (a report.html of your own).
 */
export async function drawCharts(dir: string, options: DrawOptions = {}): Promise<string[]> {
  const { figures } = await figuresOf(dir, detectOutputKind(dir), options);
  planDrawing(dir, figureFiles(figures, options.formats), options);
  return writeFigures(dir, figures, options.formats, options.signal);
}

/**
 * Writes `dir/report.html` for the output folder `dir` (detected as in {@link drawCharts}).
 * Returns its path. Needs no PNGs: the report draws its charts itself.
 */
export async function writeReport(dir: string, options: DrawOptions = {}): Promise<string> {
  const path = join(dir, REPORT_FILE);
  const { report } = await figuresOf(dir, detectOutputKind(dir), options);
  planDrawing(dir, [REPORT_FILE], options);
  writeAtomic(path, report());
  return path;
}

/** {@link drawCharts} then {@link writeReport}, reading the folder once. Returns every path written, report last. */
export async function writeChartsAndReport(dir: string, options: DrawOptions = {}): Promise<string[]> {
  const { figures, report } = await figuresOf(dir, detectOutputKind(dir), options);
  planDrawing(dir, [...figureFiles(figures, options.formats), REPORT_FILE], options);
  const written = await writeFigures(dir, figures, options.formats, options.signal);
  const path = join(dir, REPORT_FILE);
  writeAtomic(path, report());
  return [...written, path];
}

/**
 * Files (relative to the run's folder) that {@link writeRunChartsAndReport} will write for this
 * run: the charts in each of `formats` (default PNG) then report.html. For the manifest's
 * `outputs`, before anything is written.
 */
export function runChartOutputs(run: Pick<RunOutputs, 'summary' | 'timeseries'>, formats: readonly ChartFormat[] = DEFAULT_CHART_FORMATS): string[] {
  return [...figureFiles(runFigures(run.summary, run.timeseries), formats), REPORT_FILE];
}

/**
 * Writes the charts (in each of `formats`) and the report of a run from its data in memory (what
 * summary.json, timeseries.csv and manifest.json hold): the same bytes `povsim chart DIR` writes from the files.
 * Returns the paths written, report last.
 */
export async function writeRunChartsAndReport(dir: string, run: RunOutputs, formats: readonly ChartFormat[] = DEFAULT_CHART_FORMATS): Promise<string[]> {
  const figures = runFigures(run.summary, run.timeseries);
  const written = await writeFigures(dir, figures, formats);
  const path = join(dir, REPORT_FILE);
  writeAtomic(path, runReportHtml(run, withFormats(figures, formats)));
  return [...written, path];
}
