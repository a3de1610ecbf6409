/**
 * Shared pieces of the robustness suites: random valid scenarios (fast-check), and checks that a
 * value or an output file holds no NaN or Infinity.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'yaml';
import {
  applyParameterValues,
  loadScenario,
  parameterInfo,
  type ParameterInfo,
  type ParameterValue,
  type ResolvedScenario,
} from '../../src/scenario/index.js';

/** fast-check seed of the property suites (PROPERTY_SEED; fixed so that CI is reproducible). */
export const PROPERTY_SEED = Number(process.env['PROPERTY_SEED'] ?? 20_240_601);

/** Scale of the property suites (PROPERTY_SCALE, default 1): every numRuns is multiplied by it. */
export const PROPERTY_SCALE = Number(process.env['PROPERTY_SCALE'] ?? 1);

/** The shipped scenario files, as paths relative to the project folder. */
export const SHIPPED = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join('scenarios', f));

/**
 * Upper bounds used when drawing parameters whose range is vast and whose cost grows with the
 * value (counts of agents and villages): the properties must run many cases in seconds.
 */
const COST_CAPS: Readonly<Record<string, number>> = {
  'enterprises.count': 6,
  'socialOrganisations.count': 6,
  'enterprises.partnerVillages': 12,
  'socialOrganisations.villagesEach': 12,
};

/** Set by the scenario record itself (size of the township), so not drawn among the changes. */
const SIZE_PATHS = new Set(['township.households', 'township.villages', 'simulation.months']);

/**
 * A valid value of a parameter. Numbers come from a grid over the range (fc.double favours
 * denormals and would rarely exercise a mechanism) with both ends drawn often: the range's
 * extremes are where models break.
 */
export function parameterValue(p: ParameterInfo): fc.Arbitrary<ParameterValue> {
  if (p.kind === 'boolean') return fc.boolean();
  if (p.kind === 'enum') return fc.constantFrom(...(p.values ?? []));
  const min = p.min ?? 0;
  const max = Math.min(p.max ?? min + 1, COST_CAPS[p.path] ?? Infinity);
  const at = (x: number): number => (p.integer ? Math.round(x) : x);
  const grid = fc.integer({ min: 0, max: 20 }).map((k) => at(min + ((max - min) * k) / 20));
  return fc.oneof(fc.constant(at(min)), fc.constant(at(max)), grid, fc.constant(p.default as number));
}

/** Parameters a random scenario may change (all but the township's size). */
export const CHANGEABLE = parameterInfo().filter((p) => !SIZE_PATHS.has(p.path));

/** A list of (parameter path, value) changes; later ones win. */
export const parameterChanges = (maxLength: number): fc.Arbitrary<[string, ParameterValue][]> =>
  fc.array(
    fc.constantFrom(...CHANGEABLE).chain((p) => parameterValue(p).map((v): [string, ParameterValue] => [p.path, v])),
    { maxLength },
  );

/** A random valid scenario: a shipped scenario, a small township and any changes to any parameter. */
export interface RandomScenario {
  readonly base: string;
  readonly households: number;
  readonly villages: number;
  readonly months: number;
  readonly changes: readonly (readonly [string, ParameterValue])[];
  readonly seed: number;
}

export const randomScenario = (options: { maxHouseholds?: number; maxMonths?: number; maxChanges?: number } = {}): fc.Arbitrary<RandomScenario> =>
  fc.record({
    base: fc.constantFrom(...SHIPPED),
    households: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: options.maxHouseholds ?? 300 })),
    villages: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 })),
    months: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: options.maxMonths ?? 26 })),
    changes: parameterChanges(options.maxChanges ?? 20),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });

/** The changes of a random scenario as one record (later changes win), the size included. */
export function valuesOf(s: RandomScenario): Record<string, ParameterValue> {
  return {
    ...Object.fromEntries(s.changes),
    'township.households': s.households,
    'township.villages': s.villages,
    'simulation.months': s.months,
  };
}

/** Loads the base file and applies the changes through the scenario layer (each value validated). */
export function resolveRandom(s: RandomScenario): ResolvedScenario {
  return applyParameterValues(loadScenario(s.base), valuesOf(s), 'property');
}

/**
 * The text of a scenario file for a random scenario: it extends the base (absolute path, so the
 * file can live in a temporary folder) and nests the changes by group.
 */
export function scenarioYaml(s: RandomScenario, name: string): string {
  const nested: Record<string, Record<string, ParameterValue>> = {};
  for (const [path, value] of Object.entries(valuesOf(s))) {
    const [group, key] = path.split('.') as [string, string];
    nested[group] = { ...nested[group], [key]: value };
  }
  return stringify({ name, extends: resolve(s.base), seed: s.seed, ...nested });
}

/** Throws (names the path) if any number inside `value` is NaN or infinite. */
export function expectFiniteDeep(value: unknown, where = ''): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where || 'value'} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => expectFiniteDeep(v, `${where}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectFiniteDeep(v, where === '' ? k : `${where}.${k}`);
  }
}

/** A CSV field that holds a number as JavaScript writes it (no NaN, no Infinity). */
const NUMBER_FIELD = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?$/;

/**
 * Parses CSV text (RFC 4180) and checks every field: no NaN or Infinity anywhere, and in the
 * columns `numeric` says are numeric, either an empty field (an undefined value) or a number.
 * Returns the rows as records keyed by the header.
 */
export function checkCsv(text: string, where: string, numeric: (column: string) => boolean): Record<string, string>[] {
  if (!text.endsWith('\n')) throw new Error(`${where}: the last line has no line end`);
  const rows = parseCsv(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];
  for (const [r, row] of rows.entries()) {
    for (const [column, field] of Object.entries(row)) {
      if (/\b(NaN|-?Infinity)\b/.test(field)) throw new Error(`${where}: row ${r + 1}, ${column} = ${field}`);
      if (numeric(column) && field !== '' && !NUMBER_FIELD.test(field)) {
        throw new Error(`${where}: row ${r + 1}, ${column} = ${JSON.stringify(field)} is not a number`);
      }
    }
  }
  return rows;
}
