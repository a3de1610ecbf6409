import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAND_NOTE, CHANNEL_TITLE, CHANNEL_VALUE_TITLE, channelChart, DECILE_LABELS, GOVERNANCE_DIMENSIONS, groupedBarChart, heatmapChart, incidenceChart,
  lineBandChart, MONEY_DESTINATIONS, radarChart, sensitivityChart, stackedSourceChart, viridis,
  WHISKER_NOTE, domainFraction, type HeatmapData, type LineBandChartSpec,
} from '../../src/output/charts/index.js';
import {
  barSpec, channelSpec, heatmapSpec, incidenceSpec, lineSpec, morrisSpec, radarSpec, sobolSpec, stackedSpec,
} from './fixtures.js';

/** True when `value` survives a JSON round trip unchanged (no functions, undefined, NaN, class instances). */
function expectJson(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

describe('every builder returns a JSON-serialisable config', () => {
  const configs = {
    lineBandChart: lineBandChart(lineSpec),
    groupedBarChart: groupedBarChart(barSpec),
    incidenceChart: incidenceChart(incidenceSpec),
    incidenceLines: incidenceChart({ ...incidenceSpec, style: 'lines' }),
    stackedSourceChart: stackedSourceChart(stackedSpec),
    channelChart: channelChart(channelSpec),
    radarChart: radarChart(radarSpec),
    heatmapChart: heatmapChart(heatmapSpec),
    sobol: sensitivityChart(sobolSpec),
    morris: sensitivityChart(morrisSpec),
  };
  for (const [name, config] of Object.entries(configs)) {
    it(name, () => {
      expectJson(config);
      expect(config.options?.animation).toBe(false);
      expect(config.options?.locale).toBe('en-US');
      expect(config.options?.plugins?.title?.display).toBe(true);
    });
  }

  it('for random line specs too', () => {
    const series = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        label: fc.string(),
        x: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }),
        // -0 would come back from JSON as 0 (harmless for a chart), so generate +0 only.
        y: fc.array(fc.double({ min: -1, max: 1, noNaN: true }).map((v) => (v === 0 ? 0 : v)), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(fc.array(series, { minLength: 1, maxLength: 10 }), fc.boolean(), (s, yPercent) => {
        const spec: LineBandChartSpec = { title: 't', xTitle: 'x', yTitle: 'y', series: s, yPercent };
        const config = lineBandChart(spec);
        expectJson(config);
        expect(config.data.datasets).toHaveLength(s.length);
      }),
    );
  });
});

describe('lineBandChart', () => {
  const config = lineBandChart(lineSpec);
  const ds = config.data.datasets;

  it('puts one line per series first, then lower/upper band edges filled to the lower edge', () => {
    // 3 series, 2 with bands: 3 lines + 2 x 2 edges = 7 datasets.
    expect(ds.map((d) => d.label)).toEqual([
      'baseline', 'dynamic monitoring', 'village audit',
      'baseline (95% lower)', 'baseline (95% upper)',
      'dynamic monitoring (95% lower)', 'dynamic monitoring (95% upper)',
    ]);
    expect(ds[3]?.fill).toBe(false);
    expect(ds[4]?.fill).toBe(3);
    expect(ds[6]?.fill).toBe(5);
    expect(ds.slice(3).every((d) => d.povsimLegendHidden === true && d.order === 1)).toBe(true);
    expect(ds.slice(0, 3).every((d) => d.povsimLegendHidden === undefined && d.order === 0)).toBe(true);
    expect(ds[4]?.backgroundColor).toBe('rgba(0, 114, 178, 0.18)');
    expect(ds[0]?.data[0]).toEqual({ x: 1, y: lineSpec.series[0]?.y[0] });
    expect(ds[4]?.data[2]).toEqual({ x: 3, y: lineSpec.series[0]?.upper?.[2] });
  });

  it('formats y as percent, starts it at zero and spans x over the data', () => {
    const y = config.options?.scales?.['y'];
    expect(y?.ticks).toMatchObject({ format: { style: 'percent' } });
    expect(y).toMatchObject({ beginAtZero: true });
    expect(config.options?.scales?.['x']).toMatchObject({ min: 1, max: 36 });
    expect(config.options?.plugins?.subtitle).toMatchObject({ display: true, text: BAND_NOTE });
  });

  it('shows the legend only for several series, and no percent without yPercent', () => {
    const one = lineBandChart({ ...lineSpec, yPercent: false, series: [{ label: 'a', x: [1, 2], y: [3, 4] }] });
    expect(one.options?.plugins?.legend?.display).toBe(false);
    expect(config.options?.plugins?.legend?.display).toBe(true);
    expect(one.options?.scales?.['y']?.ticks).not.toHaveProperty('format');
    expect(one.options?.plugins?.subtitle?.display).toBe(false);
  });

  it('rejects mismatched lengths and half bands', () => {
    expect(() => lineBandChart({ ...lineSpec, series: [{ label: 'a', x: [1, 2], y: [1] }] })).toThrow(RangeError);
    expect(() => lineBandChart({ ...lineSpec, series: [{ label: 'a', x: [1], y: [1], lower: [0] }] })).toThrow(/both/);
    expect(() => lineBandChart({ ...lineSpec, series: [{ label: 'a', x: [1], y: [1], lower: [0], upper: [1, 2] }] })).toThrow(RangeError);
    expect(() => lineBandChart({ ...lineSpec, series: [] })).toThrow(RangeError);
  });
});

