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

/** A mean or an end of its interval: shares in % with the metric's decimals, counts with one. */
function level(metric: string, value: number): string {
  const kind = metricKind(metric);
  let text: string;
  if (kind === 'share') text = (value * 100).toFixed(metricInfo(metric).digits);
  else if (kind === 'count') text = number(value, 1);
  else if (kind === 'yuan') text = number(value, 0);
  else text = value.toFixed(metricInfo(metric).digits);
  // A value that rounds to zero is shown as 0, without a sign ("-0.0" reads as an effect).
  return /^-?[0.,]+$/.test(text) ? text.replace('-', '') : text;
}

function unit(metric: string, difference: boolean): string {
  const kind = metricKind(metric);
  if (kind === 'share') return difference ? ' pts' : '%';
  if (kind === 'yuan') return ' yuan';
  return '';
}

/** "71.4% [64.4, 78.3]". */
function levelCell(metric: string, s: MetricStats): string {
  if (s.mean === null) return 'n/a';
  const interval = s.ciLow === null || s.ciHigh === null ? '' : ` [${level(metric, s.ciLow)}, ${level(metric, s.ciHigh)}]`;
  return `${level(metric, s.mean)}${unit(metric, false)}${interval}`;
}

/** "-6.5 pts [-19.9, +6.9]"; "+0.02 pts [-0.01, +0.04]" for a small one. */
function differenceCell(metric: string, d: MetricStats | null): string {
  if (d === null) return '';
  if (d.mean === null) return 'n/a';
  const decimals = differenceDecimals(metric, d);
  const show = (v: number): string => formatDifference(metric, v, { unit: false, decimals });
  const interval = d.ciLow === null || d.ciHigh === null ? '' : ` [${show(d.ciLow)}, ${show(d.ciHigh)}]`;
  return `${show(d.mean)}${unit(metric, true)}${interval}`;
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length));
}

/**
 * The terminal table: each scenario's mean [CI] and, after the first, the paired difference [CI],
 * at most `width` characters wide where it can be. Scenarios side by side when they fit; else in
 * blocks, each with the metric and the reference column; else (not even one scenario beside the
 * reference fits) one block of lines per metric, one line per scenario.
 */
export function comparisonTable(c: Comparison, metrics: readonly string[], width: number = DEFAULT_WIDTH): string {
  const [reference, ...others] = c.scenarios;
  if (reference === undefined) return '';
  const block = (group: readonly ScenarioComparison[]): string =>
    table([
      ['Metric', reference.name, ...group.flatMap((s) => [s.name, `${s.name} - ${reference.name}`])],
      ...metrics.map((metric) => [
        metric,
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
  return linesPerMetric(c.scenarios, metrics);
}

/** The narrow layout: a metric's name, then a line per scenario: mean [CI] and difference [CI]. */
function linesPerMetric(scenarios: readonly ScenarioComparison[], metrics: readonly string[]): string {
  const reference = scenarios[0]!;
  const rows = [['', 'mean [95% CI]', `difference from ${reference.name}`]];
  for (const metric of metrics) {
    for (const s of scenarios) rows.push([`  ${s.name}`, levelCell(metric, s.metrics[metric]!), differenceCell(metric, s.metrics[metric]!.difference)]);
  }
  const lines = table(rows).split('\n');
  const out = [lines[0]!];
  metrics.forEach((metric, k) => out.push(metric, ...lines.slice(1 + k * scenarios.length, 1 + (k + 1) * scenarios.length)));
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
  const decimals = differenceDecimals(metric, d);
  const show = (v: number, plusSign = false): string => formatDifference(metric, v, { unit: false, decimals, plusSign });
  const kind = metricKind(metric);
  const difference = `difference ${show(d.mean, true)}${kind === 'share' ? ' points' : unit(metric, true)}`;
  const coversZero = d.ciLow !== null && d.ciHigh !== null && d.ciLow <= 0 && d.ciHigh >= 0;
  const interval = d.ciLow === null || d.ciHigh === null
    ? 'no interval'
    : `95% CI ${show(d.ciLow)} to ${show(d.ciHigh)}${coversZero ? ', which includes zero' : ''}`;
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
