/**
 * The charts of one run, built from what summary.json and timeseries.csv hold: poverty over the
 * months, targeting errors, who gets the money (incidence by tenth of persons), which channels
 * reach the poor (CGH per programme), where the money went by source, and the governance radar.
 * One series each (a single run has no replicates, so no bands and no whiskers).
 */
import {
  channelChart, groupedBarChart, incidenceChart, lineBandChart, radarChart, stackedSourceChart,
  type ChannelBar, type SourceBreakdown,
} from '../charts/index.js';
import { PROGRAMMES, SOURCES, type ProgrammeName } from '../../model/ledger.js';
import type { IncidenceReport } from '../../model/observe.js';
import type { RunSummary, SeriesRow } from '../../results/summary.js';
import { RUN_CHARTS } from './files.js';
import { chartFile, type Figure } from './figures.js';
import {
  breakdownOf, governanceProfile, metricSeries, TARGETING_CATEGORIES, TARGETING_TITLE,
} from './figure-parts.js';
import { PROGRAMME_LABELS, SOURCE_LABELS } from './labels.js';
import { formatMetric } from './metrics.js';

/** Display names of the four sources of money, in chart order. */
export { SOURCE_LABELS };

/** Chart file names of a run, without folder and extension, in report order. */
export { RUN_CHARTS };

export { breakdownOf, governanceProfile, metricSeries, TARGETING_CATEGORIES, TARGETING_TITLE };

/**
 * What the targeting-errors chart shows, for its caption; `after` says what the bars are (e.g. "Bars:
 * mean over replicates; whiskers: 95% interval of the mean.").
 */
export function targetingCaption(after: string): string {
  return `"Poor" means in need before the programme: market income below the poverty line, or an unsafe house (including one the programme has since renovated). Inclusion error, two ways: registered households that are not poor as a share of the register, and as a share of all non-poor households (the measure of most targeting experiments). Exclusion error: poor households neither on the register nor lifted out of poverty by what the programme gave them (project capital, a renovated house), as a share of the poor. These three are means of the last 12 month-ends. Leakage: the share of the yuan of targeted programmes, over the whole run, received by non-poor households (untargeted public goods, shared by every villager, are left out). ${after}Lower is better for all four.`;
}

/** One bar of the channels chart per programme that paid something, and the programmes that paid nothing. */
export function programmeChannels(incidence: IncidenceReport): { readonly bars: ChannelBar[]; readonly unpaid: ProgrammeName[] } {
  const bars: ChannelBar[] = [];
  const unpaid: ProgrammeName[] = [];
  for (const p of PROGRAMMES) {
    const c = incidence.byProgramme[p.name];
    if (c.received > 0 && c.cgh !== null) {
      bars.push({ label: PROGRAMME_LABELS[p.name], group: SOURCE_LABELS[SOURCES[p.source]], value: c.cgh, yuan: c.received });
    } else {
      unpaid.push(p.name);
    }
  }
  return { bars, unpaid };
}

/** PNG height for `bars` two-line bar labels: about 44 px a bar, at least the default 500 px. */
export function barChartHeight(bars: number): number {
  return Math.max(500, 120 + 44 * bars);
}

/**
 * "baseline, seed 42, 9,000 households, 60 months": what run a chart shows, for its subtitle (a
 * PNG is often seen without its folder).
 */
export function runIdentity(summary: RunSummary): string {
  const n = summary.households.toLocaleString('en-US');
  return `Scenario \u201c${summary.scenario.name}\u201d, seed ${summary.seed}, ${n} households, ${summary.villages} village${summary.villages === 1 ? '' : 's'}, ${summary.months} months`;
}

/**
 * The figures of one run, in report order: `charts/poverty-over-time.png`,
 * `charts/targeting-errors.png`, `charts/incidence.png` and `charts/channels.png` (each left out
 * when no assistance was paid, so there is nothing to split), `charts/money-by-source.png`,
 * `charts/governance.png`.
 * Depends only on the summary and the time series, so a redraw from disk gives the same charts.
 */