describe('groupedBarChart', () => {
  const config = groupedBarChart(barSpec);

  it('keeps values (null = gap) and hands intervals to the whisker plugin', () => {
    expect(config.data.labels).toEqual(['Inclusion error', 'Exclusion error', 'Leakage']);
    expect(config.data.datasets[2]?.data).toEqual([0.12, 0.33, null]);
    expect(config.data.datasets[0]?.povsimWhiskers).toEqual({ lower: [0.19, 0.31, 0.15], upper: [0.25, 0.39, 0.21] });
    expect(config.data.datasets.map((d) => d.backgroundColor)).toEqual(['#0072B2', '#E69F00', '#009E73']);
    expect(config.options?.plugins?.subtitle?.text).toBe(WHISKER_NOTE);
  });

  it('draws a category given as an array on several lines (a fresh copy)', () => {
    const label = ['Leakage', 'aid yuan reaching the non-poor'] as const;
    const multi = groupedBarChart({ ...barSpec, categories: ['Inclusion error', 'Exclusion error', label] });
    expect(multi.data.labels?.[2]).toEqual(['Leakage', 'aid yuan reaching the non-poor']);
    expect(multi.data.labels?.[2]).not.toBe(label);
  });

  it('stretches the value axis to the highest whisker end', () => {
    // Highest of all values and upper ends: 0.39 (baseline, exclusion error).
    expect(config.options?.scales?.['y']).toMatchObject({ suggestedMax: 0.39, beginAtZero: true });
    expect(config.options?.scales?.['y']).not.toHaveProperty('suggestedMin');
    const negative = groupedBarChart({ ...barSpec, series: [{ label: 'a', values: [-0.1, 0.2, 0], lower: [-0.3, 0.1, 0], upper: [0, 0.3, 0] }] });
    expect(negative.options?.scales?.['y']).toMatchObject({ suggestedMin: -0.3, suggestedMax: 0.3 });
  });

  it('omits whiskers and note without intervals, and validates lengths', () => {
    const plain = groupedBarChart({ ...barSpec, series: [{ label: 'a', values: [1, 2, 3] }] });
    expect(plain.data.datasets[0]).not.toHaveProperty('povsimWhiskers');
    expect(plain.options?.plugins?.subtitle?.display).toBe(false);
    expect(() => groupedBarChart({ ...barSpec, series: [{ label: 'a', values: [1, 2] }] })).toThrow(RangeError);
    expect(() => groupedBarChart({ ...barSpec, series: [{ label: 'a', values: [1, 2, 3], upper: [1, 2, 3] }] })).toThrow(RangeError);
  });
});

