/**
 * Parameter documentation from the parameter tree: structured entries for programs and readable
 * text for `povsim describe [key]`.
 */
import type { GroupSpec, LeafSpec, Spec } from '../model/parameter-spec.js';
import { leaves } from '../model/parameter-spec.js';
import { parameterTree } from '../model/parameters.js';
import { InputError, quote } from './errors.js';
import { DEFAULT_SEED, MAX_NAME_CHARS, MAX_SEED, SCENARIO_KEYS, specAt, type ScenarioKey } from './schema.js';
import { closestKeys } from './validate.js';

/** Everything known about one parameter. */
export interface ParameterInfo {
  /** Dotted path, e.g. `supervision.auditRate`. */
  readonly path: string;
  /** Its group's path, e.g. `supervision`. */
  readonly group: string;
  readonly kind: 'number' | 'boolean' | 'enum';
  /** Whether a number must be whole (false for booleans and enums). */
  readonly integer: boolean;
  /** Unit in words (numbers only). */
  readonly unit?: string;
  /** Smallest allowed value (numbers only). */
  readonly min?: number;
  /** Largest allowed value (numbers only). */
  readonly max?: number;
  /** Allowed values (enums only), with one description per value in `valueDescriptions`. */
  readonly values?: readonly string[];
  readonly valueDescriptions?: readonly string[];
  readonly default: number | boolean | string;
  readonly description: string;
  /** Where the default comes from. */
  readonly source: string;
}

function info(path: string, spec: LeafSpec): ParameterInfo {
  const group = path.split('.').slice(0, -1).join('.');
  const common = { path, group, description: spec.description, source: spec.source };
  switch (spec.kind) {
    case 'number':
      return { ...common, kind: 'number', integer: spec.integer, unit: spec.unit, min: spec.min, max: spec.max, default: spec.default };
    case 'boolean':
      return { ...common, kind: 'boolean', integer: false, default: spec.default };
    case 'enum':
      return {
        ...common,
        kind: 'enum',
        integer: false,
        values: spec.values,
        valueDescriptions: spec.valueDescriptions,
        default: spec.default,
      };
  }
}

/**
 * Structured documentation of parameters.
 *
 * @param key - nothing for every parameter; a group path (`supervision`) for its parameters; a
 *   parameter path (`supervision.auditRate`) for that one; a bare parameter name (`auditRate`) for
 *   every parameter of that name.
 * @returns entries in declaration order.
 * @throws {InputError} for an unknown key, with a did-you-mean suggestion when one is close.
 * @example
 * parameterInfo('supervision.auditRate')[0]?.default; // => 0.05
 * parameterInfo().length === leaves(parameterTree).length; // => true
 */
export function parameterInfo(key?: string): ParameterInfo[] {
  if (key === undefined || key === '') return leaves(parameterTree).map((leaf) => info(leaf.path, leaf.spec));
  const path = key.split('.');
  const spec = specAt(path);
  if (spec !== undefined) {
    return spec.kind === 'group'
      ? leaves(spec, key).map((leaf) => info(leaf.path, leaf.spec))
      : [info(key, spec)];
  }
  const byName = leaves(parameterTree).filter((leaf) => leaf.path.split('.').pop() === key);
  if (byName.length > 0) return byName.map((leaf) => info(leaf.path, leaf.spec));
  throw unknownParameter(key);
}

function unknownParameter(key: string): InputError {
  return unknownKey(key, allDescribable(), 'unknown parameter or group');
}

/**
 * The one-line error for a key `povsim describe` does not know: `what`, then up to three of
 * `candidates` closest to it (by the whole dotted key, else by its last part).
 */
export function unknownKey(key: string, all: readonly string[], what: string): InputError {
  const full = closestKeys(key, all, true);
  const byLastName = full.length > 0
    ? full
    : closestKeys(key.split('.').pop() ?? key, all.map((p) => p.split('.').pop() ?? p), true).flatMap((name) =>
      all.filter((p) => p.split('.').pop() === name));
  const hint = byLastName.length > 0 ? `; did you mean ${byLastName.slice(0, 3).map((p) => quote(p)).join(' or ')}?` : '';
  return new InputError({ key, detail: `${what}${hint} (run povsim describe for the list)` });
}

/** Whether `povsim describe KEY` explains a parameter, a group or a scenario file key. */
export function isParameterKey(key: string): boolean {
  return (SCENARIO_KEYS as readonly string[]).includes(key)
    || specAt(key.split('.')) !== undefined
    || leaves(parameterTree).some((leaf) => leaf.path.split('.').pop() === key);
}

/** Every group and parameter path, and the scenario keys. */
export function allDescribable(): string[] {
  const out: string[] = [...SCENARIO_KEYS];
  const walk = (spec: GroupSpec, prefix: string): void => {
    for (const [name, child] of Object.entries(spec.children)) {
      const p = prefix ? `${prefix}.${name}` : name;
      out.push(p);
      if (child.kind === 'group') walk(child, p);
    }
  };
  walk(parameterTree, '');
  return out;
}

