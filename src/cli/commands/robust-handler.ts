import { join, relative } from 'node:path';
import { parseShard, shardLabel, shardRunCount } from '../../experiments/shard.js';
import { loadStudy } from '../../experiments/study-file.js';
import { runStudy, STUDY_FILES, type StudyOutputs } from '../../experiments/study.js';
import { checkSweepSize } from '../../experiments/sweep-limits.js';
import { formatMetric, metricInfo } from '../../output/report/metrics.js';
import { parseChartFormats } from '../../output/report/files.js';
import { checkWritableDir } from '../../io/files.js';
import { lockOutputFolder } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { drawChartsAndReport } from '../charts.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { commandLine } from '../flags.js';
import { number } from '../format.js';
import { scenarioOverrides } from '../overrides.js';
import { workersOption } from '../workers.js';
import type { RobustArgs } from './robust.js';
import { EXIT_RUNS_FAILED, maxRunsOption, resumeCommand, withRunProgress } from '../run-progress.js';

export async function robust(args: RobustArgs): Promise<number> {
  const workers = workersOption(args.workers);
  const formats = parseChartFormats(args.format);
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  const overrides = scenarioOverrides({ households: args.households, months: args.months, set: args.set });
  const study = loadStudy(args.file, { overrides, better: (metric) => metricInfo(metric).better });
  const sweep = study.sweep;
  const dir = args.out ?? join('out', shard === null ? sweep.name : `${sweep.name}-shard-${shardLabel(shard)}`);
  const runs = shardRunCount(sweep.runs, shard);
  const r = study.record;
  const heading =
    `povsim robust ${sweep.name}: ${r.policies.length} policies x ${number(r.conditions)} conditions (${r.uncertainties.kind === 'lhs' ? 'Latin hypercube' : 'Sobol'} sample of ${r.uncertainties.factors.length} uncertain parameters) x ${sweep.replicates} replicate${sweep.replicates === 1 ? '' : 's'} = ${number(sweep.runs)} runs` +
    `${shard === null ? '' : `; shard ${shard.index}/${shard.count}: ${number(runs)} runs`}; ${workers} worker${workers === 1 ? '' : 's'}; folder ${dir}/\n`;
  // The sweep's limit, named by the study's own key (samples or baseSamples).
  checkSweepSize({ ...sweep, design: { kind: r.uncertainties.kind } }, maxRunsOption(args['max-runs']));
  const command = commandLine();
  checkNotSystemFolder(dir);
  checkWritableDir(dir);
  const lock = lockOutputFolder(dir, command);
  try {
    return await studyInto(args, study, { dir, shard, workers, command, heading, runs, formats });
  } finally {
    lock.release();
  }
}

interface StudyContext {
  readonly dir: string;
  readonly shard: ReturnType<typeof parseShard> | null;
  readonly workers: number;
  readonly command: string;
  readonly heading: string;
  readonly runs: number;
  readonly formats: ReturnType<typeof parseChartFormats>;
}

async function studyInto(args: RobustArgs, study: ReturnType<typeof loadStudy>, context: StudyContext): Promise<number> {
  const { dir, shard, workers, command, heading, runs, formats } = context;
  const { report, complete } = await withRunProgress(`povsim robust ${study.sweep.name}`, runs, (hooks) =>
    runStudy(study, { out: dir, workers, maxRuns: maxRunsOption(args['max-runs']), onStart: () => process.stderr.write(heading), resume: args.resume, shard, command, ...hooks }));
  const again = resumeCommand(args, dir, shard, 'robust');
  const counts = `${number(report.done)} of ${number(report.runs)} runs done, ${number(report.failed)} failed, in ${report.elapsedSeconds.toFixed(1)} s`;
  const lines: string[] = [];
  if (report.status !== 'complete') {
    lines.push(`Interrupted: ${counts}. Continue with: ${again}`);
  } else {
    lines.push(`${number(report.runs)} runs, ${number(report.failed)} failed${report.resumed > 0 ? ` (${number(report.resumed)} done before resuming)` : ''}, in ${report.elapsedSeconds.toFixed(1)} s.`);
    if (report.failed > 0) lines.push(`Failed runs are left out of the analysis; see ${join(dir, 'results.csv')} rows with status=failed.`);
    const files = ['design.csv', 'results.csv', 'manifest.json'];
    if (report.analysis !== null) {
      lines.push('', ...studySummary(report.analysis));
      files.push(...Object.values(STUDY_FILES));
    } else if (shard !== null) {
      lines.push(`This is shard ${shard.index}/${shard.count}; once all are done: povsim merge <the ${shard.count} shard folders> --out <folder> (the merge writes the analysis)`);
    }
    if (args.charts && report.analysis !== null) {
      const announce = `povsim robust ${study.sweep.name}: the results are complete; drawing the charts and report.html (Ctrl-C skips them)\n`;
      for (const file of await complete.draw(() => drawChartsAndReport(dir, { formats, announce }))) files.push(relative(dir, file));
    }
    lines.push(`Wrote ${files.join(', ')} to ${dir}/`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (report.status === 'complete') complete.report('the study', dir);
  if (report.status !== 'complete') return EXIT_INTERRUPTED;
  return report.failed > 0 ? EXIT_RUNS_FAILED : 0;
}

/** A regret as text: percentage points for shares, the metric's own unit otherwise. */
function regretText(metric: string, value: number | null): string {
  if (value === null) return 'n/a';
  return metricInfo(metric).kind === 'share' ? `${(value * 100).toFixed(1)} pts` : formatMetric(metric, value);
}

/**
 * The terminal summary: per objective a table of policies (mean, 10th-90th percentile, share of
 * conditions meeting the threshold, max and 90th percentile regret), then the discovery sentences.
 */
export function studySummary(outputs: StudyOutputs): string[] {
  const lines: string[] = [];
  const width = Math.max(6, ...outputs.policies.map((p) => p.length));
  for (const o of outputs.record.objectives) {
    const goal = o.threshold === null ? o.direction : `${o.direction}, threshold ${formatMetric(o.metric, o.threshold)}`;
    lines.push(`${o.metric} (${goal}) over ${number(outputs.conditions)} conditions:`);
    const head = ['Policy'.padEnd(width), 'mean'.padStart(14), '10th-90th pct'.padStart(26), 'meets'.padStart(6), 'max regret'.padStart(16), 'p90 regret'.padStart(16)];
    lines.push(`  ${head.join('  ')}`);
    for (const s of outputs.summaries.filter((x) => x.metric === o.metric)) {
      const row = [
        s.policy.padEnd(width),
        formatMetric(o.metric, s.mean).padStart(14),
        `${formatMetric(o.metric, s.p10)} - ${formatMetric(o.metric, s.p90)}`.padStart(26),
        (s.satisficing === null ? '-' : `${(s.satisficing * 100).toFixed(0)}%`).padStart(6),
        regretText(o.metric, s.maxRegret).padStart(16),
        regretText(o.metric, s.p90Regret).padStart(16),
      ];
      lines.push(`  ${row.join('  ')}`);
    }
    lines.push('');
  }
  if (outputs.discoveries.length > 0) {
    lines.push('Where each policy misses its thresholds (PRIM; coverage: share of its misses in the box, density: share of the box that misses):');
    for (const d of outputs.discoveries) lines.push(`  ${d.sentence}`);
  }
  return lines;
}
