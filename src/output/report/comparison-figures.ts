/**
 * The charts of a comparison, built from comparison.json and the comparison's timeseries.csv:
 * poverty headcount and gap over the months (one line per scenario, 95% band across replicates),
 * the paired differences from the reference scenario, targeting errors with interval whiskers,
 * incidence by tenth of persons, the CGH index of each source of money, money by source, and the
 * governance radar, one series per scenario.
 */
import {
  CHART_THEME, NEUTRAL_INDEX, groupedBarChart, incidenceChart, lineBandChart, radarChart, stackedSourceChart,
  type IncidenceSeries, type LineSeries, type SourceBreakdown,
} from '../charts/index.js';
import { SOURCES } from '../../model/ledger.js';
import type { Comparison, ComparisonSeriesRow } from './comparison.js';
import { chartFile, type Figure } from './figures.js';
import { DIFFERENCE_METRICS, differencesChart, estimateOf } from './figure-parts.js';
import { SOURCE_LABELS } from './labels.js';
import {
  breakdownOf, governanceProfile, TARGETING_CATEGORIES, TARGETING_TITLE, targetingCaption,
} from './run-figures.js';

/** Chart file names of a comparison, without folder and extension, in report order. */
export const COMPARISON_CHARTS = [
  'poverty-headcount', 'poverty-gap', 'differences', 'targeting-errors', 'incidence', 'channels', 'money-by-source', 'governance',
] as const;


export { DIFFERENCE_METRICS, estimateOf };

/** Categories of the comparison's channels chart: all assistance, then each source. */
export const CHANNEL_CATEGORIES: readonly { readonly metric: string; readonly label: string }[] = [
  { metric: 'cgh', label: 'All assistance' },
  ...SOURCES.map((s) => ({ metric: `cghBySource.${s}`, label: SOURCE_LABELS[s] })),
];

/** Scenarios drawn as grouped bars in the incidence chart; more are drawn as lines with markers. */
const MAX_INCIDENCE_BARS = 3;


/** One scenario's line (mean per month) with its 95% band, from the comparison's time series. */
export function scenarioLine(rows: readonly ComparisonSeriesRow[], scenario: string, metric: string): LineSeries {
  const points = rows
    .filter((r) => r.scenario === scenario && r.metric === metric && r.mean !== null)
    .sort((a, b) => a.month - b.month);
  const band = points.every((r) => r.ciLow !== null && r.ciHigh !== null) && points.length > 0;
  return {
    label: scenario,
    x: points.map((r) => r.month),
    y: points.map((r) => r.mean as number),
    ...(band ? { lower: points.map((r) => r.ciLow as number), upper: points.map((r) => r.ciHigh as number) } : {}),
  };
}

/** "3 scenarios, 20 replicates each on the same seeds": what a comparison chart shows, for its subtitle. */
export function comparisonIdentity(comparison: Comparison): string {
  const r = comparison.replicates;
  return `${r} replicate${r === 1 ? '' : 's'} per scenario on the same seeds (base seed ${comparison.baseSeed})`;
}

/**
 * The figures of a comparison, in report order: `charts/poverty-headcount.png`,
 * `charts/poverty-gap.png`, `charts/differences.png` (two or more scenarios),
 * `charts/targeting-errors.png`, `charts/incidence.png` (scenarios that paid assistance),
 * `charts/channels.png` (when some source paid assistance), `charts/money-by-source.png`,
 * `charts/governance.png`. Each scenario keeps its colour (its position in the comparison) in
 * every chart.
 */
