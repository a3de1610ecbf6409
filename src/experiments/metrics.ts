/**
 * The scalar metrics experiments report: the names and order of `flattenMetrics`
 * (src/results/summary.ts), which are the same for every run (10 tenths of persons, 8 governance
 * dimensions, 4 sources and 12 programmes). The names are taken from a tiny probe run rather than
 * written out here, so a metric added to the model appears in every experiment output without a
 * change in this folder.
 */
import type { Metrics } from '../model/observe.js';
import { defaultParams, type Params } from '../model/parameters.js';
import { simulateParams } from '../model/simulate.js';
import { flattenMetrics } from '../results/summary.js';

let cachedNames: readonly string[] | undefined;

/**
 * Names of the scalar metrics, in `flattenMetrics` order: `headcount`, `povertyGap`, ...,
 * `cghBySource.<source>`, `cghByProgramme.<programme>`, `incidenceByDecile.1` ... `.10`,
 * `governance.<dimension>`, ..., `assistanceReceived`.
 * Computed once per process from a probe run of 40 households for one month (a few milliseconds).
 *
 * @example
 * metricNames()[0]; // => 'headcount'
 * metricNames().includes('leakage'); // => true
 */
export function metricNames(): readonly string[] {
  if (cachedNames === undefined) {
    // The defaults with a tiny township (not read through the scenario loader, so that this module
    // stays free of files and runs in the browser explorer too).
    const probe: Params = {
      ...defaultParams,
      township: { ...defaultParams.township, households: 40, villages: 2 },
      simulation: { ...defaultParams.simulation, months: 1 },
    };
    const result = simulateParams(probe, { seed: 1 });
    cachedNames = Object.freeze(flattenMetrics(result.metrics).map(([name]) => name));
  }
  return cachedNames;
}

/**
 * The values of the scalar metrics of `metrics`, in `metricNames()` order (null where a metric is
 * undefined).
 *
 * @example
 * metricValues(run.summary.metrics).length === metricNames().length; // => true
 */
export function metricValues(metrics: Metrics): (number | null)[] {
  return flattenMetrics(metrics).map(([, value]) => value);
}

/**
 * Why a metric can have no value in a run, where it is one reason (src/metrics/targeting.ts:
 * costPerExit is null without exits): said when a study's policy has no value at all.
 */
export const NO_VALUE_REASONS: Readonly<Record<string, string>> = {
  costPerExit: 'no exits',
};

/**
 * Metrics that no longer exist, with what to use instead: one line each, given wherever a metric
 * is named (a sweep file's `outputs:`, `povsim chart --metric`, `povsim compare --precision`,
 * `povsim describe`).
 */
export const REMOVED_METRICS: Readonly<Record<string, string>> = {
  inclusionError:
    'inclusionError was split: use inclusionErrorRegistered (non-poor share of the register) or inclusionErrorNonPoor (share of non-poor households registered)',
  nonPoorCoverage: 'nonPoorCoverage was renamed: use inclusionErrorNonPoor (share of non-poor households registered)',
};

/**
 * What to use instead of a removed metric, or null when `name` was never removed.
 *
 * @example
 * removedMetricMessage('nonPoorCoverage'); // => 'nonPoorCoverage was renamed: use inclusionErrorNonPoor (share of non-poor households registered)'
 * removedMetricMessage('leakage'); // => null
 */
export function removedMetricMessage(name: string): string | null {
  return Object.hasOwn(REMOVED_METRICS, name) ? REMOVED_METRICS[name]! : null;
}
