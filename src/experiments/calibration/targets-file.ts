/**
 * Targets files for `povsim calibrate`: the scenario to start from, the parameters to fit with
 * their priors, the observed figures to match, and the method with its budget. Read with the same
 * safe YAML reader as scenario and sweep files and validated up front: every problem is one
 * {@link InputError} line naming the file and key, before any run starts (docs/calibration.md).
 *
 *   name: recover                     # optional; default: the file name without extension
 *   scenario: ../baseline.yaml        # the starting scenario, relative to this file (required)
 *   set: { township.households: 600 } # fixed changes to it (as in a sweep file)
 *   seed: 7                           # default: the scenario's seed
 *   replicates: 2                     # model runs per particle (default 1)
 *   seeds: independent                # or common (common random numbers)
 *   parameters:
 *     identification.communityNoise: { min: 0.5, max: 3 }                       # uniform
 *     supervision.auditRate: { min: 0.01, max: 0.5, prior: log-uniform }
 *     cadres.meanIntegrity: { min: 0.2, max: 1, prior: normal, mean: 0.6, sd: 0.15 }
 *   targets:
 *     - { metric: leakage, observed: 0.42, se: 0.03 }                  # a summary metric
 *     - { metric: registeredShare, month: 0, observed: 0.1, tolerance: 0.01 }  # a month's value
 *     - { events: roundCorrections, per: roundRegisteredBefore, observed: 0.104, se: 0.02 }
 *   method: smc                       # smc | rejection | history-matching
 *   settings: { particles: 40, maxRuns: 4000 }
 *   predictive: 20                    # posterior draws for the predictive check (default 20)
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { modelFingerprint } from '../../model/fingerprint.js';
import { defaultParams, type Params } from '../../model/parameters.js';
import { simulateParams } from '../../model/simulate.js';
import { InputError, MAX_SEED, describeValue, quote, readYamlFile, type ParameterInfo, type ResolvedScenario } from '../../scenario/index.js';
import { closestKeys } from '../../scenario/validate.js';
import { isValidName, NAME_RULE, nameFromFile } from '../../scenario/names.js';
import { metricValueRule } from '../../metrics/share-metrics.js';
import { metricNames, removedMetricMessage } from '../metrics.js';
import { baseScenario, expect, fail, integerAt, isMapping, parameterAt, unknownKey, type Mapping, type Source } from '../sweep-file.js';
import type { Prior } from './priors.js';
import type { Seeding, Target } from './problem.js';

/** Where a target's simulated value comes from in a run. */
export type TargetSource =
  /** A summary metric (summary.json `metrics`, flattened: `leakage`, `governance.integrity`). */
  | { readonly kind: 'metric'; readonly metric: string }
  /** A metric's value at the end of month `month` (timeseries.csv). */
  | { readonly kind: 'month'; readonly metric: string; readonly month: number }
  /** A count of summary.json `events`, or its ratio to another (`per`). */
  | { readonly kind: 'events'; readonly event: string; readonly per: string | null };

/** A target as the file gives it: what to compare, the observed value and its uncertainty. */
export interface TargetSpec extends Target {
  readonly source: TargetSource;
  /** Whether `scale` was given as a standard error or a tolerance (both scale the distance). */
  readonly uncertainty: 'se' | 'tolerance';
}

export type MethodSpec =
  | { readonly kind: 'rejection'; readonly draws: number; readonly accept: { readonly fraction: number } | { readonly tolerance: number } }
  | {
      readonly kind: 'smc';
      readonly particles: number;
      readonly maxRuns: number;
      readonly quantile: number;
      readonly minTolerance: number;
      readonly minAcceptanceRate: number;
      readonly maxGenerations: number;
    }
  | { readonly kind: 'history-matching'; readonly pointsPerWave: number; readonly waves: number; readonly cutoff: number };

/** A validated targets file: everything `povsim calibrate` needs. */
export interface CalibrationSpec {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  /** sha256 (hex) of the file's bytes. */
  readonly sha256: string;
  /** The starting scenario after the file's `set` and the command line's overrides. */
  readonly base: ResolvedScenario;
  /** The command line's overrides, canonical `path=value` texts. */
  readonly overrides: readonly string[];
  readonly seed: number;
  readonly replicates: number;
  readonly seeding: Seeding;
  readonly priors: readonly Prior[];
  readonly targets: readonly TargetSpec[];
  readonly method: MethodSpec;
  /** Posterior draws simulated for the predictive check (0: none). */
  readonly predictive: number;
  /** sha256 of the file, the starting scenario with its changes, and the model (like a sweep's). */
  readonly fingerprint: string;
  /**
   * sha256 of what a model run's target values depend on besides its seed and parameter values:
   * the starting scenario with its changes, the model, the parameters' and targets' names and what
   * each target measures. runs.csv rows are checked against it, so a calibration whose file
   * changed only in its method, budget, observed values or seed reuses them.
   */
  readonly runsFingerprint: string;
}