export function comparisonFigures(comparison: Comparison, timeseries: readonly ComparisonSeriesRow[]): Figure[] {
  const scenarios = comparison.scenarios;
  const reference = scenarios[0]?.name ?? comparison.reference;
  const identity = comparisonIdentity(comparison);
  const bandNote = `${identity}; shaded bands: 95% interval of the mean`;
  const whiskerNote = `${identity}; whiskers: 95% interval of the mean`;
  const figures: Figure[] = [];

  for (const [metric, name, title, caption] of [
    ['headcount', 'poverty-headcount', 'Poverty headcount by month',
      'The share of persons whose income after assistance is below the poverty line, month by month: the mean over replicates for each scenario, with the 95% interval of that mean as a shaded band. Where two bands do not overlap, the scenarios clearly differ; the differences chart and the key results give the paired test.'],
    ['povertyGap', 'poverty-gap', 'Poverty gap by month',
      'The mean shortfall below the poverty line as a share of the line, averaged over all persons (FGT P1), month by month: it falls when the poor get closer to the line, even if they do not cross it. Bands: 95% interval of the mean over replicates.'],
  ] as const) {
    figures.push({
      file: chartFile(name),
      heading: title,
      caption,
      config: lineBandChart({
        title,
        xTitle: 'Month of the run',
        yTitle: metric === 'headcount' ? 'Share of persons below the line (%)' : 'Poverty gap (% of the line)',
        yPercent: true,
        note: bandNote,
        series: scenarios.map((s) => scenarioLine(timeseries, s.name, metric)),
      }),
    });
  }

  const others = scenarios.slice(1);
  if (others.length > 0) {
    const config = differencesChart(reference, identity, others);
    figures.push({
      file: chartFile('differences'),
      heading: `Change from ${reference}`,
      caption: `For each scenario, the mean over replicates of (scenario \u2212 ${reference}) on the same seeds, in percentage points, with its 95% interval. A bar below zero means the scenario lowers that measure; a whisker that crosses zero means the change could be noise. The measures: poverty headcount and gap; inclusion error as a share of the register and as a share of the non-poor, exclusion error (means of the last 12 month-ends); leakage of targeted aid and diversion (whole run). For all seven, lower is better.`,
      config,
    });
  }

  figures.push({
    file: chartFile('targeting-errors'),
    heading: 'Targeting errors',
    caption: targetingCaption('Bars: mean over replicates; whiskers: 95% interval of the mean. '),
    config: groupedBarChart({
      title: TARGETING_TITLE,
      yTitle: 'Share (%)',
      yPercent: true,
      note: whiskerNote,
      categories: TARGETING_CATEGORIES.map((c) => c.label),
      series: scenarios.map((s) => {
        const e = TARGETING_CATEGORIES.map((c) => estimateOf(s, c.metric));
        return { label: s.name, values: e.map((x) => x.mean), lower: e.map((x) => x.ciLow), upper: e.map((x) => x.ciHigh) };
      }),
    }),
  });

  const incidence: IncidenceSeries[] = [];
  scenarios.forEach((s, i) => {
    const shares = s.incidenceByDecile;
    if (shares === null || shares.length !== 10 || shares.some((v) => v === null)) return;
    const e = shares.map((_, d) => estimateOf(s, `incidenceByDecile.${d + 1}`));
    incidence.push({
      label: s.name,
      colorIndex: i,
      shares: shares as number[],
      lower: e.map((x) => x.ciLow),
      upper: e.map((x) => x.ciHigh),
    });
  });
  if (incidence.length > 0) {
    const lines = incidence.length > MAX_INCIDENCE_BARS;
    figures.push({
      file: chartFile('incidence'),
      heading: 'Who gets the money',
      caption: `Persons are ranked by their true per-capita income before the programme, just before month 0, and split into ten equal groups (tenths; 1 = the poorest tenth of persons). Each ${lines ? 'point' : 'bar'} is the share of all assistance over the run that went to that tenth (mean over replicates${lines ? '' : '; whiskers: 95% interval'}). Falling from left to right means aid reaches the poor; flat at the dashed 10% line means it is spread evenly; rising to the right means it reaches the better-off \u2013 "helping the rich, not the poor".`,
      config: incidenceChart({
        note: lines ? identity : whiskerNote,
        style: lines ? 'lines' : 'bars',
        series: incidence,
      }),
    });
  }

  const channels = scenarios.map((s, i) => {
    const e = CHANNEL_CATEGORIES.map((c) => estimateOf(s, c.metric));
    return { label: s.name, colorIndex: i, values: e.map((x) => x.mean), lower: e.map((x) => x.ciLow), upper: e.map((x) => x.ciHigh) };
  });
  if (channels.some((c) => c.values.some((v) => v !== null))) {
    const config = groupedBarChart({
      title: 'Which sources reach the poor: CGH index by source of funds',
      yTitle: 'CGH index of the poorest 40% of persons (1 = neutral)',
      note: whiskerNote,
      categories: CHANNEL_CATEGORIES.map((c) => c.label),
      series: channels,
    });
    // A dashed line at 1: a source whose bar reaches above it favours the poor. The index is never
    // negative, so the axis starts at 0 even when a short interval's lower end falls below it.
    config.options = {
      ...config.options,
      scales: { ...config.options?.scales, y: { ...config.options?.scales?.['y'], min: 0, suggestedMin: 0 } },
      plugins: {
        ...config.options?.plugins,
        povsimRefLines: {
          lines: [{ scaleId: 'y', value: NEUTRAL_INDEX, label: '1 = neutral', color: CHART_THEME.mutedTextColor, lineWidth: 1.5, dash: [6, 4] }],
        },
      },
    };
    figures.push({
      file: chartFile('channels'),
      heading: 'Which sources reach the poor',
      caption:
        'For all assistance and for each source of funds, the CGH index: the share of its yuan over the run received by the poorest 40% of persons (ranked by per-capita income before the programme, just before month 0) divided by their share of persons (0.4 up to whole households); mean over replicates, whiskers: 95% interval of the mean. Above the dashed line at 1 the money favours the poor; at 1 it reaches them no more than anyone else. A source that paid nothing has no bar. The all-metrics table gives the index of every programme.',
      config,
    });
  }

  const scenarioBreakdowns = scenarios.map((s) => {
    const breakdown = {} as Record<string, SourceBreakdown>;
    for (const source of SOURCES) breakdown[SOURCE_LABELS[source]] = breakdownOf(s.ledger[source]);
    return { label: s.name, breakdown };
  });
  const bars = scenarios.length * SOURCES.length;
  figures.push({
    file: chartFile('money-by-source'),
    heading: 'Where the money went',
    caption:
      'Each bar is one source\u2019s whole budget over the run in one scenario (mean over replicates; the total in yuan under its name), split by where the money ended: received by households in need before the programme, received by households not in need (untargeted public goods included), diverted, spent on administration, or left unspent. The scenarios of one source are next to each other; the longer the green part, the more of that money reached the poor.',
    config: stackedSourceChart({
      note: `${identity}; budgets over the whole run`,
      scale: 'share',
      groupBy: 'source',
      sources: SOURCES.map((s) => SOURCE_LABELS[s]),
      scenarios: scenarioBreakdowns,
    }),
    // Two-line bar labels need about 44 px a bar; keep the default size up to 8 bars.
    size: { width: 900, height: Math.max(500, 120 + 44 * bars) },
  });

  figures.push({
    file: chartFile('governance'),
    heading: 'Governance profile',
    caption:
      'Eight dimensions of governance, each scored from 0 (worst) to 1 (best) at the end of the run, mean over replicates; one polygon per scenario. A larger, rounder polygon is better governance; where one scenario\u2019s polygon lies outside another\u2019s, it governs better on that dimension. The all-metrics table gives each score\u2019s definition and interval.',
    config: radarChart({ note: identity, scenarios: scenarios.map((s) => governanceProfile(s.name, s.governance)) }),
  });
  return figures;
}
