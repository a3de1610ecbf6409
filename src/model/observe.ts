/**
 * Process 6, observation: the metrics of the township at the end of a month. Each metric is a
 * small function in src/metrics; this module only counts what they need in the model's state.
 *
 * Conventions (see docs/model.md, "Observation"):
 * - Poverty (headcount, gap, severity, Gini) is measured on per-capita income after assistance,
 *   person-weighted.
 * - Targeting (inclusion, exclusion, leakage) compares the register and the money with need before
 *   the programme (Households.poor: market income below the line, or a house that is unsafe or was
 *   renovated by the programme), by household. The targeting errors are the mean of the last 12
 *   month-end values; the `...Now` metrics are this month's.
 * - Elite capture counts the yuan that reached households tied to cadres through a favour.
 * - Money metrics are cumulative from month 0; counts of exits are cumulative events.
 * - The passes over the households sum village by village (sumObservations), so that village
 *   ranges can run on threads (src/parallel); observe adds the villages' sums in village order.
 *   With village streams the Gini's bins are filled in two fixed ranges of villages (binIncomes),
 *   each into its own bins, added in range order: the same bins whatever thread runs which range.
 * - Benefit incidence and CGH use tenths of persons ranked by per-capita income before the
 *   programme just before month 0 (fixed, so that aid's own effect on incomes does not reorder them).
 */
import {
  PERSON_DECILES,
  cghByGroups,
  costPerExit,
  diversion,
  eliteCapture,
  exclusionError,
  FGT_SUMS,
  fgtProfileOfSums,
  fgtSums,
  binGiniValues,
  GINI_SUMS,
  giniBinLayout,
  giniOfBins,
  giniSums,
  type GiniBinLayout,
  groupShares,
  inclusionErrorNonPoor,
  inclusionErrorRegistered,
  leakage,
  mean,
  mergeGiniSums,
  ratio,
} from '../metrics/index.js';
import { poorByOwnMeans } from './economy.js';
import { PROGRAMMES, SOURCES, type ProgrammeName, type Source } from './ledger.js';
import {
  giniBinParts,
  giniPartCount,
  OBSERVATION_SUMS,
  PAPER_EXITED,
  POOR_AT_START,
  type MonthTally,
  type Township,
  type VillageColumns,
  type Villages,
} from './township.js';

export interface Governance {
  /** 1 - irregular register decisions (elite additions, pressured exits) / all register decisions. */
  ruleOfLaw: number | null;
  /** The register as villagers judge need at the last adjustment: 1 - the mean of its inclusion and exclusion errors by their own notion of poverty. */
  fairness: number | null;
  /** Mean policy awareness of households. */
  transparency: number | null;
  /** Share of poor applicants at the last adjustment who were registered. */
  responsiveness: number | null;
  /** Share of assistance received by households that came from enterprises, organisations and collectives. */
  participation: number | null;
  /** Share of households income-poor at month 0 that are not income-poor now. */
  effectiveness: number | null;
  /** Errors corrected (audits, challenges, reversed paper exits) / (corrected + still standing). */
  accountability: number | null;
  /** Mean cadre integrity, weighted by village households. */
  integrity: number | null;
}

export const GOVERNANCE_DIMENSIONS = [
  'ruleOfLaw',
  'fairness',
  'transparency',
  'responsiveness',
  'participation',
  'effectiveness',
  'accountability',
  'integrity',
] as const satisfies readonly (keyof Governance)[];

