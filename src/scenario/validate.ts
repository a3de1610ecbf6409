/**
 * Validation of one scenario object (one file, one override, or an in-memory object) against the
 * scenario schema, with ajv's errors translated into one-line {@link InputError}s that say the key,
 * what it expects and what was found, and suggest the intended key for unknown ones.
 */
import type { ErrorObject } from 'ajv';
import { distance } from 'fastest-levenshtein';
import type { GroupSpec } from '../model/parameter-spec.js';
import { parameterTree } from '../model/parameters.js';
import { describeValue, InputError, quote } from './errors.js';
import { expectedAt, SCENARIO_KEYS, scenarioValidator, specAt } from './schema.js';
import type { YamlLocation } from './yaml.js';

/** Where a scenario object came from, for error messages. */
export interface ObjectSource {
  /** File name (as given), `--set`, or another source name. */
  readonly file: string;
  /** Where the value at a key path is written; enables line numbers and "as written" numbers. */
  readonly locate?: (path: readonly string[]) => Partial<YamlLocation> | undefined;
}

/**
 * Checks one scenario object against the scenario schema.
 *
 * @param value - the parsed file (an empty file must be passed as `{}`).
 * @param source - its name and, for files, a locator for line numbers.
 * @throws {InputError} for the first problem in file order (e.g. `x.yaml: supervision.auditRate:
 *   expected a number from 0 to 1 (share of registered households per year), found -0.2`).
 */
export function validateScenarioObject(value: unknown, source: ObjectSource): void {
  const validate = scenarioValidator();
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  // Errors are reported in file order; ajv's order breaks ties (and orders unlocated errors).
  // Only the first is described: finding it costs one cheap lookup per error, so a file with
  // 80,000 unknown keys is refused in linear time.
  let first: ErrorObject | undefined;
  let firstOffset = Infinity;
  for (const error of errors) {
    const offset = offsetOf(error, source);
    if (first === undefined || offset < firstOffset) {
      first = error;
      firstOffset = offset;
    }
  }
  throw first === undefined ? new InputError({ file: source.file, detail: 'invalid scenario' }) : translate(first, value, source);
}

/** Where the problem an ajv error reports is written (character offset), or Infinity. */
function offsetOf(error: ErrorObject, source: ObjectSource): number {
  const path = pointerToPath(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const where = source.locate?.([...path, String(error.params['additionalProperty'])]) ?? source.locate?.(path);
    return where?.offset ?? Infinity;
  }
  return source.locate?.(path)?.offset ?? Infinity;
}

function translate(error: ErrorObject, root: unknown, source: ObjectSource): InputError {
  const path = pointerToPath(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const extra: unknown = error.params['additionalProperty'];
    const key = typeof extra === 'string' ? extra : String(extra);
    const where = source.locate?.([...path, key]) ?? source.locate?.(path);
    return unknownKeyError(source.file, path, key, where?.line);
  }
  const value = valueAt(root, path);
  const where = source.locate?.(path);
  // A problem with the whole file (a list or a text instead of a mapping) has no key, and the
  // text is not shown: a file that is not a mapping is not a scenario (never echo its content).
  if (path.length === 0) return new InputError({ file: source.file, expected: expectedAt(path), found: shapeOf(value) });
  const found = describeValue(value, typeof value === 'number' ? where?.source : undefined) + foundHint(path, value);
  const parts = {
    file: source.file,
    key: path.join('.'),
    expected: expectedAt(path),
    found,
  };
  return new InputError(where?.line === undefined ? parts : { ...parts, line: where.line });
}

/**
 * What a value is, without its content: `a list`, `a text`, `a number`, `true or false`, `nothing`.
 *
 * @example
 * shapeOf('root:x:0:0'); // => 'a text'
 */
export function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}

/** Extra words after "found ..." for common slips: quoted numbers, yes/no, wrong enum case. */
function foundHint(path: readonly string[], value: unknown): string {
  if (typeof value !== 'string') return '';
  const spec = specAt(path);
  const wantsNumber = spec?.kind === 'number' || (path.length === 1 && path[0] === 'seed');
  if (wantsNumber && value.trim() !== '' && Number.isFinite(Number(value))) {
    return ' (text in quotes; write the number without quotes)';
  }
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (wantsNumber && percent !== null) {
    return ` (a percentage: write shares as fractions, e.g. ${Number(percent[1]) / 100})`;
  }
  if (wantsNumber && looksLikeExpression(value)) {
    return ' (an expression: values are never evaluated; write the number itself)';
  }
  if (spec?.kind === 'boolean') {
    if (value === 'true' || value === 'false') return ' (text in quotes; write true or false without quotes)';
    if (/^(yes|no|on|off|y|n)$/i.test(value)) return ' (write true or false)';
  }
  if (spec?.kind === 'enum') {
    const near = closestKeys(value, spec.values);
    if (near.length > 0) return `; did you mean ${quote(near[0] ?? '')}?`;
  }
  return '';
}

