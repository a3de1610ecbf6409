import { relative } from 'node:path';
import { lockOutputFolder } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { detectOutputKind } from '../../output/report/read.js';
import { InputError } from '../../scenario/errors.js';
import { drawChartsAndReport } from '../charts.js';
import type { ChartArgs } from './chart.js';

export async function chart(args: ChartArgs): Promise<number> {
  const kind = detectOutputKind(args.dir);
  if (args.metric !== undefined && kind !== 'sweep') {
    throw new InputError({ file: '--metric', detail: `only a sweep's heatmap has a metric to choose; ${args.dir} holds a ${kind}` });
  }
  checkNotSystemFolder(args.dir);
  // One povsim at a time in the folder; charts are drawn only where every file is povsim's (drawChartsAndReport).
  const lock = lockOutputFolder(args.dir, ['povsim', ...process.argv.slice(2)].join(' '));
  let files: string[];
  try {
    files = await drawChartsAndReport(args.dir, { report: args.report, ...(args.metric === undefined ? {} : { metric: args.metric }) });
  } finally {
    lock.release();
  }
  const names = files.map((f) => relative(args.dir, f)).join(', ');
  process.stdout.write(`Drew ${files.length} files for the ${kind} in ${args.dir}/: ${names || 'none (this design has no chart)'}\n`);
  return 0;
}
