/**
 * Scenario resolution: a scenario file (or in-memory object), its `extends` chain and any
 * overrides become one fully validated set of parameters.
 *
 * Resolution (in the manner of an OpenFisca reform: the baseline plus a small delta):
 * 1. start from `defaultParams`;
 * 2. apply the deepest ancestor first, then each descendant; a file changes only the parameters it
 *    names (deep merge at leaf level);
 * 3. apply overrides (`--set`, or {@link applyParameterValues}) in order, last wins.
 * `name` and `description` are not inherited (they default to the file name without extension, refused
 * if it breaks the name rule of ./names.ts, and ""); `seed` is inherited unless set (default 1). An
 * empty file (or one with only comments) is a valid scenario: all defaults.
 *
 * Every file is validated on its own, so a message names the file that has the error.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { GroupSpec } from '../model/parameter-spec.js';
import { defaultParams, parameterTree, type Params } from '../model/parameters.js';
import { InputError, quote } from './errors.js';
import { checkAssignment, parseOverride, type Assignment, type ParameterValue } from './overrides.js';
import { nameFromFile } from './names.js';
import { DEFAULT_SEED, SCENARIO_KEYS } from './schema.js';
import { validateScenarioObject } from './validate.js';
import { decodeYaml, parseYaml, readYamlBytes, readYamlFile, type ParsedYaml } from './yaml.js';

/** Longest `extends` chain, counting the scenario itself. */
export const MAX_CHAIN_LENGTH = 32;

/** A scenario after `extends` and overrides: what a run needs. */
export interface ResolvedScenario {
  /** Scenario name: the file's `name`, else the file name without extension. Not inherited. */
  readonly name: string;
  /** The file's `description`, else "". Not inherited. */
  readonly description: string;
  /** The scenario file as given (or the source name of an in-memory scenario). */
  readonly file: string;
  /** Files of the `extends` chain, base first, ending with `file`. */
  readonly chain: string[];
  /** Master random seed: the nearest `seed` up the chain, else 1; overrides win. */
  readonly seed: number;
  /** Every parameter, validated (deeply frozen). */
  readonly params: Params;
  /**
   * sha256 (hex) identifying the inputs: the chain's file contents in order, then the overrides.
   * Equal to `sourceHash` when there are no overrides.
   */
  readonly hash: string;
  /** sha256 (hex) of the chain's file contents alone (of the object, for in-memory scenarios). */
  readonly sourceHash: string;
  /** Overrides applied after the chain, in order, as canonical `path=value` texts. */
  readonly overrides: string[];
}

/** What a scenario was, as every manifest records it: name, files, content hash, overrides. */
export interface ScenarioRecord {
  readonly name: string;
  readonly file: string;
  readonly chain: string[];
  readonly sha256: string;
  readonly overrides: string[];
}

/** The manifest record of `scenario` (run, compare, sweep and calibrate write the same one). */
export function scenarioRecord(scenario: ResolvedScenario): ScenarioRecord {
  return { name: scenario.name, file: scenario.file, chain: scenario.chain, sha256: scenario.hash, overrides: scenario.overrides };
}

/** Options of {@link loadScenario}. */
export interface LoadOptions {
  /** Overrides `path=value` applied after the chain, in order (the CLI's `--set`). */
  readonly overrides?: readonly string[];
  /**
   * The path was written in another file (a sweep's `scenario:`), not given by the user: the file
   * is read as an `extends` target is (named .yaml or .yml, its text never shown in a message
   * until it is recognisably a scenario).
   */
  readonly referenced?: boolean;
}

/** Options of {@link resolveScenarioObject}. */
export interface ObjectOptions extends Pick<LoadOptions, 'overrides'> {
  /** Directory an `extends` in the object is relative to (default: the working directory). */
  readonly baseDir?: string;
}

/** A scenario mapping after validation (keys checked against the schema). */
type ScenarioObject = Readonly<Record<string, unknown>>;

