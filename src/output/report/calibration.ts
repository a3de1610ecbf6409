/**
 * The charts and report of a calibration folder (`povsim calibrate`), drawn from its files alone:
 * summary.json (posterior summaries, predictive check), posterior.csv (the last generation's
 * particles, or the last wave's non-implausible points) and manifest.json.
 *
 * Charts: each parameter's marginal posterior against its prior (share of weight in ten bins of
 * the prior range), each pair of parameters (one dot per particle), and the predictive check (per
 * target, simulated minus observed in units of its standard error or tolerance).
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { groupedBarChart, scatterChart } from '../charts/index.js';
import { VERSION } from '../../version.js';
import type { PredictiveCheck } from '../../experiments/calibration/outputs.js';
import { priorDensity, type Prior } from '../../experiments/calibration/priors.js';
import type { Figure } from './figures.js';
import { escapeHtml, factsHtml, renderReportHtml, tableHtml } from './html.js';
import { readJson, readText } from './read.js';
import { formatParameter } from './params.js';

interface ParameterRow extends Record<string, unknown> {
  readonly name: string;
  readonly kind: Prior['kind'];
  readonly lower: number;
  readonly upper: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly lower90: number | null;
  readonly upper90: number | null;
}

/** One target's predictive check, as summary.json holds it. */
type CheckRow = Omit<PredictiveCheck, 'draws' | 'mean'>;

/** What the charts and report of a calibration folder are drawn from. */
export interface CalibrationOutputs {
  readonly summary: {
    readonly name: string;
    readonly method: { readonly kind: string } & Record<string, unknown>;
    readonly stopReason: string;
    readonly particles: number;
    readonly effectiveSampleSize: number | null;
    readonly parameters: readonly ParameterRow[];
    readonly runs: { readonly sampler: number; readonly predictive: number; readonly total: number };
    readonly predictive: readonly CheckRow[];
    readonly replicates: number;
    readonly seeds: string;
  };
  readonly manifest: Record<string, unknown> & { readonly command: string; readonly targets: { readonly file: string; readonly description: string } };
  /** The posterior sample: particles (one array per parameter) and weights. */
  readonly columns: readonly (readonly number[])[];
  readonly weights: readonly number[];
}

/** Reads a calibration folder's files. */
export function readCalibrationOutputs(dir: string): CalibrationOutputs {
  const summary = readJson(join(dir, 'summary.json')) as CalibrationOutputs['summary'];
  const manifest = readJson(join(dir, 'manifest.json')) as CalibrationOutputs['manifest'];
  const rows = parse(readText(join(dir, 'posterior.csv')), { columns: true }) as Record<string, string>[];
  const names = summary.parameters.map((p) => p.name);
  let sample: Record<string, string>[];
  let weights: number[];
  if (summary.method.kind === 'history-matching') {
    const lastWave = Math.max(...rows.map((r) => Number(r['wave'])));
    sample = rows.filter((r) => Number(r['wave']) === lastWave && r['non_implausible'] === 'true');
    weights = sample.map(() => 1);
  } else {
    const last = Math.max(...rows.map((r) => Number(r['generation'])));
    sample = rows.filter((r) => Number(r['generation']) === last);
    weights = sample.map((r) => Number(r['weight']));
  }
  return { summary, manifest, columns: names.map((n) => sample.map((r) => Number(r[n]))), weights };
}

const BINS = 10;

/** Share of the prior's mass in each of BINS equal bins of its range (midpoint rule, 20 steps a bin). */
function priorShares(p: ParameterRow): number[] {
  const width = (p.upper - p.lower) / BINS;
  const prior = p as unknown as Prior;
  const mass = Array.from({ length: BINS }, (_, b) => {
    let sum = 0;
    for (let s = 0; s < 20; s += 1) sum += priorDensity(prior, p.lower + width * (b + (s + 0.5) / 20)) * (width / 20);
    return sum;
  });
  const total = mass.reduce((a, b) => a + b, 0);
  return mass.map((m) => m / total);
}

/** Share of the posterior weight in each bin. */
function posteriorShares(p: ParameterRow, values: readonly number[], weights: readonly number[]): number[] {
  const shares = new Array<number>(BINS).fill(0);
  const total = weights.reduce((a, b) => a + b, 0);
  values.forEach((v, i) => {
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(((v - p.lower) / (p.upper - p.lower)) * BINS)));
    shares[b] = (shares[b] as number) + (weights[i] as number) / total;
  });
  return shares;
}

/** A figure as the report's tables and captions show it: 4 significant digits. */
const fmt = (x: number | null): string => (x === null ? '\u2013' : formatParameter(Number(x.toPrecision(4))));

const slug = (name: string): string => name.replace(/[^A-Za-z0-9]+/g, '-');