export interface TargetsLoadOptions {
  /** Overrides `path=value` applied after the file's `set` (the CLI's --set, --households, --months). */
  readonly overrides?: readonly string[];
}

export const TARGETS_KEYS = ['name', 'description', 'scenario', 'set', 'seed', 'replicates', 'seeds', 'parameters', 'targets', 'method', 'settings', 'predictive'] as const;
export const METHODS = ['smc', 'rejection', 'history-matching'] as const;
const PRIOR_KEYS = ['min', 'max', 'prior', 'mean', 'sd'] as const;
const TARGET_KEYS = ['name', 'metric', 'month', 'events', 'per', 'observed', 'se', 'tolerance'] as const;
const SETTINGS: Readonly<Record<MethodSpec['kind'], readonly string[]>> = {
  smc: ['particles', 'maxRuns', 'quantile', 'minTolerance', 'minAcceptanceRate', 'maxGenerations'],
  rejection: ['draws', 'acceptFraction', 'tolerance'],
  'history-matching': ['pointsPerWave', 'waves', 'cutoff'],
};

let cachedEvents: readonly string[] | undefined;

/** Names of summary.json `events` (the model's counters), from a probe run of 40 households for one month. */
export function eventNames(): readonly string[] {
  if (cachedEvents === undefined) {
    const probe: Params = {
      ...defaultParams,
      township: { ...defaultParams.township, households: 40, villages: 2 },
      simulation: { ...defaultParams.simulation, months: 1 },
    };
    cachedEvents = Object.freeze(Object.keys(simulateParams(probe, { seed: 1, observe: 'last' }).counters));
  }
  return cachedEvents;
}

/**
 * Reads and validates a targets file.
 *
 * @throws {InputError} one line naming the file and key, e.g.
 *   `recover.yaml: targets[0].metric: unknown metric "leakge"; did you mean "leakage"?`
 */