/** One element of the chain. */
interface Layer {
  readonly file: string;
  /** Real path for cycle detection; undefined for in-memory objects. */
  readonly realPath: string | undefined;
  readonly object: ScenarioObject;
  /** What the hash covers for this layer: the file bytes, or canonical JSON of an object. */
  readonly content: Buffer;
}

/**
 * Loads a scenario file with its `extends` chain and overrides.
 *
 * @param file - path to the YAML scenario file (relative to the working directory or absolute).
 * @param options - overrides applied after the chain.
 * @throws {InputError} with a one-line message naming the file and key of the first problem.
 * @example
 * const s = loadScenario('scenarios/improved-oversight.yaml', { overrides: ['seed=7'] });
 * s.params.supervision.auditRate; // => 0.3
 * s.seed; // => 7
 */
export function loadScenario(file: string, options: LoadOptions = {}): ResolvedScenario {
  const root = options.referenced === true ? readExtendsLayer(file) : readLayer(file);
  const chain = collectChain(root, path.dirname(file));
  return resolveChain(chain, file, options.overrides ?? []);
}

/**
 * Resolves a scenario given as an object (e.g. embedded in a sweep file or built by a program),
 * exactly as if it had been read from a file named `sourceName`. An `extends` in it is relative to
 * `options.baseDir`.
 *
 * @param object - the scenario mapping (`{}` or null: all defaults).
 * @param sourceName - name for messages, `file` and the default `name`.
 * @throws {InputError} as for files, naming `sourceName`.
 * @example
 * resolveScenarioObject({ supervision: { auditRate: 0.3 } }, 'inline').params.supervision.auditRate; // => 0.3
 */
export function resolveScenarioObject(object: unknown, sourceName: string, options: ObjectOptions = {}): ResolvedScenario {
  const value = object ?? {};
  validateScenarioObject(value, { file: sourceName });
  const scenario = value as ScenarioObject;
  const root: Layer = {
    file: sourceName,
    realPath: undefined,
    object: scenario,
    content: Buffer.from(`object\n${canonicalJson(scenario)}`, 'utf8'),
  };
  const chain = collectChain(root, options.baseDir ?? '');
  return resolveChain(chain, sourceName, options.overrides ?? []);
}

/**
 * Resolves a scenario written as YAML text (e.g. received by a program), exactly as if it had been
 * read from a file named `sourceName`; an `extends` in it is relative to `options.baseDir`.
 *
 * @throws {InputError} as for files, naming `sourceName`.
 * @example
 * loadScenarioText('seed: 7\n', 'inline').seed; // => 7
 */
export function loadScenarioText(text: string, sourceName: string, options: ObjectOptions = {}): ResolvedScenario {
  const parsed = parseYaml(text, sourceName);
  const value = parsed.value ?? {};
  validateScenarioObject(value, { file: sourceName, locate: (at) => parsed.locate(at) });
  const root: Layer = {
    file: sourceName,
    realPath: undefined,
    object: value as ScenarioObject,
    content: Buffer.from(text, 'utf8'),
  };
  const chain = collectChain(root, options.baseDir ?? '');
  return resolveChain(chain, sourceName, options.overrides ?? []);
}

/**
 * A new scenario with some values changed, given by dotted path (`supervision.auditRate`, `seed`,
 * `name`), each checked exactly as if written in a file; applied after any existing overrides.
 * The result equals loading the same chain with the extra overrides `path=value`, hash included.
 *
 * @param scenario - the scenario to start from (not modified).
 * @param values - values by dotted path; strings are never read as numbers.
 * @param sourceName - name used in error messages (e.g. the sweep file).
 * @throws {InputError} for unknown keys or invalid values.
 * @example
 * const s = applyParameterValues(loadScenario('scenarios/baseline.yaml'), { 'supervision.auditRate': 0.3 }, 'sweep');
 * s.params.supervision.auditRate; // => 0.3
 * s.overrides; // => ['supervision.auditRate=0.3']
 */