/** The figures of a calibration folder. */
export function calibrationFigures(outputs: CalibrationOutputs): Figure[] {
  const { summary, columns, weights } = outputs;
  if (weights.length === 0) return [];
  const figures: Figure[] = summary.parameters.map((p, k) => {
    const edges = Array.from({ length: BINS }, (_, b) => formatParameter(p.lower + ((p.upper - p.lower) * b) / BINS));
    return {
      file: `charts/posterior-${slug(p.name)}.png`,
      heading: `Posterior of ${p.name}`,
      caption: `Share of the posterior weight (and of the prior) in ten equal bins of the prior range ${formatParameter(p.lower)} to ${formatParameter(p.upper)}; each bin is labelled by its lower end. Median ${p.median === null ? 'n/a' : fmt(p.median)}, 90% interval ${p.lower90 === null ? 'n/a' : `${fmt(p.lower90)} to ${fmt(p.upper90)}`}. A posterior as flat as the prior means the targets say little about this parameter.`,
      config: groupedBarChart({
        title: `Posterior of ${p.name}`,
        yTitle: 'Share (%)',
        xTitle: p.name,
        categories: edges,
        series: [
          { label: 'Posterior', values: posteriorShares(p, columns[k] ?? [], weights) },
          { label: `Prior (${p.kind})`, values: priorShares(p) },
        ],
        yPercent: true,
        note: `${weights.length} particles`,
      }),
    };
  });
  summary.parameters.forEach((a, i) => {
    summary.parameters.slice(i + 1).forEach((b, d) => {
      const j = i + 1 + d;
      figures.push({
        file: `charts/pair-${slug(a.name)}--${slug(b.name)}.png`,
        heading: `${a.name} and ${b.name}`,
        caption: 'One dot per posterior particle (unweighted): a band or a curve shows values of the two parameters that trade off against each other to give the same targets.',
        config: scatterChart({ title: `Posterior: ${b.name} against ${a.name}`, xTitle: a.name, yTitle: b.name, x: columns[i] ?? [], y: columns[j] ?? [], note: `${weights.length} particles` }),
      });
    });
  });
  if (summary.predictive.length > 0) {
    const z = (c: CheckRow, v: number): number => (v - c.observed) / c.scale;
    figures.push({
      file: 'charts/predictive-check.png',
      heading: 'Posterior-predictive check',
      caption: 'Each target simulated at posterior draws, one run each: the median of the simulated values minus the observed value, in units of the target\u2019s standard error or tolerance, with whiskers over the central 90% of the draws. Within \u00b11 the typical draw matches the target; whiskers that reach 0 cover the observed value.',
      config: groupedBarChart({
        title: 'Simulated minus observed (in standard errors or tolerances)',
        yTitle: 'Standard errors',
        categories: summary.predictive.map((c) => c.target),
        series: [{ label: 'Median of the draws', values: summary.predictive.map((c) => z(c, c.median)), lower: summary.predictive.map((c) => z(c, c.lower90)), upper: summary.predictive.map((c) => z(c, c.upper90)) }],
        note: `Whiskers: central 90% of ${summary.runs.predictive} draws${summary.predictive[0]?.roughInterval === true ? ' (few draws: rough, near the smallest and largest)' : ''}`,
      }),
    });
  }
  return figures;
}

function resultsHtml(outputs: CalibrationOutputs): string {
  const s = outputs.summary;
  const facts: [string, string][] = [
    ['Targets file', `<code>${escapeHtml(outputs.manifest.targets.file)}</code>`],
    ['Method', escapeHtml(`${s.method.kind}; stopped: ${s.stopReason}`)],
    ['Replicates', escapeHtml(`${s.replicates} per particle (${s.seeds} seeds)`)],
    ['Particles', escapeHtml(`${s.particles} (effective sample size ${s.effectiveSampleSize === null ? 'n/a' : s.effectiveSampleSize.toFixed(1)})`)],
    ['Model runs', escapeHtml(`${s.runs.total} (${s.runs.sampler} by the sampler, ${s.runs.predictive} for the predictive check)`)],
  ];
  const parameters = tableHtml(
    ['Parameter', 'Prior', 'Mean', 'Median', '90% interval'],
    s.parameters.map((p) => [`<code>${escapeHtml(p.name)}</code>`, escapeHtml(`${p.kind} ${fmt(p.lower)} to ${fmt(p.upper)}`), fmt(p.mean), fmt(p.median), `${fmt(p.lower90)} to ${fmt(p.upper90)}`]),
    { numeric: [2, 3, 4] },
  );
  const checks = s.predictive.length === 0
    ? '<p class="note">No predictive check (no posterior sample, or predictive: 0).</p>'
    : tableHtml(
      ['Target', 'Observed', 'Se or tolerance', 'Simulated median', 'Simulated 90%', 'Median within it'],
      s.predictive.map((c) => [`<code>${escapeHtml(c.target)}</code>`, fmt(c.observed), fmt(c.scale), fmt(c.median), `${fmt(c.lower90)} to ${fmt(c.upper90)}`, c.medianWithinScale ? 'yes' : 'no']),
      { numeric: [1, 2, 3, 4] },
    );
  return `${factsHtml(facts)}\n<h3>Posterior</h3>\n${parameters}\n<h3>Posterior-predictive check</h3>\n${checks}`;
}

/** The report page of a calibration, as HTML text. */
export function calibrationReportHtml(outputs: CalibrationOutputs, figures: readonly Figure[]): string {
  const m = outputs.manifest;
  const provenance = factsHtml(
    ['povsim', 'command', 'fingerprint', 'seed', 'node', 'platform', 'startedAt', 'finishedAt'].map((k) => [k, `<code>${escapeHtml(String(m[k] ?? '\u2013'))}</code>`] as [string, string]),
  );
  return renderReportHtml({
    kicker: 'povsim calibration report',
    title: outputs.summary.name,
    lead: m.targets.description,
    before: [{ id: 'calibration', heading: 'Calibration', html: resultsHtml(outputs) }],
    figures,
    after: [{ id: 'provenance', heading: 'Provenance', html: provenance }],
    footer: `Report drawn by povsim ${VERSION} from manifest.json, summary.json and posterior.csv in this folder. It is one self-contained file: it needs no network.`,
  });
}
