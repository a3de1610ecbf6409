import type { ChartConfiguration } from 'chart.js';
import {
  axisTitle, baseOptions, checkLength, checkNonEmpty, gridOn, legendBlock, maxFinite, minFinite,
  titleBlock, valueTicks,
} from './common.js';
import { seriesColor, withAlpha } from './theme.js';

/** A dot of a scatter chart: x a number, or a category's name on a category axis. */
export interface ScatterPoint {
  x: number | string;
  y: number;
}

/** Spec of {@link scatterChart}: one output against one input, a dot per observation. */
export interface ScatterChartSpec {
  /** Says what is shown, e.g. "Leakage against supervision.auditRate". */
  readonly title: string;
  /** Axis title with unit. */
  readonly xTitle: string;
  /** Axis title with unit. */
  readonly yTitle: string;
  /** x of each dot: numbers, or category names when `xCategories` is given. */
  readonly x: readonly (number | string)[];
  /** y of each dot (fraction when `yPercent`); `null` dots are left out. */
  readonly y: readonly (number | null)[];
  /** The x axis's categories in order (a listed parameter such as a method); numbers otherwise. */
  readonly xCategories?: readonly string[];
  /** y values are fractions shown as percentages. */
  readonly yPercent?: boolean;
  /** Subtitle, e.g. what each dot is and how many are drawn. */
  readonly note?: string;
}

/** Config type returned by {@link scatterChart}. */
export type ScatterChartConfiguration = ChartConfiguration<'scatter', ScatterPoint[]>;

/** Opacity of a dot, so that overlapping dots show as darker patches. */
export const SCATTER_DOT_ALPHA = 0.55;

/** Dot radius (px): smaller when there are many dots. */
function dotRadius(count: number): number {
  return count > 1000 ? 1.5 : count > 200 ? 2.5 : 3.5;
}

/** Share of the data's range added on each side of a numeric x axis, so no dot sits on the frame. */
const X_PADDING = 0.02;

/**
 * The x axis's bounds: the data's range widened by {@link X_PADDING} on each side (by 1 when all
 * values are equal); nothing when there is no value.
 * @example paddedRange([0, 1]) // { min: -0.02, max: 1.02 }
 */
export function paddedRange(xs: readonly number[]): { min: number; max: number } | Record<string, never> {
  const lo = minFinite(xs);
  const hi = maxFinite(xs);
  if (lo === undefined || hi === undefined) return {};
  const pad = hi > lo ? (hi - lo) * X_PADDING : 1;
  return { min: lo - pad, max: hi + pad };
}

/**
 * One output against one input, a translucent dot per observation (e.g. a sweep's design points):
 * a linear x axis for numbers (the data's range, padded), a category axis in the given order for
 * listed values. The y axis is
 * fitted to the data with 5% headroom (not forced to start at zero, so a small effect is visible).
 * Dots with a null y, or an x outside `xCategories`, are left out.
 * @throws RangeError when there is no dot or x and y differ in length.
 * @example
 * scatterChart({ title: 'Leakage against audit rate', xTitle: 'auditRate', yTitle: 'Leakage (%)',
 *   x: [0.1, 0.3], y: [0.4, 0.3], yPercent: true }).data.datasets[0]?.data // [{ x: 0.1, y: 0.4 }, { x: 0.3, y: 0.3 }]
 */
export function scatterChart(spec: ScatterChartSpec): ScatterChartConfiguration {
  checkNonEmpty('scatterChart x', spec.x);
  checkLength('scatterChart y', spec.y, spec.x.length);
  const categories = spec.xCategories;
  const data: ScatterPoint[] = [];
  spec.x.forEach((x, k) => {
    const y = spec.y[k];
    if (y === null || y === undefined || !Number.isFinite(y)) return;
    if (categories !== undefined ? !categories.includes(String(x)) : typeof x !== 'number' || !Number.isFinite(x)) return;
    data.push({ x: categories !== undefined ? String(x) : x, y });
  });
  const color = seriesColor(0);
  const xScale = categories !== undefined
    ? { type: 'category' as const, labels: [...categories], offset: true }
    : { type: 'linear' as const, ...paddedRange(data.map((p) => p.x as number)), ticks: { padding: 6, includeBounds: false } };
  return {
    type: 'scatter',
    data: {
      datasets: [{
        label: spec.yTitle,
        data,
        backgroundColor: withAlpha(color, SCATTER_DOT_ALPHA),
        borderColor: withAlpha(color, SCATTER_DOT_ALPHA),
        borderWidth: 0,
        pointRadius: dotRadius(data.length),
        pointHoverRadius: dotRadius(data.length) + 2,
        pointHitRadius: 4,
      }],
    },
    options: {
      ...baseOptions(),
      interaction: { mode: 'nearest', intersect: true },
      plugins: {
        ...titleBlock(spec.title, spec.note),
        legend: legendBlock(1, 'marker'),
      },
      scales: {
        x: {
          ...xScale,
          title: axisTitle(spec.xTitle),
          ...gridOn(),
        },
        y: {
          type: 'linear',
          grace: '5%',
          title: axisTitle(spec.yTitle),
          ticks: { ...valueTicks(spec.yPercent === true), padding: 6 },
          ...gridOn(),
        },
      },
    },
  };
}