export interface Metrics {
  /** FGT P0: share of persons with per-capita income after assistance below the line. */
  headcount: number | null;
  /** FGT P1: mean normalised poverty gap, person-weighted. */
  povertyGap: number | null;
  /** FGT P2: mean squared normalised gap, person-weighted. */
  povertySeverity: number | null;
  /** Register exits of households no longer poor that were poor when registered (cumulative). */
  exits: number;
  /** Exited households that fell back into poverty (cumulative). */
  returnsToPoverty: number;
  /**
   * Register exits of still-poor households that stood (not reversed by evaluation; cumulative):
   * exits on a re-score at the annual review and exits declared under evaluation pressure.
   */
  paperExits: number;
  /** Of the paper exits, those declared under evaluation pressure to meet exit targets (cumulative). */
  pressuredExits: number;
  /** Registered non-poor / registered: mean of the last 12 month-end values. */
  inclusionErrorRegistered: number | null;
  /** Registered non-poor / non-poor (Alatas et al. 2012's inclusion error): mean of the last 12 month-end values. */
  inclusionErrorNonPoor: number | null;
  /** Poor not registered and not lifted out of poverty by what the programme gave them / poor: mean of the last 12 month-end values. */
  exclusionError: number | null;
  /** inclusionErrorRegistered at the end of this month. */
  inclusionErrorRegisteredNow: number | null;
  /** inclusionErrorNonPoor at the end of this month. */
  inclusionErrorNonPoorNow: number | null;
  /** exclusionError at the end of this month. */
  exclusionErrorNow: number | null;
  /** Targeted programmes' yuan received by non-poor households / targeted programmes' yuan received (cumulative). */
  leakage: number | null;
  /** All yuan received by non-poor households, untargeted public goods included / all yuan received (cumulative). */
  leakageAllAid: number | null;
  /** Untargeted public goods (infrastructure, collectives' spending for all villagers) / all yuan received (cumulative). */
  publicGoodsShare: number | null;
  /** Diverted yuan / yuan disbursed (to households plus diverted; cumulative). */
  diversion: number | null;
  /** Assistance received by households tied to cadres / the part of it they did not receive by favour (listing, appraisal bias, payout list): 1 = no capture (cumulative). */
  eliteCapture: number | null;
  /** Coady-Grosh-Hoddinott: benefit share of the poorest 40% of persons / their population share (cumulative). */
  cgh: number | null;
  /** The same for the poorest 20% of persons. */
  cghPoorest20: number | null;
  /** cgh of each source's assistance. */
  cghBySource: Record<Source, number | null>;
  /** cgh of each programme's assistance. */
  cghByProgramme: Record<ProgrammeName, number | null>;
  /** Gini of per-capita income after assistance, person-weighted. */
  gini: number | null;
  /** Yuan spent (budget minus unspent, plus verification costs not yet paid) per exit. */
  costPerExit: number | null;
  /** R-squared of the proxy-means formula on its survey at the last adjustment (the fit Hanna and Olken report); null unless the method is pmt or hybrid. */
  pmtR2: number | null;
  /** Share of all assistance received by each tenth of persons, by income before the programme just before month 0 (1 = poorest). */
  incidenceByDecile: number[] | null;
  governance: Governance;
  /** Registered households / households. */
  registeredShare: number | null;
  /** Poor (in need before the programme) households / households. */
  poorShare: number | null;
  /** R-squared of the identification method's score on true log income before the programme at the last adjustment. */
  scoreR2: number | null;
  /** Yuan received by households from all sources (cumulative). */
  assistanceReceived: number;
}

/** Who received one channel's money (a programme, a source, or all of it), cumulative. */
export interface ChannelIncidence {
  /** Yuan received by households. */
  received: number;
  /** Of it, yuan received by households not in need. */
  toNonPoor: number;
  /** Of it, yuan paid as untargeted public goods. */
  publicGoods: number;
  /** Leakage of the targeted part: (toNonPoor - public goods to non-poor) / (received - public goods). */
  leakage: number | null;
  /** Share received by each tenth of persons (poorest first), or null if nothing was received. */
  shares: number[] | null;
  /** CGH over the poorest 40% of persons, and over the poorest 20%. */
  cgh: number | null;
  cghPoorest20: number | null;
}

/** Benefit incidence of all assistance, of each source and of each programme. */
export interface IncidenceReport {
  /** Persons in each tenth (poorest first). */
  personsByDecile: number[];
  total: ChannelIncidence;
  bySource: Record<Source, ChannelIncidence>;
  byProgramme: Record<ProgrammeName, ChannelIncidence>;
}