describe('incidenceChart', () => {
  it('has ten deciles, the default title and a dashed 10% reference line', () => {
    const config = incidenceChart(incidenceSpec);
    expect(config.type).toBe('bar');
    expect(config.data.labels).toHaveLength(10);
    expect(config.data.labels?.[0]).toEqual(['1', '(poorest)']);
    expect(config.data.labels?.[9]).toEqual(['10', '(richest)']);
    expect(config.data.labels).toEqual(DECILE_LABELS);
    expect(config.options?.plugins?.title?.text).toBe('Who gets the money: share of all assistance by tenth of persons');
    expect(config.options?.scales?.['x']?.title).toMatchObject({ text: 'Tenth of persons by true per-capita income before the programme' });
    const lines = config.options?.plugins?.povsimRefLines?.lines;
    expect(lines).toHaveLength(1);
    expect(lines?.[0]).toMatchObject({ scaleId: 'y', value: 0.1, dash: [6, 4] });
    expect(config.options?.scales?.['y']?.ticks).toMatchObject({ format: { style: 'percent' } });
  });

  it('draws lines with distinct markers when asked', () => {
    const config = incidenceChart({ ...incidenceSpec, style: 'lines' });
    expect(config.type).toBe('line');
    const markers = config.data.datasets.map((d) => (d as { pointStyle?: unknown }).pointStyle);
    expect(markers).toEqual(['circle', 'rect']);
  });

  it('needs exactly ten shares per series', () => {
    expect(() => incidenceChart({ series: [{ label: 'a', shares: [1] }] })).toThrow(RangeError);
  });
});

describe('stackedSourceChart', () => {
  it('stacks the five destinations per scenario-source bar, scenario-major by default', () => {
    const config = stackedSourceChart(stackedSpec);
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels?.slice(0, 2)).toEqual(['baseline \u2013 government', 'baseline \u2013 enterprises']);
    expect(config.data.labels).toHaveLength(8);
    expect(config.data.datasets.map((d) => d.label)).toEqual(MONEY_DESTINATIONS.map((d) => d.label));
    // Government under baseline: 1.2M to the poor, 450K to the non-poor, 120K diverted, 180K admin, 50K unspent.
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([1_200_000, 450_000, 120_000, 180_000, 50_000]);
    expect(config.options?.scales?.['x']).toMatchObject({ stacked: true, title: { text: 'Amount (yuan)' } });
    expect(config.options?.scales?.['y']).toMatchObject({ stacked: true });
  });

  it('orders source-major on request and labels by source alone for one scenario', () => {
    const bySource = stackedSourceChart({ ...stackedSpec, groupBy: 'source' });
    expect(bySource.data.labels?.slice(0, 2)).toEqual(['baseline \u2013 government', 'village audit \u2013 government']);
    // village audit government to the poor: 1.5M, second bar.
    expect(bySource.data.datasets[0]?.data[1]).toBe(1_500_000);
    const one = stackedSourceChart({ ...stackedSpec, scenarios: stackedSpec.scenarios.slice(0, 1) });
    expect(one.data.labels).toEqual(['government', 'enterprises', 'social organisations', 'collective']);
  });

  it('with scale "share" splits each bar into fractions of its own total and labels it with the total', () => {
    const config = stackedSourceChart({ ...stackedSpec, scale: 'share' });
    // baseline government: 1.2M + 450K + 120K + 180K + 50K = 2M yuan, so 60%, 22.5%, 6%, 9%, 2.5%.
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([0.6, 0.225, 0.06, 0.09, 0.025]);
    expect(config.data.labels?.[0]).toEqual(['baseline \u2013 government', '2M yuan']);
    // baseline social organisations: 150K + 40K + 5K + 25K + 0 = 220K yuan.
    expect(config.data.labels?.[2]).toEqual(['baseline \u2013 social organisations', '220K yuan']);
    expect(config.options?.scales?.['x']).toMatchObject({ max: 1, title: { text: 'Share of the source\u2019s budget (%)' } });
    // A source with no money at all: an empty bar, not NaN.
    const zero = { toPoor: 0, toNonPoor: 0, diverted: 0, administration: 0, unspent: 0 };
    const empty = stackedSourceChart({ sources: ['g'], scale: 'share', scenarios: [{ label: 's', breakdown: { g: zero } }] });
    expect(empty.data.datasets.map((d) => d.data[0])).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejects a missing source and negative amounts', () => {
    expect(() => stackedSourceChart({ ...stackedSpec, sources: ['government', 'banks'] })).toThrow(/banks/);
    const bad = { toPoor: -1, toNonPoor: 0, diverted: 0, administration: 0, unspent: 0 };
    expect(() => stackedSourceChart({ sources: ['g'], scenarios: [{ label: 's', breakdown: { g: bad } }] })).toThrow(RangeError);
  });
});

