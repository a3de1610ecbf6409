import { join, relative } from 'node:path';
import { runCalibration, runBound, type CalibrationReport, type CalibrationSpec } from '../../experiments/calibration/index.js';
import { loadTargets } from '../../experiments/calibration/targets-file.js';
import { parseShard, shardLabel } from '../../experiments/shard.js';
import { parseChartFormats } from '../../output/report/files.js';
import { drawChartsAndReport } from '../charts.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { commandLine } from '../flags.js';
import { number } from '../format.js';
import { scenarioOverrides } from '../overrides.js';
import { startProgress } from '../progress.js';
import { resumeCommand, withInterruption } from '../run-progress.js';
import { workersOption } from '../workers.js';
import type { CalibrateArgs } from './calibrate.js';


export async function calibrate(args: CalibrateArgs): Promise<number> {
  const workers = workersOption(args.workers);
  const formats = parseChartFormats(args.format);
  const overrides = scenarioOverrides({ households: args.households, months: args.months, set: args.set });
  const spec = loadTargets(args.file, { overrides });
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  const dir = args.out ?? join('out', shard === null ? spec.name : `${spec.name}-shard-${shardLabel(shard)}`);
  const heading =
    `povsim calibrate ${spec.name}: ${spec.method.kind}, ${spec.priors.length} parameter${spec.priors.length === 1 ? '' : 's'}, ` +
    `${spec.targets.length} target${spec.targets.length === 1 ? '' : 's'}, ${spec.replicates} replicate${spec.replicates === 1 ? '' : 's'} per particle (${spec.seeding} seeds), ` +
    `${shard === null ? 'at most ' : `shard ${shard.index}/${shard.count}: `}${number(runBound(spec, shard, workers))} runs; ${workers} worker${workers === 1 ? '' : 's'}; folder ${dir}/\n`;

  const { report, complete } = await withInterruption(({ signal, showing }) =>
    runCalibration(spec, {
      out: dir,
      workers,
      resume: args.resume,
      shard,
      signal,
      command: commandLine(),
      onStart: () => process.stderr.write(heading),
      onProgress: (p) => {
        const bar = showing(() => startProgress({ label: `povsim calibrate ${spec.name}`, total: p.bound, unit: 'runs (at most)', quietWhenPiped: false, intervalSeconds: 10 }));
        bar.update(Math.min(p.bound, p.made + p.reused), p.reused > 0 ? `${number(p.reused)} from runs.csv` : '');
      },
    }));
  if (report.status === 'interrupted') {
    process.stdout.write(`Interrupted after ${number(report.made)} runs (${number(report.reused)} answered from runs.csv). Continue with: ${resumeCommand(args, dir, shard, 'calibrate')}\n`);
    return EXIT_INTERRUPTED;
  }
  if (shard !== null) {
    // The merged folder is the calibration's default folder, so the command that finishes it needs no --out.
    const whole = join('out', spec.name);
    process.stdout.write(`Shard ${shard.index}/${shard.count}: ${number(report.made + report.reused)} runs in ${join(dir, 'runs.csv')}. Once all ${shard.count} are done: povsim merge <the ${shard.count} shard folders> --out ${whole}, then ${resumeCommand(withoutOut(args), whole, null, 'calibrate')}\n`);
    return 0;
  }
  const files = [...report.files, 'runs.csv', 'manifest.json'];
  if (args.charts) {
    const announce = `povsim calibrate ${spec.name}: the results are complete; drawing the charts and report.html (Ctrl-C skips them)\n`;
    for (const file of await complete.draw(() => drawChartsAndReport(dir, { formats, announce }))) files.push(relative(dir, file));
  }
  process.stdout.write(`${resultLines(args, spec, report, dir).join('\n')}\nWrote ${files.join(', ')} to ${dir}/\n`);
  complete.report('the calibration', dir);
  return 0;
}

/** The posterior and the predictive check in a few lines. */
function resultLines(args: CalibrateArgs, spec: CalibrationSpec, report: CalibrationReport, dir: string): string[] {
  const summary = report.summary as {
    parameters: { name: string; median: number | null; lower90: number | null; upper90: number | null; lower: number; upper: number }[];
    effectiveSampleSize: number | null;
    particles: number;
    stopReason: string;
    runs: { total: number };
    stages: { tolerance?: number; nearestDistance?: number }[];
    predictive: { target: string; observed: number; median: number; lower90: number; upper90: number; medianWithinScale: boolean; draws: number; roughInterval: boolean }[];
  };
  const g = (x: number | null): string => (x === null ? 'n/a' : Number(x.toPrecision(3)).toString());
  const width = Math.max(...spec.priors.map((p) => p.name.length), ...spec.targets.map((t) => t.name.length), 9);
  const lines = [
    `${summary.particles} particles (effective sample size ${g(summary.effectiveSampleSize)}), stopped: ${summary.stopReason}; ${runCounts(report, summary.runs.total)}, in ${report.elapsedSeconds.toFixed(1)} s`,
    '',
    `${'Parameter'.padEnd(width)}  median   90% interval        prior range`,
  ];
  for (const p of summary.parameters) lines.push(`${p.name.padEnd(width)}  ${g(p.median).padEnd(7)}  [${g(p.lower90)}, ${g(p.upper90)}]`.padEnd(width + 30) + `  [${g(p.lower)}, ${g(p.upper)}]`);
  if (summary.predictive.length > 0) {
    const draws = summary.predictive[0]!.draws;
    lines.push('', `${'Target'.padEnd(width)}  observed  simulated median [90%]   within se/tolerance  (${draws} predictive draws)`);
    for (const c of summary.predictive) {
      lines.push(`${c.target.padEnd(width)}  ${g(c.observed).padEnd(8)}  ${`${g(c.median)} [${g(c.lower90)}, ${g(c.upper90)}]`.padEnd(24)}  ${c.medianWithinScale ? 'yes' : 'no'}`);
    }
    if (summary.predictive[0]!.roughInterval) lines.push(`Only ${draws} predictive draws: the 90% intervals are rough (their ends lie near the smallest and largest draws); raise predictive: for better ones.`);
  } else if (summary.particles === 0 && spec.method.kind === 'rejection') {
    const stage = summary.stages[0]!;
    lines.push('', `No draw is within the tolerance ${g(stage.tolerance ?? null)} (the nearest is at distance ${String(stage.nearestDistance)}; no calibrated.yaml): raise settings.tolerance to at least that, or give settings.acceptFraction instead, then ${resumeCommand(args, dir, null, 'calibrate')} reuses the runs in runs.csv.`);
  } else if (summary.particles === 0) {
    lines.push('', 'No point is non-implausible: the model cannot give the observed figures within these ranges (no calibrated.yaml).');
  }
  return lines;
}

/**
 * The model runs of this invocation, and those the method used when they differ: with several
 * workers ABC-SMC also runs the rest of a batch after a generation is full (kept in runs.csv).
 */
function runCounts(report: CalibrationReport, used: number): string {
  const ran = report.made + report.reused;
  const counts = `${number(ran)} model runs (${number(report.made)} made now, ${number(report.reused)} from runs.csv)`;
  return ran === used ? counts : `${counts}, of which the method used ${number(used)} (the other ${number(ran - used)} ran alongside after a generation was full)`;
}

/** The arguments without --out: the command then writes to (and resumes) the default folder. */
function withoutOut(args: CalibrateArgs): Omit<CalibrateArgs, 'out'> {
  const { out: _out, ...rest } = args;
  return rest;
}
