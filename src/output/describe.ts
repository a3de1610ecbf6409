/**
 * `povsim describe [key]` for parameters and metrics alike: a parameter, group or scenario key is
 * explained from the parameter tree (src/scenario/describe.ts), a metric from the one table of
 * metric facts the reports use (src/output/report/metrics.ts: METRICS).
 */
import { allDescribable, describeParameters, field, isParameterKey, unknownKey, wrap } from '../scenario/describe.js';
import { InputError } from '../scenario/errors.js';
import { differenceUnit, METRICS, PERIODS, type MetricInfo } from './report/metrics.js';

/** "cghBySource" for "cghBySource.government"; null for a metric without a family. */
function family(name: string): string | null {
  const dot = name.indexOf('.');
  return dot < 0 ? null : name.slice(0, dot);
}

/** Metric families (`cghBySource`, `governance`, ...) in table order. */
function families(): string[] {
  return [...new Set(METRICS.map((m) => family(m.name)).filter((f): f is string => f !== null))];
}

/**
 * The metrics `povsim describe KEY` explains: every one for no key; the metric of that name
 * (`leakage`, `cghBySource.government`); every metric of a family (`cghBySource`, `governance`);
 * or the metrics whose last part is `key` (`fairness`, `transfers`). Empty when none matches.
 *
 * @example
 * metricDocs('leakage')[0]?.period; // => 'cumulative'
 * metricDocs('cghBySource').length; // => 4
 */
export function metricDocs(key?: string): MetricInfo[] {
  if (key === undefined || key === '') return [...METRICS];
  const exact = METRICS.filter((m) => m.name === key);
  if (exact.length > 0) return exact;
  const inFamily = METRICS.filter((m) => family(m.name) === key);
  if (inFamily.length > 0) return inFamily;
  return METRICS.filter((m) => family(m.name) !== null && m.name.split('.').pop() === key);
}

/** How the value is shown and how a difference reads, in words. */
function unitText(m: MetricInfo): string {
  const shown = {
    share: 'a share, from 0 to 1; reports show it as a percentage',
    count: 'a count',
    yuan: 'yuan (RMB)',
    number: 'a pure number (no unit)',
  }[m.kind];
  const difference = differenceUnit(m.name);
  return difference === '' ? shown : `${shown}; differences in ${difference}`;
}

/** One metric in full: what it measures, how povsim computes it, unit, range, months, source. */
export function describeMetric(m: MetricInfo): string {
  const better = m.better === null ? 'neither direction is better in itself' : `${m.better} is better`;
  return [
    `${m.name}: ${m.label}`,
    field('measures', m.concept),
    field('in povsim', m.meaning),
    field('unit', unitText(m)),
    field('range', `${m.range}; ${better}`),
    field('counts', m.countedOver),
    field('judged by', m.status),
    field('months', PERIODS[m.period]),
    field('source', m.source),
  ].join('\n');
}

/**
 * Readable documentation of metrics: with no key the list of every metric (name and label); else
 * the metrics {@link metricDocs} finds for the key, each in full. Throws nothing: an unknown key
 * gives the empty string (see {@link describe}).
 */
export function describeMetrics(key?: string): string {
  if (key === undefined || key === '') {
    const width = Math.max(...METRICS.map((m) => m.name.length)) + 2;
    const heading = 'povsim metrics: what a run reports (summary.json, results.csv, the reports)';
    const intro = wrap(`${METRICS.length} metrics. Run \`povsim describe NAME\` for one in full (what it measures, how povsim computes it, unit, range, which months, source), or a family such as \`povsim describe cghBySource\`.`, '');
    const rows = METRICS.map((m) => wrap(m.label, ' '.repeat(2 + width), `  ${m.name.padEnd(width)}`));
    return `${[heading, '='.repeat(heading.length), '', intro, '', ...rows].join('\n')}\n`;
  }
  const found = metricDocs(key);
  return found.length === 0 ? '' : `${found.map(describeMetric).join('\n\n')}\n`;
}

/**
 * `povsim describe [key]`: with no key every parameter, the scenario file keys and the list of
 * metrics; with a parameter, group or scenario key its documentation; with a metric name or family
 * the metric in full.
 *
 * @throws {InputError} for a key that is neither, naming the closest parameters or metrics.
 * @example
 * describe('leakage').split('\n')[0]; // => 'leakage: leakage of targeted aid'
 */
export function describe(key?: string): string {
  if (key === undefined || key === '') return `${describeParameters()}\n${describeMetrics()}`;
  if (isParameterKey(key)) return describeParameters(key);
  const metrics = describeMetrics(key);
  if (metrics !== '') return metrics;
  const candidates = [...allDescribable(), ...METRICS.map((m) => m.name), ...families()];
  throw unknownKey(key, candidates, 'unknown parameter, group or metric');
}

/**
 * {@link describe} for the command line: a metric that no longer exists (`inclusionError`,
 * `nonPoorCoverage`) gets the one line saying what replaced it instead of a near miss. The list of
 * removed metrics is loaded only then (its module loads the model).
 *
 * @throws {InputError} for an unknown or removed name.
 */
export async function describeKey(key?: string): Promise<string> {
  try {
    return describe(key);
  } catch (error) {
    if (!(error instanceof InputError) || key === undefined) throw error;
    const { removedMetricMessage } = await import('../experiments/metrics.js');
    const removed = removedMetricMessage(key);
    throw removed === null ? error : new InputError({ key, detail: removed });
  }
}
