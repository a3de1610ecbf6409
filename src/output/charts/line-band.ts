import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  axisTitle, baseOptions, checkLength, checkNonEmpty, checkPair, gridOn, legendBlock, maxFinite,
  minFinite, titleBlock, valueTicks,
} from './common.js';
import { BAND_ALPHA, seriesColor, seriesDash, withAlpha } from './theme.js';
import type { LineBandChartSpec } from './types.js';

/** A point of a line over months. */
export interface MonthPoint {
  x: number;
  y: number;
}

/** Config type returned by {@link lineBandChart}. */
export type LineBandChartConfiguration = ChartConfiguration<'line', MonthPoint[]>;

/** Subtitle used when a series has a band and the spec gives no note. */
export const BAND_NOTE = 'Shaded bands: 95% interval';

/**
 * Lines over months, one per series (scenario), each with an optional 95% band drawn as a
 * translucent fill between two extra datasets (lower edge, then upper edge with `fill` set to the
 * lower edge's dataset index). Band edges carry `povsimLegendHidden` so the legend lists only the
 * lines; lines have `order: 0` and bands `order: 1`, so lines are drawn over every band.
 * Dataset layout: series lines first (index = series index), then lower/upper pairs.
 * The y axis starts at zero; with `yPercent`, y values are fractions shown as percentages.
 * @throws RangeError when there is no series, or x/y/lower/upper lengths differ within a series.
 * @example
 * lineBandChart({ title: 'Poverty headcount', xTitle: 'Month', yTitle: 'Share of households (%)',
 *   yPercent: true, series: [{ label: 'baseline', x: [1, 2], y: [0.3, 0.25], lower: [0.28, 0.22], upper: [0.32, 0.28] }] })
 *   .data.datasets.length // 3 (line, lower edge, upper edge filled to dataset 1)
 */
export function lineBandChart(spec: LineBandChartSpec): LineBandChartConfiguration {
  checkNonEmpty('lineBandChart series', spec.series);
  const lines: ChartDataset<'line', MonthPoint[]>[] = [];
  const bands: ChartDataset<'line', MonthPoint[]>[] = [];
  const n = spec.series.length;
  spec.series.forEach((s, i) => {
    checkLength(`series "${s.label}" y`, s.y, s.x.length);
    checkPair(`series "${s.label}" band`, s.lower, s.upper);
    const color = seriesColor(i);
    const many = s.x.length > 24;
    lines.push({
      label: s.label,
      data: s.x.map((x, k) => ({ x, y: s.y[k] as number })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2.5,
      borderDash: seriesDash(i),
      pointRadius: many ? 0 : 2.5,
      pointHoverRadius: 4,
      pointHitRadius: 6,
      tension: 0,
      fill: false,
      order: 0,
    });
    if (s.lower !== undefined && s.upper !== undefined) {
      checkLength(`series "${s.label}" lower`, s.lower, s.x.length);
      checkLength(`series "${s.label}" upper`, s.upper, s.x.length);
      const lowerIndex = n + bands.length;
      const band = withAlpha(color, BAND_ALPHA);
      const edge = {
        borderColor: band,
        backgroundColor: band,
        borderWidth: 0,
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 4,
        tension: 0,
        order: 1,
        povsimLegendHidden: true,
      };
      const lower = s.lower;
      const upper = s.upper;
      bands.push({
        ...edge,
        label: `${s.label} (95% lower)`,
        data: s.x.map((x, k) => ({ x, y: lower[k] as number })),
        fill: false,
      });
      bands.push({
        ...edge,
        label: `${s.label} (95% upper)`,
        data: s.x.map((x, k) => ({ x, y: upper[k] as number })),
        fill: lowerIndex,
      });
    }
  });
  const xs = spec.series.map((s) => s.x);
  const minX = minFinite(...xs);
  const maxX = maxFinite(...xs);
  const hasBand = spec.series.some((s) => s.lower !== undefined);
  const note = spec.note ?? (hasBand ? BAND_NOTE : undefined);
  const percent = spec.yPercent === true;
  return {
    type: 'line',
    data: { datasets: [...lines, ...bands] },
    options: {
      ...baseOptions(),
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        ...titleBlock(spec.title, note),
        legend: legendBlock(n, 'line'),
      },
      scales: {
        x: {
          type: 'linear',
          ...(minX === undefined ? {} : { min: minX }),
          ...(maxX === undefined ? {} : { max: maxX }),
          title: axisTitle(spec.xTitle),
          // No extra ticks at the data's ends: they crowd the neighbouring round ticks ("35 36").
          ticks: { ...(spec.xTicks === 'auto' ? {} : { precision: 0 }), padding: 6, includeBounds: false },
          ...gridOn(),
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: axisTitle(spec.yTitle),
          ticks: { ...valueTicks(percent), padding: 6 },
          ...gridOn(),
        },
      },
    },
  };
}
