/**
 * The calibration figures quoted in docs/model.md ("Calibration"): what the default parameters
 * produce, for one seed and across a set of seeds.
 *
 *   npx tsx scripts/calibration.ts                 # seed 42 (baseline.yaml) and seeds 1-10
 *   npx tsx scripts/calibration.ts 42 1 2 3        # the first seed is shown alone, the rest summarised
 *
 * "Before assistance" is the township after the 12-month burn-in and the initial registration,
 * before month 0 is stepped. The PMT R-squared is taken from a run with identification.method =
 * pmt (the default method, community appraisal, does not use the PMT); the first round's draws
 * are the same under every method, so this is the R-squared the default run would have had.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fgt } from '../src/metrics/index.js';
import { defaultParams, type Params } from '../src/model/parameters.js';
import { createModel, simulateParams } from '../src/model/simulate.js';

export interface CalibrationFigures {
  seed: number;
  /** Before month 0: market (pre-assistance) per-capita income below the line. */
  poorBeforeAssistanceHouseholds: number;
  poorBeforeAssistancePersons: number;
  /** Before month 0: poor for targeting (income, or unsafe housing). */
  poorForTargetingHouseholds: number;
  medianMarketIncome: number;
  /** The initial registration (before month 0): poor households, how many applied, how many of
   * those were registered, and households added by cadres' favouritism. */
  initialPoorHouseholds: number;
  initialPoorApplicants: number;
  initialPoorApplicantsRegistered: number;
  initialEliteAdditions: number;
  /** End of month 0, after its assistance. */
  month0HeadcountPersons: number;
  month0PoorHouseholdsAfterAssistance: number;
  month0RegisteredShare: number;
  month0InclusionError: number;
  month0ExclusionError: number;
  month0ScoreR2: number;
  pmtR2: number;
  month0Gini: number;
  finalHeadcount: number;
  finalPovertyGap: number;
  finalGini: number;
  finalInclusionError: number;
  finalExclusionError: number;
  leakage: number;
  diversion: number;
  eliteCapture: number;
  cgh: number;
  exits: number;
  paperExits: number;
  returnsToPoverty: number;
  costPerExit: number;
}

const num = (x: number | null): number => (x === null ? Number.NaN : x);

/** The figures for one seed at the default parameters. */
export function calibrationFigures(seed: number, params: Params = defaultParams): CalibrationFigures {
  const line = params.township.povertyLine;
  const model = createModel(params, seed);
  const h = model.township.households;
  const ones = new Float64Array(h.count).fill(1);
  let poorFlag = 0;
  for (let i = 0; i < h.count; i += 1) poorFlag += h.poor[i]!;
  const sorted = Float64Array.from(h.marketIncome).sort();
  const before = {
    households: num(fgt(h.marketIncome, ones, line, 0)),
    persons: num(fgt(h.marketIncome, h.size, line, 0)),
    targeting: poorFlag / h.count,
    median: sorted[Math.floor(h.count / 2)]!,
  };
  const initial = model.township.counters;
  const initialCounts = {
    poorApplicants: initial.poorApplicants,
    poorApplicantsRegistered: initial.poorApplicantsRegistered,
    eliteAdditions: initial.eliteAdditions,
  };
  model.step(0);
  const m0 = model.observe(0).metrics;
  const month0PoorHouseholdsAfterAssistance = num(fgt(h.income, ones, line, 0));

  const pmtModel = createModel({ ...params, identification: { ...params.identification, method: 'pmt' } }, seed);
  pmtModel.step(0);
  const pmtR2 = num(pmtModel.observe(0).metrics.pmtR2);

  const f = simulateParams(params, { seed }).metrics;
  return {
    seed,
    poorBeforeAssistanceHouseholds: before.households,
    poorBeforeAssistancePersons: before.persons,
    poorForTargetingHouseholds: before.targeting,
    medianMarketIncome: before.median,
    initialPoorHouseholds: poorFlag,
    initialPoorApplicants: initialCounts.poorApplicants,
    initialPoorApplicantsRegistered: initialCounts.poorApplicantsRegistered,
    initialEliteAdditions: initialCounts.eliteAdditions,
    month0HeadcountPersons: num(m0.headcount),
    month0PoorHouseholdsAfterAssistance,
    month0RegisteredShare: num(m0.registeredShare),
    month0InclusionError: num(m0.inclusionError),
    month0ExclusionError: num(m0.exclusionError),
    month0ScoreR2: num(m0.scoreR2),
    pmtR2,
    month0Gini: num(m0.gini),
    finalHeadcount: num(f.headcount),
    finalPovertyGap: num(f.povertyGap),
    finalGini: num(f.gini),
    finalInclusionError: num(f.inclusionError),
    finalExclusionError: num(f.exclusionError),
    leakage: num(f.leakage),
    diversion: num(f.diversion),
    eliteCapture: num(f.eliteCapture),
    cgh: num(f.cgh),
    exits: f.exits,
    paperExits: f.paperExits,
    returnsToPoverty: f.returnsToPoverty,
    costPerExit: num(f.costPerExit),
  };
}

