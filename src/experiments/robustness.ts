/**
 * Robustness of policies across the conditions of a study (`povsim robust`): per policy and
 * objective, the distribution over conditions, the share of conditions that meet the threshold
 * (satisficing) and the regret; and, for each policy and threshold, PRIM scenario discovery of
 * where the policy misses it. Pure: plain data in, plain data out.
 *
 * Conventions, once for the whole file:
 * - A policy's value in a condition is the mean of its replicates' values there (runs that failed,
 *   and runs where the metric is undefined, e.g. costPerExit without exits, left out); null when
 *   there is none.
 * - mean, p10, p90: over the conditions with a value; percentiles are sample quantiles (type 7,
 *   `sampleQuantile`).
 * - Satisficing: conditions where the value meets the threshold (minimize: value <= threshold;
 *   maximize: value >= threshold) / all conditions; a null value does not meet it.
 * - Regret of a policy in a condition: its shortfall from the best policy in that condition,
 *   |value - best| (best: the lowest value when minimizing, the highest when maximizing), over the
 *   conditions where every policy has a value. maxRegret and p90Regret summarise it.
 * - Discovery: PRIM (prim.ts) on the numeric uncertain parameters, cases = conditions where the
 *   policy misses the threshold; the chosen box is the first on the peeling trajectory with density
 *   >= minDensity (the densest if none is), then pasted, then pruned: restricted ends whose
 *   quasi-p-value is at least the study's `significance` (default 0.05) are dropped one at a time,
 *   the least significant first (prim.ts, pruneBox). The reported box is the pruned one; the pasted
 *   box before pruning and the dropped ends are kept beside it.
 */
import { NO_VALUE_REASONS } from './metrics.js';
import { describeBox, limitsOf, prim, pruneBox, type DroppedRestriction, type PrimBox, type PrimInput } from './prim.js';
import { sampleQuantile } from './stats.js';
import type { DiscoverySettings, Objective } from './study-file.js';

/** What the analysis takes: the conditions' parameter values and each policy's value per condition and objective. */
export interface RobustnessInput {
  readonly policies: readonly string[];
  readonly objectives: readonly Objective[];
  /** Uncertain parameters (numeric ones only: the rows are numbers). */
  readonly parameters: readonly string[];
  /** conditions[c][j]: value of parameter j in condition c. */
  readonly conditions: readonly (readonly number[])[];
  /** values[p][o][c]: policy p's value of objective o in condition c (mean over replicates), or null. */
  readonly values: readonly (readonly (readonly (number | null)[])[])[];
  readonly discovery: DiscoverySettings;
}

/** One row of robustness.csv: a policy's results on one objective. */
export interface PolicyObjectiveSummary {
  readonly policy: string;
  readonly metric: string;
  readonly direction: Objective['direction'];
  readonly threshold: number | null;
  /** Conditions with a value. */
  readonly conditions: number;
  readonly mean: number | null;
  readonly p10: number | null;
  readonly p90: number | null;
  /** Share of all conditions meeting the threshold; null without a threshold. */
  readonly satisficing: number | null;
  readonly maxRegret: number | null;
  readonly p90Regret: number | null;
}

/** Scenario discovery for one policy and one threshold. */
export interface Discovery {
  readonly policy: string;
  readonly metric: string;
  readonly direction: Objective['direction'];
  readonly threshold: number;
  /** Conditions where the policy misses the threshold, and all conditions. */
  readonly misses: number;
  readonly conditions: number;
  /**
   * 'box': PRIM's chosen box has at least one significant restriction (quasi-p < 0.05);
   * 'everywhere': PRIM restricts nothing, the share of misses already reaching minDensity;
   * 'spread': PRIM finds no box with a significant restriction;
   * 'never' and 'always': the policy never / always misses (nothing to discover);
   * 'noValue': the metric has no value in any condition (e.g. costPerExit without exits);
   * 'unexplained': no numeric uncertain parameter to run PRIM on.
   */
  readonly status: 'box' | 'everywhere' | 'spread' | 'never' | 'always' | 'noValue' | 'unexplained';
  /** The peeling trajectory: the coverage-density trade-off curve (empty when PRIM did not run). */
  readonly trajectory: readonly { readonly coverage: number; readonly density: number; readonly mass: number; readonly restricted: readonly string[] }[];
  readonly selectedIndex: number | null;
  /** The chosen box after pasting and pruning, with each parameter's limits and quasi-p-values. */
  readonly box: PrimBox | null;
  /** The chosen box after pasting, before pruning (the same as `box` when nothing was dropped). */
  readonly unpruned: PrimBox | null;
  /** The restricted ends pruning dropped as not significant, in the order dropped. */
  readonly dropped: readonly DroppedRestriction[];
  /** The box in words. */
  readonly sentence: string;
}

export interface RobustnessResult {
  readonly summaries: readonly PolicyObjectiveSummary[];
  readonly discoveries: readonly Discovery[];
}

