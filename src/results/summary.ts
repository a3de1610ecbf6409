/**
 * What a run reports, as plain data: the summary (final metrics, the money by source and
 * programme, event counts) and the time series in long format. No files here; see files.ts.
 */
import { SOURCES, type ProgrammeName, type Source, type SourceAccount } from '../model/ledger.js';
import { GOVERNANCE_DIMENSIONS, type IncidenceReport, type Metrics } from '../model/observe.js';
import type { Counters } from '../model/township.js';
import type { MonthRecord, SimulationResult } from '../model/simulate.js';
import { VERSION } from '../version.js';

export interface ScenarioInfo {
  name: string;
  description: string;
  /** The scenario file, or null for a scenario built in memory. */
  file: string | null;
}

export interface RunSummary {
  povsim: string;
  scenario: ScenarioInfo;
  seed: number;
  households: number;
  villages: number;
  months: number;
  metrics: Metrics;
  /** Where each source's money ended (yuan, cumulative), and the total over sources. */
  ledger: Record<Source | 'total', SourceAccount>;
  /** Yuan received by households from each programme. */
  programmes: Record<ProgrammeName, number>;
  /** Benefit incidence by tenth of persons, CGH and leakage of all assistance, each source and each programme. */
  incidence: IncidenceReport;
  /** Event counts over the run. */
  events: Counters;
}

/** Sum of the accounts of every source. */
export function totalAccount(ledger: Record<Source, SourceAccount>): SourceAccount {
  const total: SourceAccount = { budget: 0, toPoor: 0, toNonPoor: 0, diverted: 0, administration: 0, unspent: 0 };
  for (const source of SOURCES) {
    const a = ledger[source];
    total.budget += a.budget;
    total.toPoor += a.toPoor;
    total.toNonPoor += a.toNonPoor;
    total.diverted += a.diverted;
    total.administration += a.administration;
    total.unspent += a.unspent;
  }
  return total;
}

export function summarise(scenario: ScenarioInfo, result: SimulationResult): RunSummary {
  return {
    povsim: VERSION,
    scenario,
    seed: result.seed,
    households: result.households,
    villages: result.villages,
    months: result.months,
    metrics: result.metrics,
    ledger: { ...result.ledger, total: totalAccount(result.ledger) },
    programmes: result.programmes,
    incidence: result.incidence,
    events: result.counters,
  };
}

/**
 * Every scalar metric of a month as [name, value] pairs: the metrics in declaration order, with
 * `incidenceByDecile.1` ... `.10`, `governance.<dimension>`, `cghBySource.<source>` and
 * `cghByProgramme.<programme>` in place (the ledger rows of the time series are added by
 * timeSeriesRows).
 */
export function flattenMetrics(metrics: Metrics): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const [key, value] of Object.entries(metrics)) {
    if (key === 'incidenceByDecile') {
      const shares = value as number[] | null;
      for (let d = 0; d < 10; d += 1) out.push([`incidenceByDecile.${d + 1}`, shares ? shares[d]! : null]);
    } else if (key === 'governance') {
      for (const dimension of GOVERNANCE_DIMENSIONS) out.push([`governance.${dimension}`, metrics.governance[dimension]]);
    } else if (value !== null && typeof value === 'object') {
      for (const [part, x] of Object.entries(value as Record<string, number | null>)) out.push([`${key}.${part}`, x]);
    } else {
      out.push([key, value as number | null]);
    }
  }
  return out;
}

/** Names of the scalar metrics, in the order flattenMetrics gives them. */
export function scalarMetricNames(metrics: Metrics): string[] {
  return flattenMetrics(metrics).map(([name]) => name);
}

export interface SeriesRow {
  month: number;
  metric: string;
  value: number | null;
}

/** The time series in long format: one row per month and metric, ledger parts included. */
export function timeSeriesRows(series: readonly MonthRecord[]): SeriesRow[] {
  const rows: SeriesRow[] = [];
  for (const record of series) {
    for (const [metric, value] of flattenMetrics(record.metrics)) rows.push({ month: record.month, metric, value });
    for (const source of SOURCES) {
      for (const [part, value] of Object.entries(record.ledger[source])) {
        rows.push({ month: record.month, metric: `ledger.${source}.${part}`, value });
      }
    }
  }
  return rows;
}
