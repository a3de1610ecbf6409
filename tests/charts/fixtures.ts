/**
 * Small fixed chart specs, one per chart type, shared by the chart tests. Numbers are made up
 * but plausible (shares in [0, 1], yuan amounts), deterministic (no randomness).
 */
import {
  channelChart, groupedBarChart, heatmapChart, incidenceChart, lineBandChart, radarChart, scatterChart, sensitivityChart, stackedSourceChart,
  type ChannelChartSpec, type GroupedBarChartSpec, type HeatmapChartSpec, type IncidenceChartSpec, type LineBandChartSpec,
  type MorrisSensitivitySpec, type RadarChartSpec, type RenderableChartConfiguration, type ScatterChartSpec, type SobolSensitivitySpec,
  type StackedSourceChartSpec,
} from '../../src/output/charts/index.js';

const months = Array.from({ length: 36 }, (_, i) => i + 1);
/** Smooth decline from `start` to a floor of 0.05, rate per month `rate`. */
const decline = (start: number, rate: number): number[] =>
  months.map((m) => Math.round((start * Math.exp(-rate * m) + 0.05) * 1e4) / 1e4);
const baseline = decline(0.3, 0.03);
const monitoring = decline(0.3, 0.06);
const audit = decline(0.32, 0.045);

export const lineSpec: LineBandChartSpec = {
  title: 'Poverty headcount by month',
  xTitle: 'Month',
  yTitle: 'Share of households below the poverty line (%)',
  yPercent: true,
  series: [
    { label: 'baseline', x: months, y: baseline, lower: baseline.map((v) => v - 0.02), upper: baseline.map((v) => v + 0.02) },
    { label: 'dynamic monitoring', x: months, y: monitoring, lower: monitoring.map((v) => v - 0.015), upper: monitoring.map((v) => v + 0.025) },
    { label: 'village audit', x: months, y: audit },
  ],
};

export const barSpec: GroupedBarChartSpec = {
  title: 'Targeting errors by scenario',
  yTitle: 'Share (%)',
  yPercent: true,
  categories: ['Inclusion error', 'Exclusion error', 'Leakage'],
  series: [
    { label: 'baseline', values: [0.22, 0.35, 0.18], lower: [0.19, 0.31, 0.15], upper: [0.25, 0.39, 0.21] },
    { label: 'dynamic monitoring', values: [0.15, 0.28, 0.12], lower: [0.13, 0.25, 0.1], upper: [0.17, 0.31, 0.14] },
    { label: 'village audit', values: [0.12, 0.33, null], lower: [0.1, 0.3, null], upper: [0.14, 0.36, null] },
  ],
};

export const incidenceSpec: IncidenceChartSpec = {
  series: [
    { label: 'baseline', shares: [0.18, 0.15, 0.12, 0.1, 0.09, 0.09, 0.08, 0.07, 0.06, 0.06] },
    { label: 'dynamic monitoring', shares: [0.3, 0.22, 0.14, 0.09, 0.07, 0.06, 0.05, 0.03, 0.02, 0.02] },
  ],
};

const gov = { toPoor: 1_200_000, toNonPoor: 450_000, diverted: 120_000, administration: 180_000, unspent: 50_000 };
export const stackedSpec: StackedSourceChartSpec = {
  sources: ['government', 'enterprises', 'social organisations', 'collective'],
  scenarios: [
    {
      label: 'baseline',
      breakdown: {
        government: gov,
        enterprises: { toPoor: 300_000, toNonPoor: 200_000, diverted: 30_000, administration: 40_000, unspent: 10_000 },
        'social organisations': { toPoor: 150_000, toNonPoor: 40_000, diverted: 5_000, administration: 25_000, unspent: 0 },
        collective: { toPoor: 80_000, toNonPoor: 60_000, diverted: 20_000, administration: 10_000, unspent: 30_000 },
      },
    },
    {
      label: 'village audit',
      breakdown: {
        government: { toPoor: 1_500_000, toNonPoor: 250_000, diverted: 30_000, administration: 200_000, unspent: 20_000 },
        enterprises: { toPoor: 380_000, toNonPoor: 150_000, diverted: 10_000, administration: 40_000, unspent: 0 },
        'social organisations': { toPoor: 170_000, toNonPoor: 30_000, diverted: 0, administration: 20_000, unspent: 0 },
        collective: { toPoor: 120_000, toNonPoor: 40_000, diverted: 5_000, administration: 10_000, unspent: 25_000 },
      },
    },
  ],
};

/**
 * Five channels of three of four groups: sorted by value they read enterprise dividends (2.4),
 * transfers and medical subsidy (tied at 1.8, in the given order), infrastructure (0.95),
 * collective public goods (0.7); no social-organisation channel.
 */
