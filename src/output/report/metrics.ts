/**
 * What each scalar metric is called in charts and reports, its unit, what it means, and which
 * direction is better: one table shared by the run report, the comparison sentences ("cuts
 * leakage of targeted aid from 46.3% to 31.3%") and the sweep heatmap's `--metric` option.
 *
 * Names are the flattened metric names of src/results/summary.ts (`flattenMetrics`):
 * `headcount`, `incidenceByDecile.3`, `governance.fairness`, `cghByProgramme.transfers`, ...
 */
import { nonNegativeKind, SHARE_METRICS, unitIntervalKind } from '../../metrics/share-metrics.js';
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
  /** What it measures in the literature's sense (povsim describe). */
  readonly concept: string;
  /** Where the definition comes from: a reference of docs/model.md section 15, or povsim's own. */
  readonly source: string;
  /** The possible values in words, e.g. "0 to 1". */
  readonly range: string;
  /** What is counted: persons, households, yuan, register events. */
  readonly countedOver: string;
  /** Which standard decides who is poor for this metric, e.g. need before the programme. */
  readonly status: string;
  /** Which months the value covers: {@link PERIODS}. */
  readonly period: MetricPeriod;
}

/** Which months a metric covers. */
export type MetricPeriod = 'current' | 'lastYear' | 'cumulative' | 'lastAdjustment' | 'sinceMonth0';

/** The months behind each {@link MetricPeriod}, in words (docs/model.md section 9). */
export const PERIODS: Readonly<Record<MetricPeriod, string>> = {
  current: 'the state at the end of the last month',
  lastYear: 'the mean of the values at the ends of the last 12 months (fewer in a shorter run)',
  cumulative: 'cumulative: money since month 0, register events since the initial registration (before month 0)',
  lastAdjustment: 'the last annual register adjustment',
  sinceMonth0: 'now compared with the end of month 0',
};

/** Facts of a metric beyond its display: what it measures, where from, and over what. */
interface About {
  readonly concept: string;
  readonly source: string;
  readonly countedOver: string;
  readonly status: string;
  readonly period: MetricPeriod;
  /** Default by kind: shares 0 to 1, counts and yuan 0 or more. */
  readonly range?: string;
}

const RANGE_BY_KIND: Readonly<Record<MetricKind, string>> = {
  share: '0 to 1 (shown as 0% to 100%)',
  count: 'a whole number, 0 or more',
  yuan: '0 or more yuan',
  number: 'a number',
};

const info = (
  name: string,
  label: string,
  kind: MetricKind,
  better: MetricInfo['better'],
  meaning: string,
  about: About,
  digits = kind === 'share' ? 1 : kind === 'number' ? 2 : 0,
): MetricInfo => {
  if ((kind === 'share') !== SHARE_METRICS.has(name)) throw new Error(`metrics table: ${name} is ${kind}, src/metrics/share-metrics.ts says otherwise`);
  const range = about.range ?? RANGE_BY_KIND[kind];
  checkRange(name, kind, range);
  return { name, label, kind, better, meaning, digits, ...about, range };
};

/**
 * Refuses a metric whose documented range disagrees with the checks of observed values and
 * thresholds (src/metrics/share-metrics.ts): "0 to 1" is a share or a unit-interval index there,
 * "0 or more" or "0 to about ..." a non-negative value.
 */
function checkRange(name: string, kind: MetricKind, range: string): void {
  const unitInterval = kind !== 'share' && /^0( \([^)]*\))? to 1( \(|$)/.test(range);
  const nonNegative = !unitInterval && kind !== 'share' && /^0 |\b0 or more\b/.test(range);
  if (unitInterval !== (unitIntervalKind(name) !== null) || nonNegative !== (nonNegativeKind(name) !== null)) {
    throw new Error(`metrics table: ${name} has range "${range}", src/metrics/share-metrics.ts says otherwise`);
  }
}