/** Yuan by tenth of persons and the targeting totals of a set of programmes, summed from the ledger. */
function channel(t: Township, programmes: readonly number[]): ChannelIncidence {
  const ledger = t.ledger;
  const byDecile = new Array<number>(PERSON_DECILES).fill(0);
  let received = 0;
  let toNonPoor = 0;
  let publicGoods = 0;
  let publicToNonPoor = 0;
  for (const p of programmes) {
    received += ledger.paidByProgramme[p]!;
    toNonPoor += ledger.paidToNonPoorByProgramme[p]!;
    publicGoods += ledger.publicGoodsByProgramme[p]!;
    publicToNonPoor += ledger.publicGoodsToNonPoorByProgramme[p]!;
    for (let g = 0; g < PERSON_DECILES; g += 1) byDecile[g]! += ledger.paidByProgrammeDecile[p * PERSON_DECILES + g]!;
  }
  // Clamped: differences of sums of the same yuan can fall a rounding error below zero.
  const targeted = Math.max(0, received - publicGoods);
  const targetedToNonPoor = Math.min(targeted, Math.max(0, toNonPoor - publicToNonPoor));
  return {
    received,
    toNonPoor,
    publicGoods,
    leakage: leakage(targetedToNonPoor, targeted),
    shares: groupShares(byDecile),
    cgh: cghByGroups(byDecile, t.decilePersons, 4),
    cghPoorest20: cghByGroups(byDecile, t.decilePersons, 2),
  };
}

const ALL_PROGRAMMES = PROGRAMMES.map((_, p) => p);
const PROGRAMMES_OF_SOURCE = SOURCES.map((_, s) => PROGRAMMES.flatMap((p, k) => (p.source === s ? [k] : [])));

/** Incidence of all assistance so far, of each source and of each programme. */
export function incidenceReport(t: Township): IncidenceReport {
  const bySource = {} as Record<Source, ChannelIncidence>;
  SOURCES.forEach((name, s) => {
    bySource[name] = channel(t, PROGRAMMES_OF_SOURCE[s]!);
  });
  const byProgramme = {} as Record<ProgrammeName, ChannelIncidence>;
  PROGRAMMES.forEach((p, k) => {
    byProgramme[p.name] = channel(t, [k]);
  });
  return { personsByDecile: Array.from(t.decilePersons), total: channel(t, ALL_PROGRAMMES), bySource, byProgramme };
}

// Where a village's sums lie among its OBSERVATION_SUMS numbers of `villages.observationSums`: five
// household counts (what the metrics need that is neither in the month's tally nor in the ledger),
// then fgtSums' four (from FGT_AT), then giniSums' four (from GINI_AT).
/** Yuan received by households tied to cadres (elite capture). */
const BENEFIT_TO_TIED = 0;
/** Sum of households' policy awareness (transparency). */
const AWARENESS = 1;
/** Households income-poor at month 0, and of them those not income-poor now (effectiveness). */
const POOR_AT_START_COUNT = 2;
const POOR_AT_START_OUT = 3;
/** Paper exits still standing: exited while poor, off the register, still poor by their own means (accountability). */
const PAPER_EXITS_STANDING = 4;
const FGT_AT = 5;
const GINI_AT = FGT_AT + FGT_SUMS;
if (GINI_AT + GINI_SUMS !== OBSERVATION_SUMS) throw new Error('observe.ts: the village sums do not fill OBSERVATION_SUMS (township.ts)');

/**
 * The observation's sums over the households of villages [from, to), into each village's numbers
 * of `t.villages.observationSums` (see BENEFIT_TO_TIED ... GINI_AT). Reads only the parameters and
 * the household and village columns, and writes only the villages' own numbers, so village ranges
 * can be summed on several threads; observe adds the villages' sums in village order, so the
 * metrics are the same whatever the ranges.
 *
 * @throws {RangeError} on a NaN or infinite income (from fgtSums or giniSums, naming the household).
 */
