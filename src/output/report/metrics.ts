/**
 * What each scalar metric is called in charts and reports, its unit, what it means, and which
 * direction is better: one table shared by the run report, the comparison sentences ("cuts
 * leakage of targeted aid from 46.3% to 31.3%") and the sweep heatmap's `--metric` option.
 *
 * Names are the flattened metric names of src/results/summary.ts (`flattenMetrics`):
 * `headcount`, `incidenceByDecile.3`, `governance.fairness`, `cghByProgramme.transfers`, ...
 */
import { PROGRAMMES, SOURCES } from '../../model/ledger.js';
import { inSentence, PROGRAMME_LABELS, SOURCE_LABELS } from './labels.js';

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
  ['fairness', 'fairness', 'the register as villagers judge need (their own notion of poverty) at the last adjustment: 1 - the mean of its inclusion and exclusion errors by that notion'],
  ['transparency', 'transparency', 'mean policy awareness of households'],
  ['responsiveness', 'responsiveness', 'share of poor applicants at the last adjustment who were registered'],
  ['participation', 'participation', 'share of assistance that came from enterprises, social organisations and collectives'],
  ['effectiveness', 'effectiveness', 'share of households income-poor at month 0 that are not income-poor now'],
  ['accountability', 'accountability', 'errors corrected / (corrected + still standing), errors judged against need before the programme'],
  ['integrity', 'integrity', 'mean cadre integrity, weighted by village households'],
];

/** "Poor" in every targeting metric: need before the programme. */
const IN_NEED = 'in need before the programme (market income below the line, or an unsafe house, including one the programme has since renovated)';

/** What a CGH of a channel means, after "the aid share of the poorest 40% of persons in ...". */
const CGH_READING = '(Coady-Grosh-Hoddinott; 1 = neutral, above 1 = progressive; n/a when it paid nothing)';

