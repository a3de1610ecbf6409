/**
 * Pure pieces of the run and comparison figures (categories, titles, profiles and the differences
 * chart), kept apart from the figure files so the browser explorer (src/explore) draws the same
 * charts with the same names, colours and units.
 */
// The chart builders one by one, not charts/index.js, which also loads the node-canvas renderer.
import { groupedBarChart, type GroupedBarChartConfiguration } from '../charts/grouped-bar.js';
import { CHART_THEME } from '../charts/theme.js';
import type { BarSeries, GovernanceProfile, SourceBreakdown } from '../charts/types.js';
import type { SourceAccount } from '../../model/ledger.js';
import { GOVERNANCE_DIMENSIONS, type Governance } from '../../model/observe.js';
import type { SeriesRow } from '../../results/summary.js';
import type { ComparisonScenario, MetricEstimate } from './comparison.js';

/** Targeting-error categories: metric name and the axis label, one line per array entry. */
export const TARGETING_CATEGORIES: readonly {
  readonly metric: 'inclusionErrorRegistered' | 'inclusionErrorNonPoor' | 'exclusionError' | 'leakage';
  readonly label: readonly string[];
}[] = [
  { metric: 'inclusionErrorRegistered', label: ['Inclusion error', 'non-poor registered', '/ registered'] },
  { metric: 'inclusionErrorNonPoor', label: ['Inclusion error', 'non-poor registered', '/ non-poor'] },
  { metric: 'exclusionError', label: ['Exclusion error', 'poor not registered', '/ poor'] },
  { metric: 'leakage', label: ['Leakage', 'targeted yuan to non-poor', '/ targeted yuan'] },
];

/** Title of the targeting-errors chart (run and comparison). */
export const TARGETING_TITLE = 'Targeting errors: the register (last 12 months) and targeted aid (whole run)';

/** Months and values of one metric of a long time series, months ascending, null values left out. */
export function metricSeries(rows: readonly SeriesRow[], metric: string): { x: number[]; y: number[] } {
  const points = rows
    .filter((r) => r.metric === metric && r.value !== null)
    .map((r) => [r.month, r.value as number] as const)
    .sort((a, b) => a[0] - b[0]);
  return { x: points.map((p) => p[0]), y: points.map((p) => p[1]) };
}

/** The five destinations of a source account (drops `budget`). */
export function breakdownOf(account: SourceAccount): SourceBreakdown {
  return {
    toPoor: account.toPoor,
    toNonPoor: account.toNonPoor,
    diverted: account.diverted,
    administration: account.administration,
    // The ledger's running sums can leave a few 1e-11 yuan of rounding in an empty pool.
    unspent: Math.max(0, account.unspent),
  };
}

/** Governance scores of a summary as a radar profile. */
export function governanceProfile(label: string, governance: Governance): GovernanceProfile {
  const scores = {} as Record<(typeof GOVERNANCE_DIMENSIONS)[number], number | null>;
  for (const d of GOVERNANCE_DIMENSIONS) scores[d] = governance[d];
  return { label, scores };
}

/**
 * Metrics of the differences chart, with their short two-line axis labels: the headline shares,
 * all in percentage points, all better when lower.
 */
export const DIFFERENCE_METRICS: readonly { readonly metric: string; readonly label: readonly string[] }[] = [
  { metric: 'headcount', label: ['Poverty', 'headcount'] },
  { metric: 'povertyGap', label: ['Poverty', 'gap'] },
  { metric: 'inclusionErrorRegistered', label: ['Inclusion error', 'of the register'] },
  { metric: 'inclusionErrorNonPoor', label: ['Inclusion error', 'of the non-poor'] },
  { metric: 'exclusionError', label: ['Exclusion', 'error'] },
  { metric: 'leakage', label: ['Leakage', 'targeted aid'] },
  { metric: 'diversion', label: ['Diversion'] },
];

/** A metric's estimate in a scenario, or an all-null one when the scenario lacks it. */
export function estimateOf(scenario: Pick<ComparisonScenario, 'metrics'>, metric: string): MetricEstimate {
  return scenario.metrics[metric] ?? { n: 0, mean: null, sd: null, ciLow: null, ciHigh: null, difference: null };
}

/**
 * The differences chart: for each scenario after the reference, the paired difference of every
 * DIFFERENCE_METRICS metric in percentage points with its 95% interval, and a line at zero.
 */
export function differencesChart(reference: string, identity: string, others: readonly Pick<ComparisonScenario, 'name' | 'metrics'>[]): GroupedBarChartConfiguration {
  const series: BarSeries[] = others.map((s, k) => {
    const d = DIFFERENCE_METRICS.map((c) => estimateOf(s, c.metric).difference);
    const points = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v * 100);
    return {
      label: s.name,
      colorIndex: k + 1,
      values: d.map((e) => points(e?.mean)),
      lower: d.map((e) => points(e?.ciLow)),
      upper: d.map((e) => points(e?.ciHigh)),
    };
  });
  const config = groupedBarChart({
    title: `Change from ${reference}: paired differences with 95% intervals`,
    yTitle: `Difference from ${reference} (percentage points)`,
    note: `${identity}; whiskers: 95% interval of the mean difference`,
    categories: DIFFERENCE_METRICS.map((c) => c.label),
    series,
  });
  // A solid line at zero ("no change") that bars above and below hang from; a legend even for
  // one scenario, as the reference has no bar to tell which scenario the bars are.
  config.options = {
    ...config.options,
    plugins: {
      ...config.options?.plugins,
      legend: { ...config.options?.plugins?.legend, display: true },
      povsimRefLines: { lines: [{ scaleId: 'y', value: 0, label: '', color: CHART_THEME.textColor, lineWidth: 1, dash: [] }] },
    },
  };
  return config;
}
