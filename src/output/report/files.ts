/**
 * Names of the chart and report files an output folder holds (a light module: no chart.js, so a
 * command that draws nothing can still tidy up after an earlier one).
 */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * Ctrl-C or SIGTERM while charts were read or drawn (the `signal` of the drawing functions):
 * `written` holds the chart files finished before it.
 */
export class DrawingInterrupted extends Error {
  constructor(readonly written: readonly string[]) {
    super('interrupted while drawing the charts');
    this.name = 'DrawingInterrupted';
  }
}

/** Removes the charts and report a run writes (e.g. left by an earlier run in the same folder). */
export function removeRunChartsAndReport(dir: string): void {
  rmSync(join(dir, REPORT_FILE), { force: true });
  for (const name of RUN_CHARTS) rmSync(join(dir, chartFile(name)), { force: true });
  const charts = join(dir, CHARTS_DIR);
  if (existsSync(charts) && readdirSync(charts).length === 0) rmdirSync(charts);
}
