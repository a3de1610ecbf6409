/**
 * Sweep files: a base scenario, the parameters to vary, a design and the replicates per design
 * point, read with the same safe YAML reader as scenario files and validated up front, so that
 * every problem is a one-line {@link InputError} naming the file and key before any run starts.
 *
 *   name: audit-by-noise              # optional; default: the file name without extension
 *   description: ...                  # optional
 *   scenario: ../baseline.yaml        # base scenario, relative to the sweep file (required)
 *   seed: 1                           # sweep seed; default: the base scenario's seed
 *   design: grid                      # grid | random | lhs | sobol | morris (default grid)
 *   replicates: 3                     # runs per design point (default 1)
 *   levels: 5                         # grid: levels of each range (default 5); morris: grid levels p (default 4)
 *   samples: 50                       # random, lhs: number of design points (required)
 *   baseSamples: 64                   # sobol: N, the design has N (k + 2) points (required)
 *   bootstrap: 500                    # sobol: bootstrap resamples for the intervals (default 500)
 *   trajectories: 10                  # morris: r, the design has r (k + 1) points (required)
 *   parameters:                       # dotted parameter paths
 *     supervision.auditRate: [0.05, 0.2, 0.4]            # a list of values
 *     identification.pmtNoise: { min: 0.1, max: 0.8 }    # a range; also distribution:
 *                                                        # uniform | loguniform, integer: true
 *   outputs: [leakage, headcount]     # sobol, morris: metrics analysed (default: all)
 *   set: { township.households: 3000 }  # fixed changes to the base scenario
 */
import { createHash } from 'node:crypto';
import { modelFingerprint } from '../model/fingerprint.js';
import { statSync } from 'node:fs';
import { kindOf } from '../io/read.js';
import path from 'node:path';
import {
  InputError,
  MAX_SEED,
  checkAssignment,
  describeValue,
  loadScenario,
  parameterInfo,
  parseOverride,
  quote,
  readYamlFile,
  type Assignment,
  type ParameterInfo,
  type ResolvedScenario,
} from '../scenario/index.js';
import { closestKeys } from '../scenario/validate.js';
import { isValidName, NAME_RULE, nameFromFile } from '../scenario/names.js';
import {
  DesignError,
  designSize,
  type DesignPoint,
  type DesignKind,
  type DesignSpec,
  type Factor,
  type FactorValue,
  type RangeFactor,
} from './designs/index.js';
import { metricNames, removedMetricMessage } from './metrics.js';

/** A validated sweep: everything a sweep run needs. */
export interface Sweep {
  /** Sweep name (folder names): the file's `name`, else the file name without extension. */
  readonly name: string;
  readonly description: string;
  /** The sweep file as given. */
  readonly file: string;
  /** sha256 (hex) of the sweep file's bytes. */
  readonly sha256: string;
  /** The base scenario after the sweep's `set` and the command-line overrides. */
  readonly base: ResolvedScenario;
  /** Overrides given on the command line (`--set` etc.), canonical `path=value` texts. */
  readonly overrides: readonly string[];
  /** Sweep seed: runs take their seeds from it (see `seeds`); random designs use it too. */
  readonly seed: number;
  readonly replicates: number;
  /**
   * `common` (default): replicate r of every design point uses the seed runSeed(seed, 0, r), so all
   * points face the same township, harvests and illnesses (common random numbers: differences
   * between points are the parameters' effect, and sensitivity indices are not swamped by noise).
   * `independent`: every run has its own seed runSeed(seed, point, r).
   * `condition` (robustness studies only): runSeed(seed, condition, r), shared by every policy in
   * the condition (common random numbers across policies) and different between conditions.
   */
  readonly seeds: 'common' | 'independent' | 'condition';
  /** The design: kind, factors (the varied parameters, in file order) and options. */
  readonly design: DesignSpec;
  /** Bootstrap resamples for Sobol intervals. */
  readonly bootstrap: number;
  /** Metrics analysed in sensitivity.csv (sobol, morris); every metric otherwise. */
  readonly outputs: readonly string[];
  /** Design points. */
  readonly points: number;
  /**
   * A robustness study's runs (src/experiments/study-file.ts), absent for a plain sweep: the
   * scenarios the runs use (the study's policies) and, per design point, which of them and which
   * parameter values; the manifest's `study` record.
   */
  readonly study?: SweepStudy;
  /** Runs = points x replicates. */
  readonly runs: number;
  /**
   * sha256 (hex) identifying the sweep's inputs: the sweep file's bytes, the base scenario's hash
   * (its chain's contents, the sweep's `set` and the command-line overrides) and the model's
   * fingerprint (src/model/fingerprint.ts: a build that computes differently has another). A
   * resumed or merged sweep must have the same fingerprint.
   */
  readonly fingerprint: string;
}

