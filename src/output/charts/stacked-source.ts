import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  axisTitle, baseOptions, checkNonEmpty, gridOff, gridOn, legendBlock, titleBlock,
} from './common.js';
import { COMPACT_TICK_FORMAT, OKABE_ITO, PERCENT_TICK_FORMAT } from './theme.js';
import type { MoneyDestination, StackedSourceChartSpec } from './types.js';

/** Default title of {@link stackedSourceChart}. */
export const STACKED_SOURCE_TITLE = 'Where the money went, by source of funds';

/**
 * The five destinations in stacking order (left to right), with legend label and colour: money
 * that reached the poor first (green), then leakage to the non-poor (orange), diversion
 * (vermillion), administration (blue) and money left unspent (grey).
 */
export const MONEY_DESTINATIONS: readonly {
  readonly key: MoneyDestination;
  readonly label: string;
  readonly color: string;
}[] = [
  { key: 'toPoor', label: 'To poor households', color: OKABE_ITO.bluishGreen },
  { key: 'toNonPoor', label: 'To non-poor households', color: OKABE_ITO.orange },
  { key: 'diverted', label: 'Diverted', color: OKABE_ITO.vermillion },
  { key: 'administration', label: 'Administration', color: OKABE_ITO.skyBlue },
  { key: 'unspent', label: 'Unspent', color: '#BBBBBB' },
];

/** Config type returned by {@link stackedSourceChart}. */
export type StackedSourceChartConfiguration = ChartConfiguration<'bar', number[], string | string[]>;

/**
 * Yuan in compact notation for a bar label, e.g. 22 500 000 -> "22.5M yuan".
 * @example compactYuan(1350000) // '1.4M yuan'
 */
export function compactYuan(value: number): string {
  return `${new Intl.NumberFormat('en-US', COMPACT_TICK_FORMAT).format(value)} yuan`;
}

/**
 * Where each source's money went: horizontal stacked bars, one bar per source (government,
 * enterprises, ...) and scenario, split into to-poor / to-non-poor / diverted / administration /
 * unspent (yuan). With one scenario the bars are labelled by source; with several, "scenario -
 * source", ordered scenario-major (default) or source-major (`groupBy: 'source'`, which puts the
 * scenarios of one source next to each other). Amounts are shown in compact notation (1.3M).
 * With `scale: 'share'` every bar is split into fractions of its own total (shown as percentages,
 * each bar 100% long; a bar whose total is 0 is empty) and its label gains a second line with
 * the total ("22.5M yuan").
 * @throws RangeError when there is no source or scenario, a scenario lacks a source, or an amount is negative or not finite.
 * @example
 * const b = { toPoor: 60, toNonPoor: 20, diverted: 5, administration: 10, unspent: 5 };
 * stackedSourceChart({ sources: ['government'], scenarios: [{ label: 'baseline', breakdown: { government: b } }] })
 *   .data.datasets.map((d) => d.data[0]) // [60, 20, 5, 10, 5]
 */
export function stackedSourceChart(spec: StackedSourceChartSpec): StackedSourceChartConfiguration {
  checkNonEmpty('stackedSourceChart sources', spec.sources);
  checkNonEmpty('stackedSourceChart scenarios', spec.scenarios);
  const several = spec.scenarios.length > 1;
  const bars: { label: string; scenario: number; source: string }[] = [];
  const pairs =
    spec.groupBy === 'source'
      ? spec.sources.flatMap((source) => spec.scenarios.map((_, scenario) => ({ scenario, source })))
      : spec.scenarios.flatMap((_, scenario) => spec.sources.map((source) => ({ scenario, source })));
  for (const { scenario, source } of pairs) {
    const label = several ? `${spec.scenarios[scenario]?.label ?? ''} \u2013 ${source}` : source;
    bars.push({ label, scenario, source });
  }
  const amounts = bars.map((bar) => {
    const scenario = spec.scenarios[bar.scenario];
    const breakdown = scenario?.breakdown[bar.source];
    if (scenario === undefined || breakdown === undefined) {
      throw new RangeError(`scenario "${scenario?.label ?? '?'}" has no breakdown for source "${bar.source}"`);
    }
    return MONEY_DESTINATIONS.map((d) => {
      const yuan = breakdown[d.key];
      if (!Number.isFinite(yuan) || yuan < 0) {
        throw new RangeError(`${scenario.label} / ${bar.source} / ${d.key}: expected a non-negative amount, got ${yuan}`);
      }
      return yuan;
    });
  });
  const share = spec.scale === 'share';
  const totals = amounts.map((row) => row.reduce((a, b) => a + b, 0));
  const datasets: ChartDataset<'bar', number[]>[] = MONEY_DESTINATIONS.map((d, k) => ({
    label: d.label,
    data: amounts.map((row, b) => {
      const yuan = row[k] as number;
      const total = totals[b] as number;
      return share ? (total > 0 ? yuan / total : 0) : yuan;
    }),
    backgroundColor: d.color,
    borderColor: '#ffffff',
    borderWidth: { left: 0, right: 1, top: 0, bottom: 0 },
    categoryPercentage: 0.8,
    barPercentage: 0.9,
  }));
  return {
    type: 'bar',
    data: {
      labels: bars.map((b, i) => (share ? [b.label, compactYuan(totals[i] as number)] : b.label)),
      datasets,
    },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      interaction: { mode: 'index', axis: 'y', intersect: false },
      plugins: {
        ...titleBlock(spec.title ?? STACKED_SOURCE_TITLE, spec.note),
        legend: legendBlock(MONEY_DESTINATIONS.length),
      },
      scales: {
        x: {
          type: 'linear',
          stacked: true,
          beginAtZero: true,
          ...(share ? { max: 1 } : {}),
          title: axisTitle(share ? 'Share of the source\u2019s budget (%)' : 'Amount (yuan)'),
          ticks: { format: share ? { ...PERCENT_TICK_FORMAT } : { ...COMPACT_TICK_FORMAT }, padding: 6 },
          ...gridOn(),
        },
        y: {
          type: 'category',
          stacked: true,
          ticks: { padding: 6 },
          ...gridOff(),
        },
      },
    },
  };
}