export const channelSpec: ChannelChartSpec = {
  groups: ['government', 'enterprises', 'social organisations', 'collective'],
  channels: [
    { label: 'Transfers', group: 'government', value: 1.8, yuan: 2_300_000 },
    { label: 'Infrastructure', group: 'government', value: 0.95, yuan: 1_250_000 },
    { label: 'Enterprise dividends', group: 'enterprises', value: 2.4, yuan: 480_000 },
    { label: 'Medical subsidy', group: 'government', value: 1.8, yuan: 310_000 },
    { label: 'Collective public goods', group: 'collective', value: 0.7, yuan: 90_000 },
  ],
};

export const radarSpec: RadarChartSpec = {
  scenarios: [
    { label: 'baseline', scores: { ruleOfLaw: 0.55, fairness: 0.48, transparency: 0.35, responsiveness: 0.6, participation: 0.3, effectiveness: 0.62, accountability: 0.4, integrity: 0.5 } },
    { label: 'village audit', scores: { ruleOfLaw: 0.7, fairness: 0.62, transparency: 0.75, responsiveness: 0.58, participation: 0.55, effectiveness: 0.66, accountability: 0.8, integrity: 0.78 } },
  ],
};

export const heatmapSpec: HeatmapChartSpec = {
  title: 'Poverty headcount at month 36 over audit rate and quota',
  xTitle: 'Audit rate (share of villages per year)',
  yTitle: 'Quota (households per village)',
  valueTitle: 'Poverty headcount (%)',
  percent: true,
  xValues: [0, 0.05, 0.1, 0.2, 0.3, 0.5],
  yValues: [10, 20, 40, 80],
  // values[y][x]: falls with both parameters; one missing cell.
  values: [10, 20, 40, 80].map((q, yi) =>
    [0, 0.05, 0.1, 0.2, 0.3, 0.5].map((a, xi) =>
      yi === 3 && xi === 0 ? null : Math.round((0.32 - 0.25 * a - 0.0012 * q) * 1000) / 1000,
    ),
  ),
};

export const sobolSpec: SobolSensitivitySpec = {
  method: 'sobol',
  outputName: 'poverty headcount at month 36',
  parameters: [
    { name: 'quota', firstOrder: 0.21, firstOrderLower: 0.16, firstOrderUpper: 0.26, total: 0.3, totalLower: 0.25, totalUpper: 0.36 },
    { name: 'auditRate', firstOrder: 0.35, firstOrderLower: 0.29, firstOrderUpper: 0.41, total: 0.48, totalLower: 0.42, totalUpper: 0.55 },
    { name: 'eliteCapture', firstOrder: 0.08, firstOrderLower: 0.03, firstOrderUpper: 0.13, total: 0.17, totalLower: 0.12, totalUpper: 0.22 },
    { name: 'reportingLag', firstOrder: 0.01, firstOrderLower: -0.02, firstOrderUpper: 0.04, total: 0.03, totalLower: 0.01, totalUpper: 0.05 },
  ],
};

export const morrisSpec: MorrisSensitivitySpec = {
  method: 'morris',
  outputName: 'poverty headcount at month 36',
  outputUnit: 'percentage points',
  parameters: [
    { name: 'quota', muStar: 2.1, sigma: 0.8 },
    { name: 'auditRate', muStar: 4.5, sigma: 2.9 },
    { name: 'eliteCapture', muStar: 1.2, sigma: 1.4 },
    { name: 'reportingLag', muStar: 0.2, sigma: 0.1 },
  ],
};

/** Leakage falling with the audit rate, with spread: 60 dots in a scrambled order. */
const auditRates = Array.from({ length: 60 }, (_, i) => ((i * 37) % 60) / 60);
export const scatterSpec: ScatterChartSpec = {
  title: 'Leakage against supervision.auditRate',
  xTitle: 'supervision.auditRate (share of registered households per year)',
  yTitle: 'Leakage of targeted aid (%)',
  x: auditRates,
  y: auditRates.map((a, i) => Math.round((0.5 - 0.3 * a + 0.04 * Math.sin(i)) * 1e4) / 1e4),
  yPercent: true,
  note: 'Sweep "test": 60 points, each one run',
};

/** One chart of each type (both sensitivity methods) built from the specs above, by name. */
export const chartBuilds: Record<string, () => RenderableChartConfiguration> = {
  'line-band': () => lineBandChart(lineSpec),
  'grouped-bar': () => groupedBarChart(barSpec),
  incidence: () => incidenceChart(incidenceSpec),
  'stacked-source': () => stackedSourceChart(stackedSpec),
  channels: () => channelChart(channelSpec),
  radar: () => radarChart(radarSpec),
  heatmap: () => heatmapChart(heatmapSpec),
  'sensitivity-sobol': () => sensitivityChart(sobolSpec),
  'sensitivity-morris': () => sensitivityChart(morrisSpec),
  scatter: () => scatterChart(scatterSpec),
};
