/**
 * The charts of a sweep:
 * - a grid over two or more parameters: a heatmap of one metric over the first two parameters
 *   (mean over replicates, and over the other parameters when there are more than two);
 * - a grid over one parameter: the metric against it with its 95% interval (a line for numbers,
 *   bars with whiskers for listed values such as methods);
 * - a sobol or morris design: the sensitivity indices per parameter, sorted, one chart per
 *   analysed output (from sensitivity.csv).
 * - a random or Latin-hypercube design: the metric against each varied parameter, a dot per
 *   design point (sweep-scatter.ts).
 */
import {
  groupedBarChart, heatmapChart, lineBandChart, sensitivityChart,
  type MorrisParameter, type SobolParameter,
} from '../charts/index.js';
import { summarizeDefined } from '../../experiments/stats.js';
import { chartFile, type Figure } from './figures.js';
import { differenceUnit, metricInfo } from './metrics.js';
import { PARAMETER_DOCS } from './params.js';
import { morrisRowSign, sobolRowNote } from './sensitivity-notes.js';
import { scatterFigures } from './sweep-scatter.js';
import type { PointSummary, SensitivityRow, SweepOutputs } from './sweep.js';

/** "supervision.auditRate (share of registered households per year)": a parameter with its unit. */
export function parameterTitle(path: string): string {
  const doc = PARAMETER_DOCS.find((d) => d.path === path);
  return doc === undefined || doc.unit === '' || doc.unit === 'yes/no' || doc.unit.startsWith('one of') ? path : `${path} (${doc.unit})`;
}

/** "Leakage (%)", "Cost per exit (yuan)": a metric with its unit, for an axis or colour bar. */
export function metricTitle(metric: string): string {
  const m = metricInfo(metric);
  const label = m.label.charAt(0).toUpperCase() + m.label.slice(1);
  return m.kind === 'share' ? `${label} (%)` : m.kind === 'yuan' ? `${label} (yuan)` : label;
}

/**
 * The distinct values of a parameter over the points, in axis order: the design's list order for a
 * listed factor, else ascending numbers (then text in order of appearance).
 */
