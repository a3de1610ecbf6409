import { CompareInterrupted, compareScenarios, defaultCompareDir, defaultWorkers, writeComparison, type Comparison, type MetricStats, type PrecisionTarget } from '../../experiments/index.js';
import { listOnlyExisting, removeEarlierOutputs, takeOutputFolder, type FolderRecord } from '../../io/output-folder.js';
import { COMPARE_FILES } from '../../experiments/compare-files.js';
import { InputError, loadScenario, quote } from '../../scenario/index.js';
import { drawChartsAndReport } from '../charts.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { number, table } from '../format.js';
import { listenForInterruption } from '../interrupt.js';
import { metricInfo } from '../../output/report/metrics.js';
import { startProgress, type Progress } from '../progress.js';
import type { CompareArgs } from './compare.js';
import { scenarioOverrides, seedFlag } from '../overrides.js';

/** Metrics in the terminal table without --all. */
export const KEY_METRICS = [
  'leakage', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'cgh', 'headcount', 'povertyGap', 'diversion',
  'exits', 'paperExits', 'costPerExit',
] as const;

export async function compare(args: CompareArgs): Promise<number> {
  const startedAt = new Date().toISOString();
  const workers = workersOption(args.workers);
  const precision = args.precision.map(parsePrecision);
  const overrides = scenarioOverrides({ households: args.households, months: args.months, set: args.set });
  const scenarios = args.scenarios.map((file) => loadScenario(file, { overrides }));
  if (scenarios.length < 2) throw new InputError({ detail: 'compare needs at least two scenario files (the first is the reference)' });
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const other = seen.get(s.name);
    if (other !== undefined) throw new InputError({ file: s.file, key: 'name', detail: `${quote(s.name)} is also the name of ${other}; compared scenarios need different names` });
    seen.set(s.name, s.file);
  }
  const dir = args.out ?? defaultCompareDir(scenarios.map((s) => s.name));
  const command = ['povsim', ...process.argv.slice(2)].join(' ');
  // One povsim at a time in the folder, and only into a new folder or one holding an earlier comparison.
  const { lock, previous } = takeOutputFolder(dir, 'compare', command);
  try {
    return await compareInto(dir, args, scenarios, { command, startedAt, workers, precision, previous });
  } finally {
    lock.release();
  }
}

