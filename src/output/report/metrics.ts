/**
 * What each scalar metric is called in charts and reports, its unit, what it means, and which
 * direction is better: one table shared by the run report, the comparison sentences ("cuts
 * leakage from 46.3% to 31.3%") and the sweep heatmap's `--metric` option.
 *
 * Names are the flattened metric names of src/results/summary.ts (`flattenMetrics`):
 * `headcount`, `incidenceByDecile.3`, `governance.fairness`, ...
 */

/** How a metric's values are shown. */
export type MetricKind =
  /** A fraction in [0, 1] shown as a percentage; differences in percentage points. */
  | 'share'
  /** A count of events or households. */
  | 'count'
  /** An amount in yuan. */
  | 'yuan'
  /** A dimensionless number (ratio, index, score). */
  | 'number';

/** Display facts of one metric. */
export interface MetricInfo {
  /** Flattened metric name, e.g. `leakage`. */
  readonly name: string;
  /** Short label, lower case inside a sentence, e.g. "leakage". */
  readonly label: string;
  readonly kind: MetricKind;
  /** What it measures, with its definition, in one line. */
  readonly meaning: string;
  /** Which direction is an improvement; null when neither is (e.g. registered share). */
  readonly better: 'lower' | 'higher' | null;
  /** Decimals when shown (percent digits for shares). */
  readonly digits: number;
}

const info = (
  name: string,
  label: string,
  kind: MetricKind,
  better: MetricInfo['better'],
  meaning: string,
  digits = kind === 'share' ? 1 : kind === 'number' ? 2 : 0,
): MetricInfo => ({ name, label, kind, better, meaning, digits });

const GOVERNANCE_INFO: readonly [string, string, string][] = [
  ['ruleOfLaw', 'rule of law', '1 - irregular register decisions (elite additions, pressured exits) / all register decisions'],
  ['fairness', 'fairness', '1 - the mean of inclusion and exclusion error'],
  ['transparency', 'transparency', 'mean policy awareness of households'],
  ['responsiveness', 'responsiveness', 'share of poor applicants at the last adjustment who were registered'],
  ['participation', 'participation', 'share of assistance that came from enterprises, social organisations and collectives'],
  ['effectiveness', 'effectiveness', 'share of households income-poor at month 0 that are not income-poor now'],
  ['accountability', 'accountability', 'errors corrected / (corrected + still standing)'],
  ['integrity', 'integrity', 'mean cadre integrity, weighted by village households'],
];

/** Every metric a chart or report may name, in the order the run report lists them. */
export const METRICS: readonly MetricInfo[] = [
  info('headcount', 'poverty headcount', 'share', 'lower', 'share of persons whose per-capita income after assistance is below the poverty line (FGT P0)'),
  info('povertyGap', 'poverty gap', 'share', 'lower', 'mean shortfall below the line as a share of the line, over all persons (FGT P1)', 2),
  info('povertySeverity', 'poverty severity', 'share', 'lower', 'mean squared shortfall (FGT P2): weighs the poorest most', 2),
  info('gini', 'Gini of income', 'number', 'lower', 'inequality of per-capita income after assistance (0 = equal, 1 = one person has all)', 3),
  info('registeredShare', 'registered share', 'share', null, 'share of households on the poverty register'),
  info('poorShare', 'poor share', 'share', 'lower', 'share of households truly poor before assistance'),
  info('inclusionError', 'inclusion error', 'share', 'lower', 'registered households that are not poor / registered households'),
  info('exclusionError', 'exclusion error', 'share', 'lower', 'poor households not registered / poor households'),
  info('nonPoorCoverage', 'non-poor coverage', 'share', 'lower', 'registered non-poor households / non-poor households'),
  info('leakage', 'leakage', 'share', 'lower', 'assistance yuan received by non-poor households / all assistance yuan (cumulative)'),
  info('diversion', 'diversion', 'share', 'lower', 'diverted yuan / yuan disbursed to households or diverted (cumulative)'),
  info('eliteCapture', 'elite capture', 'number', 'lower', "benefit share of households tied to cadres / their share of households (ties are commoner among the better-off: compare scenarios rather than reading it against 1)"),
  info('cgh', 'CGH targeting index', 'number', 'higher', 'benefit share of the poorest 20% (by income before assistance just before month 0) / 0.2 (Coady-Grosh-Hoddinott; above 1 = progressive)'),
  info('exits', 'exits from poverty', 'count', 'higher', 'register exits of households no longer poor that were poor when registered (cumulative)'),
  info('paperExits', 'paper exits', 'count', 'lower', 'register exits of still-poor households that stood, on a noisy re-score or under exit pressure (cumulative)'),
  info('pressuredExits', 'pressured exits', 'count', 'lower', 'paper exits declared under pressure to meet exit targets (cumulative)'),
  info('returnsToPoverty', 'returns to poverty', 'count', 'lower', 'exited households that fell back into poverty (cumulative)'),
  info('assistanceReceived', 'assistance received', 'yuan', null, 'yuan received by households from all sources (cumulative)'),
  info('costPerExit', 'cost per exit', 'yuan', 'lower', 'yuan spent (budget minus unspent, plus verification not yet paid) per exit from poverty'),
  info('scoreR2', 'identification R\u00b2', 'number', 'higher', 'R-squared of the identification score on true log income at the last adjustment', 3),
  info('pmtR2', 'proxy-means-test R\u00b2', 'number', 'higher', 'R-squared of the proxy means test at the last adjustment that used it', 3),
  ...GOVERNANCE_INFO.map(([key, label, meaning]) =>
    info(`governance.${key}`, `governance: ${label}`, 'number', 'higher', `${meaning} (0 = worst, 1 = best)`),
  ),
  ...Array.from({ length: 10 }, (_, d) =>
    info(`incidenceByDecile.${d + 1}`, `share of assistance to decile ${d + 1}`, 'share', null,
      `share of all assistance received by decile ${d + 1} of income before assistance just before month 0 (1 = poorest)`),
  ),
];

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

