import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { createCanvas } from 'canvas';
import { describe, expect, it } from 'vitest';
import {
  CHART_PLUGIN_IDS, channelChart, chartJsBrowserSource, chartJsUmdPath, chartPluginsBrowserSource, groupedBarChart,
  heatmapChart, incidenceChart, lineBandChart, radarChart, renderPng, scatterChart, sensitivityChart,
  stackedSourceChart,
} from '../../src/output/charts/index.js';
import {
  barSpec, channelSpec, heatmapSpec, incidenceSpec, lineSpec, morrisSpec, radarSpec, scatterSpec, sobolSpec, stackedSpec,
} from './fixtures.js';

/**
 * Runs the browser script in a fresh JavaScript realm whose global object is also `window`, as a
 * page's is, and draws a config (parsed from JSON inside that realm, as the report will) on a
 * node-canvas canvas. chart.js sees no `document`, so it uses its basic platform, like the
 * renderer; the chart.js build is the UMD bundle instead of the CommonJS one.
 */
function renderInBrowserRealm(source: string, configJson: string, width: number, height: number): Buffer {
  const realm: Record<string, unknown> = {};
  realm['window'] = realm;
  vm.createContext(realm);
  vm.runInContext(source, realm);
  const canvas = createCanvas(width, height);
  realm['configJson'] = configJson;
  realm['context2d'] = canvas.getContext('2d');
  vm.runInContext(
    'var c = JSON.parse(configJson); c.options.devicePixelRatio = 1; c.options.responsive = false; new Chart(context2d, c);',
    realm,
  );
  return canvas.toBuffer('image/png');
}

describe('chartJsBrowserSource', () => {
  const source = chartJsBrowserSource();

  it('is the chart.js UMD bundle followed by the povsim installer, safe inside <script>', () => {
    const version = (JSON.parse(readFileSync(chartJsUmdPath().replace(/dist\/chart\.umd\.js$/, 'package.json'), 'utf8')) as {
      version: string;
    }).version;
    expect(source.startsWith(`/*!\n * Chart.js v${version}`)).toBe(true);
    expect(source).not.toMatch(/sourceMappingURL/);
    expect(source).not.toMatch(/<\/script/i);
    expect(source.endsWith(chartPluginsBrowserSource())).toBe(true);
    expect(chartPluginsBrowserSource()).toContain('installPovsimCharts(window.Chart, {"fontFamily":');
  });

  it('registers the povsim plugins on window.Chart', () => {
    const realm: Record<string, unknown> = {};
    realm['window'] = realm;
    vm.createContext(realm);
    vm.runInContext(source, realm);
    const ids = vm.runInContext('Object.keys(Chart.registry.plugins.items)', realm) as string[];
    expect([...ids]).toEqual(expect.arrayContaining([...CHART_PLUGIN_IDS]));
  });

  const charts = {
    'line-band': lineBandChart(lineSpec),
    'grouped-bar': groupedBarChart(barSpec),
    incidence: incidenceChart(incidenceSpec),
    'stacked-source': stackedSourceChart(stackedSpec),
    channels: channelChart(channelSpec),
    radar: radarChart(radarSpec),
    heatmap: heatmapChart(heatmapSpec),
    'sensitivity-sobol': sensitivityChart(sobolSpec),
    'sensitivity-morris': sensitivityChart(morrisSpec),
    scatter: scatterChart(scatterSpec),
    'scatter-categories': scatterChart({ ...scatterSpec, x: ['pmt', 'community', 'pmt'], y: [0.3, 0.4, 0.35], xCategories: ['pmt', 'community'] }),
  };
  it.each(Object.entries(charts))('%s: draws the same pixels as renderPng from the JSON config', async (_, config) => {
    const fromBrowserScript = renderInBrowserRealm(source, JSON.stringify(config), 900, 500);
    const fromRenderer = await renderPng(config);
    expect(fromBrowserScript.equals(fromRenderer)).toBe(true);
  });
});
