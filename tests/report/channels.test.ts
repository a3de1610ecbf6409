/**
 * "Which channels reach the poor": the run chart (CGH per programme) and the key-results table,
 * from a hand-made incidence report, so every bar, label and cell can be read off the fixture.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import type { ChannelChartConfiguration } from '../../src/output/charts/index.js';
import { PROGRAMMES, SOURCES, type ProgrammeName } from '../../src/model/ledger.js';
import type { ChannelIncidence, IncidenceReport } from '../../src/model/observe.js';
import { runFigures, runReportHtml } from '../../src/output/report/index.js';
import { programmeChannels } from '../../src/output/report/run-figures.js';
import { channelsTableHtml, publicGoodsText } from '../../src/output/report/run-report.js';
import { loadScenario } from '../../src/scenario/index.js';

/** A channel that paid nothing. */
const NOTHING: ChannelIncidence = { received: 0, toNonPoor: 0, publicGoods: 0, leakage: null, shares: null, cgh: null, cghPoorest20: null };

/** A channel with the given yuan, yuan to the non-poor, public goods and indices (shares are not read here). */
function paid(received: number, toNonPoor: number, publicGoods: number, leakage: number | null, cgh: number, cghPoorest20: number): ChannelIncidence {
  return { received, toNonPoor, publicGoods, leakage, shares: null, cgh, cghPoorest20 };
}

/**
 * Four programmes paid: transfers 1.2M (targeted, 25% to the non-poor, CGH 2.1), infrastructure
 * 800K (all public goods, CGH 0.95), enterprise dividends 50K (CGH 2.1, the same as transfers) and
 * village cooperation 20K (a quarter public goods, CGH 1.25); the other eight paid nothing.
 */
function handMade(): IncidenceReport {
  const byProgramme = Object.fromEntries(PROGRAMMES.map((p) => [p.name, NOTHING])) as Record<ProgrammeName, ChannelIncidence>;
  byProgramme.transfers = paid(1_200_000, 300_000, 0, 0.25, 2.1, 2.6);
  byProgramme.infrastructure = paid(800_000, 700_000, 800_000, null, 0.95, 0.9);
  byProgramme.enterpriseDividends = paid(50_000, 10_000, 0, 0.2, 2.1, 2.4);
  byProgramme.enterpriseCollective = paid(20_000, 9_000, 5_000, 0.4, 1.25, 1.1);
  return {
    personsByDecile: Array.from({ length: 10 }, () => 100),
    total: paid(2_070_000, 1_019_000, 805_000, 0.2537, 1.62, 1.9),
    bySource: {
      government: paid(2_000_000, 1_000_000, 800_000, 0.25, 1.6, 1.9),
      enterprises: paid(70_000, 19_000, 5_000, 0.2615, 1.86, 2.0),
      socialOrganisations: NOTHING,
      collective: NOTHING,
    },
    byProgramme,
  };
}

describe('programmeChannels', () => {
  it('has one bar per programme that paid, named and grouped by source, and lists the others', () => {
    const { bars, unpaid } = programmeChannels(handMade());
    expect(bars).toEqual([
      { label: 'Transfers', group: 'Government', value: 2.1, yuan: 1_200_000 },
      { label: 'Infrastructure', group: 'Government', value: 0.95, yuan: 800_000 },
      { label: 'Enterprise dividends', group: 'Enterprises', value: 2.1, yuan: 50_000 },
      { label: 'Village cooperation', group: 'Enterprises', value: 1.25, yuan: 20_000 },
    ]);
    expect(unpaid).toEqual(['medical', 'industry', 'renovation', 'training', 'donations', 'mutualAid', 'collectiveDividends', 'collectivePublicGoods']);
  });
});