/**
 * Display facts of a metric; for a name not in {@link METRICS} (e.g. a ledger column), a plain
 * number shown with two decimals, labelled by its name.
 * @example metricInfo('leakage').kind // 'share'
 */
export function metricInfo(name: string): MetricInfo {
  return BY_NAME.get(name) ?? info(name, name, 'number', null, name);
}

const LOCALE = 'en-US';

/**
 * A metric value as text: shares as percentages ("46.3%"), counts and yuan with thousands
 * separators ("1,234", "80,268 yuan"), other numbers with the metric's decimals; null is "n/a".
 * @example formatMetric('leakage', 0.46264) // '46.3%'
 * @example formatMetric('exits', 1234) // '1,234'
 * @example formatMetric('costPerExit', 80267.9) // '80,268 yuan'
 */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const m = metricInfo(name);
  if (m.kind === 'share') return `${(value * 100).toFixed(m.digits)}%`;
  const text = value.toLocaleString(LOCALE, { minimumFractionDigits: m.digits, maximumFractionDigits: m.digits });
  return m.kind === 'yuan' ? `${text} yuan` : text;
}

/**
 * A difference of a metric as text: shares in percentage points ("-15.0 points"), others in the
 * metric's own unit ("+12", "-0.05", "+1,200 yuan"); zero has no sign. `plusSign: false` drops
 * the "+" of positive values, `unit: false` the unit.
 * @example formatDifference('leakage', -0.15) // '-15.0 points'
 * @example formatDifference('leakage', 0.021, { plusSign: false, unit: false }) // '2.1'
 */
export function formatDifference(
  name: string,
  value: number | null | undefined,
  options: { readonly plusSign?: boolean; readonly unit?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const m = metricInfo(name);
  const scaled = m.kind === 'share' ? value * 100 : value;
  const text = Math.abs(scaled).toLocaleString(LOCALE, { minimumFractionDigits: m.digits, maximumFractionDigits: m.digits });
  const zero = Number(text.replace(/,/g, '')) === 0;
  const sign = zero ? '' : scaled < 0 ? '-' : options.plusSign === false ? '' : '+';
  const unit = options.unit === false ? '' : m.kind === 'share' ? ' points' : m.kind === 'yuan' ? ' yuan' : '';
  return `${sign}${text}${unit}`;
}

/**
 * Unit of a difference of the metric, in words: "percentage points" for shares, "yuan", or
 * "" (counts and plain numbers).
 */
export function differenceUnit(name: string): string {
  const kind = metricInfo(name).kind;
  return kind === 'share' ? 'percentage points' : kind === 'yuan' ? 'yuan' : '';
}
