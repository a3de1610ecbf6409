import type { ChartConfiguration } from 'chart.js';
import { axisTitle, baseOptions, checkLength, checkNonEmpty, titleBlock } from './common.js';
import { CHART_THEME, contrastTextColor, formatValue, VIRIDIS_STOPS, viridis } from './theme.js';
import type { ColorBarTick, HeatmapChartSpec, HeatmapData } from './types.js';

/** A heatmap cell's anchor point: indices into the x and y parameter values. */
export interface CellPoint {
  x: number;
  y: number;
}

/** Config type returned by {@link heatmapChart}. */
export type HeatmapChartConfiguration = ChartConfiguration<'scatter', CellPoint[]>;

/** Number of labelled ticks on the colour bar (ends included). */
export const COLOR_BAR_TICKS = 5;

/** Label of a parameter value on a heatmap axis: numbers in plain notation, up to 6 decimals. */
function axisLabel(v: number | string): string {
  return typeof v === 'string' ? v : formatValue(v, { percent: false, maximumFractionDigits: 6 });
}

/**
 * Position of `value` in the colour domain [lo, hi], in [0, 1] (clamped); 0.5 when lo = hi.
 * @example domainFraction(15, 10, 30) // 0.25
 */
export function domainFraction(value: number, lo: number, hi: number): number {
  if (hi === lo) return 0.5;
  return Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
}

/**
 * Heatmap of a metric over two parameters of a grid sweep: one cell per (x value, y value),
 * coloured on the viridis scale (colour-blind safe, light = high), with the value printed in every
 * cell when all labels fit their cells (else in none), and a colour bar with labelled ticks at the right. Drawn without extra
 * packages: a scatter chart with two category axes (x left to right, y bottom to top) gives the
 * axes and browser tooltips; the `povsimHeatmap` plugin paints the cells and the colour bar from
 * the dataset's `povsimHeatmap` field. Missing values (`null`) are grey cells labelled "n/a".
 * The colour domain is `spec.domain` or the data's [min, max].
 * @throws RangeError when there is no x or y value, `values` is not ny rows of nx entries, or the domain is not finite low <= high.
 * @example
 * heatmapChart({ title: 'Poverty headcount at month 36', xTitle: 'Audit rate', yTitle: 'Quota',
 *   valueTitle: 'Headcount (%)', percent: true, xValues: [0.1, 0.2], yValues: [100],
 *   values: [[0.3, 0.2]] }).data.datasets[0]?.povsimHeatmap?.labels // ['30.0%', '20.0%']
 */
export function heatmapChart(spec: HeatmapChartSpec): HeatmapChartConfiguration {
  checkNonEmpty('heatmapChart xValues', spec.xValues);
  checkNonEmpty('heatmapChart yValues', spec.yValues);
  checkLength('heatmapChart values (rows, one per y value)', spec.values, spec.yValues.length);
  spec.values.forEach((row, yi) => checkLength(`heatmapChart values row ${yi}`, row, spec.xValues.length));
  const percent = spec.percent === true;
  const digits = spec.maximumFractionDigits ?? 1;
  // Cell labels and colour-bar ticks all show `digits` decimals, so they line up and compare.
  const fmt = { percent, maximumFractionDigits: digits, minimumFractionDigits: digits };
  const finite = spec.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, hi] = spec.domain ?? [
    finite.length > 0 ? Math.min(...finite) : 0,
    finite.length > 0 ? Math.max(...finite) : 1,
  ];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new RangeError(`heatmapChart domain: expected finite low <= high, got [${lo}, ${hi}]`);
  }
  const xLabels = spec.xValues.map(axisLabel);
  const yLabels = spec.yValues.map(axisLabel);
  const data: CellPoint[] = [];
  const cells: HeatmapData = {
    nx: xLabels.length,
    ny: yLabels.length,
    xIndex: [],
    yIndex: [],
    colors: [],
    labels: [],
    textColors: [],
    tooltips: [],
    showValues: spec.showValues ?? true,
    colorBar: { stops: [...VIRIDIS_STOPS], ticks: [], title: spec.valueTitle },
  };
  spec.values.forEach((row, yi) => {
    row.forEach((v, xi) => {
      const has = v !== null && Number.isFinite(v);
      const color = has ? viridis(domainFraction(v, lo, hi)) : null;
      const label = has ? formatValue(v, fmt) : 'n/a';
      data.push({ x: xi, y: yi });
      cells.xIndex.push(xi);
      cells.yIndex.push(yi);
      cells.colors.push(color);
      cells.labels.push(label);
      cells.textColors.push(color === null ? CHART_THEME.mutedTextColor : contrastTextColor(color));
      cells.tooltips.push(
        `${spec.xTitle}: ${xLabels[xi] ?? ''}; ${spec.yTitle}: ${yLabels[yi] ?? ''}; ${spec.valueTitle}: ${label}`,
      );
    });
  });
  const ticks: ColorBarTick[] = [];
  for (let k = 0; k < COLOR_BAR_TICKS; k++) {
    const fraction = k / (COLOR_BAR_TICKS - 1);
    ticks.push({ fraction, label: formatValue(lo + (hi - lo) * fraction, fmt) });
  }
  cells.colorBar.ticks.push(...ticks);
  // Room right of the plot for the colour bar: gap 18 + bar 14 + tick 7 + labels + gap 8 + title.
  const longestTick = Math.max(...ticks.map((t) => t.label.length));
  const rightPadding = Math.ceil(18 + 14 + 7 + longestTick * 0.62 * CHART_THEME.fontSize + 8 + CHART_THEME.axisTitleSize + 10);
  const base = baseOptions();
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: spec.valueTitle,
          data,
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 12,
          povsimHeatmap: cells,
        },
      ],
    },
    options: {
      ...base,
      layout: { padding: { ...base.layout.padding, right: rightPadding } },
      plugins: {
        ...titleBlock(spec.title, spec.note),
        legend: { display: false },
      },
      scales: {
        x: {
          type: 'category',
          labels: xLabels,
          offset: true,
          title: axisTitle(spec.xTitle),
          grid: { display: false },
          border: { display: false },
          ticks: { padding: 4 },
        },
        y: {
          type: 'category',
          labels: yLabels,
          offset: true,
          // A vertical category axis puts its first label at the top; parameters grow upwards.
          reverse: true,
          title: axisTitle(spec.yTitle),
          grid: { display: false },
          border: { display: false },
          ticks: { padding: 4 },
        },
      },
    },
  };
}
