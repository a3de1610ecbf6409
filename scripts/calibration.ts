/**
 * The calibration figures of docs/model.md ("10. Calibration"): what the baseline produces, for one
 * seed and across a set of seeds, generated so that the doc cannot drift from the model.
 *
 *   npx tsx scripts/calibration.ts                          # print the table (seed 42, then seeds 1-10)
 *   npx tsx scripts/calibration.ts --write docs/model.md    # replace it in the doc, between
 *                                                           # <!-- calibration:start --> and
 *                                                           # <!-- calibration:end -->
 *
 * "Before the programme" is the township after the 12-month burn-in and the initial registration,
 * before month 0 is stepped. The PMT's fit is taken from a run with identification.method = pmt on
 * the same seed (the baseline's community appraisal fits no formula). tests/docs/calibration.test.ts
 * fails when the doc's table differs from `calibrationTable()`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fgt, mean } from '../src/metrics/index.js';
import type { Params } from '../src/model/parameters.js';
import { PROGRAMMES, SOURCES } from '../src/model/ledger.js';
import { incidenceReport, type ChannelIncidence, type IncidenceReport } from '../src/model/observe.js';
import { createModel } from '../src/model/simulate.js';
import { loadScenario } from '../src/scenario/index.js';
import { printOrWrite } from './parameter-tables.js';

export const CALIBRATION_START = '<!-- calibration:start -->';
export const CALIBRATION_END = '<!-- calibration:end -->';

/** The seeds of the doc's table: the baseline's own seed, then ten more. */
export const CALIBRATION_SEEDS = [42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** The month whose end holds the first annual adjustment of the register (src/model/simulate.ts). */
const FIRST_ADJUSTMENT = 11;

const num = (x: number | null): number => (x === null ? Number.NaN : x);

/** The baseline scenario's parameters (scenarios/baseline.yaml). */
export function baselineParams(): Params {
  return loadScenario(fileURLToPath(new URL('../scenarios/baseline.yaml', import.meta.url))).params;
}

/** One figure of one seed: what it is and its value. */
interface Figure {
  readonly label: string;
  readonly value: number;
}

/** What one seed of the baseline gives: the figures, and the incidence of its whole run. */
interface SeedResult {
  readonly figures: Figure[];
  readonly incidence: IncidenceReport;
}

/** The figures (and the run's incidence) for one seed. */
export function calibrationFigures(seed: number, params: Params = baselineParams()): SeedResult {
  const line = params.township.povertyLine;
  const model = createModel(params, seed);
  const t = model.township;
  const h = t.households;
  const ones = new Float64Array(h.count).fill(1);
  let need = 0;
  for (let i = 0; i < h.count; i += 1) need += h.poor[i]!;
  const sorted = Float64Array.from(h.marketIncome).sort();
  const incomePoorHouseholds = num(fgt(h.marketIncome, ones, line, 0));
  const incomePoorPersons = num(fgt(h.marketIncome, h.size, line, 0));
  const initial = { ...t.counters };
  // The whole run, stepped here (as simulateParams does) to look at the township after month 0,
  // after the first annual adjustment (month 11) and at its end.
  model.step(0);
  const m0 = model.observe(0).metrics;
  const pmt = createModel({ ...params, identification: { ...params.identification, method: 'pmt' } }, seed).township.counters;
  let firstYear = initial;
  for (let month = 1; month < params.simulation.months; month += 1) {
    model.step(month);
    if (month === FIRST_ADJUSTMENT) firstYear = { ...t.counters };
  }
  const f = model.observe(params.simulation.months - 1).metrics;
  // How far above the line the registered households not in need are, at the end of the run.
  let wrong = 0;
  let near = 0;
  let far = 0;
  for (let i = 0; i < h.count; i += 1) {
    if (!h.registered[i] || h.poor[i]) continue;
    wrong += 1;
    if (h.marketIncome[i]! < 1.5 * line) near += 1;
    if (h.marketIncome[i]! >= 3 * line) far += 1;
  }
  const figures: Figure[] = [
    { label: 'Income-poor before the programme, share of households (before month 0)', value: incomePoorHouseholds },
    { label: 'Income-poor before the programme, share of persons (before month 0)', value: incomePoorPersons },
    { label: 'In need before the programme (income or unsafe house), share of households', value: need / h.count },
    { label: 'Median per-capita market income, yuan (before month 0)', value: sorted[Math.floor(h.count / 2)]! },
    { label: 'Households in need at the first registration that applied', value: initial.poorApplicants },
    { label: '... of them registered', value: initial.poorApplicantsRegistered },
    { label: 'Households added by cadres at the first registration', value: initial.eliteAdditions },
    { label: 'Registered share of households (end of month 0)', value: num(m0.registeredShare) },
    { label: 'Inclusion error, non-poor share of the register (end of month 0)', value: num(m0.inclusionErrorRegisteredNow) },
    { label: 'Exclusion error (end of month 0)', value: num(m0.exclusionErrorNow) },
    { label: 'R-squared of the community score on true log income (first registration)', value: num(m0.scoreR2) },
    { label: 'R-squared of the PMT formula on its survey, run with method = pmt (first registration)', value: num(pmt.pmtR2) },
    { label: 'First annual adjustment: wrongly listed households removed / register', value: firstYear.roundCorrections / firstYear.roundRegisteredBefore },
    { label: 'First annual adjustment: households added / register', value: firstYear.roundEntries / firstYear.roundRegisteredBefore },
    { label: 'Headcount P0 after assistance, persons (end of month 0)', value: num(m0.headcount) },
    { label: 'Headcount P0 after assistance (end of month 59)', value: num(f.headcount) },
    { label: 'Poverty gap P1 (end of month 59)', value: num(f.povertyGap) },
    { label: 'Gini (end of month 59)', value: num(f.gini) },
    { label: 'Inclusion error, non-poor share of the register (months 48-59)', value: num(f.inclusionErrorRegistered) },
    { label: 'Inclusion error, share of non-poor households registered (months 48-59)', value: num(f.inclusionErrorNonPoor) },
    { label: 'Exclusion error (months 48-59)', value: num(f.exclusionError) },
    { label: 'Registered households not in need with market income under 1.5 x the line, share (end of month 59)', value: wrong > 0 ? near / wrong : Number.NaN },
    { label: '... with market income of 3 x the line or more', value: wrong > 0 ? far / wrong : Number.NaN },
    { label: 'Leakage of targeted programmes, months 0-59', value: num(f.leakage) },
    { label: 'Leakage of all aid, public goods included, months 0-59', value: num(f.leakageAllAid) },
    { label: 'Public goods, share of all aid, months 0-59', value: num(f.publicGoodsShare) },
    { label: 'Diversion (net of recoveries, loan capture included), months 0-59', value: num(f.diversion) },
    { label: 'Elite capture: aid to tied households / their aid other than by favour, months 0-59', value: num(f.eliteCapture) },
    { label: 'CGH, poorest 40% of persons, months 0-59', value: num(f.cgh) },
    { label: 'CGH, poorest 20% of persons, months 0-59', value: num(f.cghPoorest20) },
    { label: 'Exits (left the register not poor by own means after entering in need), months 0-59', value: f.exits },
    { label: 'Paper exits (declared while poor by own means, not reversed), months 0-59', value: f.paperExits },
    { label: '... of them under exit pressure', value: f.pressuredExits },
    { label: 'Returns to poverty, months 0-59', value: f.returnsToPoverty },
    { label: 'Cost per exit, yuan', value: num(f.costPerExit) },
    { label: 'Mean policy awareness (end of month 59)', value: num(f.governance.transparency) },
    { label: 'Mean cadre integrity (end of month 59)', value: num(f.governance.integrity) },
  ];
  return { figures, incidence: incidenceReport(t) };
}

function show(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(3);
}

/** A markdown table: the first seed's figures, then mean, min and max over the other seeds. */
function calibrationTable(seeds: readonly number[], results: readonly SeedResult[]): string {
  const [first, ...rest] = results.map((r) => r.figures);
  if (!first) throw new Error('need at least one seed');
  const lines = [
    `| Figure | Seed ${seeds[0]} | ${rest.length > 0 ? `Seeds ${seeds.slice(1).join(', ')}: mean (min-max)` : ''} |`,
    '|---|---|---|',
  ];
  first.forEach((figure, k) => {
    const values = rest.map((r) => r[k]!.value);
    const summary =
      values.length > 0
        ? `${show(meanFinite(values))} (${show(Math.min(...values))}-${show(Math.max(...values))})`
        : '';
    lines.push(`| ${figure.label} | ${show(figure.value)} | ${summary} |`);
  });
  return `${lines.join('\n')}\n`;
}

/** Mean of the finite values (NaN if none). */
function meanFinite(values: readonly number[]): number {
  return mean(values.filter(Number.isFinite)) ?? Number.NaN;
}

/**
 * Who each channel reaches in the baseline: per source and per programme, its share of all aid, the
 * leakage of its targeted part, CGH over the poorest 40% and 20% of persons, and the share received
 * by the richest two tenths of persons; means over the seeds.
 */
function channelTable(results: readonly SeedResult[]): string {
  const runs = results.map((r) => r.incidence);
  const rows: string[] = [
    '| Channel | Share of all aid | Leakage of its targeted part | CGH, poorest 40% | CGH, poorest 20% | Share to the richest 20% of persons |',
    '|---|---|---|---|---|---|',
  ];
  const line = (label: string, pick: (r: (typeof runs)[number]) => ChannelIncidence): void => {
    const cells = [
      meanFinite(runs.map((r) => pick(r).received / r.total.received)),
      meanFinite(runs.map((r) => pick(r).leakage ?? Number.NaN)),
      meanFinite(runs.map((r) => pick(r).cgh ?? Number.NaN)),
      meanFinite(runs.map((r) => pick(r).cghPoorest20 ?? Number.NaN)),
      meanFinite(runs.map((r) => {
        const shares = pick(r).shares;
        return shares === null ? Number.NaN : shares[8]! + shares[9]!;
      })),
    ];
    rows.push(`| ${label} | ${cells.map(show).join(' | ')} |`);
  };
  line('All aid', (r) => r.total);
  for (const source of SOURCES) line(`Source: ${source}`, (r) => r.bySource[source]);
  for (const programme of PROGRAMMES) line(`Programme: ${programme.name}`, (r) => r.byProgramme[programme.name]);
  return `${rows.join('\n')}\n`;
}

/** The doc's generated part: the calibration table, then the channels' table (each seed run once). */
export function calibrationSection(seeds: readonly number[] = CALIBRATION_SEEDS, params: Params = baselineParams()): string {
  const results = seeds.map((seed) => calibrationFigures(seed, params));
  return `${calibrationTable(seeds, results)}\nWho each channel reaches (means over the same ${seeds.length} seeds; n/a where a channel pays no targeted aid):\n\n${channelTable(results)}`;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) printOrWrite(process.argv.slice(2), () => calibrationSection(), CALIBRATION_START, CALIBRATION_END, 'calibration table');