export function sumObservations(t: VillageColumns, from: number, to: number): void {
  const h = t.households;
  const vil = t.villages;
  const line = t.params.township.povertyLine;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= vil.count)) {
    throw new RangeError(`sumObservations: villages [${from}, ${to}) are not within [0, ${vil.count})`);
  }
  const sums = vil.observationSums;
  for (let v = from; v < to; v += 1) {
    const first = vil.start[v]!;
    const end = vil.start[v + 1]!;
    const at = OBSERVATION_SUMS * v;
    countHouseholds(t, first, end, sums, at);
    // Persons per household weight the poverty measures (a Uint8Array: always whole and >= 0).
    fgtSums(h.income, h.size, line, first, end, sums, at + FGT_AT);
    giniSums(h.income, h.size, first, end, sums, at + GINI_AT);
  }
}

/**
 * The household counts of households [first, end) into out[at + BENEFIT_TO_TIED ...
 * at + PAPER_EXITS_STANDING]. Its own function so that the loop is compiled on its own.
 */
function countHouseholds(t: VillageColumns, first: number, end: number, out: Float64Array, at: number): void {
  const h = t.households;
  const line = t.params.township.povertyLine;
  let benefitToTied = 0;
  let awareness = 0;
  let poorAtStart = 0;
  let poorAtStartOut = 0;
  let paperStanding = 0;
  const [gov, ent, soc, col] = h.received;
  const registeredColumn = h.registered;
  const connectedColumn = h.connected;
  const awarenessColumn = h.awareness;
  const historyColumn = h.history;
  const income = h.income;
  for (let i = first; i < end; i += 1) {
    if (connectedColumn[i]) benefitToTied += gov[i]! + ent[i]! + soc[i]! + col[i]!;
    awareness += awarenessColumn[i]!;
    const history = historyColumn[i]!;
    if (history & POOR_AT_START) {
      poorAtStart += 1;
      if (income[i]! >= line) poorAtStartOut += 1;
    }
    if (history & PAPER_EXITED && registeredColumn[i] === 0 && poorByOwnMeans(t, i)) paperStanding += 1;
  }
  out[at + BENEFIT_TO_TIED] = benefitToTied;
  out[at + AWARENESS] = awareness;
  out[at + POOR_AT_START_COUNT] = poorAtStart;
  out[at + POOR_AT_START_OUT] = poorAtStartOut;
  out[at + PAPER_EXITS_STANDING] = paperStanding;
}

/**
 * The township's sums: the villages' added in village order (v = 0, 1, ...), so that they do not
 * depend on which ranges of villages were summed where. There is at least one village.
 */
function townshipSums(vil: Villages): Float64Array {
  const sums = vil.observationSums;
  const total = sums.slice(0, OBSERVATION_SUMS);
  for (let v = 1; v < vil.count; v += 1) {
    const at = OBSERVATION_SUMS * v;
    for (let k = 0; k < GINI_AT; k += 1) total[k] += sums[at + k]!;
    mergeGiniSums(total, GINI_AT, sums, at + GINI_AT);
  }
  return total;
}

/**
 * The observation's passes over the households, village by village: in this thread
 * ({@link observationInThread}) or on village threads (src/parallel), with the same results.
 */
export interface ObservationPasses {
  /** sumObservations over every village. */
  sumObservations(): void;
  /** binIncomes for every part of the Gini's bins (giniVillageRanges), by `layout`. */
  binIncomes(layout: GiniBinLayout): void;
}

/** The observation's passes in this thread. */
export function observationInThread(t: Township): ObservationPasses {
  return {
    sumObservations: () => sumObservations(t, 0, t.villages.count),
    binIncomes: (layout) => {
      const parts = giniVillageRanges(t).length;
      for (let part = 0; part < parts; part += 1) binIncomes(t, part, layout, t.scratch.giniBins);
    },
  };
}

/**
 * The ranges of villages whose incomes go into separate bins of the Gini (binIncomes): giniPartCount
 * ranges (two with village streams, one with the township stream) of about equal households, fewer
 * if there are fewer villages. They depend only on the parameters and the villages, so the bins,
 * added in range order, are the same whatever thread runs which range.
 *
 * @example
 * // village streams, villages of 10 households with start [0, 10, 20, 30, 40]:
 * giniVillageRanges(t); // => [[0, 2], [2, 4]]
 */
