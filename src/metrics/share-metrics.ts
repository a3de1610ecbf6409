/**
 * The scalar metrics (flattened names of src/results/summary.ts) whose values are shares from 0 to 1.
 * Below experiments and output, so both use the one list: a calibration target's observed value
 * is checked against it, and the report's metric table (output/report/metrics.ts) refuses to
 * load if its `share` metrics are not exactly these.
 */
const DECILES = Array.from({ length: 10 }, (_, i) => `incidenceByDecile.${i + 1}`);

export const SHARE_METRICS: ReadonlySet<string> = new Set([
  'headcount',
  'povertyGap',
  'povertySeverity',
  'registeredShare',
  'poorShare',
  'inclusionErrorRegistered',
  'inclusionErrorNonPoor',
  'exclusionError',
  'inclusionErrorRegisteredNow',
  'inclusionErrorNonPoorNow',
  'exclusionErrorNow',
  'leakage',
  'leakageAllAid',
  'publicGoodsShare',
  'diversion',
  ...DECILES,
]);

/**
 * What a scalar metric's value is when it lies from 0 to 1 without being a share ("an index"),
 * null otherwise: the Gini coefficient, the R-squared of the proxy-means formula and of the
 * scores, and the eight governance indices. output/report/metrics.ts refuses to load if a metric
 * documented as "0 to 1" is neither a share nor here, or one here is documented otherwise.
 */
export function unitIntervalKind(metric: string): string | null {
  if (metric === 'gini') return 'a Gini coefficient';
  if (metric === 'scoreR2' || metric === 'pmtR2') return 'an R-squared';
  if (metric.startsWith('governance.')) return 'an index';
  return null;
}

/** The count metrics (register exits and returns), 0 or more. */
const COUNTS: ReadonlySet<string> = new Set(['exits', 'paperExits', 'pressuredExits', 'returnsToPoverty']);
/** The metrics in yuan, 0 or more. */
const YUAN: ReadonlySet<string> = new Set(['assistanceReceived', 'costPerExit']);

/**
 * What a scalar metric's value is when it is 0 or more with no upper bound of 1 (a count, yuan,
 * a Coady-Grosh-Hoddinott index), null otherwise; checked against the docs like the above.
 */
export function nonNegativeKind(metric: string): string | null {
  if (COUNTS.has(metric)) return 'a count';
  if (YUAN.has(metric)) return 'an amount in yuan';
  if (metric === 'cgh' || metric === 'cghPoorest20' || metric.startsWith('cghBySource.') || metric.startsWith('cghByProgramme.')) return 'a Coady-Grosh-Hoddinott index';
  return null;
}

/** The values a metric can take, for checking an observed value or a threshold; null when any number. */
export interface MetricValueRule {
  /** What is expected, in words, e.g. "a number from 0 to 1 (gini is a Gini coefficient from 0 to 1)". */
  readonly expected: string;
  readonly ok: (value: number) => boolean;
}

/**
 * The documented range of a metric's values as a check (shares and other values from 0 to 1,
 * and values 0 or more); null for a metric any number fits.
 * @example metricValueRule('governance.transparency')?.ok(47) // false
 */
export function metricValueRule(metric: string): MetricValueRule | null {
  const unit = (x: number): boolean => x >= 0 && x <= 1;
  if (SHARE_METRICS.has(metric)) return { expected: 'a share from 0 to 1 (10% is 0.1)', ok: unit };
  const index = unitIntervalKind(metric);
  if (index !== null) return { expected: `a number from 0 to 1 (${metric} is ${index} from 0 to 1)`, ok: unit };
  const nonNegative = nonNegativeKind(metric);
  if (nonNegative !== null) return { expected: `a number 0 or more (${metric} is ${nonNegative})`, ok: (x) => x >= 0 };
  return null;
}