const LABELS: Record<Exclude<keyof CalibrationFigures, 'seed'>, string> = {
  poorBeforeAssistanceHouseholds: 'Income-poor before assistance, share of households (before month 0)',
  poorBeforeAssistancePersons: 'Income-poor before assistance, share of persons (before month 0)',
  poorForTargetingHouseholds: 'Poor for targeting (income or unsafe house), share of households (before month 0)',
  medianMarketIncome: 'Median per-capita market income, yuan (before month 0)',
  initialPoorHouseholds: 'Poor households for targeting at the initial registration',
  initialPoorApplicants: '... of them applying',
  initialPoorApplicantsRegistered: '... of those registered',
  initialEliteAdditions: 'Households added by cadres at the initial registration',
  month0HeadcountPersons: 'Headcount P0 after assistance, persons (end of month 0)',
  month0PoorHouseholdsAfterAssistance: 'Income-poor after assistance, share of households (end of month 0)',
  month0RegisteredShare: 'Registered share of households (end of month 0)',
  month0InclusionError: 'Inclusion error (end of month 0)',
  month0ExclusionError: 'Exclusion error (end of month 0)',
  month0ScoreR2: 'R-squared of the community-appraisal score (initial registration)',
  pmtR2: 'R-squared of the PMT score, run with method = pmt (initial registration)',
  month0Gini: 'Gini, persons, after assistance (end of month 0)',
  finalHeadcount: 'Headcount P0 after assistance (end of month 59)',
  finalPovertyGap: 'Poverty gap P1 (end of month 59)',
  finalGini: 'Gini (end of month 59)',
  finalInclusionError: 'Inclusion error (end of month 59)',
  finalExclusionError: 'Exclusion error (end of month 59)',
  leakage: 'Leakage, months 0-59',
  diversion: 'Diversion, months 0-59',
  eliteCapture: 'Elite capture ratio, months 0-59',
  cgh: 'CGH indicator (poorest 20%), months 0-59',
  exits: 'Exits (left the register non-poor after entering poor), months 0-59',
  paperExits: 'Paper exits (declared while poor, not reversed), months 0-59',
  returnsToPoverty: 'Returns to poverty, months 0-59',
  costPerExit: 'Cost per exit, yuan',
};

function show(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(3);
}

/** A markdown table: the first seed's figures, then mean, min and max over the other seeds. */
export function calibrationTable(seeds: readonly number[]): string {
  const [first, ...rest] = seeds.map((s) => calibrationFigures(s));
  if (!first) throw new Error('need at least one seed');
  const lines = [
    `| Figure | Seed ${first.seed} | ${rest.length > 0 ? `Seeds ${rest.map((r) => r.seed).join(', ')}: mean (min-max)` : ''} |`,
    '|---|---|---|',
  ];
  for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    const values = rest.map((r) => r[key]);
    const summary =
      values.length > 0
        ? `${show(values.reduce((a, b) => a + b, 0) / values.length)} (${show(Math.min(...values))}-${show(Math.max(...values))})`
        : '';
    lines.push(`| ${LABELS[key]} | ${show(first[key])} | ${summary} |`);
  }
  return `${lines.join('\n')}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2).map(Number);
  const seeds = args.length > 0 ? args : [42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  process.stdout.write(calibrationTable(seeds));
}
