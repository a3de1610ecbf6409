/**
 * Names of the chart and report files an output folder holds (a light module: no chart.js, so a
 * command that draws nothing can still name them).
 */

/** Folder of the PNG charts inside an output folder. */
export const CHARTS_DIR = 'charts';
/** The report of an output folder. */
export const REPORT_FILE = 'report.html';
/** The charts of a run, in report order. */
export const RUN_CHARTS = ['poverty-over-time', 'targeting-errors', 'incidence', 'channels', 'money-by-source', 'governance'] as const;

/** `charts/<name>.png`. @example chartFile('incidence') // 'charts/incidence.png' */
export function chartFile(name: string): string {
  return `${CHARTS_DIR}/${name}.png`;
}
