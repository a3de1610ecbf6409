import { join, relative } from 'node:path';
import { drawChartsAndReport } from '../charts.js';
import { parseChartFormats } from '../../output/report/files.js';
import { withFolderLock } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { checkWritableDir } from '../../io/files.js';
import { mergeShards, SENSITIVITY_FILE } from '../../experiments/index.js';
import { number } from '../format.js';
import type { MergeArgs } from './merge.js';
import { shellWord } from '../run-progress.js';
import { sensitivitySummary } from './sweep-handler.js';
import { commandLine } from '../flags.js';
import { STUDY_FILES, studyRecordOf, writeStudyAnalysis } from '../../experiments/study.js';
import { studySummary } from './robust-handler.js';

export async function merge(args: MergeArgs): Promise<number> {
  const command = commandLine();
  checkNotSystemFolder(args.out);
  checkWritableDir(args.out);
  // One povsim at a time in the folder, from the merge to the last chart.
  return withFolderLock(args.out, command, () => mergeInto(args, command));
}

async function mergeInto(args: MergeArgs, command: string): Promise<number> {
  const started = Date.now();
  const calibration = await import('../../experiments/calibration/merge.js');
  if (args.dirs[0] !== undefined && calibration.isCalibrationFolder(args.dirs[0])) {
    const merged = calibration.mergeCalibrationShards(args.dirs, args.out, { command });
    process.stdout.write(`Merged ${merged.shards} calibration shards: ${number(merged.runs)} runs in ${join(args.out, 'runs.csv')}.\nFinish the calibration with: ${merged.finish.map(shellWord).join(' ')}\n`);
    return 0;
  }
  const formats = parseChartFormats(args.format);
  const report = await mergeShards(args.dirs, args.out, { command });
  const lines = [
    `Merged ${report.shards} shards: ${number(report.runs)} runs, ${number(report.failed)} failed, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  ];
  if (report.failed > 0) lines.push(`See ${join(args.out, 'results.csv')} rows with status=failed.`);
  if (report.sensitivity !== null) {
    const manifest = await import('../../experiments/sweep.js');
    lines.push('', sensitivitySummary(join(args.out, SENSITIVITY_FILE), manifest.readSweepManifest(args.out).design.kind));
  }
  const files = ['design.csv', 'results.csv', 'manifest.json', ...(report.sensitivity === null ? [] : [SENSITIVITY_FILE])];
  // The shards of a robustness study: the analysis of the merged results (povsim robust).
  if (studyRecordOf(args.out) !== null) {
    lines.push('', ...studySummary(writeStudyAnalysis(args.out)));
    files.push(...Object.values(STUDY_FILES));
  }
  if (args.charts) for (const file of await drawChartsAndReport(args.out, { formats })) files.push(relative(args.out, file));
  lines.push(`Wrote ${files.join(', ')} to ${args.out}/`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