/** Width text is wrapped to, in characters. */
const WIDTH = 100;

/**
 * Readable documentation for `povsim describe [key]`: with no key every parameter grouped by group
 * (path, type and range, unit, default, meaning, source) followed by the scenario file keys; with a
 * group key that group; with a parameter key (or a bare parameter name) that parameter in full;
 * with `name`, `description`, `extends` or `seed` that scenario key.
 *
 * @throws {InputError} for an unknown key, with a did-you-mean suggestion.
 * @example
 * describeParameters('supervision.auditRate').split('\n')[0]; // => 'supervision.auditRate'
 */
export function describeParameters(key?: string): string {
  if (key === undefined || key === '') {
    const count = leaves(parameterTree).length;
    const groups = Object.keys(parameterTree.children).length;
    const parts = [
      wrap(`povsim parameters: ${count} parameters in ${groups} groups. A scenario file sets any subset; every other parameter takes its default. Run \`povsim describe KEY\` for one group or parameter.`, ''),
      ...Object.entries(parameterTree.children).map(([name, child]) => describeGroup(name, child)),
      describeScenarioKeys(SCENARIO_KEYS),
    ];
    return `${parts.join('\n\n')}\n`;
  }
  if ((SCENARIO_KEYS as readonly string[]).includes(key)) return `${describeScenarioKeys([key as ScenarioKey])}\n`;
  const spec = specAt(key.split('.'));
  if (spec !== undefined) return `${describeSpec(key, spec)}\n`;
  return `${parameterInfo(key).map((entry) => describeLeaf(entry)).join('\n\n')}\n`;
}

function describeSpec(path: string, spec: Spec): string {
  if (spec.kind === 'group') return describeGroup(path, spec);
  const [entry] = parameterInfo(path);
  return entry === undefined ? path : describeLeaf(entry);
}

function describeGroup(path: string, spec: GroupSpec): string {
  const heading = `${path}: ${spec.description}`;
  const rule = '='.repeat(Math.min(WIDTH, heading.length));
  const children = Object.entries(spec.children).map(([name, child]) =>
    describeSpec(`${path}.${name}`, child));
  return [wrap(heading, ''), rule, '', children.join('\n\n')].join('\n');
}

const LABEL = 10;

/** One labelled line of a description, wrapped, e.g. `  unit      share of households`. */
export function field(label: string, text: string): string {
  return wrap(text, ' '.repeat(2 + LABEL), `  ${label.padEnd(LABEL)}`);
}

/** One parameter in full: path, meaning, type and range, unit, default, source. */
function describeLeaf(entry: ParameterInfo): string {
  const lines = [entry.path, wrap(entry.description, '  ')];
  switch (entry.kind) {
    case 'number':
      lines.push(field('type', `${entry.integer ? 'integer' : 'number'} from ${entry.min} to ${entry.max}`));
      lines.push(field('unit', entry.unit ?? ''));
      break;
    case 'boolean':
      lines.push(field('type', 'true or false'));
      break;
    case 'enum': {
      lines.push(field('type', 'one of:'));
      const values = entry.values ?? [];
      const width = Math.max(...values.map((v) => v.length)) + 2;
      values.forEach((value, i) => {
        const indent = ' '.repeat(4 + LABEL + width);
        lines.push(wrap(entry.valueDescriptions?.[i] ?? '', indent, `${' '.repeat(4 + LABEL)}${value.padEnd(width)}`));
      });
      break;
    }
  }
  lines.push(field('default', String(entry.default)));
  lines.push(field('source', entry.source));
  return lines.join('\n');
}

const SCENARIO_KEY_TEXT: Readonly<Record<ScenarioKey, { type: string; text: string }>> = {
  name: {
    type: `text: letters, digits, ".", "_", "-" (at most ${MAX_NAME_CHARS})`,
    text: 'Short name used in output file names and tables. Not inherited; default: the file name without extension, which must then follow the same rule (else set name:).',
  },
  description: { type: 'text', text: 'What the scenario represents. Not inherited; default: empty.' },
  extends: {
    type: 'path to a scenario file, relative to this file',
    text: 'The scenario this one starts from: its values apply first, then this file\'s. Chains are allowed (at most 32 files, no cycles).',
  },
  seed: {
    type: `integer from 0 to ${MAX_SEED}`,
    text: `Master random seed of the run. Inherited through extends; default ${DEFAULT_SEED}.`,
  },
};

function describeScenarioKeys(keys: readonly ScenarioKey[]): string {
  const blocks = keys.map((key) => {
    const entry = SCENARIO_KEY_TEXT[key];
    return [key, wrap(entry.text, '  '), field('type', entry.type)].join('\n');
  });
  return keys.length > 1 ? ['scenario file keys', '==================', '', blocks.join('\n\n')].join('\n') : blocks.join('\n\n');
}

/** Wraps text to {@link WIDTH} columns; the first line starts with `first` (default `indent`). */
export function wrap(text: string, indent: string, first: string = indent): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join('\n');
}

