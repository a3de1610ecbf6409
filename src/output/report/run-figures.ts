/**
 * The charts of one run, built from what summary.json and timeseries.csv hold: poverty over the
 * months, targeting errors, who gets the money (incidence by decile), where the money went by
 * source, and the governance radar. One series each (a single run has no replicates, so no bands
 * and no whiskers).
 */
import {
  groupedBarChart, incidenceChart, lineBandChart, radarChart, stackedSourceChart,
  type GovernanceProfile, type SourceBreakdown,
} from '../charts/index.js';
import { SOURCES, type Source, type SourceAccount } from '../../model/ledger.js';
import { GOVERNANCE_DIMENSIONS, type Governance } from '../../model/observe.js';
import type { RunSummary, SeriesRow } from '../../results/summary.js';
import { RUN_CHARTS } from './files.js';
import { chartFile, type Figure } from './figures.js';

/** Display names of the four sources of money, in chart order. */
export const SOURCE_LABELS: Readonly<Record<Source, string>> = {
  government: 'Government',
  enterprises: 'Enterprises',
  socialOrganisations: 'Social organisations',
  collective: 'Village collective',
};

/** Chart file names of a run, without folder and extension, in report order. */
export { RUN_CHARTS };

/** Targeting-error categories: metric name and the two-line axis label. */
export const TARGETING_CATEGORIES: readonly { readonly metric: 'inclusionError' | 'exclusionError' | 'leakage'; readonly label: readonly string[] }[] = [
  { metric: 'inclusionError', label: ['Inclusion error', 'non-poor among the registered'] },
  { metric: 'exclusionError', label: ['Exclusion error', 'poor left off the register'] },
  { metric: 'leakage', label: ['Leakage', 'aid yuan reaching the non-poor'] },
];

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
 * "baseline, seed 42, 9,000 households, 60 months": what run a chart shows, for its subtitle (a
 * PNG is often seen without its folder).
 */
export function runIdentity(summary: RunSummary): string {
  const n = summary.households.toLocaleString('en-US');
  return `Scenario \u201c${summary.scenario.name}\u201d, seed ${summary.seed}, ${n} households, ${summary.villages} villages, ${summary.months} months`;
}

/**
 * The figures of one run, in report order: `charts/poverty-over-time.png`,
 * `charts/targeting-errors.png`, `charts/incidence.png` (left out when no assistance was paid, so
 * there is nothing to split), `charts/money-by-source.png`, `charts/governance.png`.
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
    caption:
      'Inclusion error: registered households that are not poor, as a share of the register. Exclusion error: poor households left off the register, as a share of the poor. Leakage: the share of all assistance yuan (over the whole run) received by non-poor households. Lower is better for all three.',
    config: groupedBarChart({
      title: 'Targeting errors at the end of the run',
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
        'Households are ranked by their true income before assistance and split into ten equal groups (deciles; 1 = the poorest tenth). Each bar is the share of all assistance over the run that went to that decile. Bars falling from left to right mean aid reaches the poor; flat bars at the dashed 10% line mean it is spread evenly; bars rising to the right mean it reaches the better-off \u2013 "helping the rich, not the poor".',
      config: incidenceChart({ note: identity, series: [{ label: name, shares: m.incidenceByDecile }] }),
    });
  }

  const breakdown = {} as Record<string, SourceBreakdown>;
  for (const s of SOURCES) breakdown[SOURCE_LABELS[s]] = breakdownOf(summary.ledger[s]);
  figures.push({
    file: chartFile('money-by-source'),
    heading: 'Where the money went',
    caption:
      'Each bar is one source\u2019s whole budget over the run (its total in yuan under its name), split by where the money ended: received by poor households, received by non-poor households (leakage), diverted, spent on administration, or left unspent. The longer the green part, the more of that source\u2019s money reached the poor.',
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
      'Eight dimensions of governance, each scored from 0 (worst) to 1 (best) at the end of the run; the report\u2019s key results table gives each one\u2019s definition. A larger, rounder polygon is better governance; a dent shows the weak dimension.',
    config: radarChart({ note: identity, scenarios: [governanceProfile(name, m.governance)] }),
  });
  return figures;
}