export function giniVillageRanges(t: Pick<VillageColumns, 'params' | 'villages'>): Array<[number, number]> {
  const vil = t.villages;
  const parts = Math.min(giniPartCount(t.params), vil.count);
  const households = vil.start[vil.count]!;
  const bounds = [0];
  for (let k = 1; k < parts; k += 1) {
    let v = bounds[k - 1]! + 1;
    while (v < vil.count - (parts - k) && vil.start[v]! < (k * households) / parts) v += 1;
    bounds.push(v);
  }
  bounds.push(vil.count);
  return bounds.slice(0, -1).map((from, k): [number, number] => [from, bounds[k + 1]!]);
}

/**
 * Bins the per-capita incomes (person-weighted) of the households of range `part` of giniVillageRanges
 * into that part's bins of `giniBins` (Scratch.giniBins), by `layout`. Reads only the household
 * columns and writes only the part's bins, so parts can be binned on different threads.
 */
export function binIncomes(t: VillageColumns, part: number, layout: GiniBinLayout, giniBins: Float64Array): void {
  const h = t.households;
  const vil = t.villages;
  const range = giniVillageRanges(t)[part];
  if (range === undefined) throw new RangeError(`binIncomes: no part ${part} of the Gini's bins`);
  const bins = giniBinParts(giniBins, giniPartCount(t.params))[part]!;
  binGiniValues(h.income, h.size, vil.start[range[0]]!, vil.start[range[1]]!, layout, bins);
}

/** The three targeting errors of one month's tally. */
function targetingErrors(m: MonthTally): [number | null, number | null, number | null] {
  return [
    inclusionErrorRegistered(m.registeredNonPoor, m.registered),
    inclusionErrorNonPoor(m.registeredNonPoor, m.households - m.poor),
    exclusionError(m.poorNotRegistered, m.poor),
  ];
}

/** Mean of the defined values, or null if none is. */
function meanDefined(values: readonly (number | null)[]): number | null {
  return mean(values.filter((v): v is number => v !== null));
}

/**
 * The metrics of the township now. The last entry of `t.tallies` must be this month's (the model
 * tallies at the end of every step). The Gini's bins live in `t.scratch`.
 *
 * @param passes - the passes over the households (the model's village passes, on threads or not);
 *   by default they run here.
 */
