/**
 * The scatter charts of a random or Latin-hypercube sweep: the chosen metric against each varied
 * parameter, one dot per design point (the mean over its successful replicates), so the shape of
 * each parameter's effect and the spread around it can be seen. Large sweeps are thinned to a
 * deterministic sample of the points (every k-th by point number), said in the caption.
 */
import { scatterChart } from '../charts/index.js';
import { chartFile, type Figure } from './figures.js';
import { metricInfo } from './metrics.js';
import type { PointSummary, SweepOutputs } from './sweep.js';
import { metricTitle, parameterLevels, parameterTitle, sweepIdentity } from './sweep-figures.js';

/** Most dots on one scatter chart; more design points are thinned (see {@link thinPoints}). */
export const MAX_SCATTER_POINTS = 2000;

/**
 * At most `cap` of `points`, chosen deterministically and spread evenly over the list: those at
 * positions floor(i n / cap), i = 0 .. cap - 1. Design points of random and Latin-hypercube designs
 * are independent draws in point order, so every k-th point is as good a sample as any.
 * @example thinPoints([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4) // [0, 2, 5, 7]
 */
export function thinPoints<T>(points: readonly T[], cap: number): T[] {
  if (points.length <= cap) return [...points];
  return Array.from({ length: cap }, (_, i) => points[Math.floor((i * points.length) / cap)] as T);
}

/** "2,000 of 50,000 design points drawn: ..." or "" when every point is drawn. */
function thinningText(drawn: number, total: number): string {
  if (drawn >= total) return '';
  const n = (v: number): string => v.toLocaleString('en-US');
  return ` For legibility ${n(drawn)} of the ${n(total)} design points are drawn, spread evenly by point number (a fixed sample: the same sweep always draws the same dots); results.csv has every run.`;
}

function scatterFigure(outputs: SweepOutputs, parameter: string, shown: readonly PointSummary[]): Figure {
  const metric = outputs.metric;
  const info = metricInfo(metric);
  const levels = parameterLevels(outputs, parameter);
  const listed = levels.some((v) => typeof v === 'string');
  const name = metricTitle(metric).replace(/ \(.*\)$/, '');
  const total = outputs.points.length;
  const replicates = outputs.manifest.replicates;
  const each = replicates > 1 ? `the mean over its ${replicates} replicates` : 'one run';
  const dots = `a dot per design point${replicates > 1 ? ' (mean over replicates)' : ''}`;
  const drawn = shown.length < total ? `; ${shown.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points drawn` : '';
  return {
    file: chartFile(`scatter-${metric}-${parameter}`),
    heading: `${name} against ${parameter}`,
    caption: `Each dot is one design point of the sweep: its value of ${parameter} (left to right) and its ${info.label} at the end of the run, ${each}. All the other varied parameters change from dot to dot, so the vertical spread at one value of ${parameter} is what they (and the simulation's own noise) add; a clear slope or band means ${parameter} matters on its own.${thinningText(shown.length, total)} Redraw for another metric with povsim chart DIR --metric NAME.`,
    config: scatterChart({
      title: `${name} against ${parameter}`,
      xTitle: parameterTitle(parameter),
      yTitle: metricTitle(metric),
      x: shown.map((p) => p.values[parameter] ?? ''),
      y: shown.map((p) => p.mean),
      ...(listed ? { xCategories: levels.map(String) } : {}),
      yPercent: info.kind === 'share',
      note: `${sweepIdentity(outputs)}; ${dots}${drawn}`,
    }),
  };
}

/**
 * `charts/scatter-<metric>-<parameter>.png` for each varied parameter of a random or lhs sweep,
 * in the design's parameter order; none when no point has a value of the metric.
 */
export function scatterFigures(outputs: SweepOutputs): Figure[] {
  const shown = thinPoints(outputs.points, MAX_SCATTER_POINTS);
  if (!shown.some((p) => p.mean !== null)) return [];
  return outputs.manifest.columns.parameters.map((parameter) => scatterFigure(outputs, parameter, shown));
}
