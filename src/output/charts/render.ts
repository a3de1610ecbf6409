/**
 * Rendering chart.js configurations to PNG (node-canvas via chartjs-node-canvas), and the script
 * text that gives a browser the same chart.js and plugins (for the offline HTML report).
 */
import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { chartPluginsBrowserSource, installChartPlugins } from './plugins.js';
import { DEFAULT_CHART_SIZE } from './theme.js';
import type { RenderableChartConfiguration } from './types.js';

/** PNG size in CSS pixels (= device pixels: the renderer uses devicePixelRatio 1). */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * One renderer per size: creating a ChartJSNodeCanvas loads a fresh copy of chart.js, which is
 * slow; each copy gets the povsim theme and plugins once, through `chartCallback`.
 */
const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor(size: ChartSize): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    renderer = new ChartJSNodeCanvas({
      width: size.width,
      height: size.height,
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
  for (const [name, v] of [['width', size.width], ['height', size.height]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`chart ${name} must be a positive integer, got ${v}`);
  }
  const copy = structuredClone(config) as unknown as ChartConfiguration;
  copy.options = { ...copy.options, devicePixelRatio: 1, animation: false, responsive: false };
  return rendererFor(size).renderToBuffer(copy, 'image/png');
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
