import { READ_LIMITS, readRegularText } from '../../io/read.js';
import { join, relative } from 'node:path';
import { loadSweep, parseShard, runSweep, shardLabel, shardRunCount, SENSITIVITY_FILE } from '../../experiments/index.js';
import { checkSweepSize } from '../../experiments/sweep-limits.js';
import { parseCsvLine } from '../../experiments/csv.js';
import { morrisSign, sobolNoiseNote } from '../../experiments/sensitivity-noise.js';
import { drawChartsAndReport } from '../charts.js';
import { parseChartFormats, type ChartFormat } from '../../output/report/files.js';
import { checkWritableDir } from '../../io/files.js';
import { lockOutputFolder } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { number } from '../format.js';
import { workersOption } from '../workers.js';
import { scenarioOverrides } from '../overrides.js';
import { printDryRun } from './sweep-dry-run.js';
import type { SweepArgs } from './sweep.js';
import { commandLine } from '../flags.js';
import { EXIT_RUNS_FAILED, maxRunsOption, resumeCommand, withRunProgress } from '../run-progress.js';

/** Exit code after Ctrl-C or SIGTERM (128 + SIGINT), the sweep resumable. */
export { EXIT_INTERRUPTED };

export async function sweep(args: SweepArgs): Promise<number> {
  const workers = workersOption(args.workers);
  const formats = parseChartFormats(args.format);
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  const overrides = scenarioOverrides({ households: args.households, months: args.months, set: args.set });
  const definition = loadSweep(args.file, { overrides });
  const dir = args.out ?? join('out', shard === null ? definition.name : `${definition.name}-shard-${shardLabel(shard)}`);
  const runs = shardRunCount(definition.runs, shard);
  const maxRuns = maxRunsOption(args['max-runs']);
  const size = definition.design.kind === 'grid' ? `${number(definition.points)} points` : `${number(definition.points)} points (${describeSize(definition)})`;
  const heading =
    `povsim sweep ${definition.name}: ${definition.design.kind} design, ${size} x ${definition.replicates} replicate${definition.replicates === 1 ? '' : 's'} = ${number(definition.runs)} runs` +
    `${shard === null ? '' : `; shard ${shard.index}/${shard.count}: ${number(runs)} runs`}; ${workers} worker${workers === 1 ? '' : 's'}; folder ${dir}/\n`;
  if (args['dry-run']) return printDryRun(definition, heading, maxRuns);
  // Refused before anything is written or printed: one line, exit 2.
  checkSweepSize(definition, maxRuns);

  const command = commandLine();
  checkNotSystemFolder(dir);
  checkWritableDir(dir);
  // One povsim at a time in the folder, from the first run to the last chart.
  const lock = lockOutputFolder(dir, command);
  try {
    return await sweepInto(args, definition, { dir, shard, workers, command, formats, heading, runs, maxRuns });
  } finally {
    lock.release();
  }
}

/** What {@link sweep} settled before taking the folder. */
interface SweepContext {
  readonly dir: string;
  readonly shard: ReturnType<typeof parseShard> | null;
  readonly workers: number;
  readonly command: string;
  readonly formats: readonly ChartFormat[];
  /** The line with the run count, printed before anything is written. */
  readonly heading: string;
  /** Runs of this shard (all runs without --shard). */
  readonly runs: number;
  readonly maxRuns: number;
}

