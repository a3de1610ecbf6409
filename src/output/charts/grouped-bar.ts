import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  axisTitle, baseOptions, checkLength, checkNonEmpty, checkPair, gridOff, gridOn, legendBlock,
  maxFinite, minFinite, titleBlock, valueTicks,
} from './common.js';
import { seriesColor } from './theme.js';
import type { BarSeries, GroupedBarChartSpec } from './types.js';

/** Config type returned by {@link groupedBarChart}. */
export type GroupedBarChartConfiguration = ChartConfiguration<'bar', (number | null)[], string | string[]>;

/** Subtitle used when a series has intervals and the spec gives no note. */
export const WHISKER_NOTE = 'Whiskers: 95% interval';

/**
 * The bar dataset of one series, coloured by its `colorIndex` or else its position `index`, with its interval (if any) in
 * the `povsimWhiskers` field that the whisker plugin draws.
 * @throws RangeError when values/lower/upper lengths differ from `categoryCount`.
 */
export function barDataset(
  s: BarSeries,
  index: number,
  categoryCount: number,
): ChartDataset<'bar', (number | null)[]> {
  checkLength(`series "${s.label}" values`, s.values, categoryCount);
  checkPair(`series "${s.label}" interval`, s.lower, s.upper);
  const color = seriesColor(s.colorIndex ?? index);
  const dataset: ChartDataset<'bar', (number | null)[]> = {
    label: s.label,
    data: [...s.values],
    backgroundColor: color,
    borderColor: color,
    borderWidth: 0,
    categoryPercentage: 0.75,
    barPercentage: 0.9,
  };
  if (s.lower !== undefined && s.upper !== undefined) {
    checkLength(`series "${s.label}" lower`, s.lower, categoryCount);
    checkLength(`series "${s.label}" upper`, s.upper, categoryCount);
    dataset.povsimWhiskers = { lower: [...s.lower], upper: [...s.upper] };
  }
  return dataset;
}

/**
 * Grouped vertical bars: categories (e.g. inclusion error, exclusion error, leakage) along x, one
 * bar per series (scenario) in each, with 95% interval whiskers drawn by the `povsimWhiskers`
 * plugin from each dataset's `povsimWhiskers` field. The value axis starts at zero and its
 * `suggestedMax`/`suggestedMin` cover the whisker ends. With `yPercent`, values are fractions
 * shown as percentages. `null` values leave a gap.
 * @throws RangeError when there is no category or series, or array lengths differ from the categories.
 * @example
 * groupedBarChart({ title: 'Targeting errors', yTitle: 'Share (%)', yPercent: true,
 *   categories: ['Inclusion error', 'Exclusion error'],
 *   series: [{ label: 'baseline', values: [0.2, 0.3], lower: [0.18, 0.27], upper: [0.22, 0.33] }] })
 *   .options?.scales?.['y']?.suggestedMax // 0.33
 */
export function groupedBarChart(spec: GroupedBarChartSpec): GroupedBarChartConfiguration {
  checkNonEmpty('groupedBarChart categories', spec.categories);
  checkNonEmpty('groupedBarChart series', spec.series);
  const datasets = spec.series.map((s, i) => barDataset(s, i, spec.categories.length));
  const hasWhiskers = spec.series.some((s) => s.lower !== undefined);
  const note = spec.note ?? (hasWhiskers ? WHISKER_NOTE : undefined);
  const all = spec.series.flatMap((s) => [s.values, s.lower ?? [], s.upper ?? []]);
  const hi = maxFinite(...all);
  const lo = minFinite(...all);
  return {
    type: 'bar',
    data: { labels: spec.categories.map((c) => (typeof c === 'string' ? c : [...c])), datasets },
    options: {
      ...baseOptions(),
      interaction: { mode: 'index', intersect: false },
      plugins: {
        ...titleBlock(spec.title, note),
        legend: legendBlock(spec.series.length),
      },
      scales: {
        x: {
          type: 'category',
          title: axisTitle(spec.xTitle ?? ''),
          ticks: { padding: 6 },
          ...gridOff(),
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          // 5% headroom so the longest bar or whisker does not touch the plot's edge.
          grace: '5%',
          ...(hi === undefined ? {} : { suggestedMax: hi }),
          ...(lo === undefined || lo >= 0 ? {} : { suggestedMin: lo }),
          title: axisTitle(spec.yTitle),
          ticks: { ...valueTicks(spec.yPercent === true), padding: 6 },
          ...gridOn(),
        },
      },
    },
  };
}