/** How a robustness study's design points become runs (see {@link Sweep.study}). */
export interface SweepStudy {
  readonly scenarios: readonly ResolvedScenario[];
  /** The run of a design point: the index of its scenario and the parameter values applied to it. */
  readonly runOf: (point: DesignPoint) => { readonly scenario: number; readonly values: Readonly<Record<string, FactorValue>> };
  /** Recorded in manifest.json as `study` (plain data). */
  readonly record: Readonly<Record<string, unknown>>;
  /** The condition of a design point (its runs' seeds are the condition's: seeds `condition`). */
  readonly conditionOf: (point: number) => number;
}

/** Options of {@link loadSweep}. */
export interface SweepLoadOptions {
  /** Overrides `path=value` applied to the base scenario after the sweep's `set` (the CLI's --set). */
  readonly overrides?: readonly string[];
}

/** Top-level keys of a sweep file. */
export const SWEEP_KEYS = [
  'name',
  'description',
  'scenario',
  'seed',
  'design',
  'replicates',
  'seeds',
  'levels',
  'samples',
  'baseSamples',
  'bootstrap',
  'trajectories',
  'parameters',
  'outputs',
  'set',
] as const;

export const DESIGN_KINDS: readonly DesignKind[] = ['grid', 'random', 'lhs', 'sobol', 'morris'];

/** Which design uses each count key. */
const COUNT_KEYS: Readonly<Record<'levels' | 'samples' | 'baseSamples' | 'bootstrap' | 'trajectories', readonly DesignKind[]>> = {
  levels: ['grid', 'morris'],
  samples: ['random', 'lhs'],
  baseSamples: ['sobol'],
  bootstrap: ['sobol'],
  trajectories: ['morris'],
};

/** The key giving the design's size, per kind (none for grid). */
const SIZE_KEY: Readonly<Record<DesignKind, string | null>> = {
  grid: null,
  random: 'samples',
  lhs: 'samples',
  sobol: 'baseSamples',
  morris: 'trajectories',
};

const RANGE_KEYS = ['min', 'max', 'distribution', 'integer'] as const;
/** Message for a key written without a value. */
const NO_VALUE = 'has no value; give one, or leave the key out for its default';
/** Default bootstrap resamples for Sobol intervals. */
export const DEFAULT_BOOTSTRAP = 500;

/**
 * Reads and validates a sweep file.
 *
 * @param file - the sweep file (YAML); `scenario` in it is relative to its folder.
 * @param options - command-line overrides applied to the base scenario after the sweep's `set`.
 * @throws {InputError} one line naming the file and key, e.g.
 *   `sweep.yaml: parameters.supervision.auditRat: unknown parameter or group; did you mean "supervision.auditRate"? ...`
 * @example
 * const sweep = loadSweep('scenarios/sweeps/audit-by-noise.yaml');
 * sweep.runs; // => points x replicates
 */