/** Every metric a chart or report may name, in the order the run report lists them. */
export const METRICS: readonly MetricInfo[] = [
  info('headcount', 'poverty headcount', 'share', 'lower', 'share of persons whose per-capita income after assistance is below the poverty line (FGT P0)'),
  info('povertyGap', 'poverty gap', 'share', 'lower', 'mean shortfall below the line as a share of the line, over all persons (FGT P1)', 2),
  info('povertySeverity', 'poverty severity', 'share', 'lower', 'mean squared shortfall (FGT P2): weighs the poorest most', 2),
  info('gini', 'Gini of income', 'number', 'lower', 'inequality of per-capita income after assistance (0 = equal, 1 = one person has all)', 3),
  info('registeredShare', 'registered share', 'share', null, 'share of households on the poverty register'),
  info('poorShare', 'poor share', 'share', 'lower', `share of households ${IN_NEED}`),
  info('inclusionErrorRegistered', 'inclusion error (share of the register)', 'share', 'lower',
    'registered households not in need / registered households: the non-poor share of the register, mean of the last 12 month-ends'),
  info('inclusionErrorNonPoor', 'inclusion error (share of the non-poor)', 'share', 'lower',
    'registered households not in need / households not in need: the share of non-poor households registered (Alatas et al. 2012), mean of the last 12 month-ends'),
  info('exclusionError', 'exclusion error', 'share', 'lower',
    `households ${IN_NEED} neither registered nor lifted out of poverty by what the programme gave them / households in need, mean of the last 12 month-ends`),
  info('inclusionErrorRegisteredNow', 'inclusion error (share of the register), last month', 'share', 'lower',
    'registered households not in need / registered households, at the end of the last month'),
  info('inclusionErrorNonPoorNow', 'inclusion error (share of the non-poor), last month', 'share', 'lower',
    'registered households not in need / households not in need, at the end of the last month'),
  info('exclusionErrorNow', 'exclusion error, last month', 'share', 'lower',
    'households in need neither registered nor lifted out of poverty by what the programme gave them / households in need, at the end of the last month'),
  info('leakage', 'leakage of targeted aid', 'share', 'lower',
    'yuan of targeted programmes received by households not in need / yuan of targeted programmes received (targeted programmes only: untargeted public goods left out; cumulative)'),
  info('leakageAllAid', 'leakage of all aid', 'share', 'lower',
    'all yuan received by households not in need, untargeted public goods included / all yuan received (cumulative)'),
  info('publicGoodsShare', 'public goods share', 'share', null,
    'untargeted public goods (infrastructure, collectives\u2019 spending for all villagers) / all yuan received (cumulative)'),
  info('diversion', 'diversion', 'share', 'lower', 'diverted yuan / yuan disbursed to households or diverted (cumulative)'),
  info('eliteCapture', 'elite capture', 'number', 'lower',
    'assistance received by households tied to cadres / the part of it that did not reach them by favour (payout list, registration owed to cadres or to appraisal bias): 1 = none, above 1 = capture (cumulative)'),
  info('cgh', 'CGH targeting index (poorest 40%)', 'number', 'higher',
    'share of all assistance received by the poorest 40% of persons (by per-capita income before the programme just before month 0) / their share of persons, 0.4 up to whole households (Coady-Grosh-Hoddinott; 1 = neutral, above 1 = progressive)'),
  info('cghPoorest20', 'CGH targeting index (poorest 20%)', 'number', 'higher',
    'share of all assistance received by the poorest 20% of persons / their share of persons, 0.2 up to whole households (1 = neutral, above 1 = progressive)'),
  info('exits', 'exits from poverty', 'count', 'higher', 'register exits of households not poor by their own means (programme assets counted) that were in need when registered (cumulative)'),
  info('paperExits', 'paper exits', 'count', 'lower', 'register exits of households still poor by their own means that stood, on a noisy re-score or under exit pressure (cumulative)'),
  info('pressuredExits', 'pressured exits', 'count', 'lower', 'paper exits declared under pressure to meet exit targets (cumulative)'),
  info('returnsToPoverty', 'returns to poverty', 'count', 'lower', 'exited households that fell back into poverty by their own means (cumulative)'),
  info('assistanceReceived', 'assistance received', 'yuan', null, 'yuan received by households from all sources (cumulative)'),
  info('costPerExit', 'cost per exit', 'yuan', 'lower', 'yuan spent (budget minus unspent, plus verification not yet paid) per exit from poverty'),
  info('scoreR2', 'identification R\u00b2', 'number', 'higher', 'R-squared of the identification method\u2019s score on true log income before the programme, at the last adjustment', 3),
  info('pmtR2', 'proxy-means-test R\u00b2', 'number', 'higher', 'R-squared of the proxy-means formula on its survey (measured income) at the last adjustment (the fit Hanna and Olken report); n/a unless the method is pmt or hybrid', 3),
  ...GOVERNANCE_INFO.map(([key, label, meaning]) =>
    info(`governance.${key}`, `governance: ${label}`, 'number', 'higher', `${meaning} (0 = worst, 1 = best)`),
  ),
  ...SOURCES.map((s) =>
    info(`cghBySource.${s}`, `CGH of ${inSentence(SOURCE_LABELS[s])} aid`, 'number', 'higher',
      `aid share of the poorest 40% of persons in what ${inSentence(SOURCE_LABELS[s])} paid / their share of persons ${CGH_READING}`),
  ),
  ...PROGRAMMES.map(({ name }) =>
    info(`cghByProgramme.${name}`, `CGH of ${inSentence(PROGRAMME_LABELS[name])}`, 'number', 'higher',
      `aid share of the poorest 40% of persons in what ${inSentence(PROGRAMME_LABELS[name])} paid / their share of persons ${CGH_READING}`),
  ),
  ...Array.from({ length: 10 }, (_, d) =>
    info(`incidenceByDecile.${d + 1}`, `share of assistance to tenth ${d + 1} of persons`, 'share', null,
      `share of all assistance received by tenth ${d + 1} of persons, ranked by per-capita income before the programme just before month 0 (1 = poorest)`),
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
 * `decimals` overrides the metric's own (see {@link distinctLevels}).
 * @example formatMetric('leakage', 0.46264) // '46.3%'
 * @example formatMetric('exits', 1234) // '1,234'
 * @example formatMetric('costPerExit', 80267.9) // '80,268 yuan'
 */
export function formatMetric(name: string, value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const m = metricInfo(name);
  const digits = decimals ?? m.digits;
  if (m.kind === 'share') return `${(value * 100).toFixed(digits)}%`;
  const text = value.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return m.kind === 'yuan' ? `${text} yuan` : text;
}

/**
 * A difference of a metric as text: shares in percentage points ("-15.0 points"), others in the
 * metric's own unit ("+12", "-0.05", "+1,200 yuan"); zero has no sign. `plusSign: false` drops
 * the "+" of positive values, `unit: false` the unit; `decimals` overrides the metric's own (see
 * {@link differenceDecimals}).
 * @example formatDifference('leakage', -0.15) // '-15.0 points'
 * @example formatDifference('leakage', 0.021, { plusSign: false, unit: false }) // '2.1'
 */
export function formatDifference(
  name: string,
  value: number | null | undefined,
  options: { readonly plusSign?: boolean; readonly unit?: boolean; readonly decimals?: number } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const m = metricInfo(name);
  const digits = options.decimals ?? m.digits;
  const scaled = m.kind === 'share' ? value * 100 : value;
  const text = Math.abs(scaled).toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const zero = Number(text.replace(/,/g, '')) === 0;
  const sign = zero ? '' : scaled < 0 ? '-' : options.plusSign === false ? '' : '+';
  const unit = options.unit === false ? '' : m.kind === 'share' ? ' points' : m.kind === 'yuan' ? ' yuan' : '';
  return `${sign}${text}${unit}`;
}

/** Most decimals added to a metric's own to show a small difference (beyond that: rounding noise). */
export const MAX_EXTRA_DECIMALS = 3;

/** Below this (relative to the difference, or absolute) a width is floating-point rounding, not spread. */
const NOISE = 1e-9;

/**
 * Decimals that show a paired difference and its 95% interval (shares in points): the metric's
 * own, or more when the interval's half-width (without an interval: the difference itself) would
 * round to zero, so that it keeps at least one significant digit (a half-width of rounding noise,
 * under 1e-9 of the difference, counts as none); at most
 * {@link MAX_EXTRA_DECIMALS} more. The terminal and the report both use it, so they agree.
 * @example differenceDecimals('povertyGap', { mean: 0.0002, ciLow: -0.0001, ciHigh: 0.0004 }) // 2: '+0.02 [-0.01, +0.04]'
 * @example differenceDecimals('headcount', { mean: -0.0004, ciLow: -0.0006, ciHigh: -0.0002 }) // 2, not 1 ('-0.0')
 */
export function differenceDecimals(
  name: string,
  difference: { readonly mean: number | null; readonly ciLow: number | null; readonly ciHigh: number | null },
): number {
  const m = metricInfo(name);
  const scale = m.kind === 'share' ? 100 : 1;
  const { mean, ciLow, ciHigh } = difference;
  const halfWidth = ciLow === null || ciHigh === null ? 0 : (Math.abs(ciHigh - ciLow) / 2) * scale;
  const meanSize = Math.abs(mean ?? 0) * scale;
  // A half-width of rounding noise (the same difference in every replicate) is no interval.
  const size = halfWidth > NOISE * meanSize ? halfWidth : meanSize;
  if (!(size > NOISE) || !Number.isFinite(size)) return m.digits;
  // The fewest decimals at which `size` rounds to a non-zero digit: size >= 0.5 * 10^-d.
  const needed = Math.ceil(-Math.log10(2 * size) - 1e-9);
  return Math.min(m.digits + MAX_EXTRA_DECIMALS, Math.max(m.digits, needed));
}

/**
 * Two values of a metric as text with the fewest decimals (the metric's own, up to
 * {@link MAX_EXTRA_DECIMALS} more) at which they read differently, so that a sentence never says
 * "from 6.0% to 6.0%" of two different values; the metric's own when they are equal.
 * @example distinctLevels('headcount', 0.0604, 0.0598) // ['6.04%', '5.98%']
 */
export function distinctLevels(name: string, a: number | null, b: number | null): [string, string] {
  const digits = metricInfo(name).digits;
  for (let d = digits; d <= digits + MAX_EXTRA_DECIMALS; d += 1) {
    const pair: [string, string] = [formatMetric(name, a, d), formatMetric(name, b, d)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [formatMetric(name, a), formatMetric(name, b)];
}

/**
 * Unit of a difference of the metric, in words: "percentage points" for shares, "yuan", or
 * "" (counts and plain numbers).
 */
export function differenceUnit(name: string): string {
  const kind = metricInfo(name).kind;
  return kind === 'share' ? 'percentage points' : kind === 'yuan' ? 'yuan' : '';
}
