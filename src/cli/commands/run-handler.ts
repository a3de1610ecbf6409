import { join } from 'node:path';
import { simulateAsync } from '../../api.js';
import { StepsInterrupted } from '../../engine/schedule.js';
import { loadScenario, scenarioRecord } from '../../scenario/index.js';
import { checkWritable, RUN_FILES, writeRunFiles, type RunManifest } from '../../output/run-files.js';
import { VERSION } from '../../version.js';
import { parseChartFormats, REPORT_FILE, type ChartFormat } from '../../output/report/files.js';
import { listOnlyExisting, removeEarlierOutputs, takeOutputFolder, withdrawOutputs, type FolderRecord } from '../../io/output-folder.js';
import { startProgress } from '../progress.js';
import { number, table } from '../format.js';
import { runRows } from '../run-rows.js';
import type { RunSummary } from '../../results/summary.js';
import { scenarioOverrides } from '../overrides.js';
import type { RunArgs } from './run.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { listenForInterruption } from '../interrupt.js';
import { commandLine } from '../flags.js';
import { checkThreads, MAX_THREADS } from '../../parallel/village-threads.js';
import { InputError, quote } from '../../scenario/errors.js';

export async function run(args: RunArgs): Promise<number> {
  const startedAt = new Date().toISOString();
  const formats = parseChartFormats(args.format);
  const scenario = loadScenario(args.scenario, { overrides: scenarioOverrides(args) });
  // Checked before the output folder is taken: a refused --threads writes nothing.
  const threads = threadsOption(args.threads, scenario.params);
  const dir = args.out ?? join('out', `${scenario.name}-${scenario.seed}`);
  checkWritable(dir);
  const command = commandLine();
  // One povsim at a time in the folder, and only into a new folder or one holding an earlier run.
  const { lock, previous } = takeOutputFolder(dir, 'run', command);
  try {
    return await runInto(dir, args, scenario, { command, startedAt, previous, formats, threads });
  } finally {
    lock.release();
  }
}

async function runInto(
  dir: string,
  args: RunArgs,
  scenario: ReturnType<typeof loadScenario>,
  context: { command: string; startedAt: string; previous: FolderRecord; formats: readonly ChartFormat[]; threads: number },
): Promise<number> {
  const { command, startedAt, formats } = context;
  const months = scenario.params.simulation.months;
  // Ctrl-C or SIGTERM stops the simulation between two months; nothing has been written by then.
  // Once the simulation is done, a signal waits for the outputs and charts to be complete (a second
  // one quits, exit 130), says they are, and the run exits 0.
  const interruption = listenForInterruption();
  const progress = startProgress({ label: `povsim run ${scenario.name}`, total: months, unit: 'months', quietWhenPiped: true });
  let result;
  try {
    result = await simulateAsync(scenario, { signal: interruption.signal, onMonth: (record) => progress.update(record.month + 1), threads: context.threads });
  } catch (error) {
    if (!(error instanceof StepsInterrupted)) throw error;
    progress.stop();
    process.stderr.write(
      `povsim: interrupted after ${error.completedSteps} of ${months} months; nothing was written to ${dir}/ (run the same command again to start over)\n`,
    );
    return EXIT_INTERRUPTED;
  } finally {
    progress.stop();
  }

  const manifest: RunManifest = {
    povsim: VERSION,
    command,
    scenario: scenarioRecord(scenario),
    seed: result.seed,
    parameters: scenario.params,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt,
    finishedAt: new Date().toISOString(),
    outputs: [],
  };
  // chart.js and canvas load only when charts are drawn.
  const report = args.charts ? await import('../../output/report/index.js') : null;
  manifest.outputs = [...RUN_FILES, ...(report ? report.runChartOutputs(result, formats) : [])];
  // The earlier run's charts and report would no longer match the new files: removed first (they
  // are povsim's, by the earlier manifest), so no old file stands beside a new one.
  removeEarlierOutputs(dir, context.previous, RUN_FILES);
  let files: string[];
  try {
    files = writeRunFiles(dir, result.summary, result.timeseries, manifest);
  } catch (error) {
    listOnlyExisting(dir); // the earlier run's manifest lists only its files still there
    throw error;
  }
  if (report) {
    try {
      files.push(...(await report.writeRunChartsAndReport(dir, { summary: result.summary, timeseries: result.timeseries, manifest }, formats)));
    } catch (error) {
      // A full disk while drawing: the data files are complete; the charts drawn are removed again
      // and the manifest lists exactly the files there (`povsim chart DIR` draws them later).
      withdrawOutputs(dir, manifest.outputs.filter((f) => !(RUN_FILES as readonly string[]).includes(f)));
      throw error;
    }
  }

  if (args.json) {
    process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  } else {
    const open = report ? `; open ${join(dir, REPORT_FILE)} in a browser` : '';
    process.stdout.write(`${describeRun(result.summary)}\n\nWrote ${files.length} files to ${dir}/${open}\n`);
  }
  // The outputs (and the few charts of a run) are complete: a signal interrupted nothing. The
  // listener stays until the process exits, so a late Ctrl-C cannot kill it either.
  if (interruption.signal.aborted) {
    process.stderr.write(`povsim: interrupted after the run finished; its outputs in ${dir}/ are complete\n`);
  }
  return 0;
}

/** `--threads N`: a whole number >= 1 (default 1), more than 1 only with village streams. */
function threadsOption(value: string | undefined, params: ReturnType<typeof loadScenario>['params']): number {
  if (value === undefined) return 1;
  const threads = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new InputError({ file: '--threads', expected: `a whole number of threads from 1 to ${MAX_THREADS}`, found: quote(value) });
  }
  return checkThreads(threads, params, '--threads', 'add --set simulation.streams=village');
}

/** A short human-readable account of a run's key results. */
export function describeRun(summary: RunSummary): string {
  const m = summary.metrics;
  const total = summary.ledger.total;
  const rows = [['Metric (end of run)', 'Value'], ...runRows(m, total.budget).map((r) => [r.label, r.text])];
  return `${summary.scenario.name}: ${number(summary.households)} households, ${summary.villages} village${summary.villages === 1 ? '' : 's'}, ${summary.months} months, seed ${summary.seed}\n\n${table(rows)}`;
}