describe('channelChart', () => {
  const config = channelChart(channelSpec);

  it('puts the most pro-poor channel on top, ties in the given order, each labelled with the yuan it paid', () => {
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual([
      ['Enterprise dividends', '480K yuan'],
      ['Transfers', '2.3M yuan'],
      ['Medical subsidy', '310K yuan'],
      ['Infrastructure', '1.3M yuan'],
      ['Collective public goods', '90K yuan'],
    ]);
    expect(config.options?.plugins?.title?.text).toBe(CHANNEL_TITLE);
    expect(config.options?.scales?.['x']?.title).toMatchObject({ text: CHANNEL_VALUE_TITLE });
  });

  it('colours bars by group, one dataset per group with a channel, each group keeping its palette colour', () => {
    // No social-organisation channel: no dataset and no legend entry for it, but the collective stays fourth colour.
    expect(config.data.datasets.map((d) => [d.label, d.backgroundColor])).toEqual([
      ['government', '#0072B2'], ['enterprises', '#E69F00'], ['collective', '#D55E00'],
    ]);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [null, 1.8, 1.8, 0.95, null],
      [2.4, null, null, null, null],
      [null, null, null, null, 0.7],
    ]);
    // The other groups' nulls take no room: each bar is centred on its row.
    expect(config.options?.skipNull).toBe(true);
    expect(config.options?.plugins?.legend?.display).toBe(true);
  });

  it('draws a dashed neutral line at 1, labelled at the bottom, and keeps it in view', () => {
    expect(config.options?.plugins?.povsimRefLines?.lines).toEqual([
      { scaleId: 'x', value: 1, label: '1 = neutral', color: '#555555', lineWidth: 1.5, dash: [6, 4], labelPosition: 'bottom' },
    ]);
    expect(config.options?.scales?.['x']).toMatchObject({ beginAtZero: true, suggestedMax: 2.4 });
    // All below 1: the axis still reaches the neutral line.
    const low = channelChart({ groups: ['g'], channels: [{ label: 'a', group: 'g', value: 0.4, yuan: 10 }] });
    expect(low.options?.scales?.['x']).toMatchObject({ suggestedMax: 1 });
    expect(low.options?.plugins?.legend?.display).toBe(false);
  });

  it('rejects an unknown group, a value that is not finite, negative yuan and nothing to draw', () => {
    const one = (c: Partial<(typeof channelSpec.channels)[number]>) =>
      channelChart({ groups: ['g'], channels: [{ label: 'a', group: 'g', value: 1, yuan: 1, ...c }] });
    expect(() => one({ group: 'h' })).toThrow('channel "a": group "h" is not one of the groups');
    expect(() => one({ value: Number.NaN })).toThrow(RangeError);
    expect(() => one({ yuan: -1 })).toThrow(RangeError);
    expect(() => channelChart({ groups: ['g'], channels: [] })).toThrow(RangeError);
  });
});

describe('radarChart', () => {
  it('has the eight dimensions in order on a fixed 0-1 scale', () => {
    const config = radarChart(radarSpec);
    expect(config.data.labels).toEqual(GOVERNANCE_DIMENSIONS.map((d) => d.label));
    expect(config.data.labels).toHaveLength(8);
    expect(config.data.datasets[0]?.data).toEqual([0.55, 0.48, 0.35, 0.6, 0.3, 0.62, 0.4, 0.5]);
    expect(config.options?.scales?.['r']).toMatchObject({ min: 0, max: 1 });
  });

  it('keeps a null score as a gap', () => {
    const first = radarSpec.scenarios[0];
    if (first === undefined) throw new Error('fixture');
    const config = radarChart({ scenarios: [{ label: 'x', scores: { ...first.scores, responsiveness: null } }] });
    expect(config.data.datasets[0]?.data).toEqual([0.55, 0.48, 0.35, null, 0.3, 0.62, 0.4, 0.5]);
    expect(config.data.datasets[0]?.spanGaps).toBe(false);
  });

  it('rejects scores outside [0, 1]', () => {
    const first = radarSpec.scenarios[0];
    if (first === undefined) throw new Error('fixture');
    const scores = { ...first.scores, integrity: 1.2 };
    expect(() => radarChart({ scenarios: [{ label: 'x', scores }] })).toThrow(/integrity/);
    expect(() => radarChart({ scenarios: [{ label: 'x', scores: { ...scores, integrity: Number.NaN } }] })).toThrow(RangeError);
  });
});

