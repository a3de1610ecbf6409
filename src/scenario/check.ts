/**
 * Checks at the library's edge. A program can hand povsim's functions values that never went
 * through a scenario file: a seed, a scenario or parameters built or changed by hand. Each is
 * checked here exactly as the same value written in a scenario file (the same schema, the same
 * messages), and a bad one throws the same {@link InputError}, with `file` naming the function and
 * argument, `key` the parameter, and `expected` / `found`.
 */
import type { GroupSpec } from '../model/parameter-spec.js';
import { parameterTree, type Params } from '../model/parameters.js';
import { InputError } from './errors.js';
import type { ResolvedScenario } from './load.js';
import { checkAssignment } from './overrides.js';
import { expectedAt } from './schema.js';
import { validateScenarioObject } from './validate.js';

/**
 * A seed as a scenario file's `seed` must be: an integer from 0 to 4294967295.
 *
 * @param source - where it came from, for the message (e.g. `simulate: options`).
 * @throws {InputError} e.g. `simulate: options: seed: expected an integer from 0 to 4294967295, found .nan`.
 * @example
 * checkSeed(7, 'simulate: options'); // => 7
 */
export function checkSeed(seed: unknown, source: string): number {
  return checkAssignment('seed', seed, source).value as number;
}

/**
 * Every parameter present, of the right type and in range, as in a scenario file (which may leave
 * parameters out; a set of parameters may not).
 *
 * @throws {InputError} e.g. `simulateParams: params: supervision.auditRate: expected a number from 0 to 1 (...), found 5`.
 * @example
 * checkParams(defaultParams, 'simulateParams: params'); // => defaultParams
 */
export function checkParams(params: unknown, source: string): Params {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new InputError({ file: source, expected: 'the parameters (an object such as defaultParams)', found: params === null ? 'nothing' : Array.isArray(params) ? 'a list' : `a ${typeof params}` });
  }
  validateScenarioObject(params, { file: source });
  // The schema also admits a scenario's own keys (name, seed, ...): they are not parameters.
  const extra = Object.keys(params).find((key) => !Object.hasOwn(parameterTree.children, key));
  if (extra !== undefined) throw new InputError({ file: source, key: extra, detail: 'a scenario key, not a group of parameters' });
  checkComplete(params as Readonly<Record<string, unknown>>, parameterTree, [], source);
  return params as Params;
}

/**
 * A scenario as {@link loadScenario} returns it: its seed and parameters checked (a scenario
 * changed by hand after loading is caught here).
 *
 * @throws {InputError} naming `source` and the key.
 */
export function checkScenario(scenario: ResolvedScenario, source: string): ResolvedScenario {
  if (scenario === null || typeof scenario !== 'object') {
    throw new InputError({ file: source, expected: 'a scenario (from loadScenario) or the path of a scenario file', found: scenario === null ? 'nothing' : `a ${typeof scenario}` });
  }
  checkSeed(scenario.seed, source);
  checkParams(scenario.params, `${source}.params`);
  return scenario;
}

/** Every leaf of `spec` is present in `value` (the schema has checked what is present). */
function checkComplete(value: Readonly<Record<string, unknown>>, spec: GroupSpec, path: readonly string[], source: string): void {
  for (const [key, child] of Object.entries(spec.children)) {
    const at = [...path, key];
    const present = value[key];
    if (present === undefined) throw new InputError({ file: source, key: at.join('.'), expected: expectedAt(at), found: 'nothing' });
    if (child.kind === 'group') checkComplete(present as Readonly<Record<string, unknown>>, child, at, source);
  }
}