export function observe(t: Township, passes: ObservationPasses = observationInThread(t)): Metrics {
  const h = t.households;
  const n = h.count;
  const c = t.counters;
  passes.sumObservations();
  const sums = townshipSums(t.villages);
  const benefitToTied = sums[BENEFIT_TO_TIED]!;
  const now = t.tallies[t.tallies.length - 1];
  if (now === undefined) throw new Error('observe: the month has not been tallied');
  const yearly = t.tallies.map(targetingErrors);
  const [inclusionNow, inclusionNonPoorNow, exclusionNow] = targetingErrors(now);
  const inclusionYear = meanDefined(yearly.map((e) => e[0]));
  const exclusionYear = meanDefined(yearly.map((e) => e[2]));

  const ledger = t.ledger;
  let diverted = 0;
  let budget = 0;
  let unspent = 0;
  for (let s = 0; s < SOURCES.length; s += 1) {
    diverted += ledger.diverted[s]!;
    budget += ledger.budget[s]!;
    unspent += ledger.unspent(s);
  }
  const incidence = incidenceReport(t);
  const received = incidence.total.received;
  const government = incidence.bySource.government.received;
  // Clamped: the difference of two sums of the same yuan can fall a rounding error below zero.
  const nonGovernment = Math.max(0, received - government);

  const paperExits = c.paperExitsDeclared - c.paperExitsReversed;
  const decisions = c.entries + c.exits + c.correctedAtReview + c.paperExitsDeclared;
  const corrected = c.removedByAudit + c.removedByChallenge + c.paperExitsReversed;
  const villagersError = meanDefined([
    inclusionErrorRegistered(c.villagersDisputedEntries, c.villagersRegistered),
    exclusionError(c.villagersNeedyExcluded, c.villagersNeedy),
  ]);

  let integrityWeighted = 0;
  const vil = t.villages;
  for (let v = 0; v < vil.count; v += 1) integrityWeighted += vil.integrity[v]! * (vil.start[v + 1]! - vil.start[v]!);

  const poverty = fgtProfileOfSums(sums, FGT_AT);
  const gini = incomeGini(t, passes, sums);
  const cghBySource = {} as Record<Source, number | null>;
  for (const source of SOURCES) cghBySource[source] = incidence.bySource[source].cgh;
  const cghByProgramme = {} as Record<ProgrammeName, number | null>;
  for (const p of PROGRAMMES) cghByProgramme[p.name] = incidence.byProgramme[p.name].cgh;

  return {
    headcount: poverty.headcount,
    povertyGap: poverty.povertyGap,
    povertySeverity: poverty.povertySeverity,
    exits: c.exits,
    returnsToPoverty: c.returnsToPoverty,
    paperExits,
    pressuredExits: c.pressuredExits - c.pressuredExitsReversed,
    inclusionErrorRegistered: inclusionYear,
    inclusionErrorNonPoor: meanDefined(yearly.map((e) => e[1])),
    exclusionError: exclusionYear,
    inclusionErrorRegisteredNow: inclusionNow,
    inclusionErrorNonPoorNow: inclusionNonPoorNow,
    exclusionErrorNow: exclusionNow,
    leakage: incidence.total.leakage,
    leakageAllAid: leakage(Math.min(received, incidence.total.toNonPoor), received),
    publicGoodsShare: ratio(incidence.total.publicGoods, received),
    diversion: diversion(diverted, received + diverted),
    eliteCapture: eliteCapture(benefitToTied, Math.min(benefitToTied, ledger.byFavour)),
    cgh: incidence.total.cgh,
    cghPoorest20: incidence.total.cghPoorest20,
    cghBySource,
    cghByProgramme,
    gini,
    costPerExit: costPerExit(budget - unspent + t.pendingVerificationCost, c.exits),
    pmtR2: c.pmtR2,
    incidenceByDecile: incidence.total.shares,
    governance: {
      ruleOfLaw: decisions > 0 ? 1 - (c.eliteAdditions + c.pressuredExits) / decisions : null,
      fairness: villagersError === null ? null : 1 - villagersError,
      transparency: ratio(sums[AWARENESS]!, n),
      responsiveness: ratio(c.poorApplicantsRegistered, c.poorApplicants),
      participation: ratio(nonGovernment, received),
      effectiveness: ratio(sums[POOR_AT_START_OUT]!, sums[POOR_AT_START_COUNT]!),
      accountability: ratio(corrected, corrected + now.registeredNonPoor + sums[PAPER_EXITS_STANDING]!),
      integrity: ratio(integrityWeighted, n),
    },
    registeredShare: ratio(now.registered, n),
    poorShare: ratio(now.poor, n),
    scoreR2: c.scoreR2,
    assistanceReceived: received,
  };
}

/**
 * The Gini of per-capita income, person-weighted, from the township's sums: binned rather than
 * ranked (issue 14; the bound is in giniBinned's doc and tests/metrics/gini-binned.test.ts). The
 * second pass bins the incomes part by part (binIncomes), and the parts' bins are added in order.
 */
function incomeGini(t: Township, passes: ObservationPasses, sums: Float64Array): number | null {
  const parts = giniBinParts(t.scratch.giniBins, giniPartCount(t.params));
  const layout = giniBinLayout(sums, GINI_AT, parts[0]!.length >>> 1);
  if (layout === null) return null;
  passes.binIncomes(layout);
  return giniOfBins(parts.slice(0, giniVillageRanges(t).length), sums, GINI_AT);
}

/** Marks households income-poor now (after assistance) as poor at start. Call once, at month 0. */
export function markPoorAtStart(t: Township): void {
  const h = t.households;
  const line = t.params.township.povertyLine;
  for (let i = 0; i < h.count; i += 1) if (h.income[i]! < line) h.history[i] = h.history[i]! | POOR_AT_START;
}