describe('heatmapChart', () => {
  const config = heatmapChart(heatmapSpec);
  // chart.js types every dataset field as optional; the builder always fills them all.
  const h = config.data.datasets[0]?.povsimHeatmap as HeatmapData | undefined;

  it('has one cell per grid point with viridis colours over the data range', () => {
    if (h === undefined) throw new Error('no heatmap data');
    expect(h.nx).toBe(6);
    expect(h.ny).toBe(4);
    expect(h.colors).toHaveLength(24);
    // Range: max 0.308 at (audit 0, quota 10), min 0.099 at (audit 0.5, quota 80).
    // Cell 0 is (x 0, y 0) = 0.308 -> top of the scale; the last cell is 0.099 -> bottom.
    expect(h.colors[0]).toBe(viridis(1));
    expect(h.colors[23]).toBe(viridis(0));
    expect(h.labels[0]).toBe('30.8%');
    expect(h.labels[23]).toBe('9.9%');
    expect(h.textColors[0]).toBe('#000000');
    expect(h.textColors[23]).toBe('#ffffff');
    // Missing value at (x 0, y 3) = cell 18: grey (null colour), "n/a".
    expect(h.colors[18]).toBeNull();
    expect(h.labels[18]).toBe('n/a');
    expect(h.colorBar.ticks.map((t) => t.label)).toEqual(['9.9%', '15.1%', '20.4%', '25.6%', '30.8%']);
    expect(config.options?.scales?.['x']).toMatchObject({ type: 'category', labels: ['0', '0.05', '0.1', '0.2', '0.3', '0.5'] });
    expect(config.options?.scales?.['y']).toMatchObject({ type: 'category', labels: ['10', '20', '40', '80'], reverse: true });
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });

  it('uses a given domain, clamping values outside it', () => {
    const fixed = heatmapChart({ ...heatmapSpec, domain: [0.2, 0.3] });
    const cells = fixed.data.datasets[0]?.povsimHeatmap as HeatmapData | undefined;
    expect(cells?.colors[0]).toBe(viridis(1)); // 0.308 > 0.3
    expect(cells?.colorBar.ticks.map((t) => t.label)).toEqual(['20.0%', '22.5%', '25.0%', '27.5%', '30.0%']);
    expect(domainFraction(15, 10, 30)).toBe(0.25);
    expect(domainFraction(5, 5, 5)).toBe(0.5);
    expect(() => heatmapChart({ ...heatmapSpec, domain: [1, 0] })).toThrow(RangeError);
  });

  it('rejects a grid of the wrong shape', () => {
    expect(() => heatmapChart({ ...heatmapSpec, values: heatmapSpec.values.slice(1) })).toThrow(RangeError);
    expect(() => heatmapChart({ ...heatmapSpec, values: heatmapSpec.values.map((r) => r.slice(1)) })).toThrow(RangeError);
  });
});

describe('sensitivityChart', () => {
  it('Sobol: S1 and ST per parameter, sorted by ST descending, whiskers from intervals', () => {
    const config = sensitivityChart(sobolSpec);
    // ST: auditRate 0.48 > quota 0.3 > eliteCapture 0.17 > reportingLag 0.03.
    expect(config.data.labels).toEqual(['auditRate', 'quota', 'eliteCapture', 'reportingLag']);
    expect(config.data.datasets[0]?.data).toEqual([0.35, 0.21, 0.08, 0.01]);
    expect(config.data.datasets[1]?.data).toEqual([0.48, 0.3, 0.17, 0.03]);
    expect(config.data.datasets[1]?.povsimWhiskers?.upper).toEqual([0.55, 0.36, 0.22, 0.05]);
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.scales?.['x']).toMatchObject({ suggestedMin: -0.02, suggestedMax: 0.55 });
  });

  it('Morris: mu* then sigma, sorted by mu* descending, ties by name', () => {
    const config = sensitivityChart(morrisSpec);
    expect(config.data.labels).toEqual(['auditRate', 'quota', 'eliteCapture', 'reportingLag']);
    expect(config.data.datasets[1]?.data).toEqual([2.9, 0.8, 1.4, 0.1]);
    expect(config.data.datasets[0]).not.toHaveProperty('povsimWhiskers');
    const tie = sensitivityChart({
      method: 'morris', outputName: 'y', outputUnit: 'units',
      parameters: [{ name: 'b', muStar: 1, sigma: 0 }, { name: 'a', muStar: 1, sigma: 0 }],
    });
    expect(tie.data.labels).toEqual(['a', 'b']);
  });

  it('rejects an empty parameter list', () => {
    expect(() => sensitivityChart({ ...morrisSpec, parameters: [] })).toThrow(RangeError);
  });
});