export function loadSweep(file: string, options: SweepLoadOptions = {}): Sweep {
  const { bytes, parsed } = readYamlFile(file, { expected: 'a sweep file' });
  return buildSweep(parsed.value, {
    file,
    baseDir: path.dirname(file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    overrides: options.overrides ?? [],
  });
}

export interface Source {
  readonly file: string;
  readonly baseDir: string;
  readonly sha256: string;
  readonly overrides: readonly string[];
}

/** A YAML mapping (helpers below shared with study-file.ts). */
export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function fail(file: string, key: string | undefined, detail: string): never {
  throw new InputError(key === undefined ? { file, detail } : { file, key, detail });
}

export function expect(file: string, key: string, expected: string, value: unknown): never {
  throw new InputError({ file, key, expected, found: describeValue(value) });
}

export function unknownKey(file: string, parent: string | undefined, key: string, known: readonly string[]): never {
  const near = closestKeys(key, known);
  const where = parent === undefined ? 'at top level' : `in ${parent}`;
  const hint = near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : `; known keys: ${known.join(', ')}`;
  fail(file, parent === undefined ? key : `${parent}.${key}`, `unknown key ${quote(key)} ${where}${hint}`);
}

export function integerAt(file: string, key: string, value: unknown, least: number, most: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > most) {
    expect(file, key, most === Number.MAX_SAFE_INTEGER ? `an integer >= ${least}` : `an integer from ${least} to ${most}`, value);
  }
  return value;
}

/** Rewrites an InputError from the scenario layer so it names the sweep file and the key in it. */
export function rename(error: unknown, file: string, key: string): never {
  if (!(error instanceof InputError)) throw error;
  const parts = { file, key };
  if (error.detail !== undefined) throw new InputError({ ...parts, detail: error.detail });
  if (error.expected !== undefined) {
    throw new InputError(error.found !== undefined ? { ...parts, expected: error.expected, found: error.found } : { ...parts, expected: error.expected });
  }
  throw new InputError({ ...parts, detail: error.message });
}

/** Why a path is not a regular file ("no file", "a directory:", ...), or undefined if it is one. */
export function notAFile(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() ? undefined : `${kindOf(stats)}:`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a loop of symbolic links at' : 'no file';
  }
}

