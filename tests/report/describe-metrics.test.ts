import { describe as group, expect, it } from 'vitest';
import { SOURCES } from '../../src/model/ledger.js';
import { metricNames } from '../../src/experiments/metrics.js';
import { describe, describeMetrics, metricDocs } from '../../src/output/describe.js';
import { METRICS, PERIODS } from '../../src/output/report/metrics.js';
import { InputError } from '../../src/scenario/errors.js';

group('metric documentation: one table (METRICS) for the reports and povsim describe', () => {
  it('documents every metric a run reports, each with what it measures, source, range, counts, poor and months', () => {
    const documented = new Set(METRICS.map((m) => m.name));
    for (const name of metricNames()) {
      expect(documented.has(name), name).toBe(true);
      const [m] = metricDocs(name);
      for (const field of ['concept', 'source', 'range', 'countedOver', 'status'] as const) {
        expect(m?.[field].length, `${name}.${field}`).toBeGreaterThan(3);
      }
      expect(Object.keys(PERIODS)).toContain(m?.period);
    }
  });

  it('explains leakage in full, field by field', () => {
    const text = describe('leakage');
    const lines = text.replace(/\n {12}/g, ' ').split('\n');
    expect(lines[0]).toBe('leakage: leakage of targeted aid');
    expect(lines[1]).toBe('  measures  Leakage: the share of a targeted programme\u2019s benefits that goes to the non-poor (the inclusion error counted in money)');
    expect(lines[2]).toBe(`  in povsim ${METRICS.find((m) => m.name === 'leakage')?.meaning}`);
    expect(lines[3]).toBe('  unit      a share, from 0 to 1; reports show it as a percentage; differences in percentage points');
    expect(lines[4]).toBe('  range     0 to 1 (shown as 0% to 100%); lower is better');
    expect(lines[5]).toBe('  counts    yuan received by households');
    expect(lines[7]).toBe(`  months    ${PERIODS.cumulative}`);
    expect(lines[8]).toMatch(/^ {2}source {4}Coady, Grosh and Hoddinott \(2004\)/);
    expect(text.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('says which months a last-year metric and a last-month metric cover', () => {
    expect(describe('exclusionError')).toContain('the mean of the values at the ends of the last 12 months');
    expect(describe('exclusionErrorNow')).toContain('the state at the end of the last month');
    expect(describe('pmtR2').replace(/\s+/g, ' ')).toContain('months the last annual register adjustment');
  });

  it('explains nested metrics by full name, by family and by last part', () => {
    expect(describe('cghBySource.government').split('\n')[0]).toBe('cghBySource.government: CGH of government aid');
    expect(metricDocs('cghBySource').map((m) => m.name)).toEqual(SOURCES.map((s) => `cghBySource.${s}`));
    expect(metricDocs('governance')).toHaveLength(8);
    expect(metricDocs('incidenceByDecile').map((m) => m.name)).toEqual(Array.from({ length: 10 }, (_, d) => `incidenceByDecile.${d + 1}`));
    expect(metricDocs('integrity').map((m) => m.name)).toEqual(['governance.integrity']);
    expect(describe('governance.fairness')).toContain('range     0 (worst) to 1 (best); higher is better');
  });

  it('keeps parameters first: a parameter group named like a metric part is the parameter group', () => {
    expect(describe('government').split('\n')[0]).toMatch(/^government: /);
    expect(describe('government')).toContain('government.');
  });

  it('lists metrics after the parameters when given no key', () => {
    const all = describe();
    const metricsAt = all.indexOf('povsim metrics:');
    expect(metricsAt).toBeGreaterThan(all.indexOf('povsim parameters:'));
    expect(all.slice(metricsAt)).toContain(`${METRICS.length} metrics.`);
    for (const m of METRICS) expect(describeMetrics()).toMatch(new RegExp(`^  ${m.name.replace(/\./g, '\\.')} +`, 'm'));
  });

  it('rejects an unknown name with one line naming the closest parameters or metrics', () => {
    expect(() => describe('lekage')).toThrow(InputError);
    expect(() => describe('lekage')).toThrow('lekage: unknown parameter, group or metric; did you mean "leakage"? (run povsim describe for the list)');
    expect(() => describe('cghBySorce')).toThrow('did you mean "cghBySource"?');
    expect(() => describe('zzzzzzzz')).toThrow('zzzzzzzz: unknown parameter, group or metric (run povsim describe for the list)');
    expect(describeMetrics('zzzzzzzz')).toBe('');
  });
});
