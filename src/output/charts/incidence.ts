import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  axisTitle, baseOptions, checkLength, checkNonEmpty, gridOff, gridOn, legendBlock, maxFinite,
  titleBlock, valueTicks,
} from './common.js';
import { barDataset, WHISKER_NOTE } from './grouped-bar.js';
import { CHART_THEME, seriesColor } from './theme.js';
import type { IncidenceChartSpec, RefLine } from './types.js';

/** Number of income groups: tenths (deciles) of persons. */
export const DECILE_COUNT = 10;

/** Default title of {@link incidenceChart}. */
export const INCIDENCE_TITLE = 'Who gets the money: share of all assistance by tenth of persons';

/** Share each tenth would get if assistance were spread equally over persons (1/10). */
export const EQUAL_DECILE_SHARE = 1 / DECILE_COUNT;

/**
 * Tenth (decile) axis labels, poorest first: "1" over "(poorest)", "2", ..., "10" over "(richest)" (a
 * label given as an array is drawn on several lines, so nothing needs rotating).
 */
export const DECILE_LABELS: readonly (string | string[])[] = Array.from({ length: DECILE_COUNT }, (_, i) =>
  i === 0 ? ['1', '(poorest)'] : i === DECILE_COUNT - 1 ? [String(DECILE_COUNT), '(richest)'] : String(i + 1),
);

/** A fresh copy of {@link DECILE_LABELS} for one config. */
function decileLabels(): (string | string[])[] {
  return DECILE_LABELS.map((l) => (typeof l === 'string' ? l : [...l]));
}

/** Marker shapes for the lines style, so series differ by shape as well as colour. */
const MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross'] as const;

/** Config type returned by {@link incidenceChart} (bars, or lines with `style: 'lines'`). */
export type IncidenceChartConfiguration =
  | ChartConfiguration<'bar', (number | null)[], string | string[]>
  | ChartConfiguration<'line', (number | null)[], string | string[]>;

/**
 * Benefit incidence: the share of all assistance received by each tenth of persons, ranked by true
 * per-capita income before the programme (1 = poorest), one series per scenario, as grouped bars (default) or lines with markers, with a
 * dashed reference line at 10% ("equal shares", drawn by the `povsimRefLines` plugin). Shares are
 * fractions shown as percentages. A pro-poor programme has bars falling from left to right.
 * With bars, a series' `lower`/`upper` become 95% interval whiskers (lines ignore them).
 * @throws RangeError when there is no series or a series does not have exactly 10 shares.
 * @example
 * incidenceChart({ series: [{ label: 'baseline', shares: [0.3, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.04, 0.03, 0.03] }] })
 *   .options?.plugins?.povsimRefLines?.lines[0]?.value // 0.1
 */
export function incidenceChart(spec: IncidenceChartSpec): IncidenceChartConfiguration {
  checkNonEmpty('incidenceChart series', spec.series);
  for (const s of spec.series) checkLength(`series "${s.label}" shares`, s.shares, DECILE_COUNT);
  const hasWhiskers = spec.style !== 'lines' && spec.series.some((s) => s.lower !== undefined);
  const refLine: RefLine = {
    scaleId: 'y',
    value: EQUAL_DECILE_SHARE,
    label: 'Equal shares (10% per tenth of persons)',
    color: CHART_THEME.mutedTextColor,
    lineWidth: 1.5,
    dash: [6, 4],
  };
  const hi = maxFinite(
    ...spec.series.map((s) => s.shares),
    ...(hasWhiskers ? spec.series.map((s) => s.upper ?? []) : []),
    [EQUAL_DECILE_SHARE],
  );
  const common = {
    ...baseOptions(),
    interaction: { mode: 'index' as const, intersect: false },
    plugins: {
      ...titleBlock(spec.title ?? INCIDENCE_TITLE, spec.note ?? (hasWhiskers ? WHISKER_NOTE : undefined)),
      legend: legendBlock(spec.series.length, spec.style === 'lines' ? 'marker' : 'box'),
      povsimRefLines: { lines: [refLine] },
    },
    scales: {
      x: {
        type: 'category' as const,
        title: axisTitle('Tenth of persons by true per-capita income before the programme'),
        ticks: { padding: 6 },
        ...gridOff(),
      },
      y: {
        type: 'linear' as const,
        beginAtZero: true,
        // Room above the tallest bar for the reference line's label.
        suggestedMax: hi ?? EQUAL_DECILE_SHARE,
        grace: '5%',
        title: axisTitle('Share of all assistance (%)'),
        ticks: { ...valueTicks(true), padding: 6 },
        ...gridOn(),
      },
    },
  };
  if (spec.style === 'lines') {
    const datasets: ChartDataset<'line', (number | null)[]>[] = spec.series.map((s, i) => {
      const color = seriesColor(s.colorIndex ?? i);
      return {
        label: s.label,
        data: [...s.shares],
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2.5,
        pointStyle: MARKERS[i % MARKERS.length] as (typeof MARKERS)[number],
        pointRadius: 5,
        pointHoverRadius: 7,
        tension: 0,
        fill: false,
      };
    });
    return { type: 'line', data: { labels: decileLabels(), datasets }, options: common };
  }
  const datasets = spec.series.map((s, i) =>
    barDataset(
      {
        label: s.label,
        values: s.shares,
        ...(s.lower === undefined ? {} : { lower: s.lower }),
        ...(s.upper === undefined ? {} : { upper: s.upper }),
        ...(s.colorIndex === undefined ? {} : { colorIndex: s.colorIndex }),
      },
      i,
      DECILE_COUNT,
    ),
  );
  return { type: 'bar', data: { labels: decileLabels(), datasets }, options: common };
}
