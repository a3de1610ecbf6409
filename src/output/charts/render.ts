/**
 * Rendering chart.js configurations to PNG (node-canvas via chartjs-node-canvas), and the script
 * text that gives a browser the same chart.js and plugins (for the offline HTML report).
 */
import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartFormat } from './formats.js';
import { chartPluginsBrowserSource, installChartPlugins } from './plugins.js';
import { DEFAULT_CHART_SIZE } from './theme.js';
import type { RenderableChartConfiguration } from './types.js';

/** PNG size in CSS pixels (= device pixels: the renderer uses devicePixelRatio 1). */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * One renderer per size (and canvas type): creating a ChartJSNodeCanvas loads a fresh copy of chart.js, which is
 * slow; each copy gets the povsim theme and plugins once, through `chartCallback`.
 */
const renderers = new Map<string, ChartJSNodeCanvas>();

/** The renderer of one size, drawing on an image canvas (PNG) or on cairo's SVG or PDF surface. */
function rendererFor(size: ChartSize, type?: 'svg' | 'pdf'): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}${type === undefined ? '' : `-${type}`}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    renderer = new ChartJSNodeCanvas({
      width: size.width,
      height: size.height,
      ...(type === undefined ? {} : { type }),
      chartCallback: (chartJs) => {
        installChartPlugins(chartJs);
      },
    });
    renderers.set(key, renderer);
  }
  return renderer;
}

/**
 * Renders a chart.js configuration (as made by the builders) to PNG bytes at `size` (default
 * 900 x 500 px), device pixel ratio 1, no animation, white background. The config is deep-copied
 * first (chart.js mutates what it is given) with `structuredClone`, which also rejects functions:
 * configs must be JSON. Deterministic: the same config and size give the same bytes on one
 * machine (node-canvas writes no timestamp chunk; text rendering depends on the installed fonts).
 * @throws RangeError for a non-positive or non-integer size; DataCloneError for a config holding functions.
 */
export async function renderPng(
  config: RenderableChartConfiguration,
  size: ChartSize = DEFAULT_CHART_SIZE,
): Promise<Buffer> {
  const copy = drawable(config, size);
  return rendererFor(size).renderToBuffer(copy, 'image/png');
}

/**
 * A deep copy of `config` ready to draw at `size`: device pixel ratio 1, no animation, not responsive.
 * @throws RangeError for a non-positive or non-integer size; DataCloneError for a config holding functions.
 */
function drawable(config: RenderableChartConfiguration, size: ChartSize): ChartConfiguration {
  for (const [name, v] of [['width', size.width], ['height', size.height]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`chart ${name} must be a positive integer, got ${v}`);
  }
  const copy = structuredClone(config) as unknown as ChartConfiguration;
  copy.options = { ...copy.options, devicePixelRatio: 1, animation: false, responsive: false };
  return copy;
}

/**
 * PDF creation date written in every PDF chart: fixed (the Unix epoch, as SOURCE_DATE_EPOCH=0 gives
 * in reproducible builds) so that the same chart gives the same bytes; cairo would write the clock.
 */
export const PDF_CREATION_DATE = new Date(0);

/** What chartjs-node-canvas's (TypeScript-private) `renderChart` returns: the chart drawn on its canvas. */
interface DrawnChart {
  readonly canvas: { toBuffer(mimeType: 'application/pdf', config: { creationDate: Date }): Buffer } | null;
  destroy(): void;
}

/**
 * cairo's SVG made reproducible and sized as the PNG: cairo names surfaces by a counter shared by
 * the whole process (`id="surface11"`, then `surface26` for the same chart drawn again), renumbered
 * here in order of first appearance, so the same chart gives the same SVG whatever was drawn
 * before it; and it sizes the document in points (`width="900pt"`, 1,200 px in a browser), made
 * pixels here, as the PNG's.
 */
export function tidySvg(svg: string): string {
  const numbers = new Map<string, number>();
  return svg
    .replace(/\bsurface(\d+)\b/g, (_, n: string) => {
      if (!numbers.has(n)) numbers.set(n, numbers.size + 1);
      return `surface${numbers.get(n)}`;
    })
    .replace(/^(<\?xml[^>]*>\s*<svg [^>]*?)width="(\d+)pt" height="(\d+)pt"/, '$1width="$2" height="$3"');
}

/**
 * Renders a chart as {@link renderPng} does, in `format`: PNG bytes (exactly renderPng's), an SVG
 * document (text drawn as outlines, so no font is needed to show it; see {@link tidySvg}) or
 * a one-page PDF (creation date {@link PDF_CREATION_DATE}). Same config and size, same bytes.
 * @throws as renderPng.
 */
export async function renderChart(
  config: RenderableChartConfiguration,
  size: ChartSize = DEFAULT_CHART_SIZE,
  format: ChartFormat = 'png',
): Promise<Buffer> {
  if (format === 'png') return renderPng(config, size);
  const copy = drawable(config, size);
  const renderer = rendererFor(size, format);
  if (format === 'svg') {
    return Buffer.from(tidySvg(renderer.renderToBufferSync(copy, 'image/svg+xml').toString('utf8')), 'utf8');
  }
  // The public renderToBuffer* call canvas.toBuffer() without PDF metadata, so cairo would stamp the
  // clock; draw with the library's own renderChart and ask node-canvas for a fixed creation date.
  const chart = (renderer as unknown as { renderChart(c: ChartConfiguration): DrawnChart }).renderChart(copy);
  try {
    if (chart.canvas === null) throw new Error('chartjs-node-canvas drew no canvas');
    return chart.canvas.toBuffer('application/pdf', { creationDate: PDF_CREATION_DATE });
  } finally {
    chart.destroy();
  }
}

/** Path of chart.js's UMD bundle (minified; defines `window.Chart`) in the installed package. */
export function chartJsUmdPath(): string {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide dist/, so resolve its main entry (dist/chart.cjs) and go beside it.
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}

/**
 * Script text for an offline HTML page: chart.js's UMD bundle (its source-map comment removed)
 * followed by the povsim theme and plugins installed on `window.Chart`. Put it in one `<script>`;
 * then `new Chart(canvas, config)` with a builder's config (parsed from JSON) draws the same chart
 * as {@link renderPng}, resizing with the page.
 */
export function chartJsBrowserSource(): string {
  const umd = readRegularText(chartJsUmdPath(), READ_LIMITS.table).replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  if (/<\/script/i.test(umd)) throw new Error('chart.js bundle contains "</script": cannot inline it');
  return `${umd}\n${chartPluginsBrowserSource()}`;
}
