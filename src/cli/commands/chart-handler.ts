import { relative } from 'node:path';
import { detectOutputKind, drawCharts, parseChartFormats, writeChartsAndReport } from '../../output/report/index.js';
import { InputError } from '../../scenario/errors.js';
import type { ChartArgs } from './chart.js';

export async function chart(args: ChartArgs): Promise<number> {
  const kind = detectOutputKind(args.dir);
  if (args.metric !== undefined && kind !== 'sweep') {
    throw new InputError({ file: '--metric', detail: `only a sweep's heatmap has a metric to choose; ${args.dir} holds a ${kind}` });
  }
  const formats = parseChartFormats(args.format);
  const options = args.metric === undefined ? { formats } : { metric: args.metric, formats };
  const files = args.report ? await writeChartsAndReport(args.dir, options) : await drawCharts(args.dir, options);
  const names = files.map((f) => relative(args.dir, f)).join(', ');
  process.stdout.write(`Drew ${files.length} files for the ${kind} in ${args.dir}/: ${names || 'none (this design has no chart)'}\n`);
  return 0;
}
