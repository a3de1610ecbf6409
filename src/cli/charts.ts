/**
 * Charts and the report after a command's files are written (loaded only when wanted: chart.js and
 * canvas are heavy).
 *
 * Ownership (checked by the drawing functions of src/output/report, as for any library caller):
 * once the folder's files are read, and before anything is drawn, every file in the folder must be
 * povsim's (inspectOutputFolder: no chart or report overwrites a file povsim did not write); the
 * manifest then lists each file before it is drawn. If drawing fails part-way (a
 * full disk), the files drawn are removed again and the manifest lists the data files only
 * (`povsim chart DIR` draws them once there is room). The caller holds the folder's lock.
 *
 * Signals: the command's results are complete by then, so Ctrl-C or SIGTERM no longer interrupts
 * anything that matters: drawing stops at the next chart, one line says the results are complete
 * and how to draw the charts (`povsim chart DIR`), and the command ends as it would have (exit 0
 * on success). The listener stays until the command exits, so a signal after the last chart
 * changes nothing either; a second signal quits at once (exit 130).
 */
import { withdrawOutputs } from '../io/output-folder.js';
import { DrawingInterrupted, type ChartFormat } from '../output/report/files.js';
import { listenForInterruption } from './interrupt.js';

/** Options of {@link drawChartsAndReport}. */
export interface DrawStep {
  /** Chart file formats (from `--format`). */
  readonly formats: readonly ChartFormat[];
  /** Sweep charts: the metric to show. */
  readonly metric?: string;
  /** false: the charts only (`povsim chart --no-report`). */
  readonly report?: boolean;
  /** A line printed once the Ctrl-C listener is in place (whoever sees it and presses Ctrl-C is handled). */
  readonly announce?: string;
  /**
   * true (`povsim chart`, where the charts are the work): a signal ends in DrawingInterrupted for
   * the caller; otherwise (after a command's complete results) one line says so and the files
   * drawn are returned.
   */
  readonly chartsAreTheWork?: boolean;
}

/** Draws the charts of `dir` and its report; returns the paths written. */
export async function drawChartsAndReport(dir: string, step: DrawStep): Promise<string[]> {
  const interruption = listenForInterruption();
  if (step.announce !== undefined) process.stderr.write(step.announce);
  let planned: readonly string[] = [];
  try {
    const { drawCharts, writeChartsAndReport } = await import('../output/report/index.js');
    const draw = step.report === false ? drawCharts : writeChartsAndReport;
    try {
      if (interruption.signal.aborted) throw new DrawingInterrupted([]);
      return await draw(dir, {
        ...(step.metric === undefined ? {} : { metric: step.metric }),
        formats: step.formats,
        signal: interruption.signal,
        onPlanned: (files) => {
          planned = files;
        },
      });
    } catch (error) {
      if (!(error instanceof DrawingInterrupted) || step.chartsAreTheWork === true) throw error;
      process.stderr.write(
        `povsim: interrupted while drawing the charts; the results in ${dir}/ are complete, the charts and report.html are not (draw them with: povsim chart ${dir})\n`,
      );
      return [...error.written];
    }
  } catch (error) {
    // Charts drawn before a signal are whole and listed: kept. Any other failure: withdrawn.
    if (!(error instanceof DrawingInterrupted)) withdrawOutputs(dir, planned);
    interruption.dispose();
    throw error;
  }
}
