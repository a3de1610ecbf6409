/**
 * The JSON Schema of a scenario file, generated from the parameter tree (one place declares each
 * parameter), the words used to say what a key expects, and the compiled ajv validator.
 *
 * The schema is draft-07, the draft both ajv's default build and yaml-language-server support
 * best; `povsim schema` prints it for editor completion.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { GroupSpec, LeafSpec, Spec } from '../model/parameter-spec.js';
import { parameterTree } from '../model/parameters.js';
import { MAX_NAME_CHARS, NAME_PATTERN, NAME_RULE } from './names.js';

/** Seed used when no file in the chain sets one. */
export const DEFAULT_SEED = 1;
/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 4_294_967_295;
/** Longest scenario description (characters). */
export const MAX_DESCRIPTION_CHARS = 10_000;
/** Scenario names follow the one name rule of ./names.ts (they become file names and table columns). */
export { MAX_NAME_CHARS, NAME_PATTERN } from './names.js';

/** Keys a scenario file may have besides the parameter groups. */
export const SCENARIO_KEYS = ['name', 'description', 'extends', 'seed'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

/** A JSON Schema object (plain data). */
export type JsonSchema = { readonly [keyword: string]: unknown };

const SCENARIO_KEY_SCHEMAS: Readonly<Record<ScenarioKey, JsonSchema>> = {
  name: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_NAME_CHARS,
    pattern: NAME_PATTERN,
    description:
      `Short name of the scenario, used in output file names and tables: letters, digits, ".", "_" and "-", at most ${MAX_NAME_CHARS} characters. Not inherited; defaults to the file name without extension.`,
  },
  description: {
    type: 'string',
    maxLength: MAX_DESCRIPTION_CHARS,
    description: 'What the scenario represents, in a sentence or two. Not inherited; defaults to empty.',
  },
  extends: {
    type: 'string',
    minLength: 1,
    description:
      'Scenario file this one starts from, relative to this file. Its values apply first; this file changes only what differs. Chains are allowed.',
  },
  seed: {
    type: 'integer',
    minimum: 0,
    maximum: MAX_SEED,
    default: DEFAULT_SEED,
    description: `Master random seed (an integer from 0 to ${MAX_SEED}). Inherited through extends; default ${DEFAULT_SEED}.`,
  },
};

/** What each scenario key expects, in the words used by error messages. */
const SCENARIO_KEY_EXPECTED: Readonly<Record<ScenarioKey, string>> = {
  name: NAME_RULE,
  description: `a text of at most ${MAX_DESCRIPTION_CHARS} characters`,
  extends: 'a path to a scenario file, relative to this file',
  seed: `an integer from 0 to ${MAX_SEED}`,
};

function leafDescription(spec: LeafSpec): string {
  let text = spec.description;
  if (spec.kind === 'number') text += ` Unit: ${spec.unit}.`;
  if (spec.kind === 'enum') {
    text += ` Values: ${spec.values.map((v, i) => `${v}: ${spec.valueDescriptions[i] ?? ''}`).join('; ')}.`;
  }
  return `${text} Default source: ${spec.source}`;
}

function leafSchema(spec: LeafSpec): JsonSchema {
  switch (spec.kind) {
    case 'number':
      return {
        type: spec.integer ? 'integer' : 'number',
        minimum: spec.min,
        maximum: spec.max,
        default: spec.default,
        description: leafDescription(spec),
      };
    case 'boolean':
      return { type: 'boolean', default: spec.default, description: leafDescription(spec) };
    case 'enum':
      return { type: 'string', enum: [...spec.values], default: spec.default, description: leafDescription(spec) };
  }
}

function groupSchema(spec: GroupSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries(spec.children)) {
    properties[key] = child.kind === 'group' ? groupSchema(child) : leafSchema(child);
  }
  return { type: 'object', description: spec.description, additionalProperties: false, properties };
}

/**
 * The JSON Schema (draft-07) of a scenario file: every parameter group of `parameterTree` with every
 * leaf typed (`number`, `integer`, `boolean`, or a string `enum`), with `minimum`, `maximum`,
 * `default` and a `description` of the form "<meaning> Unit: <unit>. Default source: <source>";
 * `additionalProperties: false` on every object; plus the top-level keys `name`, `description`,
 * `extends` and `seed`. All keys are optional (a scenario sets any subset). A fresh object on
 * every call.
 *
 * @example
 * const schema = scenarioJsonSchema() as { properties: { seed: { maximum: number } } };
 * schema.properties.seed.maximum; // => 4294967295
 */
export function scenarioJsonSchema(): JsonSchema {
  const groups = groupSchema(parameterTree) as { properties: Record<string, JsonSchema> };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'povsim scenario',
    description:
      'A povsim scenario: the default township plus the parameters this file changes. Run `povsim describe KEY` for the meaning, unit and source of each parameter.',
    type: 'object',
    additionalProperties: false,
    properties: { ...SCENARIO_KEY_SCHEMAS, ...groups.properties },
  };
}

let compiled: ValidateFunction | undefined;

/**
 * The ajv validator of {@link scenarioJsonSchema}, compiled once on first use. Numbers must be
 * finite (`strictNumbers`: NaN and Infinity fail the type check); types are never coerced; all
 * errors are reported so the caller can pick the first in file order.
 */
export function scenarioValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictNumbers: true, coerceTypes: false, useDefaults: false });
    compiled = ajv.compile(scenarioJsonSchema());
  }
  return compiled;
}

/**
 * The spec at a key path of the parameter tree (`[]` is the whole tree), or undefined when the
 * path does not name a group or parameter.
 *
 * @example
 * specAt(['supervision', 'auditRate'])?.kind; // => 'number'
 */
export function specAt(path: readonly string[]): Spec | undefined {
  let spec: Spec = parameterTree;
  for (const key of path) {
    if (spec.kind !== 'group' || !Object.hasOwn(spec.children, key)) return undefined;
    const child: Spec | undefined = spec.children[key];
    if (child === undefined) return undefined;
    spec = child;
  }
  return spec;
}

/** Whether a key is one of the top-level scenario keys (`name`, `description`, `extends`, `seed`). */
export function isScenarioKey(key: string): key is ScenarioKey {
  return (SCENARIO_KEYS as readonly string[]).includes(key);
}

/**
 * What a parameter accepts, in words, e.g. `a number from 0 to 1 (share (0-1))`,
 * `an integer from 1 to 600 (months)`, `one of pmt, community, hybrid, verification`,
 * `true or false`.
 *
 * @example
 * expectedForLeaf(parameterTree.children.simulation.children.months); // => 'an integer from 1 to 600 (months)'
 */
export function expectedForLeaf(spec: LeafSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max} (${spec.unit})`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
  }
}

/**
 * What the value at a key path of a scenario file should be, in words (for error messages).
 *
 * @example
 * expectedAt(['seed']); // => 'an integer from 0 to 4294967295'
 * expectedAt(['supervision']); // => 'a mapping of supervision parameters'
 */
export function expectedAt(path: readonly string[]): string {
  if (path.length === 0) return 'a mapping of scenario keys (name, description, extends, seed, parameter groups)';
  const first = path[0];
  if (path.length === 1 && first !== undefined && isScenarioKey(first)) return SCENARIO_KEY_EXPECTED[first];
  const spec = specAt(path);
  if (spec === undefined) return 'a known key';
  return spec.kind === 'group' ? `a mapping of ${path.join('.')} parameters` : expectedForLeaf(spec);
}
