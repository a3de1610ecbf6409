/**
 * The words and numbers of the reports: metric formats, difference sentences, escaping, and the
 * parameter changes a report lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import { PROGRAMMES, SOURCES } from '../../src/model/ledger.js';
import { defaultParams } from '../../src/model/parameters.js';
import { flattenMetrics } from '../../src/results/summary.js';
import { loadScenario } from '../../src/scenario/index.js';
import { differenceSentence, intervalText } from '../../src/output/report/comparison-report.js';
import { cspHash, escapeHtml, jsonForScript } from '../../src/output/report/html.js';
import { formatDifference, formatMetric, metricInfo, METRICS } from '../../src/output/report/metrics.js';
import { changedParameters, formatParameter, PARAMETER_DOCS } from '../../src/output/report/params.js';
import type { MetricEstimate } from '../../src/output/report/comparison.js';

/** An estimate with a difference: mean, interval; sd is not used by the sentences. */
function est(mean: number, diff?: [number, number | null, number | null], n = 20): MetricEstimate {
  return {
    n, mean, sd: null, ciLow: null, ciHigh: null,
    difference: diff === undefined ? null : { n, mean: diff[0], sd: null, ciLow: diff[1], ciHigh: diff[2] },
  };
}

describe('formatMetric and formatDifference', () => {
  it('formats shares as percentages, counts and yuan with separators', () => {
    expect(formatMetric('leakage', 0.46264)).toBe('46.3%');
    // povertyGap has two decimals of a percent: 0.011169 -> 1.12%.
    expect(formatMetric('povertyGap', 0.011169)).toBe('1.12%');
    expect(formatMetric('exits', 1234)).toBe('1,234');
    expect(formatMetric('costPerExit', 80267.9)).toBe('80,268 yuan');
    expect(formatMetric('eliteCapture', 1.7069)).toBe('1.71');
    expect(formatMetric('leakage', null)).toBe('n/a');
    expect(formatMetric('no.such.metric', 0.5)).toBe('0.50');
  });

  it('formats differences in percentage points, with a sign unless zero', () => {
    expect(formatDifference('leakage', -0.15)).toBe('-15.0 points');
    expect(formatDifference('leakage', 0.021)).toBe('+2.1 points');
    expect(formatDifference('leakage', 0.021, { plusSign: false, unit: false })).toBe('2.1');
    // -0.0004 rounds to 0.0 points: no sign.
    expect(formatDifference('leakage', -0.0004)).toBe('0.0 points');
    expect(formatDifference('exits', 89)).toBe('+89');
    expect(formatDifference('costPerExit', -58179.4)).toBe('-58,179 yuan');
  });

  it('knows every metric povsim writes, each once', () => {
    const names = METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const run = simulate(loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=300', 'simulation.months=2'] }));
    expect([...names].sort()).toEqual(flattenMetrics(run.summary.metrics).map(([name]) => name).sort());
    expect(metricInfo('governance.integrity').label).toBe('governance: integrity');
  });

  it('lists a CGH for every source and programme of the ledger, each better when higher', () => {
    const names = METRICS.map((m) => m.name);
    expect(names.filter((n) => n.startsWith('cghBySource.'))).toEqual(SOURCES.map((s) => `cghBySource.${s}`));
    expect(names.filter((n) => n.startsWith('cghByProgramme.'))).toEqual(PROGRAMMES.map((p) => `cghByProgramme.${p.name}`));
    expect(metricInfo('cghBySource.socialOrganisations').label).toBe('CGH of social organisations aid');
    expect(metricInfo('cghByProgramme.mutualAid').label).toBe('CGH of mutual aid');
    expect(formatMetric('cghByProgramme.mutualAid', 1.846)).toBe('1.85');
  });

  it('says which way is better: CGH up; leakage, inclusion and exclusion errors and elite capture down; public goods neither', () => {
    const better = (name: string): string | null => metricInfo(name).better;
    for (const name of METRICS.map((m) => m.name)) {
      if (name.startsWith('cgh')) expect(better(name), name).toBe('higher');
      if (/^(leakage|inclusionError|exclusionError)/.test(name)) expect(better(name), name).toBe('lower');
    }
    expect(better('eliteCapture')).toBe('lower');
    expect(better('publicGoodsShare')).toBeNull();
    // The two inclusion errors name their denominators.
    expect(metricInfo('inclusionErrorRegistered').meaning).toContain('share of the register');
    expect(metricInfo('inclusionErrorNonPoor').meaning).toContain('share of non-poor households registered');
    expect(metricInfo('leakage').meaning).toContain('targeted programmes only');
    expect(metricInfo('eliteCapture').meaning).toContain('not reach them by favour');
    expect(metricInfo('cgh').meaning).toContain('poorest 40% of persons');
  });
});

describe('differenceSentence', () => {
  it('says "cuts" with the interval of the paired difference, as in the issue', () => {
    const sentence = differenceSentence('improved-oversight', 'leakage', est(0.463), est(0.313, [-0.15, -0.161, -0.139]));
    expect(sentence).toBe('improved-oversight cuts leakage of targeted aid from 46.3% to 31.3% (95% CI of the difference: -16.1 to -13.9 points).');
  });

  it('says "raises" when the metric goes up, in the metric\'s own unit', () => {
    expect(differenceSentence('full-reform', 'exits', est(48), est(137, [89, 73.2, 104.4]))).toBe(
      'full-reform raises exits from poverty from 48 to 137 (95% CI of the difference: 73 to 104).',
    );
    expect(differenceSentence('x', 'costPerExit', est(106000), est(123451, [17450, 1790, 33110]))).toBe(
      'x raises cost per exit from 106,000 yuan to 123,451 yuan (95% CI of the difference: 1,790 to 33,110 yuan).',
    );
  });

  it('warns when the interval includes zero, and when there is no interval', () => {
    expect(differenceSentence('x', 'headcount', est(0.082), est(0.08, [-0.002, -0.006, 0.002]))).toBe(
      'x cuts poverty headcount from 8.2% to 8.0% (95% CI of the difference: -0.6 to 0.2 points; the interval includes zero, so the change may be chance).',
    );
    expect(differenceSentence('x', 'leakage', est(0.5, undefined, 1), est(0.4, [-0.1, null, null], 1))).toBe(
      'x cuts leakage of targeted aid from 50.0% to 40.0% (1 replicate pair: no interval).',
    );
  });

  it('says "unchanged" when the difference rounds to zero, and nothing when undefined', () => {
    expect(differenceSentence('x', 'leakage', est(0.5), est(0.5, [0, 0, 0]))).toBe(
      'x leaves leakage of targeted aid unchanged at 50.0% (95% CI of the difference: 0.0 to 0.0 points).',
    );
    expect(differenceSentence('x', 'leakage', est(0.5), est(0.4))).toBeNull();
    expect(differenceSentence('x', 'pmtR2', { ...est(0), mean: null }, est(0.4, [0.1, 0, 0.2]))).toBeNull();
  });

  it('the verb follows the sign of the difference for any values (or says no clear change)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (d, half) => {
        const diff = d / 2000;
        const s = differenceSentence('s', 'leakage', est(0.5), est(0.5 + diff, [diff, diff - half / 4000, diff + half / 4000]));
        const rounded = formatDifference('leakage', diff);
        const sameLevels = formatMetric('leakage', 0.5) === formatMetric('leakage', 0.5 + diff);
        if (rounded === '0.0 points') expect(s).toMatch(/^s leaves leakage of targeted aid unchanged/);
        // Levels that read the same and an interval across zero: no verb of change (issue 10, item 22).
        else if (sameLevels && Math.abs(diff) <= half / 4000) expect(s).toMatch(/^s makes no clear change to leakage of targeted aid, 50\.0% in both/);
        else expect(s).toMatch(diff < 0 ? /^s cuts leakage of targeted aid from/ : /^s raises leakage of targeted aid from/);
      }),
    );
  });

  it('intervalText puts the unit once', () => {
    expect(intervalText('leakage', 0.453, 0.473)).toBe('45.3 to 47.3%');
    expect(intervalText('costPerExit', 95199.2, 116801)).toBe('95,199 to 116,801');
  });
});

