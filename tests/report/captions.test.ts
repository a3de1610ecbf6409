/**
 * A caption that sends the reader to a table of the report must name the table that holds what it
 * promises (issue 10 item 24: the governance chart's caption sent readers to the key results, where
 * the dimensions are not defined).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import { GOVERNANCE_DIMENSIONS } from '../../src/model/observe.js';
import { loadScenario } from '../../src/scenario/index.js';
import { escapeHtml } from '../../src/output/report/html.js';
import { metricInfo } from '../../src/output/report/metrics.js';
import { runFigures } from '../../src/output/report/run-figures.js';
import { runReportHtml } from '../../src/output/report/run-report.js';

/** The HTML of the report section with `id`. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Tables a caption may name, by the words it uses, and the report section that holds each. */
const TABLES: Record<string, string> = { 'key results table': 'key-results', 'all-metrics table': 'all-metrics' };

describe('run report captions that point at a table', () => {
  const run = simulate(loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=300', 'simulation.months=13'] }), { seed: 3 });
  const figures = runFigures(run.summary, run.timeseries);
  const html = runReportHtml({ summary: run.summary, timeseries: run.timeseries, manifest: null }, figures);

  it('the governance caption names the table that defines the eight dimensions', () => {
    const caption = figures.find((f) => f.heading === 'Governance profile')!.caption;
    const named = Object.keys(TABLES).filter((words) => caption.includes(words));
    expect(named, caption).toHaveLength(1);
    const table = section(html, TABLES[named[0]!]!);
    for (const dimension of GOVERNANCE_DIMENSIONS) expect(table, dimension).toContain(escapeHtml(metricInfo(`governance.${dimension}`).meaning));
  });

  it('every table a caption names exists in the report', () => {
    for (const figure of figures) {
      for (const [words, id] of Object.entries(TABLES)) if (figure.caption.includes(words)) section(html, id);
      expect(figure.caption, figure.heading).not.toMatch(/the (?!key results|all-metrics)[\w-]+ table gives/);
    }
  });
});
