/**
 * Single parameter values given by dotted path: command-line overrides
 * (`--set supervision.auditRate=0.3`) and values set by programs (sweeps, designs). Both are
 * checked exactly like the same value written in a scenario file.
 */
import { clip, InputError, quote } from './errors.js';
import { isScenarioKey, specAt } from './schema.js';
import { unknownKeyError, validateScenarioObject } from './validate.js';
import { parseYaml } from './yaml.js';

/** A value a parameter or scenario key can take. */
export type ParameterValue = number | string | boolean;

/** One checked assignment: a key path and its value (already validated against the schema). */
export interface Assignment {
  /** Key path, e.g. `['supervision', 'auditRate']` or `['seed']`. */
  readonly path: readonly string[];
  readonly value: ParameterValue;
  /** Canonical `path=value` text; parsing it again with {@link parseOverride} gives the same assignment. */
  readonly text: string;
}

/** Source name used in messages about command-line overrides. */
export const OVERRIDE_SOURCE = '--set';

/**
 * Parses and validates one override `path=value`. The value is read as a YAML scalar, so `0.3` is a
 * number, `true` a boolean, `pmt` a string and `"0.3"` a string (which a number parameter refuses:
 * types are never coerced). `name`, `description` and `seed` may be set; `extends` may not.
 *
 * @param text - e.g. `supervision.auditRate=0.3`.
 * @param source - name used in messages (default `--set`).
 * @throws {InputError} e.g. `--set: supervision.auditRat: unknown key "auditRat" in supervision; did you mean "auditRate"?`
 * @example
 * parseOverride('identification.method=pmt').value; // => 'pmt'
 * parseOverride('supervision.auditRate=0.3').path; // => ['supervision', 'auditRate']
 */
export function parseOverride(text: string, source: string = OVERRIDE_SOURCE): Assignment {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || key === '') {
    throw new InputError({
      file: source,
      expected: 'KEY=VALUE such as supervision.auditRate=0.3',
      found: text === '' ? 'nothing' : quote(text),
    });
  }
  const raw = text.slice(eq + 1).trim();
  const path = checkPath(key, source);
  let value: unknown;
  let written: string | undefined;
  try {
    const parsed = parseYaml(raw, source);
    value = parsed.value;
    written = parsed.locate([])?.source;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError({
      file: source,
      key: path.join('.'),
      expected: 'a single value (number, true/false or text)',
      found: quote(raw),
    });
  }
  return assignment(path, value, source, written);
}

/**
 * Validates one value given by dotted path (as a program would set it), exactly as if it had been
 * written in a scenario file.
 *
 * @param key - dotted path, e.g. `supervision.auditRate`, or `seed`.
 * @param value - the value; a string is never read as a number.
 * @param source - name used in messages.
 * @throws {InputError} for unknown keys or invalid values.
 * @example
 * checkAssignment('seed', 7, 'sweep.yaml').text; // => 'seed=7'
 */
export function checkAssignment(key: string, value: unknown, source: string): Assignment {
  return assignment(checkPath(key, source), value, source, undefined);
}

/** Splits and checks a dotted key: every part must exist, and it must end at a parameter. */
function checkPath(key: string, source: string): string[] {
  const path = key.split('.');
  if (path.some((part) => part === '')) {
    throw new InputError({ file: source, key: clip(key, 80), expected: 'a dotted key such as supervision.auditRate', found: quote(key) });
  }
  const first = path[0] ?? '';
  if (isScenarioKey(first)) {
    if (first === 'extends') {
      throw new InputError({ file: source, key: 'extends', detail: 'cannot be overridden; write a scenario file that extends the other instead' });
    }
    if (path.length > 1) {
      throw new InputError({ file: source, key, detail: `${first} is a single value, not a group` });
    }
    return path;
  }
  for (let i = 0; i < path.length; i++) {
    const spec = specAt(path.slice(0, i + 1));
    if (spec === undefined) throw unknownKeyError(source, path.slice(0, i), path[i] ?? '');
    if (spec.kind !== 'group' && i < path.length - 1) {
      throw new InputError({ file: source, key, detail: `${path.slice(0, i + 1).join('.')} is a parameter, not a group` });
    }
    if (spec.kind === 'group' && i === path.length - 1) {
      const example = Object.keys(spec.children)[0] ?? 'KEY';
      throw new InputError({
        file: source,
        key,
        expected: `a parameter such as ${key}.${example}`,
        found: 'a group of parameters',
      });
    }
  }
  return path;
}

function assignment(path: string[], value: unknown, source: string, written: string | undefined): Assignment {
  validateScenarioObject(nest(path, value), {
    file: source,
    locate: (at) => (at.length === path.length && written !== undefined ? { source: written } : undefined),
  });
  // The schema admits only numbers, strings and booleans at these paths.
  const checked = value as ParameterValue;
  return { path, value: checked, text: `${path.join('.')}=${formatValue(checked)}` };
}

/** `{ a: { b: value } }` from `['a', 'b']`. */
function nest(path: readonly string[], value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i] ?? '']: out };
  return out as Record<string, unknown>;
}

/**
 * A value written so that reading it back as a YAML scalar gives the same value: numbers and
 * booleans as JavaScript prints them, strings plain unless YAML would read them otherwise, then
 * double-quoted.
 *
 * @example
 * formatValue(0.3); // => '0.3'
 * formatValue('pmt'); // => 'pmt'
 * formatValue('true'); // => '"true"'
 */
export function formatValue(value: ParameterValue): string {
  if (typeof value !== 'string') return String(value);
  try {
    if (parseYaml(value, 'value').value === value && value.trim() === value) return value;
  } catch {
    // not a plain scalar: quote it
  }
  return JSON.stringify(value);
}