describe('the channels chart of a run', () => {
  const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=300', 'simulation.months=2'] });
  const run = simulate(scenario);
  const figures = runFigures({ ...run.summary, incidence: handMade() }, run.timeseries);
  const figure = figures.find((f) => f.file === 'charts/channels.png');
  const config = figure?.config as ChannelChartConfiguration;

  it('comes after the incidence chart, sized for its four bars', () => {
    expect(figures.map((f) => f.file)).toEqual([
      'charts/poverty-over-time.png', 'charts/targeting-errors.png', 'charts/incidence.png', 'charts/channels.png',
      'charts/money-by-source.png', 'charts/governance.png',
    ]);
    expect(figure?.heading).toBe('Which channels reach the poor');
    // 4 bars of 44 px and 120 px of title, legend and axis: below the default height, so 500.
    expect(figure?.size).toEqual({ width: 900, height: 500 });
  });

  it('sorts the programmes by CGH with their yuan under their names, coloured by source, against 1', () => {
    expect(config.data.labels).toEqual([
      ['Transfers', '1.2M yuan'],
      ['Enterprise dividends', '50K yuan'],
      ['Village cooperation', '20K yuan'],
      ['Infrastructure', '800K yuan'],
    ]);
    expect(config.data.datasets.map((d) => [d.label, d.backgroundColor, d.data])).toEqual([
      ['Government', '#0072B2', [2.1, null, null, 0.95]],
      ['Enterprises', '#E69F00', [null, 2.1, 1.25, null]],
    ]);
    expect(config.options?.plugins?.povsimRefLines?.lines?.[0]).toMatchObject({ scaleId: 'x', value: 1, label: '1 = neutral' });
    expect(config.options?.plugins?.subtitle?.text).toBe(
      'Scenario \u201cbaseline\u201d, seed 42, 300 households, 30 villages, 2 months; all assistance: CGH 1.62',
    );
    expect(figure?.caption).toMatch(
      /Not shown, as they paid nothing: Medical subsidy, Industry projects and microcredit, Housing renovation, Training, Donations, Mutual aid, Collective dividends, Collective public goods\.$/,
    );
  });

  it('is left out when no programme paid anything', () => {
    const none = handMade();
    for (const p of PROGRAMMES) none.byProgramme[p.name] = NOTHING;
    expect(runFigures({ ...run.summary, incidence: none }, run.timeseries).map((f) => f.file)).not.toContain('charts/channels.png');
  });
});

describe('the channels table of the run report', () => {
  it('says whether a channel paid public goods: none, all, or what part', () => {
    expect(publicGoodsText({ received: 200, publicGoods: 0 })).toBe('no');
    expect(publicGoodsText({ received: 200, publicGoods: 200 })).toBe('yes');
    expect(publicGoodsText({ received: 200, publicGoods: 70 })).toBe('part: 35%');
    expect(publicGoodsText({ received: 0, publicGoods: 0 })).toBe('n/a');
    // A sliver is not rounded away to "no" or up to "yes".
    expect(publicGoodsText({ received: 1000, publicGoods: 1 })).toBe('part: <1%');
    expect(publicGoodsText({ received: 1000, publicGoods: 999 })).toBe('part: >99%');
  });

  it('lists all assistance, every source and every programme with yuan, targeted leakage, public goods and both CGH', () => {
    const html = channelsTableHtml(handMade());
    const rows = [...html.matchAll(/<tr><td>(.*?)<\/td><\/tr>/g)].map((m) => (m[1] ?? '').split(/<\/td><td(?: class="num")?>/));
    expect(rows).toHaveLength(1 + SOURCES.length + PROGRAMMES.length);
    expect(rows[0]).toEqual(['All sources', '2,070,000 yuan', '25.4%', 'part: 39%', '1.62', '1.90']);
    expect(rows[1]).toEqual(['Government', '2,000,000 yuan', '25.0%', 'part: 40%', '1.60', '1.90']);
    expect(rows[3]).toEqual(['Social organisations', '0 yuan', 'n/a', 'n/a', 'n/a', 'n/a']);
    const programme = (name: string) => rows.find((r) => r[0] === name);
    expect(programme('Transfers (government)')).toEqual(['Transfers (government)', '1,200,000 yuan', '25.0%', 'no', '2.10', '2.60']);
    // All public goods: nothing targeted, so no targeted leakage.
    expect(programme('Infrastructure (government)')).toEqual(['Infrastructure (government)', '800,000 yuan', 'n/a (no targeted part)', 'yes', '0.95', '0.90']);
    expect(programme('Village cooperation (enterprises)')).toEqual(['Village cooperation (enterprises)', '20,000 yuan', '40.0%', 'part: 25%', '1.25', '1.10']);
    expect(programme('Training (social organisations)')).toEqual(['Training (social organisations)', '0 yuan', 'n/a', 'n/a', 'n/a', 'n/a']);
    expect(html).toContain('<tr class="group"><th colspan="6">By programme</th></tr>');
  });

  it('is in the key results of the run report', () => {
    const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=300', 'simulation.months=2'] });
    const run = simulate(scenario);
    const html = runReportHtml({ summary: run.summary, timeseries: run.timeseries, manifest: null }, []);
    const keyResults = html.slice(html.indexOf('<section id="key-results">'), html.indexOf('</section>', html.indexOf('<section id="key-results">')));
    expect(keyResults).toContain('<h3 id="channels">Which channels reach the poor</h3>');
    expect(keyResults).toContain(channelsTableHtml(run.summary.incidence));
  });
});