/** The references most metrics cite (full entries in docs/model.md section 15). */
const CGH_2004 = 'Coady, Grosh and Hoddinott (2004), Targeting outcomes redux, World Bank Research Observer 19(1)';
const FGT_1984 = 'Foster, Greer and Thorbecke (1984), A class of decomposable poverty measures, Econometrica 52(3)';
const ALATAS_2012 = 'Alatas, Banerjee, Hanna, Olken and Tobias (2012), Targeting the poor, American Economic Review 102(4)';
const CORNIA_1993 = 'Cornia and Stewart (1993), Two errors of targeting, Journal of International Development 5(5)';
const OWN = 'povsim\u2019s own measure (docs/model.md section 9)';
const STUDY = 'the study\u2019s eight dimensions of good governance (docs/model.md section 4, "Theoretical and empirical background"); the formula is povsim\u2019s own (docs/model.md section 9)';

/** "Poor" in every targeting metric: need before the programme. */
const IN_NEED = 'in need before the programme (market income below the line, or an unsafe house, including one the programme has since renovated)';
const NEED = 'poor = in need before the programme (market income below the line, or an unsafe house, or one the programme renovated)';
const AFTER_AID = 'poor = per-capita income after assistance (12-month weighted) below the poverty line';
const OWN_MEANS = 'poor by own means = income without what the programme gave (programme assets counted)';
const TENTHS = 'tenths of persons ranked by per-capita market income just before month 0 (1 = poorest), each household in the tenth of its middle person';

const GOVERNANCE_INFO: readonly (readonly [string, string, string, string, string, MetricPeriod])[] = [
  ['ruleOfLaw', 'rule of law', '1 - irregular register decisions (elite additions, pressured exits) / all register decisions',
    'Rule of law: register decisions taken by the rules rather than by favour or pressure', 'register decisions', 'cumulative'],
  ['fairness', 'fairness', 'the register as villagers judge need (their own notion of poverty) at the last adjustment: 1 - the mean of its inclusion and exclusion errors by that notion',
    'Fairness: whether villagers see the register as listing the right households (the legitimacy Alatas et al. 2012 found community targeting wins)', 'households', 'lastAdjustment'],
  ['transparency', 'transparency', 'mean policy awareness of households',
    'Transparency: how well households know the policy and how to apply', 'households', 'current'],
  ['responsiveness', 'responsiveness', 'share of poor applicants at the last adjustment who were registered',
    'Responsiveness: whether the poor who ask for help get it', 'poor applicants (households)', 'lastAdjustment'],
  ['participation', 'participation', 'share of assistance that came from enterprises, social organisations and collectives',
    'Participation: how much of the effort comes from parties other than the government (multi-party governance)', 'yuan', 'cumulative'],
  ['effectiveness', 'effectiveness', 'share of households income-poor at month 0 that are not income-poor now',
    'Effectiveness: how many of the poor at the start are out of poverty now', 'households', 'sinceMonth0'],
  ['accountability', 'accountability', 'errors corrected / (corrected + still standing), errors judged against need before the programme',
    'Accountability: whether register errors are found and corrected (audits, challenges, evaluation)', 'households', 'cumulative'],
  ['integrity', 'integrity', 'mean cadre integrity, weighted by village households',
    'Integrity: the honesty of village cadres', 'cadres, weighted by their villages\u2019 households', 'current'],
];

/** What a CGH of a channel means, after "the aid share of the poorest 40% of persons in ...". */
const CGH_READING = '(Coady-Grosh-Hoddinott; 1 = neutral, above 1 = progressive; n/a when it paid nothing)';

/** Facts shared by every Coady-Grosh-Hoddinott index. */
const CGH_ABOUT = (group: string, top: string): About => ({
  concept: `Coady-Grosh-Hoddinott targeting performance: the share of benefits that reaches the poorest ${group} of persons divided by their share of persons; 1 is what a universal or random transfer gives, above 1 progressive, below 1 regressive`,
  source: CGH_2004,
  countedOver: `persons (${TENTHS})`,
  status: 'rank by per-capita market income before the programme, fixed at the start',
  period: 'cumulative',
  range: `0 to about ${top} (all benefit to the poorest ${group}); 1 = neutral`,
});