export function loadTargets(file: string, options: TargetsLoadOptions = {}): CalibrationSpec {
  const { bytes, parsed } = readYamlFile(file, { expected: 'a targets file' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return buildSpec(parsed.value, { file, baseDir: path.dirname(file), sha256, overrides: options.overrides ?? [] });
}

function buildSpec(value: unknown, source: Source): CalibrationSpec {
  const { file } = source;
  if (value === null || value === undefined) fail(file, undefined, 'the targets file is empty; it needs scenario, parameters and targets');
  if (!isMapping(value)) expect(file, 'top level', 'a mapping of targets-file keys (scenario, parameters, targets, method, ...)', value);
  for (const key of Object.keys(value)) if (!(TARGETS_KEYS as readonly string[]).includes(key)) unknownKey(file, undefined, key, TARGETS_KEYS);
  for (const [key, v] of Object.entries(value)) if (v === null) fail(file, key, 'has no value; give one, or leave the key out for its default');

  const name = value['name'] ?? nameFromFile(file, 'targets');
  if (!isValidName(name)) expect(file, 'name', NAME_RULE, name);
  const description = value['description'] ?? '';
  if (typeof description !== 'string') expect(file, 'description', 'a text', description);

  const parameters = value['parameters'];
  if (parameters === undefined) fail(file, 'parameters', 'missing: name at least one parameter to fit, e.g. cadres.meanIntegrity: { min: 0.2, max: 1 }');
  if (!isMapping(parameters) || Object.keys(parameters).length === 0) {
    expect(file, 'parameters', 'a mapping of parameter paths to priors { min, max [, prior] }', parameters);
  }
  const priors = Object.entries(parameters).map(([key, spec]) => priorFor(file, key, spec));
  const base = baseScenario(value, source, new Set(priors.map((p) => p.name)), 'calibration');

  const targetsValue = value['targets'];
  if (targetsValue === undefined) fail(file, 'targets', 'missing: list the observed figures to match, e.g. - { metric: leakage, observed: 0.4, se: 0.05 }');
  if (!Array.isArray(targetsValue) || targetsValue.length === 0) expect(file, 'targets', 'a list of targets', targetsValue);
  const targets = targetsValue.map((t: unknown, i) => targetFor(file, `targets[${i}]`, t, base));
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (seen.has(t.name)) fail(file, `targets[${i}]`, `${quote(t.name)} is a target twice; give one of them another name: or remove it`);
    seen.add(t.name);
  });

  const seed = integerAt(file, 'seed', value['seed'] ?? base.seed, 0, MAX_SEED);
  const replicates = integerAt(file, 'replicates', value['replicates'] ?? 1, 1, 1000);
  const seeding = value['seeds'] ?? 'independent';
  if (seeding !== 'independent' && seeding !== 'common') {
    expect(file, 'seeds', 'independent (each particle its own replicate seeds) or common (the same seeds at every particle)', seeding);
  }
  const method = methodFor(file, value['method'] ?? 'smc', value['settings'] ?? {}, replicates);
  const predictive = integerAt(file, 'predictive', value['predictive'] ?? 20, 0, 10000);
  const fingerprint = createHash('sha256').update(`povsim-calibration-v1\n${source.sha256}\n${base.hash}\n${modelFingerprint()}\n`).digest('hex');
  // What a run's values depend on besides its seed and parameter values: the scenario, the model
  // and what the targets measure (not the method, its budget, the observed values or the seed).
  const runsFingerprint = createHash('sha256')
    .update(`povsim-calibration-runs-v1\n${base.hash}\n${modelFingerprint()}\n${JSON.stringify(priors.map((p) => p.name))}\n${JSON.stringify(targets.map((t) => [t.name, t.source]))}\n`)
    .digest('hex');
  return {
    name,
    description,
    file,
    sha256: source.sha256,
    base,
    overrides: base.overrides.slice(base.overrides.length - source.overrides.length),
    seed,
    replicates,
    seeding: seeding as Seeding,
    priors,
    targets,
    method,
    predictive,
    fingerprint,
    runsFingerprint,
  };
}

/** A number from the file, finite, with optional bounds (inclusive). */
function numberAt(file: string, key: string, v: unknown, expected: string, ok: (x: number) => boolean = () => true): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) expect(file, key, expected, v);
  return v;
}

/** One entry of `parameters`: a prior on a range within the parameter's documented range. */
function priorFor(file: string, key: string, spec: unknown): Prior {
  const where = `parameters.${key}`;
  const info: ParameterInfo = parameterAt(file, key);
  if (info.kind !== 'number' || info.integer) {
    fail(file, where, `${key} takes ${info.kind !== 'number' ? 'a choice, not a number' : 'whole numbers'}; calibrate continuous numeric parameters only`);
  }
  const lowest = info.min ?? -Infinity;
  const highest = info.max ?? Infinity;
  const range = `${lowest} to ${highest}${info.unit ? `, ${info.unit}` : ''}`;
  if (!isMapping(spec)) expect(file, where, `a prior { min, max } within ${key}'s range (${range}), e.g. { min: ${info.min ?? 0}, max: ${info.max ?? 1} }`, spec);
  for (const k of Object.keys(spec)) if (!(PRIOR_KEYS as readonly string[]).includes(k)) unknownKey(file, where, k, PRIOR_KEYS);
  const bound = (k: 'min' | 'max'): number => {
    if (spec[k] === undefined) fail(file, `${where}.${k}`, `missing: a prior needs min and max (${key} is ${range})`);
    return numberAt(file, `${where}.${k}`, spec[k], `a number from ${lowest} to ${highest} (${key}'s documented range)`, (x) => x >= lowest && x <= highest);
  };
  const lower = bound('min');
  const upper = bound('max');
  if (!(lower < upper)) fail(file, where, `min (${lower}) must be less than max (${upper})`);
  const kind = spec['prior'] ?? 'uniform';
  if (kind === 'uniform' || kind === 'log-uniform') {
    for (const k of ['mean', 'sd']) if (spec[k] !== undefined) fail(file, `${where}.${k}`, `is for prior: normal only (this prior is ${kind})`);
    if (kind === 'log-uniform' && !(lower > 0)) fail(file, `${where}.min`, `a log-uniform prior needs min > 0, found ${lower}`);
    return { kind, name: key, lower, upper };
  }
  if (kind !== 'normal') expect(file, `${where}.prior`, 'uniform (default), log-uniform or normal', kind);
  if (spec['mean'] === undefined || spec['sd'] === undefined) fail(file, where, 'a normal prior needs mean and sd (it is truncated to min and max)');
  const mean = numberAt(file, `${where}.mean`, spec['mean'], 'a number');
  const sd = numberAt(file, `${where}.sd`, spec['sd'], 'a number > 0', (x) => x > 0);
  return { kind: 'normal', name: key, lower, upper, mean, sd };
}

