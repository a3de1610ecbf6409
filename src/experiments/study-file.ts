/**
 * Robustness study files (`povsim robust`, issue 13): policies, the uncertain parameters of the
 * township and the objectives, read with the same safe YAML reader as scenario and sweep files and
 * validated up front, so every problem is one {@link InputError} line naming the file and key.
 *
 *   name: reforms-under-uncertainty      # optional; default: the file name without extension
 *   description: ...                     # optional
 *   seed: 1                              # study seed; default: the first policy's seed
 *   policies:                            # at least two
 *     - ../baseline.yaml                 # a scenario file, relative to the study file
 *     - { name: audits-30, scenario: ../baseline.yaml, set: { supervision.auditRate: 0.3 } }  # lever values
 *   uncertainties:                       # ranges, as a sweep's parameters (lists too)
 *     identification.pmtNoise: { min: 0.2, max: 0.8 }
 *   sampling: lhs                        # lhs (default, `samples` points) | sobol (`baseSamples`: N (k + 2) points)
 *   samples: 100
 *   replicates: 1                        # runs per policy and condition (default 1)
 *   objectives:                          # metric: { direction, threshold (optional) }
 *     leakage: { direction: minimize, threshold: 0.3 }
 *   discovery: { minDensity: 0.8, minMass: 0.05, significance: 0.05 }   # PRIM settings (optional)
 *   set: { township.households: 3000 }   # fixed changes to every policy
 *
 * A study runs as a sweep (src/experiments/sweep.ts) whose design is the grid condition x policy:
 * run id = (condition x policies + policy) x replicates + replicate, and every run's seed is
 * runSeed(seed, condition, replicate) (common random numbers across policies: replicate r of every
 * policy in a condition faces the same township draws, harvests and illnesses, so regret compares
 * like with like; each condition has its own draws, so the spread over conditions is not that of
 * one township). So workers, shards, merge and resume are the sweep's own.
 */
import { metricValueRule } from '../metrics/share-metrics.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { modelFingerprint } from '../model/fingerprint.js';
import {
  InputError,
  MAX_SEED,
  checkAssignment,
  loadScenario,
  parseOverride,
  quote,
  readYamlFile,
  type ResolvedScenario,
} from '../scenario/index.js';
import { closestKeys } from '../scenario/validate.js';
import { isValidName, NAME_RULE, nameFromFile } from '../scenario/names.js';
import { DesignError, designSize, generateDesign, type DesignPoint, type DesignSpec, type Factor, type FactorValue } from './designs/index.js';
import { metricNames, removedMetricMessage } from './metrics.js';
import { expect, factorFor, fail, flatten, integerAt, isMapping, notAFile, unknownKey, type Mapping, type Sweep } from './sweep-file.js';

/** One objective: a metric, which direction is better, and optionally the value it must meet. */
export interface Objective {
  readonly metric: string;
  readonly direction: 'minimize' | 'maximize';
  /** minimize: met when value <= threshold; maximize: when value >= threshold. */
  readonly threshold: number | null;
}

/** One policy: its name and where it comes from. */
export interface PolicyRecord {
  readonly name: string;
  readonly file: string;
  readonly set: readonly string[];
  readonly sha256: string;
}

/** PRIM settings of a study (src/experiments/prim.ts). */
export interface DiscoverySettings {
  /** The chosen box is the first of the peeling trajectory with at least this density (default 0.8). */
  readonly minDensity: number;
  /** Smallest share of conditions a box may hold (default 0.05). */
  readonly minMass: number;
  /** Restrictions with a quasi-p-value at or above this are pruned from the chosen box (default 0.05). */
  readonly significance: number;
}

/** What a study folder's manifest.json records as `study` (plain data: the analysis reads it back). */
export interface StudyRecord {
  readonly policies: readonly PolicyRecord[];
  /** The sample of uncertain parameters: its points are the conditions, in order. */
  readonly uncertainties: DesignSpec;
  readonly conditions: number;
  readonly objectives: readonly Objective[];
  readonly discovery: DiscoverySettings;
}

/** A validated study: the sweep that runs it and what the analysis needs. */
export interface Study {
  readonly sweep: Sweep;
  readonly record: StudyRecord;
}

export const STUDY_KEYS = [
  'name', 'description', 'seed', 'policies', 'uncertainties', 'sampling', 'samples', 'baseSamples',
  'replicates', 'objectives', 'discovery', 'set',
] as const;

