/**
 * Charts and the report after a command's files are written (loaded only when wanted: chart.js and
 * canvas are heavy).
 *
 * The command's results are complete by then, so Ctrl-C or SIGTERM no longer interrupts anything
 * that matters: drawing stops at the next chart, one line says the results are complete and how
 * to draw the charts (`povsim chart DIR`), and the command ends as it would have (exit 0 on
 * success). The listener stays until the command exits, so a signal after the last chart changes
 * nothing either; a second signal quits at once (exit 130).
 */
import type { ChartFormat } from '../output/report/files.js';
import { listenForInterruption } from './interrupt.js';

/** Draws the charts of `dir` in `formats` (from `--format`) and its report; returns the paths written. */
export async function drawChartsAndReport(dir: string, formats: readonly ChartFormat[], announce?: string): Promise<string[]> {
  const interruption = listenForInterruption();
  // Said only once a signal is caught: whoever sees the line and presses Ctrl-C is handled.
  if (announce !== undefined) process.stderr.write(announce);
  try {
    const { DrawingInterrupted, writeChartsAndReport } = await import('../output/report/index.js');
    try {
      if (interruption.signal.aborted) throw new DrawingInterrupted([]);
      return await writeChartsAndReport(dir, { signal: interruption.signal, formats });
    } catch (error) {
      if (!(error instanceof DrawingInterrupted)) throw error;
      process.stderr.write(
        `povsim: interrupted while drawing the charts; the results in ${dir}/ are complete, the charts and report.html are not (draw them with: povsim chart ${dir})\n`,
      );
      return [...error.written];
    }
  } catch (error) {
    interruption.dispose();
    throw error;
  }
}
