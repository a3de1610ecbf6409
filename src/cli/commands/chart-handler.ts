import { relative } from 'node:path';
import { lockOutputFolder } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { DrawingInterrupted, parseChartFormats } from '../../output/report/files.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { detectOutputKind } from '../../output/report/read.js';
import { InputError } from '../../scenario/errors.js';
import { drawChartsAndReport } from '../charts.js';
import type { ChartArgs } from './chart.js';
import { commandLine } from '../flags.js';

export async function chart(args: ChartArgs): Promise<number> {
  const kind = detectOutputKind(args.dir);
  if (args.metric !== undefined && kind !== 'sweep') {
    throw new InputError({ file: '--metric', detail: `only a sweep's heatmap has a metric to choose; ${args.dir} holds a ${kind}` });
  }
  const formats = parseChartFormats(args.format);
  checkNotSystemFolder(args.dir);
  // One povsim at a time in the folder; charts are drawn only where every file is povsim's (drawChartsAndReport).
  const lock = lockOutputFolder(args.dir, commandLine());
  let files: string[];
  try {
    files = await drawChartsAndReport(args.dir, { formats, report: args.report, chartsAreTheWork: true, ...(args.metric === undefined ? {} : { metric: args.metric }) });
  } catch (error) {
    if (!(error instanceof DrawingInterrupted)) throw error;
    // Ctrl-C stops reading (a sweep's results.csv is streamed) and drawing at the next chart.
    process.stderr.write(`povsim: interrupted after ${error.written.length} chart${error.written.length === 1 ? '' : 's'}; run the same command again to draw them all\n`);
    return EXIT_INTERRUPTED;
  } finally {
    lock.release();
  }
  const names = files.map((f) => relative(args.dir, f)).join(', ');
  process.stdout.write(`Drew ${files.length} files for the ${kind} in ${args.dir}/: ${names || 'none (this design has no chart)'}\n`);
  return 0;
}
