/**
 * A figure: one chart of an output folder, with the file it is saved to and the words that go
 * with it in the report. The same figure list gives the PNG files and the report's interactive
 * charts, so the two always show the same thing.
 */
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { renderPng, type ChartSize, type RenderableChartConfiguration } from '../charts/index.js';
import { writeAtomic } from '../../io/files.js';
import { CHARTS_DIR, chartFile, DrawingInterrupted } from './files.js';

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
}


/**
 * Renders every figure to its PNG under `dir` (atomically, creating charts/), one after another.
 * Returns the paths written (`dir` joined with each figure's file), in figure order.
 * @throws DrawingInterrupted (with the paths written so far) when `signal` aborts: it is checked
 *   before each figure, after a turn of the event loop so that Ctrl-C is seen.
 */
export async function writeFigures(dir: string, figures: readonly Figure[], signal?: AbortSignal): Promise<string[]> {
  const written: string[] = [];
  for (const figure of figures) {
    if (signal !== undefined) {
      await nextTurn();
      if (signal.aborted) throw new DrawingInterrupted(written);
    }
    const png = await renderPng(figure.config, figure.size);
    const path = join(dir, figure.file);
    writeAtomic(path, png);
    written.push(path);
  }
  return written;
}
