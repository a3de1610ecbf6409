import { relative } from 'node:path';
import { detectOutputKind, DrawingInterrupted, drawCharts, parseChartFormats, writeChartsAndReport } from '../../output/report/index.js';
import { InputError } from '../../scenario/errors.js';
import { EXIT_INTERRUPTED } from '../failure.js';
import { listenForInterruption } from '../interrupt.js';
import type { ChartArgs } from './chart.js';

export async function chart(args: ChartArgs): Promise<number> {
  const kind = detectOutputKind(args.dir);
  if (args.metric !== undefined && kind !== 'sweep') {
    throw new InputError({ file: '--metric', detail: `only a sweep's heatmap has a metric to choose; ${args.dir} holds a ${kind}` });
  }
  const formats = parseChartFormats(args.format);
  // Ctrl-C stops reading (a sweep's results.csv is streamed) and drawing at the next chart.
  const interruption = listenForInterruption();
  const options = { ...(args.metric === undefined ? {} : { metric: args.metric }), signal: interruption.signal, formats };
  let files: string[];
  try {
    files = args.report ? await writeChartsAndReport(args.dir, options) : await drawCharts(args.dir, options);
  } catch (error) {
    if (!(error instanceof DrawingInterrupted)) throw error;
    process.stderr.write(`povsim: interrupted after ${error.written.length} chart${error.written.length === 1 ? '' : 's'}; run the same command again to draw them all\n`);
    return EXIT_INTERRUPTED;
  } finally {
    interruption.dispose();
  }
  const names = files.map((f) => relative(args.dir, f)).join(', ');
  process.stdout.write(`Drew ${files.length} files for the ${kind} in ${args.dir}/: ${names || 'none (this design has no chart)'}\n`);
  return 0;
}