function buildSweep(value: unknown, source: Source): Sweep {
  const { file } = source;
  if (value === null || value === undefined) fail(file, undefined, 'the sweep file is empty; it needs at least scenario and parameters');
  if (!isMapping(value)) expect(file, 'top level', 'a mapping of sweep keys (scenario, design, parameters, ...)', value);
  for (const key of Object.keys(value)) {
    if (!(SWEEP_KEYS as readonly string[]).includes(key)) unknownKey(file, undefined, key, SWEEP_KEYS);
  }
  // `key:` with nothing after it is a slip, not a request for the default.
  for (const [key, v] of Object.entries(value)) if (v === null) fail(file, key, NO_VALUE);

  const name = value['name'] ?? nameFromFile(file, 'sweep');
  if (!isValidName(name)) expect(file, 'name', NAME_RULE, name);
  const description = value['description'] ?? '';
  if (typeof description !== 'string') expect(file, 'description', 'a text', description);

  const kind = value['design'] ?? 'grid';
  if (typeof kind !== 'string' || !(DESIGN_KINDS as readonly string[]).includes(kind)) {
    const near = typeof kind === 'string' ? closestKeys(kind, DESIGN_KINDS) : [];
    const hint = near.length > 0 ? ` (did you mean ${quote(near[0] ?? '')}?)` : '';
    throw new InputError({ file, key: 'design', expected: 'one of grid, random, lhs, sobol, morris', found: `${describeValue(kind)}${hint}` });
  }
  const design = kind as DesignKind;

  for (const [key, kinds] of Object.entries(COUNT_KEYS)) {
    if (value[key] !== undefined && !kinds.includes(design)) {
      const own = SIZE_KEY[design];
      fail(file, key, `is not used by the ${design} design (${key} is for ${kinds.join(' and ')}${own === null ? '' : `; ${design} takes ${own}`})`);
    }
  }
  const sizeKey = SIZE_KEY[design];
  if (sizeKey !== null && value[sizeKey] === undefined) {
    const what = { samples: 'the number of design points', baseSamples: 'N, the number of base samples (the design has N (k + 2) points)', trajectories: 'r, the number of trajectories (the design has r (k + 1) points)' }[sizeKey];
    fail(file, sizeKey, `missing: the ${design} design needs ${sizeKey}, ${what}`);
  }

  const replicates = integerAt(file, 'replicates', value['replicates'] ?? 1, 1);
  const seeds = value['seeds'] ?? 'common';
  if (seeds !== 'common' && seeds !== 'independent') {
    expect(file, 'seeds', 'common (every design point faces the same shocks in replicate r) or independent (every run its own seed)', seeds);
  }

  // Parameters: check each path and its values against the parameter tree.
  const parameters = value['parameters'];
  if (parameters === undefined) fail(file, 'parameters', 'missing: name at least one parameter to vary, e.g. supervision.auditRate: [0.05, 0.2]');
  if (!isMapping(parameters) || Object.keys(parameters).length === 0) {
    expect(file, 'parameters', 'a mapping of parameter paths to a list of values or a range { min, max }', parameters);
  }
  const factors = Object.entries(parameters).map(([key, spec]) => factorFor(file, key, spec));

  const base = baseScenario(value, source, new Set(factors.map((f) => f.name)), 'sweep');
  const overrides = source.overrides.map((text) => parseOverride(text).text);

  const seed = integerAt(file, 'seed', value['seed'] ?? base.seed, 0, MAX_SEED);

  const count = (key: string, least: number): number | undefined =>
    value[key] === undefined ? undefined : integerAt(file, key, value[key], least);
  let spec: DesignSpec;
  switch (design) {
    case 'grid': {
      const levels = count('levels', 2);
      spec = levels === undefined ? { kind: 'grid', factors } : { kind: 'grid', factors, levels };
      break;
    }
    case 'random':
    case 'lhs':
      spec = { kind: design, factors, samples: count('samples', 1) ?? 0, seed };
      break;
    case 'sobol':
      spec = { kind: 'sobol', factors, baseSamples: count('baseSamples', 2) ?? 0, seed };
      break;
    case 'morris': {
      const levels = count('levels', 2);
      if (levels !== undefined && levels % 2 !== 0) expect(file, 'levels', 'an even integer >= 2 (morris grid levels)', levels);
      const trajectories = count('trajectories', 2) ?? 0;
      spec = levels === undefined ? { kind: 'morris', factors, trajectories, seed } : { kind: 'morris', factors, trajectories, levels, seed };
      break;
    }
  }
  const bootstrap = count('bootstrap', 0) ?? DEFAULT_BOOTSTRAP;

  let points: number;
  try {
    points = designSize(spec);
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    const key = error.factor === null ? 'design' : `parameters.${error.factor}`;
    const detail = error.factor === null ? error.message : error.message.replace(/^factor '[^']*': /, '');
    fail(file, key, detail);
  }
  const runs = points * replicates;
  if (!Number.isSafeInteger(runs)) fail(file, 'replicates', `the sweep would have ${runs} runs, too many to count`);

  const outputs = outputsOf(file, value['outputs'], design);

  const fingerprint = createHash('sha256')
    .update(`povsim-sweep-v2\n${source.sha256}\n${base.hash}\n${modelFingerprint()}\n`)
    .digest('hex');
  return {
    name,
    description,
    file,
    sha256: source.sha256,
    base,
    overrides,
    seed,
    replicates,
    seeds: seeds as 'common' | 'independent',
    design: spec,
    bootstrap,
    outputs,
    points,
    runs,
    fingerprint,
  };
}

/**
 * The base scenario a sweep or calibration file names (`scenario`, relative to the file), with the
 * file's fixed changes (`set`) and then the command line's overrides applied. `varied`: the
 * parameters the file varies or fits, which neither may change.
 */