async function compareInto(
  dir: string,
  args: CompareArgs,
  scenarios: ReturnType<typeof loadScenario>[],
  context: { command: string; startedAt: string; workers: number; precision: PrecisionTarget[]; previous: FolderRecord },
): Promise<number> {
  const { command, startedAt, workers, precision } = context;
  let progress: Progress | null = null;
  let progressTotal = 0;
  const interruption = listenForInterruption();
  let result;
  try {
    result = await compareScenarios(scenarios, {
      replicates: args.replicates,
      ...(args.seed === undefined ? {} : { seed: seedFlag(args.seed)! }),
      precision,
      maxReplicates: args['max-replicates'],
      workers,
      signal: interruption.signal,
      onProgress: ({ done, total }) => {
        if (total !== progressTotal) {
          progress?.stop();
          progress = startProgress({ label: 'povsim compare', total, unit: 'runs', quietWhenPiped: false, intervalSeconds: 10 });
          progressTotal = total;
        }
        progress?.update(done);
      },
    });
  } catch (error) {
    if (!(error instanceof CompareInterrupted)) throw error;
    (progress as Progress | null)?.stop();
    process.stderr.write(`povsim: interrupted after ${error.done} of ${error.planned} runs; nothing was written to ${dir}/ (run the same command again to start over)\n`);
    return EXIT_INTERRUPTED;
  } finally {
    interruption.dispose();
  }
  (progress as Progress | null)?.stop();
  // The earlier comparison's charts and report would no longer match: removed first (povsim's, by its manifest).
  removeEarlierOutputs(dir, context.previous, COMPARE_FILES);
  let files: string[];
  try {
    files = writeComparison(dir, result, { scenarios, command, workers, startedAt });
  } catch (error) {
    listOnlyExisting(dir); // the earlier comparison's manifest lists only the files still there
    throw error;
  }
  if (args.charts) files.push(...(await drawChartsAndReport(dir)));

  if (args.json) {
    process.stdout.write(`${JSON.stringify(result.comparison, null, 2)}\n`);
    return 0;
  }
  const c = result.comparison;
  const first = scenarios[0]!;
  const size = `${number(first.params.township.households)} households, ${first.params.simulation.months} months`;
  const lines = [
    `Compared ${scenarios.length} scenarios over ${c.replicates} replicates each (common random numbers: replicate r of every scenario uses the same seed; base seed ${c.baseSeed}; ${size})`,
    '',
    comparisonTable(c, args.all ? c.metrics : KEY_METRICS),
    '',
    ...c.scenarios.slice(1).map((s) => reformSentence(c, s.name, precision.map((p) => p.metric))),
  ];
  if (c.precision !== null) lines.push('', precisionSentence(c));
  lines.push('', `Means over replicates with [95% t intervals]; differences are paired by replicate. Wrote ${files.length} files to ${dir}/`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `--workers`: a positive integer, default the number of processors. */
export function workersOption(value: number | undefined): number {
  if (value === undefined) return defaultWorkers();
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError({ file: '--workers', expected: 'a whole number of workers >= 1', found: String(value) });
  }
  return value;
}

/** `METRIC=HALFWIDTH`. */
function parsePrecision(text: string): PrecisionTarget {
  const eq = text.indexOf('=');
  const metric = eq < 0 ? '' : text.slice(0, eq).trim();
  const halfWidth = eq < 0 ? Number.NaN : Number(text.slice(eq + 1).trim());
  if (metric === '' || !(halfWidth > 0) || !Number.isFinite(halfWidth) || text.slice(eq + 1).trim() === '') {
    throw new InputError({ file: '--precision', expected: 'METRIC=HALFWIDTH with a half-width > 0 in the metric\'s units, e.g. leakage=0.005', found: quote(text) });
  }
  return { metric, halfWidth };
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

function fmt(kind: Kind, value: number | null, sign = false): string {
  if (value === null) return 'n/a';
  let text: string;
  switch (kind) {
    case 'share':
      text = (value * 100).toFixed(1);
      break;
    case 'count':
      text = number(value, 1);
      break;
    case 'yuan':
      text = number(value, 0);
      break;
    case 'ratio':
      text = value.toFixed(2);
      break;
    case 'index':
      text = value.toFixed(3);
      break;
  }
  // A value that rounds to zero is shown as 0, without a sign ("-0.0" reads as an effect).
  if (/^-?[0.,]+$/.test(text)) return text.replace('-', '');
  return sign && value > 0 ? `+${text}` : text;
}

function unit(kind: Kind, difference: boolean): string {
  if (kind === 'share') return difference ? ' pts' : '%';
  if (kind === 'yuan') return ' yuan';
  return '';
}

function cell(kind: Kind, s: MetricStats, difference: boolean): string {
  const interval = s.ciLow === null || s.ciHigh === null ? '' : ` [${fmt(kind, s.ciLow, difference)}, ${fmt(kind, s.ciHigh, difference)}]`;
  return `${fmt(kind, s.mean, difference)}${s.mean === null ? '' : unit(kind, difference)}${interval}`;
}

/** The terminal table: each scenario's mean [CI] and, after the first, the paired difference [CI]. */
export function comparisonTable(c: Comparison, metrics: readonly string[]): string {
  const [reference, ...others] = c.scenarios;
  if (reference === undefined) return '';
  const head = ['Metric', reference.name, ...others.flatMap((s) => [s.name, `${s.name} - ${reference.name}`])];
  const rows = metrics.map((metric) => {
    const kind = metricKind(metric);
    const ref = reference.metrics[metric]!;
    return [
      metric,
      cell(kind, ref, false),
      ...others.flatMap((s) => {
        const m = s.metrics[metric]!;
        return [cell(kind, m, false), m.difference === null ? '' : cell(kind, m.difference, true)];
      }),
    ];
  });
  return table([head, ...rows]);
}

/** E.g. "leakage 46.3% -> 31.3% (difference -15.0 points, 95% CI -16.1 to -13.9)". */
function effect(c: Comparison, name: string, metric: string): string {
  const reference = c.scenarios[0]!.metrics[metric];
  const own = c.scenarios.find((s) => s.name === name)?.metrics[metric];
  if (reference === undefined || own === undefined) return `${metric} n/a`;
  const kind = metricKind(metric);
  const level = (v: number | null): string => `${fmt(kind, v)}${v === null ? '' : unit(kind, false)}`;
  const d = own.difference;
  if (d === null || d.mean === null) return `${metric} ${level(reference.mean)} -> ${level(own.mean)}`;
  const diffUnit = kind === 'share' ? ' points' : unit(kind, true);
  const interval = d.ciLow === null || d.ciHigh === null
    ? 'no interval'
    : `95% CI ${fmt(kind, d.ciLow)} to ${fmt(kind, d.ciHigh)}${d.ciLow <= 0 && d.ciHigh >= 0 ? ', which includes zero' : ''}`;
  return `${metric} ${level(reference.mean)} -> ${level(own.mean)} (difference ${fmt(kind, d.mean, true)}${diffUnit}, ${interval})`;
}

/** One sentence per reform: its effect on leakage and headcount (and on any --precision metric). */
function reformSentence(c: Comparison, name: string, extra: readonly string[]): string {
  const metrics = [...new Set(['leakage', 'headcount', ...extra])];
  return `${name} vs ${c.reference}: ${metrics.map((m) => effect(c, name, m)).join('; ')}.`;
}

function precisionSentence(c: Comparison): string {
  const p = c.precision!;
  const parts = p.targets.map((t) => {
    const kind = metricKind(t.metric);
    const show = (h: number | null): string => (h === null ? 'n/a' : kind === 'share' ? `${(h * 100).toFixed(2)} points` : String(Number(h.toPrecision(3))));
    return `${t.metric} +-${t.achieved.map(show).join(', +-')} (target +-${show(t.halfWidth)}${t.met ? ', met' : ', NOT met'})`;
  });
  return p.met
    ? `Precision target met after ${c.replicates} replicates: ${parts.join('; ')}.`
    : `Precision target not met after ${c.replicates} replicates (--max-replicates ${p.maxReplicates}): ${parts.join('; ')}.`;
}
