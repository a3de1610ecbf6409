import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { baseOptions, checkNonEmpty, legendBlock, titleBlock } from './common.js';
import { CHART_THEME, seriesColor, seriesDash, withAlpha } from './theme.js';
import type { GovernanceDimension, RadarChartSpec } from './types.js';

/** The eight governance dimensions in drawing order (clockwise from the top), with axis labels. */
export const GOVERNANCE_DIMENSIONS: readonly { readonly key: GovernanceDimension; readonly label: string }[] = [
  { key: 'ruleOfLaw', label: 'Rule of law' },
  { key: 'fairness', label: 'Fairness' },
  { key: 'transparency', label: 'Transparency' },
  { key: 'responsiveness', label: 'Responsiveness' },
  { key: 'participation', label: 'Participation' },
  { key: 'effectiveness', label: 'Effectiveness' },
  { key: 'accountability', label: 'Accountability' },
  { key: 'integrity', label: 'Integrity' },
];

/** Default title of {@link radarChart}. */
export const RADAR_TITLE = 'Governance profile: eight dimensions (0 = worst, 1 = best)';

/** Config type returned by {@link radarChart}. */
export type RadarChartConfiguration = ChartConfiguration<'radar', (number | null)[], string>;

/**
 * Governance radar: the eight dimensions as spokes on a common 0-1 scale, one translucent polygon
 * per scenario. Radar areas exaggerate differences, so the spokes share one fixed scale [0, 1].
 * A `null` score (dimension undefined in that run) leaves a gap in the polygon's outline.
 * @throws RangeError when there is no scenario or a score is neither null nor a number in [0, 1].
 * @example
 * const s = { ruleOfLaw: 0.5, fairness: 0.6, transparency: 0.4, responsiveness: 0.7,
 *   participation: 0.3, effectiveness: 0.8, accountability: 0.5, integrity: 0.9 };
 * radarChart({ scenarios: [{ label: 'baseline', scores: s }] }).data.datasets[0]?.data
 *   // [0.5, 0.6, 0.4, 0.7, 0.3, 0.8, 0.5, 0.9]
 */
export function radarChart(spec: RadarChartSpec): RadarChartConfiguration {
  checkNonEmpty('radarChart scenarios', spec.scenarios);
  const datasets: ChartDataset<'radar', (number | null)[]>[] = spec.scenarios.map((scenario, i) => {
    const color = seriesColor(i);
    return {
      label: scenario.label,
      data: GOVERNANCE_DIMENSIONS.map(({ key }) => {
        const v = scenario.scores[key];
        if (v === null) return null;
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
          throw new RangeError(`scenario "${scenario.label}" ${key}: expected a score in [0, 1], got ${String(v)}`);
        }
        return v;
      }),
      borderColor: color,
      backgroundColor: withAlpha(color, 0.12),
      pointBackgroundColor: color,
      borderWidth: 2.5,
      borderDash: seriesDash(i),
      pointRadius: 3,
      pointHoverRadius: 5,
      fill: true,
      spanGaps: false,
    };
  });
  return {
    type: 'radar',
    data: { labels: GOVERNANCE_DIMENSIONS.map((d) => d.label), datasets },
    options: {
      ...baseOptions(),
      plugins: {
        ...titleBlock(spec.title ?? RADAR_TITLE, spec.note),
        legend: legendBlock(spec.scenarios.length, 'line'),
      },
      scales: {
        r: {
          type: 'radialLinear',
          min: 0,
          max: 1,
          ticks: {
            stepSize: 0.2,
            color: CHART_THEME.mutedTextColor,
            backdropColor: 'rgba(255, 255, 255, 0.8)',
            font: { size: CHART_THEME.fontSize - 2 },
          },
          pointLabels: { color: CHART_THEME.textColor, font: { size: CHART_THEME.fontSize } },
          grid: { color: CHART_THEME.gridColor },
          angleLines: { color: CHART_THEME.gridColor },
        },
      },
    },
  };
}
