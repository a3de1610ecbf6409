/**
 * What `povsim compare` prints: the table of means and paired differences, fitted to the terminal's
 * width, and one sentence per reform. Differences and their intervals have the decimals the report
 * gives them (differenceDecimals), so a small effect reads the same in both.
 */
import type { Comparison, MetricStats, ScenarioComparison } from '../experiments/index.js';
import { differenceDecimals, distinctLevels, formatDifference, formatMetric, metricInfo } from '../output/report/metrics.js';
import { number, table } from './format.js';

/** Width when the output is not a terminal and $COLUMNS does not say. */
export const DEFAULT_WIDTH = 80;

/** Columns to fit: the terminal's, else $COLUMNS, else {@link DEFAULT_WIDTH}. */
export function outputWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const columns = Number(process.env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

type Kind = 'share' | 'count' | 'yuan' | 'ratio' | 'index';

/**
 * How a metric is shown: shares as percentages (differences in points), counts, yuan, ratios and
 * indices, from the one table of metric display facts (src/output/report/metrics.ts).
 */
export function metricKind(metric: string): Kind {
  const info = metricInfo(metric);
  if (info.kind === 'number') return info.digits >= 3 ? 'index' : 'ratio';
  return info.kind;
}

/** Decimals of a level (a mean or an end of its interval): shares' percent digits, counts one (a mean of counts), yuan none. */
function levelDecimals(metric: string): number {
  const kind = metricKind(metric);
  return kind === 'count' ? 1 : kind === 'yuan' ? 0 : metricInfo(metric).digits;
}

/** A level as the table shows it, without its unit (the metric's heading says it). */
function level(metric: string, value: number): string {
  const text = number(metricKind(metric) === 'share' ? value * 100 : value, levelDecimals(metric));
  // A value that rounds to zero is shown as 0, without a sign ("-0.0" reads as an effect).
  return /^-?[0.,]+$/.test(text) ? text.replace('-', '') : text;
}

/** The unit of a difference in a sentence: " points", " yuan" or none. */
function unit(metric: string): string {
  const kind = metricKind(metric);
  return kind === 'share' ? ' points' : kind === 'yuan' ? ' yuan' : '';
}

/**
 * The metric's name with the unit of its cells: "leakage (%; differences in points)" on a line of
 * its own, "leakage (%; pts)" in a table's first column; "costPerExit (yuan)".
 */
export function metricHeading(metric: string, short = false): string {
  const kind = metricKind(metric);
  if (kind === 'share') return `${metric} (%; ${short ? 'pts' : 'differences in points'})`;
  return kind === 'yuan' ? `${metric} (yuan)` : metric;
}

/** "71.4 [64.4, 78.3]". */
function levelCell(metric: string, s: MetricStats): string {
  if (s.mean === null) return 'n/a';
  const interval = s.ciLow === null || s.ciHigh === null ? '' : ` [${level(metric, s.ciLow)}, ${level(metric, s.ciHigh)}]`;
  return `${level(metric, s.mean)}${interval}`;
}

/**
 * The decimals of a difference and its interval: differenceDecimals (as in the report), and at
 * least the levels' own (a count's mean has one).
 */
function tableDifferenceDecimals(metric: string, d: MetricStats): number {
  return Math.max(differenceDecimals(metric, d), levelDecimals(metric));
}

/** "-6.5 [-19.9, +6.9]"; "+0.02 [-0.01, +0.04]" for a small one; an end that is not zero never reads 0. */
export function differenceCell(metric: string, d: MetricStats | null): string {
  if (d === null) return '';
  if (d.mean === null) return 'n/a';
  const decimals = tableDifferenceDecimals(metric, d);
  const show = (v: number, keepSign = false): string => formatDifference(metric, v, { unit: false, decimals, keepSign });
  const interval = d.ciLow === null || d.ciHigh === null ? '' : ` [${show(d.ciLow, true)}, ${show(d.ciHigh, true)}]`;
  return `${show(d.mean)}${interval}`;
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length));
}

/**
 * Narrowest `width` at which {@link comparisonTable} keeps every line within it, for scenario names
 * of up to width - 2 characters and intervals of up to 40 (hundreds of millions of yuan).
 */
export const MIN_TABLE_WIDTH = 60;

/**
 * The terminal table: each scenario's mean [CI] and, after the first, the paired difference [CI],
 * at most `width` characters wide (from {@link MIN_TABLE_WIDTH} on). Scenarios side by side when
 * they fit; else in blocks, each with the metric and the reference column; else (not even one
 * scenario beside the reference fits) one block of lines per metric, one line per scenario (see
 * {@link linesPerMetric}).
 */