function metricAt(file: string, key: string, v: unknown): string {
  const all = metricNames();
  if (typeof v === 'string' && all.includes(v)) return v;
  const removed = typeof v === 'string' ? removedMetricMessage(v) : null;
  if (removed !== null) fail(file, key, removed);
  const near = typeof v === 'string' ? closestKeys(v, all) : [];
  fail(file, key, `unknown metric ${describeValue(v)}${near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : ' (povsim describe lists the metrics)'}`);
}

function eventAt(file: string, key: string, v: unknown): string {
  const all = eventNames();
  if (typeof v === 'string' && all.includes(v)) return v;
  const near = typeof v === 'string' ? closestKeys(v, all) : [];
  fail(file, key, `unknown event count ${describeValue(v)}${near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : `; known: ${all.join(', ')}`}`);
}

/** Where the target's value comes from: `metric` (with `month`) or `events` (with `per`). */
function sourceFor(file: string, where: string, spec: Mapping, months: number): TargetSource {
  if ((spec['metric'] === undefined) === (spec['events'] === undefined)) {
    fail(file, where, 'give either metric: (a summary metric, with month: for a month\'s value) or events: (a count of summary.json events)');
  }
  if (spec['metric'] !== undefined) {
    if (spec['per'] !== undefined) fail(file, `${where}.per`, 'divides an events count; it does not apply to a metric');
    const metric = metricAt(file, `${where}.metric`, spec['metric']);
    if (spec['month'] === undefined) return { kind: 'metric', metric };
    const month = integerAt(file, `${where}.month`, spec['month'], 0, months - 1);
    return { kind: 'month', metric, month };
  }
  if (spec['month'] !== undefined) fail(file, `${where}.month`, 'events are counted over the whole run; month applies to a metric');
  const event = eventAt(file, `${where}.events`, spec['events']);
  const per = spec['per'] === undefined ? null : eventAt(file, `${where}.per`, spec['per']);
  return { kind: 'events', event, per };
}

function defaultTargetName(source: TargetSource): string {
  switch (source.kind) {
    case 'metric':
      return source.metric;
    case 'month':
      return `${source.metric}.month${source.month}`;
    case 'events':
      return source.per === null ? `events.${source.event}` : `events.${source.event}.per.${source.per}`;
  }
}


/**
 * Refuses a target the scenario leaves undefined in every run, before any run: pmtR2 without a
 * proxy-means formula, and the `round*` counts (the last annual register adjustment, at months
 * 11, 23, ...) in a run too short to have one.
 */
function checkDefined(file: string, where: string, source: TargetSource, base: ResolvedScenario): void {
  const method = base.params.identification.method;
  if (source.kind !== 'events' && source.metric === 'pmtR2' && method !== 'pmt' && method !== 'hybrid') {
    fail(file, `${where}.metric`, `pmtR2 is the proxy-means formula's fit, which identification.method ${method} does not use (it needs pmt or hybrid); choose another target or set identification.method`);
  }
  const months = base.params.simulation.months;
  if (source.kind === 'events' && months < 12) {
    for (const [key, count] of [['events', source.event], ['per', source.per]] as const) {
      if (count?.startsWith('round') === true) {
        fail(file, `${where}.${key}`, `${count} counts the last annual register adjustment (the end of month 11, 23, ...), which a run of ${months} months does not reach; set simulation.months to 12 or more`);
      }
    }
  }
}