export function parameterLevels(outputs: Pick<SweepOutputs, 'manifest' | 'points'>, parameter: string): (number | string)[] {
  // A Set: a big sweep has many points (linear, not points x levels).
  const distinct = new Set<number | string>();
  for (const p of outputs.points) {
    const v = p.values[parameter];
    if (v !== undefined) distinct.add(v);
  }
  const seen = [...distinct];
  const listed = outputs.manifest.design.factors.find((f) => f.name === parameter)?.values;
  if (listed !== undefined) {
    const order = listed.map((v) => (typeof v === 'number' ? v : String(v)));
    return [...seen].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  const numbers = seen.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  return [...numbers, ...seen.filter((v) => typeof v === 'string')];
}

/**
 * Mean of the metric over the points at each combination of two parameters' levels, as
 * values[y level][x level] (null where none is defined). One pass over the points, so a big
 * sweep's heatmap draws in time linear in its points.
 */
function cellMeans(points: readonly PointSummary[], x: string, xs: readonly (number | string)[], y: string, ys: readonly (number | string)[]): (number | null)[][] {
  const column = new Map(xs.map((v, k) => [v, k]));
  const row = new Map(ys.map((v, k) => [v, k]));
  const cells: (number | null)[][][] = ys.map(() => xs.map(() => []));
  for (const p of points) {
    const i = row.get(p.values[y] as number | string);
    const j = column.get(p.values[x] as number | string);
    if (i !== undefined && j !== undefined) cells[i]?.[j]?.push(p.mean);
  }
  return cells.map((r) => r.map((means) => summarizeDefined(means).mean));
}

/** "2 replicates per point; 24 runs, 0 failed": what a sweep chart rests on, for its subtitle. */
export function sweepIdentity(outputs: SweepOutputs): string {
  const r = outputs.manifest.replicates;
  const failed = outputs.failedRows > 0 ? `, ${outputs.failedRows} failed (left out)` : '';
  return `Sweep \u201c${outputs.manifest.sweep.name}\u201d: ${r} replicate${r === 1 ? '' : 's'} per point, ${outputs.rows} runs${failed}`;
}

function heatmapFigure(outputs: SweepOutputs): Figure {
  const [x, y, ...rest] = outputs.manifest.columns.parameters as [string, string, ...string[]];
  const metric = outputs.metric;
  const info = metricInfo(metric);
  const xs = parameterLevels(outputs, x);
  const ys = parameterLevels(outputs, y);
  const values = cellMeans(outputs.points, x, xs, y, ys);
  const averaged = rest.length > 0 ? `; averaged over ${rest.join(', ')}` : '';
  return {
    file: chartFile(`heatmap-${metric}`),
    heading: `${metricTitle(metric).replace(/ \(.*\)$/, '')} over ${x} and ${y}`,
    caption: `Each cell is the mean ${info.label} over the runs at that combination of ${x} (left to right) and ${y} (bottom to top)${averaged}. Colours run from dark purple (lowest) to yellow (highest)${info.better === 'lower' ? '; for this metric lower is better, so the darkest cells are the best settings' : info.better === 'higher' ? '; for this metric higher is better, so the brightest cells are the best settings' : ''}. Grey cells have no value. Redraw for another metric with povsim chart DIR --metric NAME.`,
    config: heatmapChart({
      title: `${metricTitle(metric).replace(/ \(.*\)$/, '')} by ${x} and ${y}`,
      xTitle: parameterTitle(x),
      yTitle: parameterTitle(y),
      valueTitle: metricTitle(metric),
      xValues: xs,
      yValues: ys,
      values,
      percent: info.kind === 'share',
      maximumFractionDigits: info.kind === 'share' ? 1 : info.digits,
      note: `${sweepIdentity(outputs)}; mean over replicates${averaged}`,
    }),
  };
}

function oneParameterFigure(outputs: SweepOutputs): Figure {
  const [x] = outputs.manifest.columns.parameters as [string];
  const metric = outputs.metric;
  const info = metricInfo(metric);
  const levels = parameterLevels(outputs, x);
  const first = new Map<number | string | undefined, PointSummary>();
  for (const p of outputs.points) if (!first.has(p.values[x])) first.set(p.values[x], p);
  const at = levels.map((v) => first.get(v));
  const percent = info.kind === 'share';
  const title = `${metricTitle(metric).replace(/ \(.*\)$/, '')} by ${x}`;
  const note = `${sweepIdentity(outputs)}; ${outputs.manifest.replicates > 1 ? 'mean over replicates with its 95% interval' : 'one run per point'}`;
  const caption = `The mean ${info.label} over the replicates at each value of ${x}, with the 95% interval of that mean. Where intervals do not overlap, the setting clearly matters. Redraw for another metric with povsim chart DIR --metric NAME.`;
  if (levels.every((v) => typeof v === 'number')) {
    const ok = at.map((p, k) => ({ p, x: levels[k] as number })).filter((e) => e.p !== undefined && e.p.mean !== null);
    const band = ok.length > 0 && ok.every((e) => e.p?.ciLow !== null && e.p?.ciHigh !== null);
    return {
      file: chartFile(`effect-${metric}`),
      heading: title,
      caption,
      config: lineBandChart({
        title,
        xTitle: parameterTitle(x),
        yTitle: metricTitle(metric),
        yPercent: percent,
        xTicks: 'auto',
        note,
        series: [{
          label: metricInfo(metric).label,
          x: ok.map((e) => e.x),
          y: ok.map((e) => e.p?.mean as number),
          ...(band ? { lower: ok.map((e) => e.p?.ciLow as number), upper: ok.map((e) => e.p?.ciHigh as number) } : {}),
        }],
      }),
    };
  }
  return {
    file: chartFile(`effect-${metric}`),
    heading: title,
    caption,
    config: groupedBarChart({
      title,
      xTitle: parameterTitle(x),
      yTitle: metricTitle(metric),
      yPercent: percent,
      note,
      categories: levels.map(String),
      series: [{
        label: metricInfo(metric).label,
        values: at.map((p) => p?.mean ?? null),
        lower: at.map((p) => p?.ciLow ?? null),
        upper: at.map((p) => p?.ciHigh ?? null),
      }],
    }),
  };
}

/** Outputs of sensitivity.csv in file order. */
function sensitivityOutputs(rows: readonly SensitivityRow[]): string[] {
  return [...new Set(rows.map((r) => r.output))];
}

function sensitivityFigure(method: 'sobol' | 'morris', output: string, rows: readonly SensitivityRow[], identity: string): Figure {
  const info = metricInfo(output);
  const outputName = `${info.label} at the end of the run`;
  if (method === 'sobol') {
    const parameters: SobolParameter[] = rows.map((r) => ({
      name: sobolRowNote(r) === '' ? r.parameter : `${r.parameter} (within noise)`,
      firstOrder: r.S1 ?? 0,
      total: r.ST ?? 0,
      ...(r.S1Low != null && r.S1High != null ? { firstOrderLower: r.S1Low, firstOrderUpper: r.S1High } : {}),
      ...(r.STLow != null && r.STHigh != null ? { totalLower: r.STLow, totalUpper: r.STHigh } : {}),
    }));
    return {
      file: chartFile(`sensitivity-${output}`),
      heading: `What drives ${info.label}: Sobol indices`,
      caption: `For each parameter, the share of the variance of ${info.label} (over the sweep's ranges) that it explains alone (first-order index S1) and including its interactions with the others (total index ST), with 95% bootstrap intervals. The most influential parameter is at the top. A parameter with ST near 0 hardly matters over these ranges; ST well above S1 means it acts through interactions. Small samples give wide intervals and indices outside 0 to 1: a parameter marked \u201cwithin noise\u201d has S1 above ST, a negative S1, ST above 1 or an interval that covers 0, so its indices cannot be told from sampling error (the table gives the reason).`,
      config: sensitivityChart({ method: 'sobol', outputName, parameters, note: `${identity}; whiskers: 95% bootstrap interval` }),
    };
  }
  const scale = info.kind === 'share' ? 100 : 1;
  const unit = differenceUnit(output) || 'units of the metric';
  const parameters: MorrisParameter[] = rows.map((r) => ({
    name: morrisRowSign(r) === '' ? r.parameter : `${r.parameter} (${morrisRowSign(r)})`,
    muStar: (r.muStar ?? 0) * scale,
    sigma: (r.sigma ?? 0) * scale,
  }));
  return {
    file: chartFile(`sensitivity-${output}`),
    heading: `What drives ${info.label}: Morris screening`,
    caption: `For each parameter, \u03bc* is the mean absolute change in ${info.label} when the parameter moves across its whole range (elementary effects, ${unit}); \u03c3 is how much that effect varies from one starting point to another: a large \u03c3 means the effect depends on the other parameters (interactions) or is not linear. The most influential parameter is at the top. Beside each name, the direction of its effect from the signed mean \u03bc: \u201craises\u201d or \u201clowers\u201d ${info.label}, or \u201cmixed sign\u201d when |\u03bc| is much smaller than \u03bc* (the effects cancel).`,
    config: sensitivityChart({ method: 'morris', outputName, outputUnit: `${unit}, whole range of the parameter`, parameters, note: identity }),
  };
}

/**
 * The figures of a sweep (see the file comment): `charts/heatmap-<metric>.png` or
 * `charts/effect-<metric>.png` for a grid, `charts/sensitivity-<output>.png` per analysed output
 * for sobol and morris designs, `charts/scatter-<metric>-<parameter>.png` per varied parameter for
 * random and lhs designs.
 */
export function sweepFigures(outputs: SweepOutputs): Figure[] {
  const figures: Figure[] = [];
  const kind = outputs.manifest.design.kind;
  const parameters = outputs.manifest.columns.parameters;
  if (kind === 'grid' && outputs.points.length > 0) {
    if (parameters.length >= 2) figures.push(heatmapFigure(outputs));
    else if (parameters.length === 1) figures.push(oneParameterFigure(outputs));
  }
  if ((kind === 'random' || kind === 'lhs') && outputs.points.length > 0) figures.push(...scatterFigures(outputs));
  if (outputs.sensitivity !== null) {
    const { method, rows } = outputs.sensitivity;
    const identity = `Sweep \u201c${outputs.manifest.sweep.name}\u201d, ${method} design, ${outputs.manifest.points} points`;
    for (const output of sensitivityOutputs(rows)) {
      figures.push(sensitivityFigure(method, output, rows.filter((r) => r.output === output), identity));
    }
  }
  return figures;
}
