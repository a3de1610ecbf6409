import type { ChartConfiguration } from 'chart.js';
import {
  axisTitle, baseOptions, checkNonEmpty, checkPair, gridOff, gridOn, legendBlock, maxFinite,
  minFinite, titleBlock,
} from './common.js';
import { barDataset, WHISKER_NOTE } from './grouped-bar.js';
import type { BarSeries, SensitivityChartSpec } from './types.js';

/** Config type returned by {@link sensitivityChart}. */
export type SensitivityChartConfiguration = ChartConfiguration<'bar', (number | null)[], string>;

/** One parameter row before sorting: name, sort key, and the two series' values and intervals. */
interface Row {
  name: string;
  key: number;
  a: number;
  aLower: number | null;
  aUpper: number | null;
  b: number;
  bLower: number | null;
  bUpper: number | null;
}

/**
 * Sensitivity of one output to the model parameters: horizontal bars, one group per parameter,
 * most influential at the top (sorted descending, ties by name).
 * - Sobol: first-order index S1 and total-order index ST (share of the output's variance; sorted
 *   by ST), each with its 95% interval as whiskers when given.
 * - Morris: mu* (mean absolute elementary effect; sorted by mu*, whiskers when given) and sigma
 *   (spread of the elementary effects: large sigma = interactions or non-linearity), in the
 *   output's units.
 * @throws RangeError when there is no parameter or an interval has only one end.
 * @example
 * sensitivityChart({ method: 'morris', outputName: 'headcount', outputUnit: 'percentage points',
 *   parameters: [{ name: 'quota', muStar: 1, sigma: 0.5 }, { name: 'auditRate', muStar: 3, sigma: 1 }] })
 *   .data.labels // ['auditRate', 'quota']
 */
export function sensitivityChart(spec: SensitivityChartSpec): SensitivityChartConfiguration {
  checkNonEmpty('sensitivityChart parameters', spec.parameters);
  let rows: Row[];
  let names: [string, string];
  let valueTitle: string;
  let title: string;
  if (spec.method === 'sobol') {
    rows = spec.parameters.map((p) => {
      checkPair(`parameter "${p.name}" S1 interval`, p.firstOrderLower, p.firstOrderUpper);
      checkPair(`parameter "${p.name}" ST interval`, p.totalLower, p.totalUpper);
      return {
        name: p.name,
        key: p.total,
        a: p.firstOrder,
        aLower: p.firstOrderLower ?? null,
        aUpper: p.firstOrderUpper ?? null,
        b: p.total,
        bLower: p.totalLower ?? null,
        bUpper: p.totalUpper ?? null,
      };
    });
    names = ['First-order index S1', 'Total-order index ST'];
    valueTitle = `Sobol index (share of the variance of ${spec.outputName})`;
    title = spec.title ?? `Which parameters drive ${spec.outputName}: Sobol indices`;
  } else {
    rows = spec.parameters.map((p) => {
      checkPair(`parameter "${p.name}" mu* interval`, p.muStarLower, p.muStarUpper);
      return {
        name: p.name,
        key: p.muStar,
        a: p.muStar,
        aLower: p.muStarLower ?? null,
        aUpper: p.muStarUpper ?? null,
        b: p.sigma,
        bLower: null,
        bUpper: null,
      };
    });
    names = ['\u03bc* (mean absolute elementary effect)', '\u03c3 (spread of elementary effects)'];
    valueTitle = `Effect on ${spec.outputName} (${spec.outputUnit})`;
    title = spec.title ?? `Which parameters drive ${spec.outputName}: Morris screening`;
  }
  rows.sort((r, s) => s.key - r.key || (r.name < s.name ? -1 : r.name > s.name ? 1 : 0));
  const withInterval = (lower: (number | null)[], upper: (number | null)[]) =>
    lower.some((v) => v !== null) ? { lower, upper } : {};
  const series: BarSeries[] = [
    { label: names[0], values: rows.map((r) => r.a), ...withInterval(rows.map((r) => r.aLower), rows.map((r) => r.aUpper)) },
    { label: names[1], values: rows.map((r) => r.b), ...withInterval(rows.map((r) => r.bLower), rows.map((r) => r.bUpper)) },
  ];
  const datasets = series.map((s, i) => barDataset(s, i, rows.length));
  const hasWhiskers = series.some((s) => s.lower !== undefined);
  const all = series.flatMap((s) => [s.values, s.lower ?? [], s.upper ?? []]);
  const hi = maxFinite(...all);
  const lo = minFinite(...all);
  return {
    type: 'bar',
    data: { labels: rows.map((r) => r.name), datasets },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      interaction: { mode: 'index', axis: 'y', intersect: false },
      plugins: {
        ...titleBlock(title, spec.note ?? (hasWhiskers ? WHISKER_NOTE : undefined)),
        legend: legendBlock(series.length),
      },
      scales: {
        x: {
          type: 'linear',
          beginAtZero: true,
          // 5% headroom so the longest bar or whisker does not touch the plot's edge.
          grace: '5%',
          ...(hi === undefined ? {} : { suggestedMax: hi }),
          ...(lo === undefined || lo >= 0 ? {} : { suggestedMin: lo }),
          title: axisTitle(valueTitle),
          ticks: { padding: 6 },
          ...gridOn(),
        },
        y: {
          type: 'category',
          ticks: { padding: 6 },
          ...gridOff(),
        },
      },
    },
  };
}