function targetFor(file: string, where: string, spec: unknown, base: ResolvedScenario): TargetSpec {
  if (!isMapping(spec)) expect(file, where, 'a target { metric or events, observed, se or tolerance }', spec);
  for (const k of Object.keys(spec)) if (!(TARGET_KEYS as readonly string[]).includes(k)) unknownKey(file, where, k, TARGET_KEYS);
  for (const [k, v] of Object.entries(spec)) if (v === null) fail(file, `${where}.${k}`, 'has no value');
  const source = sourceFor(file, where, spec, base.params.simulation.months);
  checkDefined(file, where, source, base);
  const name = spec['name'] ?? defaultTargetName(source);
  if (!isValidName(name)) expect(file, `${where}.name`, NAME_RULE, name);
  if (spec['observed'] === undefined) fail(file, `${where}.observed`, 'missing: the observed value to match');
  // The metric's documented range (povsim describe), as for a study's thresholds.
  const rule = source.kind === 'events'
    ? { expected: source.per === null ? 'a count, a number >= 0' : 'a ratio of two counts, a number >= 0', ok: (x: number) => x >= 0 }
    : metricValueRule(source.metric) ?? { expected: 'a number', ok: () => true };
  const observed = numberAt(file, `${where}.observed`, spec['observed'], rule.expected, rule.ok);
  if ((spec['se'] === undefined) === (spec['tolerance'] === undefined)) {
    fail(file, where, 'give its uncertainty as se: (a standard error) or tolerance: (the miss you accept), one of them, > 0, in the observed value\'s units');
  }
  const uncertainty = spec['se'] !== undefined ? 'se' : 'tolerance';
  const scale = numberAt(file, `${where}.${uncertainty}`, spec[uncertainty], 'a number > 0, in the observed value\'s units', (x) => x > 0);
  return { name, observed, scale, source, uncertainty };
}

function methodFor(file: string, kind: unknown, settings: unknown, replicates: number): MethodSpec {
  if (typeof kind !== 'string' || !(METHODS as readonly string[]).includes(kind)) expect(file, 'method', 'smc, rejection or history-matching', kind);
  const method = kind as MethodSpec['kind'];
  if (!isMapping(settings)) expect(file, 'settings', `a mapping of ${method} settings (${SETTINGS[method].join(', ')})`, settings);
  for (const k of Object.keys(settings)) {
    if (!SETTINGS[method].includes(k)) {
      const other = (Object.keys(SETTINGS) as MethodSpec['kind'][]).find((m) => SETTINGS[m].includes(k));
      if (other !== undefined) fail(file, `settings.${k}`, `is a setting of ${other}, not of ${method} (${method} takes ${SETTINGS[method].join(', ')})`);
      unknownKey(file, 'settings', k, SETTINGS[method]);
    }
  }
  const int = (k: string, fallback: number, least: number): number => integerAt(file, `settings.${k}`, settings[k] ?? fallback, least);
  const num = (k: string, fallback: number, expected: string, ok: (x: number) => boolean): number => numberAt(file, `settings.${k}`, settings[k] ?? fallback, expected, ok);
  switch (method) {
    case 'rejection': {
      if (settings['acceptFraction'] !== undefined && settings['tolerance'] !== undefined) fail(file, 'settings', 'give acceptFraction or tolerance, not both');
      const accept = settings['tolerance'] !== undefined
        ? { tolerance: num('tolerance', 0, 'a distance > 0', (x) => x > 0) }
        : { fraction: num('acceptFraction', 0.05, 'a share from 0 to 1 (exclusive of 0)', (x) => x > 0 && x <= 1) };
      return { kind: 'rejection', draws: int('draws', 1000, 1), accept };
    }
    case 'smc': {
      const particles = int('particles', 100, 2);
      const maxRuns = int('maxRuns', 20 * particles * replicates, 1);
      if (maxRuns < particles * replicates) {
        fail(file, 'settings.maxRuns', `${maxRuns} runs cannot pay for the first generation (particles x replicates = ${particles * replicates}); raise it`);
      }
      return {
        kind: 'smc',
        particles,
        maxRuns,
        quantile: num('quantile', 0.5, 'a number between 0 and 1', (x) => x > 0 && x < 1),
        minTolerance: num('minTolerance', 0, 'a distance >= 0', (x) => x >= 0),
        minAcceptanceRate: num('minAcceptanceRate', 0.02, 'a share from 0 to 1', (x) => x >= 0 && x <= 1),
        maxGenerations: int('maxGenerations', 10, 1),
      };
    }
    case 'history-matching':
      return {
        kind: 'history-matching',
        pointsPerWave: int('pointsPerWave', 200, 1),
        waves: int('waves', 3, 1),
        cutoff: num('cutoff', 3, 'a number > 0', (x) => x > 0),
      };
  }
}
