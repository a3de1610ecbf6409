/** Charts and the report after a command's files are written (loaded only when wanted: chart.js and canvas are heavy). */
import type { ChartFormat } from '../output/report/files.js';

/** Draws the charts of `dir` in `formats` (from `--format`) and its report; returns the paths written. */
export async function drawChartsAndReport(dir: string, formats: readonly ChartFormat[]): Promise<string[]> {
  const { writeChartsAndReport } = await import('../output/report/index.js');
  return writeChartsAndReport(dir, { formats });
}