export function baseScenario(value: Mapping, source: Source, varied: ReadonlySet<string>, what: 'sweep' | 'calibration'): ResolvedScenario {
  const { file } = source;
  // Fixed changes: the file's `set`, then the command line's.
  const setValue = value['set'] ?? {};
  if (!isMapping(setValue)) expect(file, 'set', 'a mapping of parameter paths to values, e.g. { township.households: 3000 }', setValue);
  const fixed: Assignment[] = flatten(setValue).map(([key, v]) => {
    if (['seed', 'name', 'description', 'extends'].includes(key)) {
      fail(file, `set.${key}`, key === 'seed' ? `runs take their seeds from the ${what} seed; write seed: at the top level` : 'set changes parameters only');
    }
    try {
      return checkAssignment(key, v, file);
    } catch (error) {
      return rename(error, file, `set.${key}`);
    }
  });
  for (const a of fixed) {
    if (varied.has(a.path.join('.'))) fail(file, `set.${a.path.join('.')}`, 'is also varied under parameters; keep one');
  }
  const overrides = source.overrides.map((text) => {
    const a = parseOverride(text);
    if (varied.has(a.path.join('.'))) {
      throw new InputError({ file: '--set', key: a.path.join('.'), detail: `is varied by the ${what} ${file}; remove the override` });
    }
    if (a.path[0] === 'seed') throw new InputError({ file: '--set', key: 'seed', detail: `runs take their seeds from the ${what} seed (seed: in the ${what} file)` });
    return a.text;
  });

  // The base scenario, relative to the file.
  const scenarioPath = value['scenario'];
  if (scenarioPath === undefined) fail(file, 'scenario', 'missing: the base scenario file, relative to this file, e.g. scenario: ../baseline.yaml');
  if (typeof scenarioPath !== 'string' || scenarioPath === '') expect(file, 'scenario', 'a path to a scenario file, relative to this file', scenarioPath);
  const scenarioFile = path.normalize(path.isAbsolute(scenarioPath) ? scenarioPath : path.join(source.baseDir, scenarioPath));
  const problem = notAFile(scenarioFile);
  if (problem !== undefined) {
    throw new InputError({ file, key: 'scenario', expected: `an existing scenario file (relative to the ${what} file)`, found: `${quote(scenarioPath)} (${problem} ${quote(scenarioFile, 80)})` });
  }
  return loadScenario(scenarioFile, { overrides: [...fixed.map((a) => a.text), ...overrides], referenced: true });
}

/**
 * One entry of `parameters` (or of another group of a file, e.g. a study's `uncertainties`): a
 * list of values or a range, checked against the parameter.
 */
