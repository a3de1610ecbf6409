/**
 * One simulation run as plain data: final metrics, and with `detail` the ledger and the monthly
 * metrics. Pure (no files, no process state), so the CLI's experiments (run-task.ts) and the
 * explorer in the browser (src/explore) run exactly the same code.
 */
import type { Source, SourceAccount } from '../model/ledger.js';
import type { Params } from '../model/parameters.js';
import { simulateParams } from '../model/simulate.js';
import { totalAccount } from '../results/summary.js';
import { metricValues } from './metrics.js';

/** What a run gives back. */
export interface RunOutput {
  /** Final scalar metrics in `metricNames()` order. */
  readonly metrics: (number | null)[];
  /** Cumulative ledger by source and in total at the end (with `detail`). */
  readonly ledger: Record<Source | 'total', SourceAccount> | null;
  /** series[m] = the scalar metrics at the end of month m (with `detail`). */
  readonly series: (number | null)[][] | null;
  /** The run's `events` (summary.json): register and audit counts at the end (calibration targets use them). */
  readonly events: Readonly<Record<string, number | null>>;
}

/**
 * Runs `params` with `seed` and returns its metrics in `metricNames()` order.
 *
 * @example
 * runParams(scenario.params, 42, true).series.length; // => scenario.params.simulation.months
 */
export function runParams(params: Params, seed: number, detail: boolean): RunOutput {
  // Without `detail` only the final month is needed: observing just it gives the same final
  // metrics, about a third faster.
  const result = simulateParams(params, { seed, observe: detail ? 'every' : 'last' });
  const events = { ...result.counters };
  if (!detail) return { metrics: metricValues(result.metrics), ledger: null, series: null, events };
  return {
    metrics: metricValues(result.metrics),
    events,
    ledger: { ...result.ledger, total: totalAccount(result.ledger) },
    series: result.series.map((record) => metricValues(record.metrics)),
  };
}