/** Facts shared by the three targeting errors counted in households. */
const ERROR_ABOUT = (concept: string, source: string, period: MetricPeriod): About => ({
  concept, source, countedOver: 'households', status: NEED, period,
});
const INCLUSION_REGISTERED = 'Inclusion error as a share of beneficiaries: how much of the register the non-poor take up (what Coady, Grosh and Hoddinott call leakage, counted in households; Cornia and Stewart\u2019s E-mistake)';
const INCLUSION_NON_POOR = 'Inclusion error as a share of the non-poor: a non-poor household\u2019s chance of being listed';
const EXCLUSION = 'Exclusion error (undercoverage; Cornia and Stewart\u2019s F-mistake): the share of the poor the programme misses';

/** Facts shared by the register-exit counts. */
const EXIT_ABOUT = (concept: string, source: string = OWN): About => ({
  concept, source, countedOver: 'households (register events)', status: OWN_MEANS, period: 'cumulative',
});

/** Every metric a chart or report may name, in the order the run report lists them. */
export const METRICS: readonly MetricInfo[] = [
  info('headcount', 'poverty headcount', 'share', 'lower', 'share of persons whose per-capita income after assistance is below the poverty line (FGT P0)', {
    concept: 'Poverty headcount ratio: the share of people who are poor (FGT P0, alpha = 0)', source: FGT_1984,
    countedOver: 'persons', status: AFTER_AID, period: 'current' }),
  info('povertyGap', 'poverty gap', 'share', 'lower', 'mean shortfall below the line as a share of the line, over all persons (FGT P1)', {
    concept: 'Poverty gap index: the mean shortfall of income below the line as a share of the line, the non-poor counting as zero (FGT P1, alpha = 1): the per-person cost of ending poverty with perfect targeting, relative to the line',
    source: FGT_1984, countedOver: 'persons', status: AFTER_AID, period: 'current' }, 2),
  info('povertySeverity', 'poverty severity', 'share', 'lower', 'mean squared shortfall (FGT P2): weighs the poorest most', {
    concept: 'Squared poverty gap (poverty severity, FGT P2, alpha = 2): shortfalls weighted by their size, so it rises with inequality among the poor',
    source: FGT_1984, countedOver: 'persons', status: AFTER_AID, period: 'current' }, 2),
  info('gini', 'Gini of income', 'number', 'lower', 'inequality of per-capita income after assistance (0 = equal, 1 = one person has all)', {
    concept: 'Gini coefficient: half the mean absolute difference between two persons\u2019 incomes relative to the mean income',
    source: 'Gini (1912); weighted by persons as in Lerman and Yitzhaki (1984), Economics Letters 15; negative incomes set to 0',
    countedOver: 'persons', status: 'per-capita income after assistance', period: 'current', range: '0 (all equal) to 1 (one person has all)' }, 3),
  info('registeredShare', 'registered share', 'share', null, 'share of households on the poverty register', {
    concept: 'Coverage of the poverty register (the archived poor households of targeted poverty alleviation)', source: OWN,
    countedOver: 'households', status: 'none: on the register or not', period: 'current' }),
  info('poorShare', 'poor share', 'share', 'lower', `share of households ${IN_NEED}`, {
    concept: 'The target population: the share of households the programme is meant to reach', source: OWN,
    countedOver: 'households', status: NEED, period: 'current' }),
  info('inclusionErrorRegistered', 'inclusion error (share of the register)', 'share', 'lower',
    'registered households not in need / registered households: the non-poor share of the register, mean of the last 12 month-ends',
    ERROR_ABOUT(INCLUSION_REGISTERED, `${CGH_2004}; ${CORNIA_1993}`, 'lastYear')),
  info('inclusionErrorNonPoor', 'inclusion error (share of the non-poor)', 'share', 'lower',
    'registered households not in need / households not in need: the share of non-poor households registered (Alatas et al. 2012), mean of the last 12 month-ends',
    ERROR_ABOUT(INCLUSION_NON_POOR, ALATAS_2012, 'lastYear')),
  info('exclusionError', 'exclusion error', 'share', 'lower',
    `households ${IN_NEED} neither registered nor lifted out of poverty by what the programme gave them / households in need, mean of the last 12 month-ends`,
    ERROR_ABOUT(EXCLUSION, `${CORNIA_1993}; ${ALATAS_2012}`, 'lastYear')),
  info('inclusionErrorRegisteredNow', 'inclusion error (share of the register), last month', 'share', 'lower',
    'registered households not in need / registered households, at the end of the last month',
    ERROR_ABOUT(INCLUSION_REGISTERED, `${CGH_2004}; ${CORNIA_1993}`, 'current')),
  info('inclusionErrorNonPoorNow', 'inclusion error (share of the non-poor), last month', 'share', 'lower',
    'registered households not in need / households not in need, at the end of the last month',
    ERROR_ABOUT(INCLUSION_NON_POOR, ALATAS_2012, 'current')),
  info('exclusionErrorNow', 'exclusion error, last month', 'share', 'lower',
    'households in need neither registered nor lifted out of poverty by what the programme gave them / households in need, at the end of the last month',
    ERROR_ABOUT(EXCLUSION, `${CORNIA_1993}; ${ALATAS_2012}`, 'current')),
  info('leakage', 'leakage of targeted aid', 'share', 'lower',
    'yuan of targeted programmes received by households not in need / yuan of targeted programmes received (targeted programmes only: untargeted public goods left out; cumulative)', {
      concept: 'Leakage: the share of a targeted programme\u2019s benefits that goes to the non-poor (the inclusion error counted in money)',
      source: CGH_2004, countedOver: 'yuan received by households', status: `${NEED}, judged when the money is received`, period: 'cumulative' }),
  info('leakageAllAid', 'leakage of all aid', 'share', 'lower',
    'all yuan received by households not in need, untargeted public goods included / all yuan received (cumulative)', {
      concept: 'Leakage of all assistance, targeted or not: the share of every yuan received that goes to the non-poor',
      source: CGH_2004, countedOver: 'yuan received by households', status: `${NEED}, judged when the money is received`, period: 'cumulative' }),
  info('publicGoodsShare', 'public goods share', 'share', null,
    'untargeted public goods (infrastructure, collectives\u2019 spending for all villagers) / all yuan received (cumulative)', {
      concept: 'The untargeted part of assistance: money that reaches every villager and cannot be targeted', source: OWN,
      countedOver: 'yuan received by households', status: 'none (every household)', period: 'cumulative' }),
  info('diversion', 'diversion', 'share', 'lower', 'diverted yuan / yuan disbursed to households or diverted (cumulative)', {
    concept: 'Diversion (theft or misuse of funds on the way, "missing expenditures"): the share of money that never reached a household',
    source: 'Olken (2007), Monitoring corruption, Journal of Political Economy 115(2); National Audit Office of China, audit results on poverty alleviation funds 2015-2017',
    countedOver: 'yuan disbursed, net of recoveries, loans captured by enterprises included', status: 'none', period: 'cumulative' }),
  info('eliteCapture', 'elite capture', 'number', 'lower',
    'assistance received by households tied to cadres / the part of it that did not reach them by favour (payout list, registration owed to cadres or to appraisal bias): 1 = none, above 1 = capture (cumulative)', {
      concept: 'Elite capture: how much more the households tied to village elites receive than the rules alone would give them',
      source: 'Alatas, Banerjee, Hanna, Olken, Purnamasari and Wai-Poi (2019), Does elite capture matter?, AEA Papers and Proceedings 109; the ratio by accounting is povsim\u2019s own (docs/model.md section 9)',
      countedOver: 'yuan received by households tied to cadres', status: 'tied to cadres or not; aid booked as by favour in the ledger', period: 'cumulative',
      range: '1 or more (1 = no capture; 1.5 = half as much again as by the rules alone)' }, 2),
  info('cgh', 'CGH targeting index (poorest 40%)', 'number', 'higher',
    'share of all assistance received by the poorest 40% of persons (by per-capita income before the programme just before month 0) / their share of persons, 0.4 up to whole households (Coady-Grosh-Hoddinott; 1 = neutral, above 1 = progressive)',
    CGH_ABOUT('40%', '2.5')),
  info('cghPoorest20', 'CGH targeting index (poorest 20%)', 'number', 'higher',
    'share of all assistance received by the poorest 20% of persons / their share of persons, 0.2 up to whole households (1 = neutral, above 1 = progressive)',
    CGH_ABOUT('20%', '5')),
  info('exits', 'exits from poverty', 'count', 'higher', 'register exits of households not poor by their own means (programme assets counted) that were in need when registered (cumulative)',
    EXIT_ABOUT('Exits from poverty (graduation from the register): registered poor households that left the register no longer poor by their own means')),
  info('paperExits', 'paper exits', 'count', 'lower', 'register exits of households still poor by their own means that stood, on a noisy re-score or under exit pressure (cumulative)',
    EXIT_ABOUT('Paper (false) exits: households taken off the register while still poor, the problem the 2015-16 look-back and third-party evaluation were set up to find',
      'povsim\u2019s own count (docs/model.md section 9); State Council Leading Group Office of Poverty Alleviation and Development, results of the 2015-16 look-back')),
  info('pressuredExits', 'pressured exits', 'count', 'lower', 'paper exits declared under pressure to meet exit targets (cumulative)',
    EXIT_ABOUT('Exits declared to meet exit targets: the principal-agent problem of cadres evaluated by exit counts')),
  info('returnsToPoverty', 'returns to poverty', 'count', 'lower', 'exited households that fell back into poverty by their own means (cumulative)',
    EXIT_ABOUT('Returns to poverty: exited households that fell back into poverty (once per exit)')),
  info('assistanceReceived', 'assistance received', 'yuan', null, 'yuan received by households from all sources (cumulative)', {
    concept: 'Total benefits delivered: cash, capital (at the yuan invested) and aid in kind', source: OWN,
    countedOver: 'yuan received by households', status: 'none (every household)', period: 'cumulative' }),
  info('costPerExit', 'cost per exit', 'yuan', 'lower', 'yuan spent (budget minus unspent, plus verification not yet paid) per exit from poverty', {
    concept: 'Cost-effectiveness: everything spent, administered or diverted by every source, per exit from poverty', source: OWN,
    countedOver: 'yuan of every source\u2019s budget, per register exit', status: OWN_MEANS, period: 'cumulative' }),
  info('scoreR2', 'identification R\u00b2', 'number', 'higher', 'R-squared of the identification method\u2019s score on true log income before the programme, at the last adjustment', {
    concept: 'Accuracy of the ranking behind the register: how much of the true variation in income the method\u2019s score captures',
    source: `${OWN}; R-squared as the squared Pearson correlation`, countedOver: 'households', status: OWN_MEANS, period: 'lastAdjustment', range: '0 to 1' }, 3),
  info('pmtR2', 'proxy-means-test R\u00b2', 'number', 'higher', 'R-squared of the proxy-means formula on its survey (measured income) at the last adjustment (the fit Hanna and Olken report); n/a unless the method is pmt or hybrid', {
    concept: 'In-sample fit of the proxy-means test regression of log income on observable assets',
    source: 'Grosh and Baker (1995), Proxy means tests for targeting social programs, LSMS Working Paper 118; Hanna and Olken (2018), Journal of Economic Perspectives 32(4)',
    countedOver: 'surveyed households', status: `${OWN_MEANS}, as the survey measures it`, period: 'lastAdjustment', range: '0 to 1' }, 3),
  ...GOVERNANCE_INFO.map(([key, label, meaning, concept, countedOver, period]) =>
    info(`governance.${key}`, `governance: ${label}`, 'number', 'higher', `${meaning} (0 = worst, 1 = best)`, {
      concept, source: STUDY, countedOver, status: key === 'fairness' ? 'need as villagers judge it' : key === 'effectiveness' ? AFTER_AID : NEED, period,
      range: '0 (worst) to 1 (best)' }),
  ),
  ...SOURCES.map((s) =>
    info(`cghBySource.${s}`, `CGH of ${inSentence(SOURCE_LABELS[s])} aid`, 'number', 'higher',
      `aid share of the poorest 40% of persons in what ${inSentence(SOURCE_LABELS[s])} paid / their share of persons ${CGH_READING}`,
      CGH_ABOUT('40%', '2.5')),
  ),
  ...PROGRAMMES.map(({ name }) =>
    info(`cghByProgramme.${name}`, `CGH of ${inSentence(PROGRAMME_LABELS[name])}`, 'number', 'higher',
      `aid share of the poorest 40% of persons in what ${inSentence(PROGRAMME_LABELS[name])} paid / their share of persons ${CGH_READING}`,
      CGH_ABOUT('40%', '2.5')),
  ),
  ...Array.from({ length: 10 }, (_, d) =>
    info(`incidenceByDecile.${d + 1}`, `share of assistance to tenth ${d + 1} of persons`, 'share', null,
      `share of all assistance received by tenth ${d + 1} of persons, ranked by per-capita income before the programme just before month 0 (1 = poorest)`, {
        concept: 'Benefit incidence: the share of all benefits that reaches one tenth of the population', source: CGH_2004,
        countedOver: `persons (${TENTHS})`, status: 'rank by per-capita market income before the programme, fixed at the start', period: 'cumulative' }),
  ),
];

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));
for (const name of SHARE_METRICS) if (!BY_NAME.has(name)) throw new Error(`metrics table: no entry for the share metric ${name} (src/metrics/share-metrics.ts)`);

