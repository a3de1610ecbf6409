/**
 * docs/model.md section 9 (Observation) and the metric table the reports and `povsim describe`
 * read (METRICS, src/output/report/metrics.ts) must name the same metrics and agree on which
 * months each covers, so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRICS, type MetricPeriod } from '../../src/output/report/metrics.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
const section = doc.slice(doc.indexOf('## 9. Observation'), doc.indexOf('## 10. Calibration'));

/** The docs' words for a period, as a MetricPeriod. */
function period(text: string): MetricPeriod {
  if (text.startsWith('current vs month 0')) return 'sinceMonth0';
  if (text.startsWith('cumulative')) return 'cumulative';
  if (text.startsWith('last year')) return 'lastYear';
  if (text.startsWith('last adjustment')) return 'lastAdjustment';
  if (text.startsWith('current')) return 'current';
  throw new Error(`unknown period "${text}"`);
}

/** Metric name -> the period its docs row gives, for every metric row of both tables. */
function documentedPeriods(): Map<string, MetricPeriod> {
  const out = new Map<string, MetricPeriod>();
  for (const line of section.split('\n')) {
    const cells = line.split(' | ');
    if (!line.startsWith('| `') || cells.length < 3) continue;
    const names = [...(cells[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    const governance = cells.length === 3;
    const last = (cells.at(-1) ?? '').replace(/ \|$/, '').trim();
    for (const name of names) {
      const family = name.replace(/\.<[^>]+>$/, '');
      const matching = governance
        ? METRICS.filter((m) => m.name === `governance.${name}`)
        : METRICS.filter((m) => m.name === name || m.name.startsWith(`${family}.`));
      for (const m of matching) out.set(m.name, period(last));
    }
  }
  return out;
}

describe('docs/model.md metric tables and METRICS', () => {
  it('document every metric, with the months METRICS says it covers', () => {
    const documented = documentedPeriods();
    expect([...documented.keys()].sort()).toEqual(METRICS.map((m) => m.name).sort());
    for (const m of METRICS) expect(documented.get(m.name), m.name).toBe(m.period);
  });
});
