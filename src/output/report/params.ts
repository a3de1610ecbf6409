/**
 * Parameters in the report: the values a run used (from its manifest), what differs from the
 * model's defaults or from another scenario, and the full table grouped as in the parameter tree.
 */
import { leaves } from '../../model/parameter-spec.js';
import { defaultParams, parameterTree } from '../../model/parameters.js';
import { escapeHtml, tableHtml } from './html.js';
import { valueAt } from './read.js';

/** One parameter leaf with its documentation. */
export interface ParameterDoc {
  /** Dotted path, e.g. `supervision.auditRate`. */
  readonly path: string;
  /** Top-level group, e.g. `supervision`. */
  readonly group: string;
  /** Unit in words; "" for booleans, "one of: a, b" for enums. */
  readonly unit: string;
  readonly description: string;
  readonly default: number | boolean | string;
}

/** Every parameter of the model, in declaration order. */
export const PARAMETER_DOCS: readonly ParameterDoc[] = leaves(parameterTree).map(({ path, spec }) => ({
  path,
  group: path.split('.')[0] ?? '',
  unit: spec.kind === 'number' ? spec.unit : spec.kind === 'enum' ? `one of: ${spec.values.join(', ')}` : 'yes/no',
  description: spec.description,
  default: spec.default,
}));

/** The parameter groups in declaration order, with their descriptions. */
export const PARAMETER_GROUPS: readonly { readonly name: string; readonly description: string }[] = Object.entries(
  parameterTree.children,
).map(([name, spec]) => ({ name, description: spec.description }));

/**
 * A parameter value as text: numbers in full precision with thousands separators (9,000; 0.05),
 * booleans and strings as written in a scenario file; a missing value is "\u2013".
 * @example formatParameter(22500000) // '22,500,000'
 * @example formatParameter(0.05) // '0.05'
 */
export function formatParameter(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 12 });
  if (typeof value === 'boolean' || typeof value === 'string') return String(value);
  return '\u2013';
}

/** A parameter that differs between a reference and a scenario. */
export interface ParameterChange {
  readonly doc: ParameterDoc;
  /** Value in the reference (the defaults, or the first scenario). */
  readonly from: unknown;
  /** Value in the scenario. */
  readonly to: unknown;
}

/**
 * The parameters whose value in `parameters` differs from `reference` (default: the model's
 * defaults), in declaration order. Values are compared exactly (a scenario restating a default
 * changes nothing).
 * @example changedParameters({ ...defaults, supervision: { ...defaults.supervision, auditRate: 0.3 } })
 *   // [{ doc: { path: 'supervision.auditRate', ... }, from: 0.05, to: 0.3 }]
 */
export function changedParameters(parameters: unknown, reference: unknown = defaultParams): ParameterChange[] {
  const out: ParameterChange[] = [];
  for (const doc of PARAMETER_DOCS) {
    const from = valueAt(reference, doc.path);
    const to = valueAt(parameters, doc.path);
    if (from !== to) out.push({ doc, from, to });
  }
  return out;
}

/** A table of changes: parameter, reference value, scenario value, unit, meaning. */
export function changesTableHtml(changes: readonly ParameterChange[], fromTitle: string, toTitle: string): string {
  return tableHtml(
    ['Parameter', escapeHtml(fromTitle), escapeHtml(toTitle), 'Unit', 'Meaning'],
    changes.map((c) => [
      `<code>${escapeHtml(c.doc.path)}</code>`,
      escapeHtml(formatParameter(c.from)),
      `<strong>${escapeHtml(formatParameter(c.to))}</strong>`,
      escapeHtml(c.doc.unit),
      escapeHtml(c.doc.description),
    ]),
    { numeric: [1, 2] },
  );
}

/**
 * The full parameter table, one block per group: parameter, value in each of `columns` (one per
 * scenario), default, unit. Rows where a value differs from the default are highlighted.
 */
export function parameterTableHtml(columns: readonly { readonly title: string; readonly parameters: unknown }[]): string {
  const header = ['Parameter', ...columns.map((c) => escapeHtml(c.title)), 'Default', 'Unit'];
  const width = header.length;
  const rows: string[] = [];
  for (const group of PARAMETER_GROUPS) {
    rows.push(
      `<tr class="group"><th colspan="${width}"><code>${escapeHtml(group.name)}</code> \u2013 ${escapeHtml(group.description)}</th></tr>`,
    );
    for (const doc of PARAMETER_DOCS.filter((d) => d.group === group.name)) {
      const values = columns.map((c) => valueAt(c.parameters, doc.path));
      const changed = values.some((v) => v !== doc.default);
      const cells = [
        `<td><code title="${escapeHtml(doc.description)}">${escapeHtml(doc.path)}</code></td>`,
        ...values.map((v) => `<td class="num">${v !== doc.default ? '<strong>' : ''}${escapeHtml(formatParameter(v))}${v !== doc.default ? '</strong>' : ''}</td>`),
        `<td class="num">${escapeHtml(formatParameter(doc.default))}</td>`,
        `<td>${escapeHtml(doc.unit)}</td>`,
      ];
      rows.push(`<tr${changed ? ' class="changed"' : ''}>${cells.join('')}</tr>`);
    }
  }
  const numeric = new Set(Array.from({ length: columns.length + 1 }, (_, k) => k + 1));
  const head = header.map((h, k) => `<th${numeric.has(k) ? ' class="num"' : ''}>${h}</th>`).join('');
  return `<div class="table-wrap"><table class="parameters"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}