export function applyParameterValues(
  scenario: ResolvedScenario,
  values: Readonly<Record<string, ParameterValue>>,
  sourceName: string,
): ResolvedScenario {
  const assignments = Object.entries(values).map(([key, value]) => checkAssignment(key, value, sourceName));
  const state: MutableState = {
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    params: structuredClone(scenario.params) as unknown as MutableRecord,
  };
  for (const a of assignments) assign(state, a);
  const overrides = [...scenario.overrides, ...assignments.map((a) => a.text)];
  return {
    name: state.name,
    description: state.description,
    file: scenario.file,
    chain: [...scenario.chain],
    seed: state.seed,
    params: deepFreeze(state.params) as unknown as Params,
    hash: combinedHash(scenario.sourceHash, overrides),
    sourceHash: scenario.sourceHash,
    overrides,
  };
}

/** Reads, parses and validates one scenario file. */
function readLayer(file: string): Layer {
  const { bytes, parsed } = readYamlFile(file);
  return checkedLayer(file, bytes, parsed);
}

/**
 * Reads a file named by `extends`, which may not be a scenario at all (`extends: /etc/shadow`):
 * its content is never shown in a message until it is recognisably a scenario file: named .yaml
 * or .yml (anything else is not even read), valid YAML, a mapping whose top-level keys are all
 * scenario keys or parameter groups. Until then an error gives a line number only; `povsim
 * validate FILE` shows the details for a file the user names.
 */
function readExtendsLayer(file: string): Layer {
  if (!/\.ya?ml$/i.test(file)) {
    throw new InputError({ file, expected: 'a scenario file named .yaml or .yml (files reached through extends must be)', found: 'another file name' });
  }
  const bytes = readYamlBytes(file);
  let parsed: ParsedYaml;
  try {
    parsed = parseYaml(decodeYaml(bytes, file), file);
  } catch (error) {
    if (!(error instanceof InputError) || error.detail === undefined) throw error;
    const detail = `not valid YAML (details are not shown for a file reached through extends; run povsim validate on it to see them)`;
    throw new InputError(error.line === undefined ? { file, detail } : { file, line: error.line, detail });
  }
  checkRecognisable(file, parsed);
  return checkedLayer(file, bytes, parsed);
}

/**
 * Refuses, without showing its text, a file reached through extends whose top level is not a
 * mapping of scenario keys and parameter groups only (a typo at top level is shown by validate).
 */
function checkRecognisable(file: string, parsed: ParsedYaml): void {
  const value = parsed.value ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return; // validation says what it is, without content
  const known = new Set<string>([...SCENARIO_KEYS, ...Object.keys(parameterTree.children)]);
  const unknown = Object.keys(value).find((key) => !known.has(key));
  if (unknown === undefined) return;
  const line = parsed.locateKey([unknown])?.line;
  const detail = 'not a povsim scenario: a key at top level is neither a scenario key nor a parameter group (its text is not shown for a file reached through extends; run povsim validate on it to see it)';
  throw new InputError(line === undefined ? { file, detail } : { file, line, detail });
}

function checkedLayer(file: string, bytes: Buffer, parsed: ParsedYaml): Layer {
  const value = parsed.value ?? {};
  validateScenarioObject(value, { file, locate: (at) => parsed.locate(at) });
  let realPath: string;
  try {
    realPath = realpathSync(file);
  } catch {
    realPath = path.resolve(file);
  }
  return { file, realPath, object: value as ScenarioObject, content: bytes };
}

/** The chain from the root up through `extends`, returned base first. */
function collectChain(root: Layer, rootDir: string): Layer[] {
  const chain: Layer[] = [root];
  let current = root;
  let dir = rootDir;
  for (;;) {
    const target = current.object['extends'];
    if (typeof target !== 'string') break;
    if (chain.length >= MAX_CHAIN_LENGTH) {
      throw new InputError({
        file: current.file,
        key: 'extends',
        detail: `chain of extends longer than ${MAX_CHAIN_LENGTH} files`,
      });
    }
    const next = path.isAbsolute(target) ? target : path.join(dir, target);
    let realPath: string;
    try {
      realPath = realpathSync(next);
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
      throw new InputError({
        file: current.file,
        key: 'extends',
        expected: 'an existing scenario file',
        found: `${quote(target)} (${loop ? 'a loop of symbolic links at' : 'no file'} ${quote(next, 80)})`,
      });
    }
    const seen = chain.findIndex((layer) => layer.realPath === realPath);
    if (seen >= 0) {
      const cycle = [...chain.slice(seen).map((layer) => layer.file), next];
      throw new InputError({ file: current.file, key: 'extends', detail: `cycle ${cycle.join(' -> ')}` });
    }
    current = readExtendsLayer(next);
    chain.push(current);
    dir = path.dirname(next);
  }
  return chain.reverse();
}

