import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  channelChart, groupedBarChart, heatmapChart, incidenceChart, lineBandChart, radarChart, renderPng,
  scatterChart, sensitivityChart, stackedSourceChart, hexToRgb, viridis,
} from '../../src/output/charts/index.js';
import {
  barSpec, channelSpec, chartBuilds, heatmapSpec, incidenceSpec, lineSpec, morrisSpec, radarSpec, scatterSpec, sobolSpec, stackedSpec,
} from './fixtures.js';
import { PNG_SIGNATURE, pixelAt, pixelStats, pngChunkTypes, pngPixels, pngSize } from './png.js';

const ARTIFACTS = new URL('../../test-artifacts/charts/', import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });

const charts = { ...chartBuilds, 'incidence-lines': () => incidenceChart({ ...incidenceSpec, style: 'lines' }) };

/** Pixels of exactly this opaque colour. */
async function countColour(png: Buffer, rgb: readonly [number, number, number]): Promise<number> {
  const { data } = await pngPixels(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2] && data[i + 3] === 255) n++;
  }
  return n;
}

describe.each(Object.entries(charts))('%s', (name, build) => {
  it('renders a deterministic, non-blank 900 x 500 PNG with a white background', async () => {
    const png = await renderPng(build());
    writeFileSync(new URL(`${name}.png`, ARTIFACTS), png);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const chunks = pngChunkTypes(png);
    expect(chunks[0]).toBe('IHDR');
    expect(chunks.at(-1)).toBe('IEND');
    // No time stamp or text chunks that could differ between runs.
    expect(chunks.filter((c) => ['tIME', 'tEXt', 'iTXt', 'zTXt'].includes(c))).toEqual([]);
    expect(pngSize(png)).toEqual({ width: 900, height: 500 });
    const stats = await pixelStats(png);
    // Lines, text and fills give many colours (anti-aliasing); a blank or failed chart gives ~1.
    expect(stats.distinctColours).toBeGreaterThan(100);
    expect(stats.inkShare).toBeGreaterThan(0.02);
    expect(stats.inkShare).toBeLessThan(0.9);
    expect(await pixelAt(png, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(await pixelAt(png, 899, 499)).toEqual([255, 255, 255, 255]);
    const again = await renderPng(build());
    expect(again.equals(png)).toBe(true);
  });
});

describe('renderPng', () => {
  it('renders at the requested size', async () => {
    const png = await renderPng(radarChart(radarSpec), { width: 500, height: 500 });
    expect(pngSize(png)).toEqual({ width: 500, height: 500 });
    const wide = await renderPng(groupedBarChart(barSpec), { width: 640, height: 360 });
    expect(pngSize(wide)).toEqual({ width: 640, height: 360 });
  });

  it('leaves the config it is given untouched', async () => {
    const config = lineBandChart(lineSpec);
    const before = structuredClone(config);
    await renderPng(config);
    expect(config).toStrictEqual(before);
  });

  it('rejects configs holding functions, and bad sizes', async () => {
    const config = groupedBarChart(barSpec);
    const withCallback = { ...config, options: { ...config.options, onClick: () => undefined } };
    await expect(renderPng(withCallback)).rejects.toThrow();
    await expect(renderPng(config, { width: 0, height: 100 })).rejects.toThrow(RangeError);
    await expect(renderPng(config, { width: 100.5, height: 100 })).rejects.toThrow(RangeError);
  });
});

describe('plugins draw what their data says', () => {
  it('whiskers: the interval lines add whisker-coloured (#222222) pixels', async () => {
    const withWhiskers = await renderPng(groupedBarChart(barSpec));
    const plain = await renderPng(
      groupedBarChart({ ...barSpec, note: 'x', series: barSpec.series.map((s) => ({ label: s.label, values: s.values })) }),
    );
    // 8 whiskers, each a vertical line (~30-50 px) plus two caps (~20 px): hundreds of pixels.
    const extra = (await countColour(withWhiskers, [34, 34, 34])) - (await countColour(plain, [34, 34, 34]));
    expect(extra).toBeGreaterThan(150);
  });

  it('whiskers follow horizontal bars too (Sobol chart)', async () => {
    const with_ = await renderPng(sensitivityChart(sobolSpec));
    const without = await renderPng(
      sensitivityChart({
        ...sobolSpec,
        note: 'x',
        parameters: sobolSpec.parameters.map((p) => ({ name: p.name, firstOrder: p.firstOrder, total: p.total })),
      }),
    );
    const extra = (await countColour(with_, [34, 34, 34])) - (await countColour(without, [34, 34, 34]));
    expect(extra).toBeGreaterThan(150);
  });

  it('bands: a translucent fill between the band edges', async () => {
    const banded = await renderPng(lineBandChart(lineSpec));
    const bare = await renderPng(
      lineBandChart({ ...lineSpec, note: 'x', series: lineSpec.series.map((s) => ({ label: s.label, x: s.x, y: s.y })) }),
    );
    // Blue (0, 114, 178) at alpha 0.18 over white: 255 + (c - 255) * 0.18 = (209.1, 229.9, 241.1).
    const { data } = await pngPixels(banded);
    const { data: bareData } = await pngPixels(bare);
    const near = (d: Uint8ClampedArray): number => {
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs((d[i] as number) - 209) <= 2 && Math.abs((d[i + 1] as number) - 230) <= 2 && Math.abs((d[i + 2] as number) - 241) <= 2) n++;
      }
      return n;
    };
    expect(near(data)).toBeGreaterThan(5000);
    expect(near(bareData)).toBeLessThan(100);
  });

  it('reference line: the dashed 10% line adds grey (#555555) pixels', async () => {
    const config = incidenceChart(incidenceSpec);
    const withLine = await renderPng(config);
    const noLine = structuredClone(config);
    if (noLine.options?.plugins?.povsimRefLines) noLine.options.plugins.povsimRefLines.lines = [];
    const without = await renderPng(noLine);
    const extra = (await countColour(withLine, [85, 85, 85])) - (await countColour(without, [85, 85, 85]));
    // ~800 px of plot width, dashed 6 on 4 off at 1.5 px wide, plus the label text.
    expect(extra).toBeGreaterThan(300);
  });

  it('channel chart: the neutral line\'s label sits at the bottom of the plot, or at the top when asked', async () => {
    const bottom = channelChart(channelSpec);
    const line = bottom.options?.plugins?.povsimRefLines?.lines?.[0];
    if (line === undefined) throw new Error('no neutral line');
    const withLine = (l: typeof line) => {
      const config = structuredClone(bottom);
      config.options!.plugins!.povsimRefLines!.lines = [l];
      return renderPng(config);
    };
    const unlabelled = await pngPixels(await withLine({ ...line, label: '' }));
    /** Pixels that differ from the unlabelled chart, above and below the middle row. */
    const changedByHalf = async (png: Buffer): Promise<[number, number]> => {
      const { width, height, data } = await pngPixels(png);
      const halves: [number, number] = [0, 0];
      for (let i = 0; i < data.length; i += 4) {
        const same = [0, 1, 2, 3].every((k) => data[i + k] === unlabelled.data[i + k]);
        if (!same) halves[i / 4 / width < height / 2 ? 0 : 1] += 1;
      }
      return halves;
    };
    const [bottomUpper, bottomLower] = await changedByHalf(await renderPng(bottom));
    const [topUpper, topLower] = await changedByHalf(await withLine({ ...line, labelPosition: 'top' }));
    // "1 = neutral" is ~70 x 12 px of text with its halo: hundreds of pixels, all in one half.
    expect(bottomLower).toBeGreaterThan(200);
    expect(bottomUpper).toBe(0);
    expect(topUpper).toBeGreaterThan(200);
    expect(topLower).toBe(0);
  });

  it('heatmap: cells in viridis colours and a colour bar right of the plot', async () => {
    const png = await renderPng(heatmapChart(heatmapSpec));
    // The top-of-scale cell (30.8%) is ~120 x 95 px of viridis(1), less its label.
    expect(await countColour(png, hexToRgb(viridis(1)))).toBeGreaterThan(5000);
    expect(await countColour(png, hexToRgb(viridis(0)))).toBeGreaterThan(5000);
    // The colour bar: a column right of the plot passes through many colours top to bottom.
    const { width, data } = await pngPixels(png);
    const column = new Set<string>();
    for (let y = 60; y < 420; y++) {
      const i = (y * width + 813) * 4;
      column.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    }
    expect(column.size).toBeGreaterThan(50);
  });

  it('heatmap: values in every cell when all fit, in none when one does not', async () => {
    const labelled = await renderPng(heatmapChart(heatmapSpec));
    const unlabelled = await renderPng(heatmapChart({ ...heatmapSpec, showValues: false }));
    expect(labelled.equals(unlabelled)).toBe(false);
    // 12 x 10 cells of ~60 x 38 px: "1,234" (~35 px) fits, "123,456,789" (~80 px) does not.
    const xValues = Array.from({ length: 12 }, (_, i) => i);
    const yValues = Array.from({ length: 10 }, (_, i) => i);
    const grid = (outlier: number) => yValues.map((y) => xValues.map((x) => (x === 11 && y === 9 ? outlier : 1_000 + x * 10 + y)));
    const spec = { title: 't', xTitle: 'x', yTitle: 'y', valueTitle: 'v', xValues, yValues, maximumFractionDigits: 0 };
    const fits = { ...spec, values: grid(1_234) };
    expect((await renderPng(heatmapChart(fits))).equals(await renderPng(heatmapChart({ ...fits, showValues: false })))).toBe(false);
    const crowded = { ...spec, values: grid(123_456_789) };
    expect((await renderPng(heatmapChart(crowded))).equals(await renderPng(heatmapChart({ ...crowded, showValues: false })))).toBe(true);
  });
});
