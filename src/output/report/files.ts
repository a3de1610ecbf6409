/**
 * Names of the chart and report files an output folder holds (a light module: no chart.js, so a
 * command that draws nothing can still name them).
 */
import { InputError, quote } from '../../scenario/errors.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/formats.js';

export { CHART_FORMATS, type ChartFormat };

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

/** Charts are written as PNG unless `--format` says otherwise. */
export const DEFAULT_CHART_FORMATS: readonly ChartFormat[] = ['png'];

/**
 * A chart's file in another format: its PNG path with the format's extension.
 * @example chartFileAs('charts/incidence.png', 'svg') // 'charts/incidence.svg'
 */
export function chartFileAs(pngFile: string, format: ChartFormat): string {
  return `${pngFile.replace(/\.png$/, '')}.${format}`;
}

/**
 * `--format png,svg,pdf`: the formats named, comma-separated, each once, in the order
 * {@link CHART_FORMATS} lists them (whatever order they were given in).
 * @throws InputError naming the flag, what it takes and what it got.
 * @example parseChartFormats('pdf, png') // ['png', 'pdf']
 */
export function parseChartFormats(text: string): ChartFormat[] {
  const names = text.split(',').map((n) => n.trim().toLowerCase());
  const expected = `formats from ${CHART_FORMATS.join(', ')}, separated by commas, e.g. png,svg,pdf`;
  for (const name of names) {
    if (!(CHART_FORMATS as readonly string[]).includes(name)) throw new InputError({ file: '--format', expected, found: quote(text) });
  }
  if (new Set(names).size !== names.length) throw new InputError({ file: '--format', expected: `${expected}, each once`, found: quote(text) });
  return CHART_FORMATS.filter((f) => names.includes(f));
}