export function comparisonTable(c: Comparison, metrics: readonly string[], width: number = DEFAULT_WIDTH): string {
  const [reference, ...others] = c.scenarios;
  if (reference === undefined) return '';
  const block = (group: readonly ScenarioComparison[]): string =>
    table([
      ['Metric', reference.name, ...group.flatMap((s) => [s.name, `${s.name} - ${reference.name}`])],
      ...metrics.map((metric) => [
        metricHeading(metric, true),
        levelCell(metric, reference.metrics[metric]!),
        ...group.flatMap((s) => [levelCell(metric, s.metrics[metric]!), differenceCell(metric, s.metrics[metric]!.difference)]),
      ]),
    ]);
  const blocks: string[] = [];
  let group: ScenarioComparison[] = [];
  for (const s of others) {
    if (group.length > 0 && widest(block([...group, s])) > width) {
      blocks.push(block(group));
      group = [];
    }
    group.push(s);
  }
  if (group.length > 0 || blocks.length === 0) blocks.push(block(group));
  if (blocks.every((b) => widest(b) <= width)) return blocks.join('\n\n');
  return linesPerMetric(c.scenarios, metrics, width);
}

/** Indent of a scenario's line under its metric's heading. */
const INDENT = '  ';
/** Before a difference on a line of its own, under its scenario's line. */
const DIFFERENCE = '      difference ';

/**
 * The narrow layout: a heading line, then per metric its name (with the unit) and a line per
 * scenario, each metric's columns sized on their own: "name  mean [CI]  difference [CI]"; when that
 * is too wide for a metric, its differences go on lines of their own ("      difference -82.0
 * [-121.0, -42.0]"); when even "name  mean [CI]" is too wide, the mean goes on a line of its own too.
 */
function linesPerMetric(scenarios: readonly ScenarioComparison[], metrics: readonly string[], width: number): string {
  const reference = scenarios[0]!.name;
  const heading = `mean [95% CI]  difference from ${reference} [95% CI]`;
  const out = [heading.length <= width ? heading : 'mean [95% CI]  difference from the first scenario [95% CI]'];
  const nameWidth = Math.max(...scenarios.map((s) => s.name.length));
  for (const metric of metrics) {
    const rows = scenarios.map((s) => [s.name.padEnd(nameWidth), levelCell(metric, s.metrics[metric]!), differenceCell(metric, s.metrics[metric]!.difference)] as const);
    const levelWidth = Math.max(...rows.map((r) => r[1].length));
    const differenceWidth = Math.max(...rows.map((r) => r[2].length));
    const layouts = [
      rows.map(([name, mean, d]) => [`${INDENT}${name}  ${mean.padStart(levelWidth)}  ${d.padStart(differenceWidth)}`]),
      rows.map(([name, mean, d]) => [`${INDENT}${name}  ${mean.padStart(levelWidth)}`, ...(d === '' ? [] : [`${DIFFERENCE}${d}`])]),
      rows.map(([name, mean, d]) => [`${INDENT}${name.trimEnd()}`, `${INDENT}${INDENT}${mean}`, ...(d === '' ? [] : [`${DIFFERENCE}${d}`])]),
    ].map((layout) => layout.flat().map((line) => line.trimEnd()));
    out.push(metricHeading(metric), ...(layouts.find((lines) => lines.every((line) => line.length <= width)) ?? layouts[2]!));
  }
  return out.join('\n');
}

/**
 * E.g. "leakage 46.3% -> 31.3% (difference -15.0 points, 95% CI -16.1 to -13.9)"; the levels get
 * more decimals when they would read the same, and "no clear change" is said when they do and the
 * interval includes zero.
 */
function effect(c: Comparison, name: string, metric: string): string {
  const reference = c.scenarios[0]!.metrics[metric];
  const own = c.scenarios.find((s) => s.name === name)?.metrics[metric];
  if (reference === undefined || own === undefined) return `${metric} n/a`;
  const d = own.difference;
  const [from, to] = [formatMetric(metric, reference.mean), formatMetric(metric, own.mean)];
  if (d === null || d.mean === null) return `${metric} ${from} -> ${to}`;
  const decimals = tableDifferenceDecimals(metric, d);
  const show = (v: number, plusSign = false, keepSign = false): string => formatDifference(metric, v, { unit: false, decimals, plusSign, keepSign });
  const difference = `difference ${show(d.mean, true)}${unit(metric)}`;
  const coversZero = d.ciLow !== null && d.ciHigh !== null && d.ciLow <= 0 && d.ciHigh >= 0;
  const interval = d.ciLow === null || d.ciHigh === null
    ? 'no interval'
    : `95% CI ${show(d.ciLow, false, true)} to ${show(d.ciHigh, false, true)}${coversZero ? ', which includes zero' : ''}`;
  const zero = show(d.mean) === show(0);
  if (!zero && coversZero && from === to) return `${metric}: no clear change, ${from} in both (${difference}, ${interval})`;
  const [a, b] = zero ? [from, to] : distinctLevels(metric, reference.mean, own.mean);
  return `${metric} ${a} -> ${b} (${difference}, ${interval})`;
}

/** One sentence per reform: its effect on leakage and headcount (and on any --precision metric). */
export function reformSentence(c: Comparison, name: string, extra: readonly string[]): string {
  const metrics = [...new Set(['leakage', 'headcount', ...extra])];
  return `${name} vs ${c.reference}: ${metrics.map((m) => effect(c, name, m)).join('; ')}.`;
}