export function runFigures(summary: RunSummary, timeseries: readonly SeriesRow[]): Figure[] {
  const name = summary.scenario.name;
  const identity = runIdentity(summary);
  const m = summary.metrics;
  const figures: Figure[] = [];

  const headcount = metricSeries(timeseries, 'headcount');
  const gap = metricSeries(timeseries, 'povertyGap');
  figures.push({
    file: chartFile('poverty-over-time'),
    heading: 'Poverty over the months',
    caption:
      'The poverty headcount is the share of persons whose income after assistance is below the poverty line; the poverty gap is their mean shortfall as a share of the line, averaged over everyone (so it is always below the headcount). A falling line means fewer poor, or poor households closer to the line.',
    config: lineBandChart({
      title: 'Poverty by month: headcount and poverty gap',
      xTitle: 'Month of the run',
      yTitle: 'Share (%)',
      yPercent: true,
      note: identity,
      series: [
        { label: 'Headcount: persons below the poverty line', ...headcount },
        { label: 'Poverty gap: mean shortfall, share of the line', ...gap },
      ],
    }),
  });

  figures.push({
    file: chartFile('targeting-errors'),
    heading: 'Targeting errors',
    caption: targetingCaption(''),
    config: groupedBarChart({
      title: TARGETING_TITLE,
      yTitle: 'Share (%)',
      yPercent: true,
      note: identity,
      categories: TARGETING_CATEGORIES.map((c) => c.label),
      series: [{ label: name, values: TARGETING_CATEGORIES.map((c) => m[c.metric]) }],
    }),
  });

  if (m.incidenceByDecile !== null) {
    figures.push({
      file: chartFile('incidence'),
      heading: 'Who gets the money',
      caption:
        'Persons are ranked by their true per-capita income before the programme, just before month 0, and split into ten equal groups (tenths; 1 = the poorest tenth of persons; a household counts in the tenth of its middle person). Each bar is the share of all assistance over the run that went to that tenth. Bars falling from left to right mean aid reaches the poor; flat bars at the dashed 10% line mean it is spread evenly; bars rising to the right mean it reaches the better-off \u2013 "helping the rich, not the poor".',
      config: incidenceChart({ note: identity, series: [{ label: name, shares: m.incidenceByDecile }] }),
    });
  }

  const channels = programmeChannels(summary.incidence);
  if (channels.bars.length > 0) {
    const unpaid = channels.unpaid.length === 0
      ? ''
      : ` Not shown, as they paid nothing: ${channels.unpaid.map((p) => PROGRAMME_LABELS[p]).join(', ')}.`;
    figures.push({
      file: chartFile('channels'),
      heading: 'Which channels reach the poor',
      caption: `One bar per programme: its CGH index, the share of its yuan over the run received by the poorest 40% of persons (ranked by per-capita income before the programme, just before month 0) divided by their share of persons (0.4 up to whole households); under its name, the yuan it paid. Right of the dashed line at 1 a programme favours the poor; at 1 it reaches them no more than anyone else; left of it, it favours the better-off. The colour is the source that funds it; the key results table gives each programme\u2019s leakage and the index over the poorest 20%.${unpaid}`,
      config: channelChart({
        note: `${identity}; all assistance: CGH ${formatMetric('cgh', summary.incidence.total.cgh)}`,
        groups: SOURCES.map((s) => SOURCE_LABELS[s]),
        channels: channels.bars,
      }),
      size: { width: 900, height: barChartHeight(channels.bars.length) },
    });
  }

  const breakdown = {} as Record<string, SourceBreakdown>;
  for (const s of SOURCES) breakdown[SOURCE_LABELS[s]] = breakdownOf(summary.ledger[s]);
  figures.push({
    file: chartFile('money-by-source'),
    heading: 'Where the money went',
    caption:
      'Each bar is one source\u2019s whole budget over the run (its total in yuan under its name), split by where the money ended: received by households in need before the programme, received by households not in need (untargeted public goods included), diverted, spent on administration, or left unspent. The longer the green part, the more of that source\u2019s money reached the poor.',
    config: stackedSourceChart({
      note: `${identity}; budgets over the whole run`,
      scale: 'share',
      sources: SOURCES.map((s) => SOURCE_LABELS[s]),
      scenarios: [{ label: name, breakdown }],
    }),
  });

  figures.push({
    file: chartFile('governance'),
    heading: 'Governance profile',
    caption:
      'Eight dimensions of governance, each scored from 0 (worst) to 1 (best) at the end of the run; the report\u2019s all-metrics table gives each one\u2019s definition. A larger, rounder polygon is better governance; a dent shows the weak dimension.',
    config: radarChart({ note: identity, scenarios: [governanceProfile(name, m.governance)] }),
  });
  return figures;
}
