/**
 * The explorer's charts as chart.js configurations, built by the same builders, with the same
 * titles, names, colours and units, as the PNG charts of `povsim run` and `povsim compare`.
 */
import { groupedBarChart, type GroupedBarChartConfiguration } from '../output/charts/grouped-bar.js';
import { incidenceChart, type IncidenceChartConfiguration } from '../output/charts/incidence.js';
import { lineBandChart, type LineBandChartConfiguration } from '../output/charts/line-band.js';
import { radarChart, type RadarChartConfiguration } from '../output/charts/radar.js';
import { stackedSourceChart, type StackedSourceChartConfiguration } from '../output/charts/stacked-source.js';
import type { SourceBreakdown } from '../output/charts/types.js';
import { SOURCES, type Source, type SourceAccount } from '../model/ledger.js';
import type { Metrics } from '../model/observe.js';
import type { MetricComparison } from '../experiments/paired.js';
import {
  breakdownOf, DIFFERENCE_METRICS, differencesChart, governanceProfile, TARGETING_CATEGORIES, TARGETING_TITLE,
} from '../output/report/figure-parts.js';
import { SOURCE_LABELS } from '../output/report/labels.js';
import { differenceDecimals, formatDifference, formatMetric, metricInfo } from '../output/report/metrics.js';

const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
import { MONTHLY_METRICS, type MonthlyMetric } from './session.js';

/** Legend names of the monthly lines. */
export const MONTHLY_LABELS: Readonly<Record<MonthlyMetric, string>> = {
  headcount: 'Headcount: persons below the poverty line',
  inclusionErrorRegistered: 'Inclusion error: non-poor share of the register',
  exclusionError: 'Exclusion error: poor not registered, share of the poor',
  leakage: 'Leakage: targeted yuan to the non-poor, share',
};

/** Monthly values received so far: month numbers and one value list per metric. */
export interface MonthlySeries {
  readonly months: number[];
  readonly values: Record<MonthlyMetric, (number | null)[]>;
}

/** The monthly time series of a run so far (undefined values left out of each line). */
export function monthlyChart(series: MonthlySeries, note: string): LineBandChartConfiguration {
  return lineBandChart({
    title: 'Poverty and targeting by month',
    xTitle: 'Month of the run',
    yTitle: 'Share (%)',
    yPercent: true,
    note,
    series: MONTHLY_METRICS.map((metric) => {
      const x: number[] = [];
      const y: number[] = [];
      series.values[metric].forEach((v, k) => {
        if (v !== null) {
          x.push(series.months[k]!);
          y.push(v);
        }
      });
      return { label: MONTHLY_LABELS[metric], x, y };
    }),
  });
}

/** Targeting errors at the end of a run, as in the run's targeting-errors.png. */
export function targetingChart(name: string, metrics: Metrics, note: string): GroupedBarChartConfiguration {
  return groupedBarChart({
    title: TARGETING_TITLE,
    yTitle: 'Share (%)',
    yPercent: true,
    note,
    categories: TARGETING_CATEGORIES.map((c) => c.label),
    series: [{ label: name, values: TARGETING_CATEGORIES.map((c) => metrics[c.metric]) }],
  });
}

/** Who gets the money, as the run's incidence.png; null when nothing was paid. */
export function incidenceFigure(name: string, metrics: Metrics, note: string): IncidenceChartConfiguration | null {
  if (metrics.incidenceByDecile === null) return null;
  return incidenceChart({ note, series: [{ label: name, shares: metrics.incidenceByDecile }] });
}

/** Where the money went by source, as the run's money-by-source.png. */
export function moneyChart(name: string, ledger: Readonly<Record<Source, SourceAccount>>, note: string): StackedSourceChartConfiguration {
  const breakdown = {} as Record<string, SourceBreakdown>;
  for (const s of SOURCES) breakdown[SOURCE_LABELS[s]] = breakdownOf(ledger[s]);
  return stackedSourceChart({ note: `${note}; budgets over the whole run`, scale: 'share', sources: SOURCES.map((s) => SOURCE_LABELS[s]), scenarios: [{ label: name, breakdown }] });
}

/** The governance radar, as the run's governance.png. */
export function governanceChart(name: string, metrics: Metrics, note: string): RadarChartConfiguration {
  return radarChart({ note, scenarios: [governanceProfile(name, metrics.governance)] });
}

/** The paired differences from the reference, as the comparison's differences.png. */
export function comparisonChart(reference: string, current: string, table: Readonly<Record<string, MetricComparison>>, note: string): GroupedBarChartConfiguration {
  return differencesChart(reference, note, [{ name: current, metrics: table }]);
}

/** The metrics stated in words after a comparison: those of the differences chart. */
export const SENTENCE_METRICS: readonly string[] = DIFFERENCE_METRICS.map((d) => d.metric);

/**
 * A paired difference in words: "Leakage of targeted aid falls by 14.4 points (from 46.3% to
 * 31.9%), 95% CI 14.2 to 14.7 points"; with an interval that includes zero, a warning that the
 * change may be noise. Null when undefined.
 *
 * @example
 * differenceWords('leakage', reference, current); // => 'Leakage of targeted aid falls by 14.4 points (from 46.3% to 31.9%), 95% CI 14.2 to 14.7 points'
 */
export function differenceWords(metric: string, reference: MetricComparison, current: MetricComparison): string | null {
  const d = current.difference;
  if (d === null || d.mean === null || reference.mean === null || current.mean === null) return null;
  const label = sentenceCase(metricInfo(metric).label);
  // The decimals of `povsim compare` and the report: an interval end that is not zero never reads 0.
  const decimals = differenceDecimals(metric, d);
  const size = (v: number): string => formatDifference(metric, Math.abs(v), { plusSign: false, decimals });
  const end = (v: number): string => formatDifference(metric, v, { plusSign: false, unit: false, decimals, keepSign: true });
  const zero = formatDifference(metric, d.mean, { decimals }) === formatDifference(metric, 0, { decimals });
  const verb = zero ? 'does not change' : d.mean < 0 ? `falls by ${size(d.mean)}` : `rises by ${size(d.mean)}`;
  const from = `(from ${formatMetric(metric, reference.mean)} to ${formatMetric(metric, current.mean)})`;
  if (d.ciLow === null || d.ciHigh === null) return `${label} ${verb} ${from}; one replicate pair gives no interval`;
  // The interval of the change in the direction the sentence names (a fall of 14.2 to 14.7 points).
  const [low, high] = d.mean < 0 ? [-d.ciHigh, -d.ciLow] : [d.ciLow, d.ciHigh];
  const unit = formatDifference(metric, 1).replace(/^[+-]?[\d.,]+/, '');
  const interval = `95% CI ${end(low)} to ${end(high)}${unit}`;
  const noise = d.ciLow <= 0 && d.ciHigh >= 0 ? ' (the interval includes zero: the change may be noise)' : '';
  return `${label} ${verb} ${from}, ${interval}${noise}`;
}
