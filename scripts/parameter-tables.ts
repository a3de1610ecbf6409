/**
 * Markdown tables of every model parameter, generated from the parameter tree
 * (src/model/parameters.ts), so the parameter reference in docs/model.md cannot drift from the code.
 *
 *   npx tsx scripts/parameter-tables.ts                        # print the tables
 *   npx tsx scripts/parameter-tables.ts --write docs/model.md  # replace them in the doc, between
 *                                                              # <!-- parameters:start --> and
 *                                                              # <!-- parameters:end -->
 *
 * tests/docs/parameter-tables.test.ts fails when the doc's tables differ from `parameterTables()`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leaves, type GroupSpec, type LeafSpec } from '../src/model/parameter-spec.js';
import { parameterTree } from '../src/model/parameters.js';

export const START_MARKER = '<!-- parameters:start -->';
export const END_MARKER = '<!-- parameters:end -->';

/** Escapes text for a markdown table cell: pipes would end the cell, newlines the row. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * A number as the tables show it: integers of 1,000 or more with thousands separators (locale
 * independent), everything else as JavaScript prints it.
 * @example formatNumber(20000000) // => "20,000,000";  formatNumber(0.008) // => "0.008"
 */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) >= 1000) {
    const digits = String(Math.abs(x));
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return x < 0 ? `-${grouped}` : grouped;
  }
  return String(x);
}

/** The six cells of one parameter's row: key, unit, range, default, meaning, source. */
export function row(path: string, spec: LeafSpec): string[] {
  switch (spec.kind) {
    case 'number':
      return [
        `\`${path}\``,
        spec.unit,
        `${formatNumber(spec.min)} to ${formatNumber(spec.max)}${spec.integer ? ', integer' : ''}`,
        formatNumber(spec.default),
        spec.description,
        spec.source,
      ];
    case 'boolean':
      return [`\`${path}\``, 'true/false', '`true`, `false`', `\`${spec.default}\``, spec.description, spec.source];
    case 'enum': {
      const values = spec.values.map((v, k) => `\`${v}\`: ${spec.valueDescriptions[k] ?? ''}`).join('; ');
      return [
        `\`${path}\``,
        'choice',
        spec.values.map((v) => `\`${v}\``).join(', '),
        `\`${spec.default}\``,
        `${spec.description} ${values}.`,
        spec.source,
      ];
    }
  }
}

const HEADER = '| Key | Unit | Range | Default | Meaning | Source of the default |\n|---|---|---|---|---|---|';

function table(entries: readonly { path: string; spec: LeafSpec }[]): string {
  const rows = entries.map((e) => `| ${row(e.path, e.spec).map(cell).join(' | ')} |`);
  return [HEADER, ...rows].join('\n');
}

/**
 * Markdown for every leaf of `tree`: one `###` section and table per top-level group, in
 * declaration order (leaves directly under the root, if any, come first under "General").
 * Deeper groups are flattened into their top-level group's table with dotted keys.
 */
export function parameterTablesFor(tree: GroupSpec): string {
  const sections: string[] = [];
  const rootLeaves = Object.entries(tree.children)
    .filter(([, child]) => child.kind !== 'group')
    .map(([key, child]) => ({ path: key, spec: child as LeafSpec }));
  if (rootLeaves.length > 0) sections.push(`### General\n\n${table(rootLeaves)}`);
  for (const [key, child] of Object.entries(tree.children)) {
    if (child.kind !== 'group') continue;
    const entries = leaves(child, key);
    sections.push(`### \`${key}\`: ${cell(child.description)}\n\n${table(entries)}`);
  }
  return `${sections.join('\n\n')}\n`;
}

/** The tables of the model's own parameter tree, as pasted into docs/model.md. */
export function parameterTables(): string {
  return parameterTablesFor(parameterTree);
}

/**
 * The text between the markers (exclusive, without the newline after the start marker), or null
 * unless each marker occurs exactly once, start before end. The markers default to the parameter
 * tables'; docs/validation.md uses the same scheme with its own (scripts/validation-table.ts).
 */
export function extractBetweenMarkers(doc: string, startMarker = START_MARKER, endMarker = END_MARKER): string | null {
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < 0 || end < start) return null;
  if (doc.indexOf(startMarker, start + 1) >= 0 || doc.indexOf(endMarker, end + 1) >= 0) return null;
  const body = doc.slice(start + startMarker.length, end);
  return body.startsWith('\n') ? body.slice(1) : body;
}

/** `doc` with the text between the markers replaced by `tables`; throws if the markers are malformed. */
export function replaceBetweenMarkers(doc: string, tables: string, startMarker = START_MARKER, endMarker = END_MARKER): string {
  if (extractBetweenMarkers(doc, startMarker, endMarker) === null) {
    throw new Error(`expected exactly one "${startMarker}" followed by exactly one "${endMarker}"`);
  }
  const start = doc.indexOf(startMarker) + startMarker.length;
  const end = doc.indexOf(endMarker);
  return `${doc.slice(0, start)}\n${tables}${doc.slice(end)}`;
}

/**
 * What a generator script does with its arguments: print `text`, or with `--write FILE` put it in
 * FILE between the two markers (and say so). Used by this script and by scripts/calibration.ts and
 * scripts/validation-table.ts.
 */
export function printOrWrite(args: readonly string[], text: () => string, startMarker: string, endMarker: string, what: string): void {
  const writeAt = args.indexOf('--write');
  if (writeAt < 0) {
    process.stdout.write(text());
    return;
  }
  const file = args[writeAt + 1];
  if (!file) throw new Error('--write needs the path of the markdown file');
  const path = resolve(file);
  writeFileSync(path, replaceBetweenMarkers(readFileSync(path, 'utf8'), text(), startMarker, endMarker));
  process.stdout.write(`${what} written to ${path}\n`);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) printOrWrite(process.argv.slice(2), parameterTables, START_MARKER, END_MARKER, 'parameter tables');
