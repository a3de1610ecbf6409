/**
 * A figure: one chart of an output folder, with the file it is saved to and the words that go
 * with it in the report. The same figure list gives the PNG files and the report's interactive
 * charts, so the two always show the same thing.
 */
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { renderChart, type ChartSize, type RenderableChartConfiguration } from '../charts/index.js';
import { writeAtomic } from '../../io/files.js';
import { CHARTS_DIR, chartFile, chartFileAs, DEFAULT_CHART_FORMATS, DrawingInterrupted, type ChartFormat } from './files.js';

export { CHARTS_DIR, chartFile };

/** Folder (inside an output folder) that holds the chart PNGs. */


/** One chart of an output folder. */
export interface Figure {
  /** Path of the PNG relative to the output folder, e.g. `charts/incidence.png`. */
  readonly file: string;
  /** Heading in the report, e.g. "Who gets the money". */
  readonly heading: string;
  /** How to read the chart, one to three sentences (report caption). */
  readonly caption: string;
  /** chart.js configuration (pure JSON) from a chart builder. */
  readonly config: RenderableChartConfiguration;
  /** PNG size; the renderer's default (900 x 500 px) when absent. */
  readonly size?: ChartSize;
  /** Formats it is saved in, for the report's links; PNG alone when absent. */
  readonly formats?: readonly ChartFormat[];
}

/** Every file the figures are saved to, relative to the output folder: per figure, one per format. */
export function figureFiles(figures: readonly Figure[], formats: readonly ChartFormat[] = DEFAULT_CHART_FORMATS): string[] {
  return figures.flatMap((f) => formats.map((format) => chartFileAs(f.file, format)));
}


/**
 * Renders every figure under `dir` in each of `formats` (default PNG alone; `charts/x.png`,
 * `charts/x.svg`, `charts/x.pdf`), atomically, creating charts/, one after another.
 * Returns the paths written, in the order of {@link figureFiles}.
 * @throws DrawingInterrupted (with the paths written so far) when `signal` aborts: it is checked
 *   before each figure, after a turn of the event loop so that Ctrl-C is seen.
 */
export async function writeFigures(
  dir: string,
  figures: readonly Figure[],
  formats: readonly ChartFormat[] = DEFAULT_CHART_FORMATS,
  signal?: AbortSignal,
): Promise<string[]> {
  const written: string[] = [];
  for (const figure of figures) {
    if (signal !== undefined) {
      await nextTurn();
      if (signal.aborted) throw new DrawingInterrupted(written);
    }
    for (const format of formats) {
      const bytes = await renderChart(figure.config, figure.size, format);
      const path = join(dir, chartFileAs(figure.file, format));
      writeAtomic(path, bytes);
      written.push(path);
    }
  }
  return written;
}