/** Default quasi-p-value below which a restriction counts as significant (a study's `discovery.significance`). */
export const SIGNIFICANCE = 0.05;

/** Whether `value` meets the objective's threshold (a null never does). */
export function meets(objective: Pick<Objective, 'direction'>, threshold: number, value: number | null): boolean {
  if (value === null) return false;
  return objective.direction === 'minimize' ? value <= threshold : value >= threshold;
}

/**
 * Regret of every policy in every condition for one objective: regret[p][c] = |values[p][c] -
 * best in c|, or null in conditions where some policy has no value.
 *
 * @example
 * regrets({ direction: 'minimize' }, [[0.2, 0.5], [0.3, 0.4]]); // => [[0, 0.1], [0.1, 0]] (up to rounding)
 */
export function regrets(objective: Pick<Objective, 'direction'>, values: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const conditions = values[0]?.length ?? 0;
  const best: (number | null)[] = [];
  for (let c = 0; c < conditions; c += 1) {
    const column = values.map((v) => v[c] ?? null);
    if (column.some((v) => v === null)) best.push(null);
    else best.push(objective.direction === 'minimize' ? Math.min(...(column as number[])) : Math.max(...(column as number[])));
  }
  return values.map((v) => v.map((x, c) => (x === null || best[c] === null ? null : Math.abs(x - best[c]!))));
}

