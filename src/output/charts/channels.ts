import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  axisTitle, baseOptions, checkNonEmpty, gridOff, gridOn, legendBlock, maxFinite, titleBlock,
} from './common.js';
import { compactYuan } from './stacked-source.js';
import { CHART_THEME, seriesColor } from './theme.js';
import type { ChannelChartSpec, RefLine } from './types.js';

/** Default title of {@link channelChart}. */
export const CHANNEL_TITLE = 'Which channels reach the poor';

/** Default value axis title of {@link channelChart}. */
export const CHANNEL_VALUE_TITLE = 'CGH index: aid share of the poorest 40% of persons / their share of persons (1 = neutral)';

/** The index value of a channel that reaches the poor no more and no less than everyone else. */
export const NEUTRAL_INDEX = 1;

/** Config type returned by {@link channelChart}. */
export type ChannelChartConfiguration = ChartConfiguration<'bar', (number | null)[], string | string[]>;

/**
 * Targeting index of each channel (e.g. the Coady-Grosh-Hoddinott indicator of each programme):
 * horizontal bars, one per channel, the most pro-poor at the top (sorted by value, descending; ties
 * keep the given order), each labelled with its name and, on a second line, the yuan it paid
 * ("2.3M yuan"). Bars are coloured by group (one dataset per group, in `groups` order, so the
 * legend names the groups; groups without a channel are left out but keep their colour), and a
 * dashed line at 1 marks a neutral channel, labelled at the bottom of the plot, where the least
 * pro-poor bars are shortest.
 * @throws RangeError when there is no group or channel, a channel's group is not in `groups`, its
 *   value is not finite, or its yuan are negative or not finite.
 * @example
 * channelChart({ groups: ['government'], channels: [
 *   { label: 'Transfers', group: 'government', value: 2.1, yuan: 1_200_000 },
 *   { label: 'Infrastructure', group: 'government', value: 0.9, yuan: 800_000 }] }).data.labels
 *   // [['Transfers', '1.2M yuan'], ['Infrastructure', '800K yuan']]
 */
export function channelChart(spec: ChannelChartSpec): ChannelChartConfiguration {
  checkNonEmpty('channelChart groups', spec.groups);
  checkNonEmpty('channelChart channels', spec.channels);
  for (const c of spec.channels) {
    if (!spec.groups.includes(c.group)) throw new RangeError(`channel "${c.label}": group "${c.group}" is not one of the groups`);
    if (!Number.isFinite(c.value)) throw new RangeError(`channel "${c.label}": expected a finite value, got ${c.value}`);
    if (!Number.isFinite(c.yuan) || c.yuan < 0) throw new RangeError(`channel "${c.label}": expected non-negative yuan, got ${c.yuan}`);
  }
  // Array.prototype.sort is stable: equal values keep the given order.
  const rows = [...spec.channels].sort((a, b) => b.value - a.value);
  const datasets: ChartDataset<'bar', (number | null)[]>[] = [];
  spec.groups.forEach((group, g) => {
    if (!rows.some((r) => r.group === group)) return;
    const color = seriesColor(g);
    datasets.push({
      label: group,
      data: rows.map((r) => (r.group === group ? r.value : null)),
      backgroundColor: color,
      borderColor: color,
      borderWidth: 0,
      categoryPercentage: 0.8,
      barPercentage: 0.9,
    });
  });
  const neutral: RefLine = {
    scaleId: 'x',
    value: NEUTRAL_INDEX,
    label: '1 = neutral',
    color: CHART_THEME.mutedTextColor,
    lineWidth: 1.5,
    dash: [6, 4],
    labelPosition: 'bottom',
  };
  const hi = maxFinite(rows.map((r) => r.value), [NEUTRAL_INDEX]);
  return {
    type: 'bar',
    data: { labels: rows.map((r) => [r.label, compactYuan(r.yuan)]), datasets },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      // One bar per row: the other groups' nulls take no room, so each bar is centred on its label.
      skipNull: true,
      interaction: { mode: 'nearest', axis: 'y', intersect: false },
      plugins: {
        ...titleBlock(spec.title ?? CHANNEL_TITLE, spec.note),
        legend: legendBlock(datasets.length),
        povsimRefLines: { lines: [neutral] },
      },
      scales: {
        x: {
          type: 'linear',
          beginAtZero: true,
          // Room to the right of the longest bar, and the neutral line always in view.
          suggestedMax: hi ?? NEUTRAL_INDEX,
          grace: '5%',
          title: axisTitle(spec.valueTitle ?? CHANNEL_VALUE_TITLE),
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