/**
 * Display facts of a metric; for a name not in {@link METRICS} (e.g. a ledger column), a plain
 * number shown with two decimals, labelled by its name.
 * @example metricInfo('leakage').kind // 'share'
 */
export function metricInfo(name: string): MetricInfo {
  return BY_NAME.get(name) ?? info(name, name, 'number', null, name, { concept: '', source: '', countedOver: '', status: '', period: 'current' });
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
 * {@link differenceDecimals}). `keepSign: true` (for the end of an interval) gives a value that is
 * not zero but rounds to zero its sign, "+" included, so an interval that excludes zero never reads
 * as reaching it: "-0.0000".
 * @example formatDifference('leakage', -0.15) // '-15.0 points'
 * @example formatDifference('leakage', 0.021, { plusSign: false, unit: false }) // '2.1'
 * @example formatDifference('leakage', -1e-9, { unit: false, decimals: 4, keepSign: true }) // '-0.0000'
 */
export function formatDifference(
  name: string,
  value: number | null | undefined,
  options: { readonly plusSign?: boolean; readonly unit?: boolean; readonly decimals?: number; readonly keepSign?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const m = metricInfo(name);
  const digits = options.decimals ?? m.digits;
  const scaled = m.kind === 'share' ? value * 100 : value;
  const text = Math.abs(scaled).toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const zero = Number(text.replace(/,/g, '')) === 0;
  const tiny = zero && scaled !== 0 && options.keepSign === true;
  const sign = zero && !tiny ? '' : scaled < 0 ? '-' : options.plusSign === false && !tiny ? '' : '+';
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
 * under 1e-9 of the difference, counts as none), and more again while an end of the interval that
 * is not zero would round to zero (it would read as touching zero when the interval excludes it);
 * at most {@link MAX_EXTRA_DECIMALS} more (an end still rounding to zero then keeps its sign:
 * `formatDifference`'s `keepSign`). The terminal and the report both use it, so they agree.
 * @example differenceDecimals('povertyGap', { mean: 0.0002, ciLow: -0.0001, ciHigh: 0.0004 }) // 2: '+0.02 [-0.01, +0.04]'
 * @example differenceDecimals('headcount', { mean: -0.0004, ciLow: -0.0006, ciHigh: -0.0002 }) // 2, not 1 ('-0.0')
 * @example differenceDecimals('headcount', { mean: -0.007, ciLow: -0.014, ciHigh: -0.00036 }) // 2: '-0.70 [-1.40, -0.04]', not '[-1.4, 0.0]'
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
  const most = m.digits + MAX_EXTRA_DECIMALS;
  let decimals = Math.min(most, Math.max(m.digits, shownFrom(size)));
  for (const end of [ciLow, ciHigh]) {
    if (end !== null && end !== 0 && Number.isFinite(end)) decimals = Math.min(most, Math.max(decimals, shownFrom(Math.abs(end) * scale)));
  }
  return decimals;
}

/** The fewest decimals at which a positive `size` rounds to a non-zero digit: size >= 0.5 * 10^-d. */
function shownFrom(size: number): number {
  return Math.ceil(-Math.log10(2 * size) - 1e-9);
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