async function sweepInto(args: SweepArgs, definition: ReturnType<typeof loadSweep>, context: SweepContext): Promise<number> {
  const { dir, shard, workers, command, formats, heading, runs, maxRuns } = context;
  const { report, complete } = await withRunProgress(`povsim sweep ${definition.name}`, runs, (hooks) =>
    runSweep(definition, {
      out: dir,
      workers,
      maxRuns,
      // The run count before anything is written: a big design takes a while to write.
      onStart: () => process.stderr.write(heading),
      resume: args.resume,
      shard,
      failFast: args['fail-fast'],
      command,
      ...hooks,
    }));

  const again = resumeCommand(args, dir, shard);
  const lines: string[] = [];
  const counts = `${number(report.done)} of ${number(report.runs)} runs done${report.resumed > 0 ? ` (${number(report.ran)} now, ${number(report.resumed)} before)` : ''}, ${number(report.failed)} failed, in ${report.elapsedSeconds.toFixed(1)} s`;
  if (report.status === 'interrupted') {
    lines.push(`Interrupted: ${counts}. Continue with: ${again}`);
  } else if (report.status === 'stopped') {
    const f = report.firstFailure;
    lines.push(`Stopped at the first failure (--fail-fast)${f === null ? '' : `: run ${f.run}: ${f.error}`}. ${counts}. Continue with: ${again}`);
  } else {
    lines.push(`${number(report.runs)} runs, ${number(report.failed)} failed${report.resumed > 0 ? ` (${number(report.resumed)} done before resuming)` : ''}, in ${report.elapsedSeconds.toFixed(1)} s.`);
    if (report.failed > 0) {
      const f = report.firstFailure;
      lines.push(`See ${join(dir, 'results.csv')} rows with status=failed${f === null ? '' : ` (first this time: run ${f.run}: ${f.error})`}.`);
    }
    if (report.sensitivity !== null) lines.push('', sensitivitySummary(join(dir, SENSITIVITY_FILE), definition.design.kind));
    if (shard !== null && shard.count > 1) lines.push(`This is shard ${shard.index}/${shard.count}; once all are done: povsim merge <the ${shard.count} shard folders> --out <folder>`);
    const files = ['design.csv', 'results.csv', 'manifest.json', ...(report.sensitivity === null ? [] : [SENSITIVITY_FILE])];
    // A shard holds part of the design: its charts come after the merge.
    if (args.charts && (shard === null || shard.count === 1)) {
      const announce = `povsim sweep ${definition.name}: the results are complete; drawing the charts and report.html (Ctrl-C skips them)\n`;
      for (const file of await complete.draw(() => drawChartsAndReport(dir, { formats, announce }))) files.push(relative(dir, file));
    }
    lines.push(`Wrote ${files.join(', ')} to ${dir}/`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (report.status === 'complete') complete.report('the sweep', dir);
  if (report.status === 'interrupted') return EXIT_INTERRUPTED;
  return report.failed > 0 ? EXIT_RUNS_FAILED : 0;
}

function describeSize(definition: ReturnType<typeof loadSweep>): string {
  const d = definition.design;
  const k = d.factors.length;
  switch (d.kind) {
    case 'random':
    case 'lhs':
      return `${number(d.samples)} samples`;
    case 'sobol':
      return `N = ${d.baseSamples} base samples x (k + 2), k = ${k}`;
    case 'morris':
      return `r = ${d.trajectories} trajectories x (k + 1), k = ${k}`;
    default:
      return '';
  }
}

/**
 * " (within noise)" for a Sobol row within sampling noise, " (raises)", " (lowers)" or
 * " (mixed sign)" for a Morris row: the rules of src/experiments/sensitivity-noise.ts.
 */
function summaryNote(head: readonly string[], row: readonly string[], kind: string): string {
  const at = (column: string): number => Number(row[head.indexOf(column)]);
  const ci = (low: string, high: string): [number, number] | null =>
    row[head.indexOf(low)] ? [at(low), at(high)] : null;
  if (kind === 'sobol') {
    return sobolNoiseNote(at('S1'), ci('S1_ci_low', 'S1_ci_high'), at('ST'), ci('ST_ci_low', 'ST_ci_high')) === '' ? '' : ' (within noise)';
  }
  return ` (${morrisSign(at('mu'), at('mu_star'))})`;
}

/** Sum of total Sobol indices above which the summary warns of noise or strong interactions. */
const SOBOL_NOISE_WARNING = 1.5;

/** The most influential parameters per output (by ST or mu*), for the first outputs in the file. */
export function sensitivitySummary(file: string, kind: string): string {
  const lines = readRegularText(file, READ_LIMITS.table).trim().split('\n').map((l) => parseCsvLine(l) ?? []);
  const [head, ...rows] = lines;
  if (head === undefined || rows.length === 0) return `${file}: no output could be analysed (see manifest.json sensitivity.skipped)`;
  const score = kind === 'sobol' ? head.indexOf('ST') : head.indexOf('mu_star');
  const byOutput = new Map<string, string[][]>();
  for (const r of rows) byOutput.set(r[0] ?? '', [...(byOutput.get(r[0] ?? '') ?? []), r]);
  const shown = [...byOutput.entries()].slice(0, 6);
  const width = Math.max(...shown.map(([output]) => output.length));
  const out = [kind === 'sobol' ? 'Most influential parameters per output (total Sobol index ST):' : 'Most influential parameters per output (Morris mu*):'];
  const noisy: string[] = [];
  for (const [output, list] of shown) {
    const top = [...list].sort((a, b) => Number(b[score]) - Number(a[score])).slice(0, 3);
    out.push(`  ${output.padEnd(width)}  ${top.map((r) => `${r[1]} ${Number(r[score]).toPrecision(2)}${summaryNote(head, r, kind)}`).join(', ')}`);
    // Total indices of a deterministic model sum to 1 plus interactions; far above that, the
    // simulation's own noise is being read as influence.
    const sum = list.reduce((total, r) => total + (Number(r[score]) || 0), 0);
    if (kind === 'sobol' && sum > SOBOL_NOISE_WARNING) noisy.push(`${output} (${sum.toFixed(2)})`);
  }
  out.push(kind === 'sobol'
    ? '("within noise": S1 above ST, a negative S1, ST above 1, or an interval covering 0; the report explains each)'
    : '(raises, lowers: the sign of mu; mixed sign: |mu| much smaller than mu*, the effects cancel)');
  if (noisy.length > 0) {
    out.push(
      `Caution: the total indices of ${noisy.join(', ')} sum well above 1: strong interactions or simulation noise.` +
        ' More replicates per point or a larger baseSamples give firmer indices (see the intervals in sensitivity.csv).',
    );
  }
  const more = byOutput.size > shown.length ? `\n(${byOutput.size - shown.length} more outputs in ${file})` : '';
  return `${out.join('\n')}${more}`;
}