export function factorFor(file: string, key: string, spec: unknown, group = 'parameters'): Factor {
  const where = `${group}.${key}`;
  const info = parameterAt(file, key, group);
  if (Array.isArray(spec)) {
    if (spec.length === 0) fail(file, where, 'the list of values is empty');
    const values: FactorValue[] = spec.map((v: unknown, i) => {
      try {
        return checkAssignment(key, v, file).value;
      } catch (error) {
        return rename(error, file, `${where}[${i}]`);
      }
    });
    return { name: key, values };
  }
  if (!isMapping(spec)) {
    const example = info.kind === 'number' ? `[${info.default}, ...] or { min: ${info.min ?? 0}, max: ${info.max ?? 1} }` : `a list such as [${(info.values ?? [String(info.default)]).slice(0, 2).join(', ')}]`;
    expect(file, where, `a list of values or a range { min, max }: ${example}`, spec);
  }
  if (info.kind !== 'number') {
    fail(file, where, `is ${info.kind === 'boolean' ? 'true/false' : `one of ${(info.values ?? []).join(', ')}`}, so give a list of values, not a range`);
  }
  for (const k of Object.keys(spec)) if (!(RANGE_KEYS as readonly string[]).includes(k)) unknownKey(file, where, k, RANGE_KEYS);
  for (const [k, v] of Object.entries(spec)) if (v === null) fail(file, `${where}.${k}`, NO_VALUE);
  const lowest = info.min ?? -Infinity;
  const highest = info.max ?? Infinity;
  const bound = (k: 'min' | 'max'): number => {
    const v = spec[k];
    if (v === undefined) fail(file, `${where}.${k}`, `missing: a range needs min and max (${key} is ${lowest} to ${highest}${info.unit ? `, ${info.unit}` : ''})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lowest || v > highest) {
      expect(file, `${where}.${k}`, `a number from ${lowest} to ${highest} (${info.unit ?? 'the parameter\'s range'})`, v);
    }
    if (info.integer && !Number.isInteger(v)) expect(file, `${where}.${k}`, `an integer (${key} is whole ${info.unit ?? 'numbers'})`, v);
    return v;
  };
  const min = bound('min');
  const max = bound('max');
  if (!(min < max)) fail(file, where, `min (${min}) must be less than max (${max})`);
  const distribution = spec['distribution'] ?? 'uniform';
  if (distribution !== 'uniform' && distribution !== 'loguniform') {
    expect(file, `${where}.distribution`, 'uniform or loguniform', distribution);
  }
  if (distribution === 'loguniform' && min <= 0) fail(file, `${where}.min`, `loguniform needs min > 0, found ${min}`);
  const integerValue = spec['integer'] ?? info.integer;
  if (typeof integerValue !== 'boolean') expect(file, `${where}.integer`, 'true or false', integerValue);
  if (info.integer && !integerValue) fail(file, `${where}.integer`, `${key} takes whole numbers only; leave integer out or set it to true`);
  if (integerValue && (!Number.isInteger(min) || !Number.isInteger(max))) fail(file, where, `integer ranges need whole min and max, found ${min} and ${max}`);
  const factor: RangeFactor = { name: key, min, max, distribution, integer: integerValue };
  return factor;
}

/** The parameter a dotted path names; a one-line error for groups, bare names and unknown paths. */
export function parameterAt(file: string, key: string, group = 'parameters'): ParameterInfo {
  const where = `${group}.${key}`;
  if (key.split('.').some((part) => part.trim() === '')) {
    expect(file, where, 'a dotted parameter path such as supervision.auditRate', key);
  }
  if (key === 'seed') fail(file, where, 'the seed is not a parameter: runs take their seeds from the sweep seed (seed: at the top level) and replicates');
  if (['name', 'description', 'extends'].includes(key)) fail(file, where, `${key} is a scenario key, not a parameter to vary`);
  let infos: ParameterInfo[];
  try {
    infos = parameterInfo(key);
  } catch (error) {
    return rename(error, file, where);
  }
  const exact = infos.find((i) => i.path === key);
  if (exact !== undefined && infos.length === 1) return exact;
  if (!key.includes('.') && infos.every((i) => i.path.split('.').pop() === key)) {
    fail(file, where, `write the full dotted path: did you mean ${infos.slice(0, 3).map((i) => quote(i.path)).join(' or ')}?`);
  }
  fail(file, where, `is a group of parameters; name one of them, e.g. ${quote(infos[0]?.path ?? `${key}.x`)}`);
}

/** Leaves of a (possibly nested) mapping as [dotted path, value]. */
export function flatten(value: Mapping, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const p = prefix === '' ? key : `${prefix}.${key}`;
    if (isMapping(v)) out.push(...flatten(v, p));
    else out.push([p, v]);
  }
  return out;
}

function outputsOf(file: string, value: unknown, design: DesignKind): readonly string[] {
  const all = metricNames();
  if (value === undefined) return all;
  if (design !== 'sobol' && design !== 'morris') {
    fail(file, 'outputs', `selects the metrics analysed in sensitivity.csv, which only sobol and morris designs produce (results.csv always holds every metric)`);
  }
  if (!Array.isArray(value) || value.length === 0) expect(file, 'outputs', 'a list of metric names, e.g. [leakage, headcount]', value);
  const seen = new Set<string>();
  value.forEach((m: unknown, i) => {
    if (typeof m !== 'string' || !all.includes(m)) {
      const removed = typeof m === 'string' ? removedMetricMessage(m) : null;
      if (removed !== null) fail(file, `outputs[${i}]`, removed);
      const near = typeof m === 'string' ? closestKeys(m, all) : [];
      const hint = near.length > 0 ? `; did you mean ${quote(near[0] ?? '')}?` : ' (see the metric columns of results.csv)';
      fail(file, `outputs[${i}]`, `unknown metric ${describeValue(m)}${hint}`);
    }
    if (seen.has(m)) fail(file, `outputs[${i}]`, `${quote(m)} is listed twice`);
    seen.add(m);
  });
  return value as string[];
}