describe('escaping', () => {
  it('escapeHtml turns the five special characters into entities', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe('&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
  });

  it('escapeHtml output never contains markup characters, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        const decoded = escaped
          .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        expect(decoded).toBe(text);
      }),
    );
  });

  it('jsonForScript cannot close a script element and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const data = { value, text: `${text}</script><!--\u2028` };
        const json = jsonForScript(data);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  it('cspHash is the base64 sha256 CSP source of a script', () => {
    // sha256("") = e3b0c442...b855, base64 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=.
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});

describe('changedParameters', () => {
  it('lists nothing for the defaults and exactly the changed leaves otherwise', () => {
    expect(changedParameters(defaultParams)).toEqual([]);
    const changed = {
      ...defaultParams,
      supervision: { ...defaultParams.supervision, auditRate: 0.3 },
      identification: { ...defaultParams.identification, method: 'pmt' },
    };
    expect(changedParameters(changed).map((c) => [c.doc.path, c.from, c.to])).toEqual([
      ['identification.method', defaultParams.identification.method, 'pmt'],
      ['supervision.auditRate', defaultParams.supervision.auditRate, 0.3],
    ]);
    // Against another scenario rather than the defaults.
    expect(changedParameters(defaultParams, changed).map((c) => c.doc.path)).toEqual(['identification.method', 'supervision.auditRate']);
  });

  it('documents every parameter with a unit', () => {
    expect(PARAMETER_DOCS.length).toBeGreaterThan(50);
    for (const doc of PARAMETER_DOCS) expect(doc.unit, doc.path).not.toBe('');
    expect(formatParameter(22500000)).toBe('22,500,000');
    expect(formatParameter(0.05)).toBe('0.05');
    expect(formatParameter(true)).toBe('true');
    expect(formatParameter(undefined)).toBe('\u2013');
  });
});