/** The two factors of a study's sweep design. */
export const STUDY_FACTORS = { condition: 'condition', policy: 'policy' } as const;

/** Most conditions a study may have: the analysis (PRIM) holds them all in memory. */
export const MAX_CONDITIONS = 1_000_000;

/** PRIM settings when a study file gives none (and for folders written before `significance` existed). */
export const DEFAULT_DISCOVERY: DiscoverySettings = { minDensity: 0.8, minMass: 0.05, significance: 0.05 };

function knownKeys(file: string, parent: string | undefined, value: Mapping, known: readonly string[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) unknownKey(file, parent, key, known);
}

/**
 * Reads and validates a study file.
 *
 * @throws {InputError} one line naming the file and key, e.g.
 *   `study.yaml: objectives.leakag: unknown metric "leakag"; did you mean "leakage"?`
 * @example
 * loadStudy('scenarios/studies/reforms-under-uncertainty.yaml').sweep.runs; // => conditions x policies x replicates
 */
export function loadStudy(file: string, options: StudyLoadOptions = {}): Study {
  const { bytes, parsed } = readYamlFile(file, { expected: 'a study file' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return buildStudy(parsed.value, file, sha256, options);
}

/** Options of {@link loadStudy}. */
export interface StudyLoadOptions {
  /** `path=value` changes applied to every policy after the study's `set` (the CLI's --set). */
  readonly overrides?: readonly string[];
  /**
   * Which direction is better for a metric (the CLI passes the metric table's, src/output/report/metrics.ts):
   * an objective whose direction contradicts it is refused as a slip. Without it, any direction is taken.
   */
  readonly better?: (metric: string) => 'lower' | 'higher' | null;
}

function buildStudy(value: unknown, file: string, sha256: string, options: StudyLoadOptions): Study {
  const cliOverrides = options.overrides ?? [];
  if (value === null || value === undefined) fail(file, undefined, 'the study file is empty; it needs policies, uncertainties and objectives');
  if (!isMapping(value)) expect(file, 'top level', 'a mapping of study keys (policies, uncertainties, objectives, ...)', value);
  knownKeys(file, undefined, value, STUDY_KEYS);
  for (const [key, v] of Object.entries(value)) if (v === null) fail(file, key, 'has no value; give one, or leave the key out for its default');
  const name = value['name'] ?? nameFromFile(file, 'study');
  if (!isValidName(name)) expect(file, 'name', NAME_RULE, name);
  const description = value['description'] ?? '';
  if (typeof description !== 'string') expect(file, 'description', 'a text', description);

  const factors = uncertaintiesOf(file, value['uncertainties']);
  const fixed = fixedChanges(file, value['set'] ?? {}, factors);
  const overrides = checkedOverrides(file, cliOverrides, factors);
  const policies = policiesOf(file, value['policies'], [...fixed, ...overrides], factors.map((f) => f.name));
  checkLeversUntouched(file, { uncertain: factors.map((f) => f.name), fixed, overrides }, policies);
  const scenarios = policies.map((p) => p.scenario);
  const seed = integerAt(file, 'seed', value['seed'] ?? scenarios[0]!.seed, 0, MAX_SEED);
  const uncertainties = samplingOf(file, value, factors, seed);
  const objectives = objectivesOf(file, value['objectives'], options.better);
  const discovery = discoveryOf(file, value['discovery']);
  const replicates = integerAt(file, 'replicates', value['replicates'] ?? 1, 1);

  const count = designSize(uncertainties);
  if (count > MAX_CONDITIONS) {
    fail(file, uncertainties.kind === 'lhs' ? 'samples' : 'baseSamples', `the study would have ${count.toLocaleString('en-US')} conditions; at most ${MAX_CONDITIONS.toLocaleString('en-US')} (the analysis holds every condition in memory)`);
  }
  const record: StudyRecord = { policies: policies.map((p) => p.record), uncertainties, conditions: count, objectives, discovery };
  const sweep = studySweep({ name, description, file, sha256, overrides, seed, replicates }, policies.map((p) => p.scenario), record);
  return { sweep, record };
}

/**
 * The sweep that runs a study: the grid condition x policy (policy fastest), common seeds, each
 * design point run on its policy's scenario with its condition's uncertain values.
 */
function studySweep(
  head: Pick<Sweep, 'name' | 'description' | 'file' | 'sha256' | 'overrides' | 'seed' | 'replicates'>,
  scenarios: readonly ResolvedScenario[],
  record: StudyRecord,
): Sweep {
  const conditions = generateDesign(record.uncertainties).points;
  const policyNames = record.policies.map((p) => p.name);
  const design: DesignSpec = {
    kind: 'grid',
    factors: [
      { name: STUDY_FACTORS.condition, values: conditions.map((c) => c.index) },
      { name: STUDY_FACTORS.policy, values: policyNames },
    ],
  };
  const points = conditions.length * scenarios.length;
  const runs = points * head.replicates;
  if (!Number.isSafeInteger(runs)) fail(head.file, 'replicates', `the study would have ${runs} runs, too many to count`);
  const fingerprint = createHash('sha256')
    .update(`povsim-study-v2\n${head.sha256}\n${scenarios.map((s) => s.hash).join('\n')}\n${modelFingerprint()}\n`)
    .digest('hex');
  const runOf = (point: DesignPoint): { scenario: number; values: Readonly<Record<string, FactorValue>> } => {
    const scenario = policyNames.indexOf(String(point.values[STUDY_FACTORS.policy]));
    const condition = conditions[Number(point.values[STUDY_FACTORS.condition])];
    if (scenario < 0 || condition === undefined) throw new RangeError(`study run: no policy or condition for point ${point.index}`);
    return { scenario, values: condition.values };
  };
  return {
    ...head,
    base: scenarios[0]!,
    seeds: 'condition',
    design,
    bootstrap: 0,
    outputs: metricNames(),
    points,
    runs,
    fingerprint,
    study: { scenarios, runOf, record: record as unknown as Readonly<Record<string, unknown>>, conditionOf: (point) => Math.floor(point / scenarios.length) },
  };
}

/** The command line's changes: not of an uncertain parameter, not of the seed. */
function checkedOverrides(file: string, overrides: readonly string[], factors: readonly Factor[]): string[] {
  return overrides.map((text) => {
    const a = parseOverride(text);
    const key = a.path.join('.');
    if (factors.some((f) => f.name === key)) throw new InputError({ file: '--set', key, detail: `is an uncertainty of the study ${file}; remove the override` });
    if (key === 'seed') throw new InputError({ file: '--set', key: 'seed', detail: 'runs take their seeds from the study seed (seed: in the study file)' });
    return a.text;
  });
}

/**
 * A lever is any parameter whose value differs between the policies as their files and `set:`
 * make them (before the study's `set` and --set). An uncertainty or a --set of a lever would
 * change it in every run and so erase the policy: refused. The study's `set` is refused on a
 * parameter that differs between the policies' files (a policy's own `set:` still wins over it).
 */
function checkLeversUntouched(
  file: string,
  changes: { readonly uncertain: readonly string[]; readonly fixed: readonly string[]; readonly overrides: readonly string[] },
  policies: readonly LoadedPolicy[],
): void {
  const erases = 'changing it in every run would erase the policy';
  for (const key of changes.uncertain) {
    const owner = leverOwner(key, policies);
    if (owner !== null) fail(file, `uncertainties.${key}`, `is a lever of the policy ${owner} (its value differs between the policies); ${erases}`);
  }
  for (const text of changes.fixed) {
    const key = parseOverride(text).path.join('.');
    const owner = leverOwner(key, policies.filter((p) => !p.record.set.some((lever) => parseOverride(lever).path.join('.') === key)));
    if (owner !== null) fail(file, `set.${key}`, `is a lever of the policy ${owner} (its value differs between the policies); ${erases}`);
  }
  for (const text of changes.overrides) {
    const key = parseOverride(text).path.join('.');
    const owner = leverOwner(key, policies);
    if (owner !== null) throw new InputError({ file: '--set', key, detail: `is a lever of the policy ${owner} in ${file}; ${erases}` });
  }
}

/** The first policy whose own value of `key` differs from the first policy's, or null when all agree. */
function leverOwner(key: string, policies: readonly LoadedPolicy[]): string | null {
  const valueOf = (p: LoadedPolicy): string => JSON.stringify(parameterAt(p.own.params, key));
  const first = policies[0];
  if (first === undefined) return null;
  return policies.find((p) => valueOf(p) !== valueOf(first))?.record.name ?? null;
}

function parameterAt(params: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (isMapping(node) ? node[part] : undefined), params);
}

function uncertaintiesOf(file: string, value: unknown): Factor[] {
  if (value === undefined) fail(file, 'uncertainties', 'missing: name at least one uncertain parameter with its range, e.g. identification.pmtNoise: { min: 0.2, max: 0.8 }');
  if (!isMapping(value) || Object.keys(value).length === 0) {
    expect(file, 'uncertainties', 'a mapping of parameter paths to a range { min, max } (or a list of values)', value);
  }
  return Object.entries(value).map(([key, spec]) => factorFor(file, key, spec, 'uncertainties'));
}

/** The study's `set`: checked like a scenario's values; an uncertain parameter cannot also be fixed. */
function fixedChanges(file: string, value: unknown, factors: readonly Factor[]): string[] {
  if (!isMapping(value)) expect(file, 'set', 'a mapping of parameter paths to values, e.g. { township.households: 3000 }', value);
  return flatten(value).map(([key, v]) => {
    if (['seed', 'name', 'description', 'extends'].includes(key)) fail(file, `set.${key}`, key === 'seed' ? 'runs take their seeds from the study seed; write seed: at the top level' : 'set changes parameters only');
    if (factors.some((f) => f.name === key)) fail(file, `set.${key}`, 'is also an uncertainty; keep one');
    return checkAssignment(key, v, `${file}: set`).text;
  });
}

/** A scenario file named in the study, relative to it. */
function scenarioAt(file: string, key: string, given: unknown, overrides: readonly string[]): ResolvedScenario {
  if (typeof given !== 'string' || given === '') expect(file, key, 'a path to a scenario file, relative to this file', given);
  const target = path.normalize(path.isAbsolute(given) ? given : path.join(path.dirname(file), given));
  const problem = notAFile(target);
  if (problem !== undefined) {
    throw new InputError({ file, key, expected: 'an existing scenario file (relative to the study file)', found: `${quote(given)} (${problem} ${quote(target, 80)})` });
  }
  return loadScenario(target, { overrides, referenced: true });
}

/** A policy as the study runs it, and as its own file and `set:` make it (`own`: no study `set`, no --set). */
interface LoadedPolicy {
  readonly record: PolicyRecord;
  readonly scenario: ResolvedScenario;
  readonly own: ResolvedScenario;
}

function policiesOf(file: string, value: unknown, overrides: readonly string[], uncertain: readonly string[]): LoadedPolicy[] {
  if (value === undefined) fail(file, 'policies', 'missing: list at least two policies (scenario files, or { name, scenario, set })');
  if (!Array.isArray(value) || value.length < 2) expect(file, 'policies', 'a list of at least two policies (scenario files, or { name, scenario, set })', value);
  const policies = value.map((entry: unknown, i) => {
    const key = `policies[${i}]`;
    if (typeof entry === 'string') {
      const scenario = scenarioAt(file, key, entry, overrides);
      const own = overrides.length === 0 ? scenario : scenarioAt(file, key, entry, []);
      return { record: { name: scenario.name, file: scenario.file, set: [], sha256: scenario.hash }, scenario, own };
    }
    if (!isMapping(entry)) expect(file, key, 'a scenario file or a mapping { name, scenario, set }', entry);
    knownKeys(file, key, entry, ['name', 'scenario', 'set']);
    const name = entry['name'];
    if (name === undefined) fail(file, `${key}.name`, 'missing: a policy given by lever values needs a name');
    if (!isValidName(name)) expect(file, `${key}.name`, NAME_RULE, name);
    if (entry['scenario'] === undefined) fail(file, `${key}.scenario`, 'missing: the scenario the levers change, e.g. scenario: ../baseline.yaml');
    const setValue = entry['set'] ?? {};
    if (!isMapping(setValue)) expect(file, `${key}.set`, 'a mapping of parameter paths to values, e.g. { supervision.auditRate: 0.3 }', setValue);
    const levers = flatten(setValue).map(([path, v]) => {
      // The uncertain value would replace the lever in every condition: the policy would not be what it says.
      if (uncertain.includes(path)) fail(file, `${key}.set.${path}`, 'is also an uncertainty of the study; a policy\'s lever cannot be uncertain');
      return checkAssignment(path, v, `${file}: ${key}.set`).text;
    });
    // The policy's own levers last: they win over the study's `set` (and --set may not touch them).
    const scenario = scenarioAt(file, `${key}.scenario`, entry['scenario'], [...overrides, ...levers]);
    const own = overrides.length === 0 ? scenario : scenarioAt(file, `${key}.scenario`, entry['scenario'], levers);
    return { record: { name, file: scenario.file, set: levers, sha256: scenario.hash }, scenario: { ...scenario, name }, own };
  });
  const seen = new Map<string, number>();
  policies.forEach((p, i) => {
    const before = seen.get(p.record.name);
    if (before !== undefined) fail(file, `policies[${i}]`, `the name ${quote(p.record.name)} is also policies[${before}]'s; give one of them another name ({ name, scenario, set })`);
    seen.set(p.record.name, i);
  });
  return policies;
}

function samplingOf(file: string, value: Mapping, factors: readonly Factor[], seed: number): DesignSpec {
  const sampling = value['sampling'] ?? 'lhs';
  if (sampling !== 'lhs' && sampling !== 'sobol') expect(file, 'sampling', 'lhs (Latin hypercube, with samples) or sobol (Saltelli design, with baseSamples)', sampling);
  const own = sampling === 'lhs' ? 'samples' : 'baseSamples';
  const other = sampling === 'lhs' ? 'baseSamples' : 'samples';
  if (value[other] !== undefined) fail(file, other, `is not used by sampling ${sampling} (it takes ${own})`);
  if (value[own] === undefined) fail(file, own, `missing: sampling ${sampling} needs ${own}, ${sampling === 'lhs' ? 'the number of conditions' : 'N (the design has N (k + 2) conditions)'}`);
  const count = integerAt(file, own, value[own], 2);
  const spec: DesignSpec = sampling === 'lhs' ? { kind: 'lhs', factors, samples: count, seed } : { kind: 'sobol', factors, baseSamples: count, seed };
  try {
    designSize(spec);
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    fail(file, error.factor === null ? 'sampling' : `uncertainties.${error.factor}`, error.factor === null ? error.message : error.message.replace(/^factor '[^']*': /, ''));
  }
  return spec;
}

function objectivesOf(file: string, value: unknown, better: StudyLoadOptions['better']): Objective[] {
  if (value === undefined) fail(file, 'objectives', 'missing: name at least one metric, e.g. leakage: { direction: minimize, threshold: 0.3 }');
  if (!isMapping(value) || Object.keys(value).length === 0) expect(file, 'objectives', 'a mapping of metric names to { direction, threshold }', value);
  const all = metricNames();
  return Object.entries(value).map(([metric, spec]): Objective => {
    const key = `objectives.${metric}`;
    if (!all.includes(metric)) {
      const removed = removedMetricMessage(metric);
      if (removed !== null) fail(file, key, removed);
      const near = closestKeys(metric, all);
      fail(file, key, `unknown metric ${quote(metric)}${near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : ' (see povsim describe)'}`);
    }
    if (!isMapping(spec)) expect(file, key, 'a mapping { direction: minimize or maximize, threshold: a number (optional) }', spec);
    knownKeys(file, key, spec, ['direction', 'threshold']);
    const direction = spec['direction'];
    if (direction !== 'minimize' && direction !== 'maximize') expect(file, `${key}.direction`, 'minimize or maximize', direction);
    const known = better?.(metric) ?? null;
    if (known !== null && direction !== (known === 'lower' ? 'minimize' : 'maximize')) {
      expect(file, `${key}.direction`, `${known === 'lower' ? 'minimize' : 'maximize'} (${known} ${metric} is better: povsim describe ${metric})`, direction);
    }
    const threshold = spec['threshold'] ?? null;
    if (threshold !== null && (typeof threshold !== 'number' || !Number.isFinite(threshold))) expect(file, `${key}.threshold`, 'a number (the value the metric must meet)', threshold);
    // The metric's documented range, as calibrate checks observed values (src/experiments/calibration/targets-file.ts).
    const rule = metricValueRule(metric);
    if (typeof threshold === 'number' && rule !== null && !rule.ok(threshold)) expect(file, `${key}.threshold`, rule.expected, threshold);
    return { metric, direction, threshold };
  });
}

function discoveryOf(file: string, value: unknown): DiscoverySettings {
  if (value === undefined) return DEFAULT_DISCOVERY;
  if (!isMapping(value)) expect(file, 'discovery', 'a mapping { minDensity, minMass, significance }', value);
  knownKeys(file, 'discovery', value, ['minDensity', 'minMass', 'significance']);
  const share = (k: keyof DiscoverySettings, least: number): number => {
    const v = value[k] ?? DEFAULT_DISCOVERY[k];
    if (typeof v !== 'number' || !(v > least) || v > 1) expect(file, `discovery.${k}`, `a number above ${least} and at most 1`, v);
    return v;
  };
  return { minDensity: share('minDensity', 0), minMass: share('minMass', 0), significance: share('significance', 0) };
}
