/**
 * What the explorer shows, as a link: the scenario and the values changed from it, in the URL's
 * fragment (`#scenario=baseline&supervision.auditRate=0.3`), so a link reopens the same state from
 * disk or from a server. A hand-edited link is checked exactly like a scenario file; a bad value
 * is reported in one line and the scenario's own value is used instead.
 */
import type { Params } from '../model/parameters.js';
import { InputError } from '../scenario/errors.js';
import { validateScenarioObject } from '../scenario/validate.js';
import { parameterControls, valueAt, type ShippedScenario } from './catalogue.js';

/** A parameter value as the controls hold it. */
export type ControlValue = number | string | boolean;

/** Values changed from the scenario, by dotted path, in the order of the parameter tree. */
export type Changes = Readonly<Record<string, ControlValue>>;

/** The explorer's state. */
export interface ExploreState {
  readonly scenario: ShippedScenario;
  readonly changes: Changes;
}

/** Name used in messages about a link's values. */
export const LINK_SOURCE = 'link';

/** The fragment key naming the scenario. */
const SCENARIO_KEY = 'scenario';

/**
 * The link fragment of a state (without `#`): the scenario, then each change.
 *
 * @example
 * formatLink({ scenario: baseline, changes: { 'supervision.auditRate': 0.3 } }); // => 'scenario=baseline&supervision.auditRate=0.3'
 */
export function formatLink(state: ExploreState): string {
  const query = new URLSearchParams();
  query.set(SCENARIO_KEY, state.scenario.name);
  for (const [path, value] of Object.entries(state.changes)) query.set(path, String(value));
  return query.toString();
}

/**
 * Reads a link fragment (with or without `#`). An unknown scenario falls back to the first one; an
 * unknown key or a bad value is left out. Each problem is one line in `problems`.
 */
export function parseLink(fragment: string, scenarios: readonly ShippedScenario[]): { state: ExploreState; problems: string[] } {
  const query = new URLSearchParams(fragment.replace(/^#/, ''));
  const problems: string[] = [];
  const fallback = scenarios[0];
  if (fallback === undefined) throw new Error('no shipped scenarios');
  const wanted = query.get(SCENARIO_KEY);
  let scenario = fallback;
  if (wanted !== null) {
    const found = scenarios.find((s) => s.name === wanted);
    if (found === undefined) {
      problems.push(`${LINK_SOURCE}: scenario: expected one of ${scenarios.map((s) => s.name).join(', ')}, found "${wanted}"; showing ${fallback.name}`);
    } else {
      scenario = found;
    }
  }
  const changes: Record<string, ControlValue> = {};
  for (const [path, text] of query) {
    if (path === SCENARIO_KEY) continue;
    try {
      changes[path] = checkLinkValue(path, text);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(`${error.message}; using the scenario's value`);
    }
  }
  return { state: { scenario, changes: normaliseChanges(scenario, changes) }, problems };
}

/**
 * A link value read as the parameter's type and checked like the same value in a scenario file.
 *
 * @throws {InputError} naming the link, the key, what was expected and what was found.
 * @example
 * checkLinkValue('supervision.auditRate', '0.3'); // => 0.3
 * checkLinkValue('supervision.auditRate', '7'); // throws "link: supervision.auditRate: expected a number from 0 to 1 (...), found 7"
 */
export function checkLinkValue(path: string, text: string): ControlValue {
  const control = parameterControls().find((c) => c.path === path);
  const value: unknown = control === undefined ? text : typedValue(control.spec.kind, text);
  const object: Record<string, unknown> = {};
  const keys = path.split('.');
  let node = object;
  keys.slice(0, -1).forEach((key) => {
    node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] ?? ''] = value;
  // Checks unknown keys (with a did-you-mean), types and ranges exactly as in a scenario file.
  validateScenarioObject(object, { file: LINK_SOURCE });
  if (control === undefined) throw new InputError({ file: LINK_SOURCE, key: path, detail: 'not a parameter the explorer can change' });
  return value as ControlValue;
}

/** The text of a link value as a number, boolean or string; text that is none stays text (and is refused). */
function typedValue(kind: 'number' | 'boolean' | 'enum', text: string): unknown {
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (kind === 'number') {
    const n = text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** Changes in tree order, without those equal to the scenario's own value. */
export function normaliseChanges(scenario: ShippedScenario, changes: Changes): Changes {
  const out: Record<string, ControlValue> = {};
  for (const control of parameterControls()) {
    const value = changes[control.path];
    if (value !== undefined && value !== valueAt(scenario.params, control.path)) out[control.path] = value;
  }
  return out;
}

/**
 * The scenario's parameters with the changes applied (a new object; the scenario is not modified).
 *
 * @example
 * applyChanges(baseline.params, { 'supervision.auditRate': 0.3 }).supervision.auditRate; // => 0.3
 */
export function applyChanges(params: Params, changes: Changes): Params {
  const copy = structuredClone(params) as unknown as Record<string, Record<string, unknown>>;
  for (const [path, value] of Object.entries(changes)) {
    const [group, key] = path.split('.');
    const target = copy[group ?? ''];
    if (target === undefined || key === undefined) throw new RangeError(`not a parameter: ${path}`);
    target[key] = value;
  }
  return copy as unknown as Params;
}
