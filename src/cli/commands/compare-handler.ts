import { CompareInterrupted, compareScenarios, defaultCompareDir, writeComparison, type Comparison, type MetricStats, type PrecisionTarget } from '../../experiments/index.js';
import { listOnlyExisting, removeEarlierOutputs, takeOutputFolder, type FolderRecord } from '../../io/output-folder.js';
import { COMPARE_FILES } from '../../experiments/compare-files.js';
import { InputError, loadScenario, quote } from '../../scenario/index.js';
import { drawChartsAndReport } from '../charts.js';
import { parseChartFormats, type ChartFormat } from '../../output/report/files.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { comparisonTable, metricKind, outputWidth, reformSentence } from '../compare-text.js';
import { number } from '../format.js';
import { listenForInterruption } from '../interrupt.js';
import { CompleteResults } from '../after-results.js';
import { isInteractive, startProgress, type Progress } from '../progress.js';
import type { CompareArgs } from './compare.js';
import { scenarioOverrides, seedFlag } from '../overrides.js';
import { workersOption } from '../workers.js';
import { commandLine } from '../flags.js';

/** Metrics in the terminal table without --all. */
export const KEY_METRICS = [
  'leakage', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'cgh', 'headcount', 'povertyGap', 'diversion',
  'exits', 'paperExits', 'costPerExit',
] as const;

/** From this many runs on, a comparison announces its size on stderr before it starts (without a terminal). */
export const ANNOUNCED_RUNS = 1000;

export async function compare(args: CompareArgs): Promise<number> {
  const startedAt = new Date().toISOString();
  const workers = workersOption(args.workers);
  const formats = parseChartFormats(args.format);
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
  const command = commandLine();
  // One povsim at a time in the folder, and only into a new folder or one holding an earlier comparison.
  const { lock, previous } = takeOutputFolder(dir, 'compare', command);
  try {
    return await compareInto(dir, args, scenarios, { command, startedAt, workers, precision, previous, formats });
  } finally {
    lock.release();
  }
}

async function compareInto(
  dir: string,
  args: CompareArgs,
  scenarios: ReturnType<typeof loadScenario>[],
  context: { command: string; startedAt: string; workers: number; precision: PrecisionTarget[]; previous: FolderRecord; formats: readonly ChartFormat[] },
): Promise<number> {
  const { command, startedAt, workers, precision } = context;
  let progress: Progress | null = null;
  let progressTotal = 0;
  const startProgressOf = (total: number): void => {
    progress?.stop();
    progress = startProgress({ label: 'povsim compare', total, unit: 'runs', quietWhenPiped: false, intervalSeconds: 10 });
    progressTotal = total;
  };
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
      onStart: ({ runs, replicates, maxReplicates }) => {
        // A long comparison says what it is about to do before the first run (a terminal shows the bar).
        if (runs >= ANNOUNCED_RUNS && !isInteractive()) {
          const more = precision.length > 0 ? `, more up to ${number(maxReplicates)} replicates if --precision needs them` : '';
          process.stderr.write(`povsim compare: ${number(runs)} runs (${scenarios.length} scenarios x ${number(replicates)} replicates${more}); Ctrl-C stops it\n`);
        }
        startProgressOf(runs);
      },
      onProgress: ({ done, total }) => {
        if (total !== progressTotal) startProgressOf(total);
        progress?.update(done);
      },
    });
  } catch (error) {
    interruption.dispose();
    if (!(error instanceof CompareInterrupted)) throw error;
    (progress as Progress | null)?.stop();
    process.stderr.write(`povsim: interrupted after ${error.done} of ${error.planned} runs; nothing was written to ${dir}/ (run the same command again to start over)\n`);
    return EXIT_INTERRUPTED;
  }
  (progress as Progress | null)?.stop();
  // The results are complete: the listener stays until the process exits (src/cli/after-results.ts).
  const complete = new CompleteResults(interruption.signal);
  // The earlier comparison's charts and report would no longer match: removed first (povsim's, by its manifest).
  removeEarlierOutputs(dir, context.previous, COMPARE_FILES);
  let files: string[];
  try {
    files = writeComparison(dir, result, { scenarios, command, workers, startedAt });
  } catch (error) {
    listOnlyExisting(dir); // the earlier comparison's manifest lists only the files still there
    throw error;
  }
  if (args.charts) files.push(...(await complete.draw(() => drawChartsAndReport(dir, { formats: context.formats }))));

  if (args.json) {
    process.stdout.write(`${JSON.stringify(result.comparison, null, 2)}\n`);
    complete.report('the comparison', dir);
    return 0;
  }
  const c = result.comparison;
  const first = scenarios[0]!;
  const size = `${number(first.params.township.households)} households, ${first.params.simulation.months} months`;
  const lines = [
    `Compared ${scenarios.length} scenarios over ${c.replicates} replicates each (common random numbers: replicate r of every scenario uses the same seed; base seed ${c.baseSeed}; ${size})`,
    '',
    comparisonTable(c, args.all ? c.metrics : KEY_METRICS, outputWidth()),
    '',
    ...c.scenarios.slice(1).map((s) => reformSentence(c, s.name, precision.map((p) => p.metric))),
  ];
  if (c.precision !== null) lines.push('', precisionSentence(c));
  lines.push('', `Means over replicates with [95% t intervals]; differences are paired by replicate. Wrote ${files.length} files to ${dir}/`);
  process.stdout.write(`${lines.join('\n')}\n`);
  complete.report('the comparison', dir);
  return 0;
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