type MutableRecord = Record<string, unknown>;

interface MutableState {
  name: string;
  description: string;
  seed: number;
  params: MutableRecord;
}

/** Merges a validated chain (base first) and the overrides into a resolved scenario. */
function resolveChain(chain: readonly Layer[], sourceName: string, overrideTexts: readonly string[]): ResolvedScenario {
  const root = chain[chain.length - 1];
  if (root === undefined) throw new Error('empty scenario chain');
  const assignments: Assignment[] = overrideTexts.map((text) => parseOverride(text));
  // The file name is the default name only when neither the file nor an override sets one.
  const setsName = typeof root.object['name'] === 'string' || assignments.some((a) => a.path.length === 1 && a.path[0] === 'name');
  const state: MutableState = {
    name: stringOr(root.object['name'], setsName ? '' : nameFromFile(sourceName, 'scenario')),
    description: stringOr(root.object['description'], ''),
    seed: DEFAULT_SEED,
    params: structuredClone(defaultParams) as unknown as MutableRecord,
  };
  for (const layer of chain) {
    const seed = layer.object['seed'];
    if (typeof seed === 'number') state.seed = seed;
    mergeInto(state.params, layer.object, parameterTree);
  }
  for (const a of assignments) assign(state, a);

  const sourceHash = chainHash(chain);
  const overrides = assignments.map((a) => a.text);
  return {
    name: state.name,
    description: state.description,
    file: root.file,
    chain: chain.map((layer) => layer.file),
    seed: state.seed,
    params: deepFreeze(state.params) as unknown as Params,
    hash: combinedHash(sourceHash, overrides),
    sourceHash,
    overrides,
  };
}

/** Copies the leaves `delta` sets into `target`, following the tree (unknown keys were refused). */
function mergeInto(target: MutableRecord, delta: Readonly<Record<string, unknown>>, spec: GroupSpec): void {
  for (const [key, child] of Object.entries(spec.children)) {
    if (!Object.hasOwn(delta, key)) continue;
    const value = delta[key];
    if (child.kind === 'group') {
      if (value !== null && typeof value === 'object') {
        mergeInto(target[key] as MutableRecord, value as Record<string, unknown>, child);
      }
    } else {
      target[key] = value;
    }
  }
}

/** Applies one checked assignment. */
function assign(state: MutableState, a: Assignment): void {
  const [first, ...rest] = a.path;
  if (rest.length === 0) {
    if (first === 'name' && typeof a.value === 'string') return void (state.name = a.value);
    if (first === 'description' && typeof a.value === 'string') return void (state.description = a.value);
    if (first === 'seed' && typeof a.value === 'number') return void (state.seed = a.value);
  }
  let target = state.params;
  const keys = a.path.slice(0, -1);
  for (const key of keys) target = target[key] as MutableRecord;
  target[a.path[a.path.length - 1] ?? ''] = a.value;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** sha256 over the chain's contents in order, each prefixed by its length (no ambiguity). */
function chainHash(chain: readonly Layer[]): string {
  const hash = createHash('sha256');
  hash.update('povsim-scenario-v1\n');
  for (const layer of chain) {
    hash.update(`${layer.content.length}\n`);
    hash.update(layer.content);
  }
  return hash.digest('hex');
}

/** The source hash itself without overrides; else sha256 of it and the override texts. */
function combinedHash(sourceHash: string, overrides: readonly string[]): string {
  if (overrides.length === 0) return sourceHash;
  return createHash('sha256').update(`${sourceHash}\n${JSON.stringify(overrides)}`).digest('hex');
}

/** JSON with object keys sorted, so equal objects hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
