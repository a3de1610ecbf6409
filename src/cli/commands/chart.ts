/** `povsim chart DIR`: (re)draws the charts and the report of a run, comparison or sweep folder. */
import type { Argv, CommandModule } from 'yargs';
import { runHandler } from '../failure.js';

export interface ChartArgs {
  dir: string;
  metric?: string;
  report: boolean;
  format: string;
}

export const chartCommand: CommandModule<object, ChartArgs> = {
  command: 'chart <dir>',
  describe: 'Draw the charts (PNG, or --format) and report.html of an output folder of run, compare, sweep, robust or calibrate',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', describe: 'Output folder (holds summary.json, comparison.json, results.csv, robustness.json or posterior.csv)' })
      .option('metric', { type: 'string', describe: 'Sweep heatmap: the metric to show (default leakage), e.g. inclusionErrorNonPoor' })
      .option('report', { type: 'boolean', default: true, describe: 'Also write report.html (--no-report skips it)' })
      .option('format', { type: 'string', default: 'png', describe: 'Chart files to write, comma-separated: png, svg, pdf (e.g. --format png,svg,pdf)' })
      .example('$0 chart out/baseline-42', 'Redraw the charts and report of a run')
      .example('$0 chart out/baseline-42 --format png,svg,pdf', 'Also write each chart as SVG and PDF, for print')
      .example('$0 chart out/sweep --metric inclusionErrorNonPoor', 'A sweep heatmap of the inclusion error (share of non-poor households registered)') as unknown as Argv<ChartArgs>,
  handler: (args) => runHandler(async () => (await import('./chart-handler.js')).chart(args)),
};