/**
 * Whether a text looks like arithmetic or a function call (`0.1 * 2`, `sqrt(4)`, `50%`): scenario
 * values are data, never evaluated, so such a value gets a hint saying so.
 *
 * @example
 * looksLikeExpression('0.1 * 2'); // => true
 * looksLikeExpression('sqrt(4)'); // => true
 * looksLikeExpression('pmt'); // => false
 */
export function looksLikeExpression(text: string): boolean {
  const t = text.trim();
  return /\w\s*\(.*\)/.test(t) || (/\d/.test(t) && /[+\-*/^%]/.test(t.slice(1)));
}

/**
 * The error for a key that is not in the scenario schema, with a suggestion when one is close
 * enough: a sibling key with a typo (`auditrate` -> `auditRate`), a key put in the wrong group or at
 * top level (`auditRate` -> `supervision.auditRate`), or a dotted key written in a file.
 *
 * @param file - source name for the message.
 * @param parentPath - key path of the mapping that holds the unknown key (`[]` for top level).
 * @param key - the unknown key as written.
 * @param line - line of the key, when known.
 * @example
 * unknownKeyError('x.yaml', ['supervision'], 'auditrate').message;
 * // => 'x.yaml: supervision.auditrate: unknown key "auditrate" in supervision; did you mean "auditRate"?'
 */
export function unknownKeyError(file: string, parentPath: readonly string[], key: string, line?: number): InputError {
  const where = parentPath.length === 0 ? 'at top level' : `in ${parentPath.join('.')}`;
  const hint = suggestKey(parentPath, key);
  const parts = {
    file,
    key: [...parentPath, key].join('.'),
    detail: `unknown key ${quote(key)} ${where}${hint === undefined ? '' : `; ${hint}`}`,
  };
  return new InputError(line === undefined ? parts : { ...parts, line });
}

/** A "did you mean ...?" hint for an unknown key, or undefined when nothing is close. */
export function suggestKey(parentPath: readonly string[], key: string): string | undefined {
  const siblings = keysAt(parentPath);
  const near = closestKeys(key, siblings);
  if (near.length > 0) return `did you mean ${quote(near[0] ?? '')}?`;

  // A dotted key written in a file, e.g. `supervision.auditRate: 0.3` at top level.
  if (key.includes('.')) {
    const full = [...parentPath, ...key.split('.')];
    const spec = specAt(full);
    if (spec !== undefined && full.length >= 2) {
      const last = full[full.length - 1] ?? '';
      return `dotted keys are only for --set; in a file write ${quote(last)} indented under ${quote(full.slice(0, -1).join('.'))}`;
    }
  }

  // A key in the wrong place: compare with the last name of every group and parameter elsewhere.
  const elsewhere = allPaths().filter((p) => !samePath(p.slice(0, -1), parentPath));
  const names = elsewhere.map((p) => p[p.length - 1] ?? '');
  const matches = closestKeys(key, names, true);
  if (matches.length === 0) return undefined;
  const matchSet = new Set(matches);
  const paths = elsewhere
    .filter((p) => matchSet.has(p[p.length - 1] ?? ''))
    .slice(0, 3)
    .map((p) => (p.length === 1 ? `${quote(p[0] ?? '')} at top level` : quote(p.join('.'))));
  return `did you mean ${joinOr(paths)}?`;
}

/** Keys allowed in the mapping at a path: scenario keys and groups at top level, children below. */
function keysAt(path: readonly string[]): string[] {
  if (path.length === 0) return [...SCENARIO_KEYS, ...Object.keys(parameterTree.children)];
  const spec = specAt(path);
  return spec?.kind === 'group' ? Object.keys(spec.children) : [];
}

let pathCache: string[][] | undefined;

/** Every group and parameter path of the tree, depth first. */
function allPaths(): string[][] {
  if (pathCache === undefined) {
    const out: string[][] = [];
    const walk = (spec: GroupSpec, prefix: string[]): void => {
      for (const [key, child] of Object.entries(spec.children)) {
        out.push([...prefix, key]);
        if (child.kind === 'group') walk(child, [...prefix, key]);
      }
    };
    walk(parameterTree, []);
    pathCache = out;
  }
  return pathCache;
}

/**
 * The candidates closest to `typed` by Levenshtein distance (case-insensitive), kept only when
 * reasonably close: at most max(2, floor(length / 4)) edits, where length is the longer of the
 * two names. With `all`, every candidate at the best distance is returned (in order, unique).
 *
 * @example
 * closestKeys('auditrate', ['auditRate', 'villageAuditRate']); // => ['auditRate']
 * closestKeys('xyz', ['auditRate']); // => []
 */
export function closestKeys(typed: string, candidates: readonly string[], all = false): string[] {
  const lower = typed.toLowerCase();
  let best = Infinity;
  let out: string[] = [];
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    const limit = Math.max(2, Math.floor(Math.max(lower.length, candidate.length) / 4));
    if (d > limit || d >= candidate.length) continue;
    if (d < best) {
      best = d;
      out = [candidate];
    } else if (d === best && !out.includes(candidate)) {
      out.push(candidate);
    }
  }
  return all ? out : out.slice(0, 1);
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** JSON pointer (`/supervision/auditRate`) to key path. */
function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