function defined(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

function quantileOrNull(values: readonly number[], p: number): number | null {
  return values.length === 0 ? null : sampleQuantile(values, p);
}

/** Summaries and discoveries of a study (see the file comment for every convention). */
export function analyseRobustness(input: RobustnessInput): RobustnessResult {
  const summaries: PolicyObjectiveSummary[] = [];
  const discoveries: Discovery[] = [];
  input.objectives.forEach((objective, o) => {
    const byPolicy = input.policies.map((_, p) => input.values[p]![o]!);
    const regret = regrets(objective, byPolicy);
    input.policies.forEach((policy, p) => {
      const values = byPolicy[p]!;
      const present = defined(values);
      const regretValues = defined(regret[p]!);
      const threshold = objective.threshold;
      summaries.push({
        policy,
        metric: objective.metric,
        direction: objective.direction,
        threshold,
        conditions: present.length,
        mean: present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length,
        p10: quantileOrNull(present, 0.1),
        p90: quantileOrNull(present, 0.9),
        satisficing: threshold === null || values.length === 0 ? null : values.filter((v) => meets(objective, threshold, v)).length / values.length,
        maxRegret: regretValues.length === 0 ? null : regretValues.reduce((a, b) => Math.max(a, b)),
        p90Regret: quantileOrNull(regretValues, 0.9),
      });
      if (threshold !== null) discoveries.push(discover(input, policy, objective, threshold, values));
    });
  });
  return { summaries, discoveries };
}

/** PRIM on where `policy` misses `threshold` (see the file comment). */
function discover(input: RobustnessInput, policy: string, objective: Objective, threshold: number, values: readonly (number | null)[]): Discovery {
  const cases = values.map((v) => !meets(objective, threshold, v));
  const misses = cases.filter(Boolean).length;
  const head = { policy, metric: objective.metric, direction: objective.direction, threshold, misses, conditions: values.length };
  const goal = thresholdText(objective, threshold);
  const none = { trajectory: [], selectedIndex: null, box: null, unpruned: null, dropped: [] };
  const valued = values.filter((v) => v !== null).length;
  if (valued === 0) return { ...head, status: 'noValue', ...none, sentence: `${policy}: ${objective.metric} has no value in any condition${noValueReason(objective.metric)}, so it cannot meet ${goal}` };
  if (misses === 0) return { ...head, status: 'never', ...none, sentence: `${policy} meets ${goal} in every condition` };
  if (misses === values.length) {
    // "(in 19 of them costPerExit has no value: no exits)": one pair of brackets.
    const reason = NO_VALUE_REASONS[objective.metric];
    const without = valued < values.length ? ` (in ${values.length - valued} of them ${objective.metric} has no value${reason === undefined ? '' : `: ${reason}`})` : '';
    return { ...head, status: 'always', ...none, sentence: `${policy} misses ${goal} in every condition${without}` };
  }
  if (input.parameters.length === 0) {
    return { ...head, status: 'unexplained', ...none, sentence: `${policy} misses ${goal} in ${misses} of ${values.length} conditions (no numeric uncertain parameter to say where)` };
  }
  const primInput: PrimInput = { names: input.parameters, rows: input.conditions, cases };
  const result = prim(primInput, {
    minMass: input.discovery.minMass,
    selection: { kind: 'firstWithDensity', minDensity: input.discovery.minDensity },
  });
  const significance = input.discovery.significance ?? SIGNIFICANCE; // a caller of the library from before the setting
  const pruned = pruneBox(primInput, limitsOf(result.box), significance);
  const box = pruned.dropped.length === 0 ? result.box : describeBox(primInput, pruned.limits);
  return {
    ...head,
    status: boxStatus(box, input.discovery.minDensity, significance),
    trajectory: result.trajectory.map((s) => ({ coverage: s.coverage, density: s.density, mass: s.mass, restricted: s.restricted })),
    selectedIndex: result.selectedIndex,
    box,
    unpruned: result.box,
    dropped: pruned.dropped,
    sentence: boxSentence(policy, goal, box, pruned.dropped, { misses, conditions: values.length, minDensity: input.discovery.minDensity, significance }),
  };
}

/** 'box' when the chosen box has a significant restriction; else 'everywhere' or 'spread' (see {@link Discovery.status}). */
function boxStatus(box: PrimBox, minDensity: number, significance: number): 'box' | 'everywhere' | 'spread' {
  const restricted = box.limits.filter((l) => l.restrictedLower || l.restrictedUpper);
  if (restricted.some((l) => (quasiP(l) ?? 1) < significance)) return 'box';
  return restricted.length === 0 && box.density >= minDensity ? 'everywhere' : 'spread';
}

/** Why a metric has no value, as " (no exits)", where src/experiments/metrics.ts knows; else "". */
function noValueReason(metric: string): string {
  const reason = NO_VALUE_REASONS[metric];
  return reason === undefined ? '' : ` (${reason})`;
}

/** "leakage <= 0.3" or "exits >= 100". */
export function thresholdText(objective: Pick<Objective, 'metric' | 'direction'>, threshold: number): string {
  return `${objective.metric} ${objective.direction === 'minimize' ? '<=' : '>='} ${formatNumber(threshold)}`;
}

/**
 * A number for a sentence: three significant digits below 1,000 (0.615, 12.3), whole numbers with
 * thousands separators above (61,250).
 *
 * @example formatNumber(0.61538) // '0.615'
 * @example formatNumber(61234.5) // '61,235'
 */
export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

/** One restricted parameter in words: "x > 0.62", "x < 0.41" or "0.2 < x < 0.5". */
function restrictionText(limit: PrimBox['limits'][number]): string {
  if (limit.restrictedLower && limit.restrictedUpper) return `${formatNumber(limit.lower)} < ${limit.name} < ${formatNumber(limit.upper)}`;
  return limit.restrictedLower ? `${limit.name} > ${formatNumber(limit.lower)}` : `${limit.name} < ${formatNumber(limit.upper)}`;
}

/** A dropped end in words: "x > 0.62" (a lower end) or "x < 0.41" (an upper end). */
function droppedText(d: DroppedRestriction): string {
  return `${d.name} ${d.end === 'lower' ? '>' : '<'} ${formatNumber(d.limit)}`;
}

/** A parameter's quasi-p-value: the larger of its restricted ends' (significant only when each end is); null when unrestricted. */
export function quasiP(limit: PrimBox['limits'][number]): number | null {
  const ps = [limit.qpLower, limit.qpUpper].filter((p): p is number => p !== null);
  return ps.length === 0 ? null : Math.max(...ps);
}

/**
 * The chosen (pruned) box in words, e.g. "full-reform misses leakage <= 0.3 when
 * identification.pmtNoise > 0.62 and cadres.meanIntegrity < 0.41 (coverage 0.82, density 0.75);
 * dropped as not significant: population.initialAwareness < 0.6".
 */
function boxSentence(
  policy: string, goal: string, box: PrimBox, dropped: readonly DroppedRestriction[],
  counts: { readonly misses: number; readonly conditions: number; readonly minDensity: number; readonly significance: number },
): string {
  const restricted = box.limits.filter((l) => l.restrictedLower || l.restrictedUpper);
  const stats = `(coverage ${box.coverage.toFixed(2)}, density ${box.density.toFixed(2)})`;
  const tail = dropped.length === 0 ? '' : `; dropped as not significant (quasi-p >= ${counts.significance}): ${dropped.map(droppedText).join(', ')}`;
  const { misses, conditions, minDensity } = counts;
  if (restricted.length > 0) {
    // A box below minDensity (pruning can leave one) is where misses are likeliest, not where they happen.
    const where = box.density >= minDensity ? 'when' : `most often (${Math.round(100 * box.density)}% of conditions there, below the density ${minDensity} asked) when`;
    return `${policy} misses ${goal} ${where} ${restricted.map(restrictionText).join(' and ')} ${stats}${tail}`;
  }
  const share = `${Math.round((100 * misses) / conditions)}%`;
  if (dropped.length > 0) return `${policy} misses ${goal} in ${misses} of ${conditions} conditions (${share}), spread over the uncertain parameters: no restriction of PRIM's box is significant${tail}`;
  return box.density >= minDensity
    ? `${policy} misses ${goal} in ${misses} of ${conditions} conditions (${share}, already the density ${minDensity} a box must reach): almost everywhere`
    : `${policy} misses ${goal} in ${misses} of ${conditions} conditions (${share}), spread over the uncertain parameters: PRIM finds no box with density ${minDensity}`;
}
