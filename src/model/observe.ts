/**
 * Process 6, observation: the metrics of the township at the end of a month. Each metric is a
 * small function in src/metrics; this module only counts what they need in the model's state.
 *
 * Conventions (see docs/model.md, "Observation"):
 * - Poverty (headcount, gap, severity, Gini) is measured on per-capita income after assistance,
 *   person-weighted.
 * - Targeting (inclusion, exclusion, coverage, leakage) compares the register with the true
 *   status "poor before assistance" (Households.poor), by household.
 * - Money metrics are cumulative from month 0; counts of exits are cumulative events.
 * - Benefit incidence and CGH rank households by per-capita income before assistance just before
 *   month 0 (fixed, so that aid's own effect on incomes does not reorder the deciles).
 */
import {
  cghSorted,
  costPerExit,
  diversion,
  eliteCapture,
  exclusionError,
  fgtProfile,
  giniSorted,
  inclusionError,
  incidenceByDecileSorted,
  leakage,
  nonPoorCoverage,
  rankOrder,
  ratio,
} from '../metrics/index.js';
import { SOURCES } from './ledger.js';
import { PAPER_EXITED, POOR_AT_START, type Township } from './township.js';

export interface Governance {
  /** 1 - irregular register decisions (elite additions, pressured exits) / all register decisions. */
  ruleOfLaw: number | null;
  /** 1 - the mean of inclusion and exclusion error. */
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
   * exits on a noisy re-score and exits declared under evaluation pressure.
   */
  paperExits: number;
  /** Of the paper exits, those declared under evaluation pressure to meet exit targets (cumulative). */
  pressuredExits: number;
  /** Registered non-poor / registered. */
  inclusionError: number | null;
  /** Poor not registered / poor. */
  exclusionError: number | null;
  /** Registered non-poor / non-poor. */
  nonPoorCoverage: number | null;
  /** Assistance yuan to non-poor households / assistance yuan to all households (cumulative). */
  leakage: number | null;
  /** Diverted yuan / yuan disbursed (to households plus diverted; cumulative). */
  diversion: number | null;
  /** Benefit share of households tied to cadres / their share of households. */
  eliteCapture: number | null;
  /** Coady-Grosh-Hoddinott: benefit share of the poorest 20% (by income before assistance just before month 0) / 0.2. */
  cgh: number | null;
  /** Gini of per-capita income after assistance, person-weighted. */
  gini: number | null;
  /** Yuan spent (budget minus unspent, plus verification costs not yet paid) per exit. */
  costPerExit: number | null;
  /** R-squared of the proxy means test at the last adjustment that used it. */
  pmtR2: number | null;
  /** Share of all assistance received by each decile of income before assistance just before month 0 (1 = poorest). */
  incidenceByDecile: number[] | null;
  governance: Governance;
  /** Registered households / households. */
  registeredShare: number | null;
  /** Poor (before assistance) households / households. */
  poorShare: number | null;
  /** R-squared of the identification method's score on true log income at the last adjustment. */
  scoreR2: number | null;
  /** Yuan received by households from all sources (cumulative). */
  assistanceReceived: number;
}

/** What observe counts in its pass over the households. */
interface HouseholdCounts {
  registered: number;
  registeredNonPoor: number;
  poor: number;
  poorNotRegistered: number;
  connected: number;
  benefitConnected: number;
  benefitTotal: number;
  awareness: number;
  poorAtStart: number;
  poorAtStartOut: number;
  paperStanding: number;
}

/**
 * One pass over the households: counts and sums for the metrics, and each household's benefit
 * (yuan received from all sources) into `t.scratch.values`. Its own function so that the loop is
 * compiled on its own, not inside the large observe.
 */
function countHouseholds(t: Township): HouseholdCounts {
  const h = t.households;
  const n = h.count;
  const line = t.params.township.povertyLine;
  let registered = 0;
  let registeredNonPoor = 0;
  let poor = 0;
  let poorNotRegistered = 0;
  let connected = 0;
  let benefitConnected = 0;
  let benefitTotal = 0;
  let awareness = 0;
  let poorAtStart = 0;
  let poorAtStartOut = 0;
  let paperStanding = 0;
  const benefit = t.scratch.values;
  const [gov, ent, soc, col] = h.received;
  const poorColumn = h.poor;
  const registeredColumn = h.registered;
  const connectedColumn = h.connected;
  const awarenessColumn = h.awareness;
  const historyColumn = h.history;
  const income = h.income;
  for (let i = 0; i < n; i += 1) {
    const isPoor = poorColumn[i] === 1;
    const isRegistered = registeredColumn[i] === 1;
    if (isRegistered) {
      registered += 1;
      if (!isPoor) registeredNonPoor += 1;
    }
    if (isPoor) {
      poor += 1;
      if (!isRegistered) poorNotRegistered += 1;
    }
    const b = gov[i]! + ent[i]! + soc[i]! + col[i]!;
    benefit[i] = b;
    benefitTotal += b;
    if (connectedColumn[i]) {
      connected += 1;
      benefitConnected += b;
    }
    awareness += awarenessColumn[i]!;
    const history = historyColumn[i]!;
    if (history & POOR_AT_START) {
      poorAtStart += 1;
      if (income[i]! >= line) poorAtStartOut += 1;
    }
    if (history & PAPER_EXITED && isPoor && !isRegistered) paperStanding += 1;
  }
  return { registered, registeredNonPoor, poor, poorNotRegistered, connected, benefitConnected, benefitTotal, awareness, poorAtStart, poorAtStartOut, paperStanding };
}

/**
 * The metrics of the township now. Allocation-free but for the returned objects: the benefit per
 * household and the income orders live in `t.scratch`, reused every month.
 */
export function observe(t: Township): Metrics {
  const h = t.households;
  const n = h.count;
  const line = t.params.township.povertyLine;
  const c = t.counters;
  const {
    registered,
    registeredNonPoor,
    poor,
    poorNotRegistered,
    connected,
    benefitConnected,
    benefitTotal,
    awareness,
    poorAtStart,
    poorAtStartOut,
    paperStanding,
  } = countHouseholds(t);
  const benefit = t.scratch.values;

  const ledger = t.ledger;
  let toPoor = 0;
  let toNonPoor = 0;
  let diverted = 0;
  let budget = 0;
  let unspent = 0;
  for (let s = 0; s < SOURCES.length; s += 1) {
    toPoor += ledger.toPoor[s]!;
    toNonPoor += ledger.toNonPoor[s]!;
    diverted += ledger.diverted[s]!;
    budget += ledger.budget[s]!;
    unspent += ledger.unspent(s);
  }
  const received = toPoor + toNonPoor;
  // Clamped: the difference of two sums of the same yuan can fall a rounding error below zero.
  const nonGovernment = Math.max(0, received - ledger.toPoor[0]! - ledger.toNonPoor[0]!);

  const inclusion = inclusionError(registeredNonPoor, registered);
  const exclusion = exclusionError(poorNotRegistered, poor);
  const paperExits = c.paperExitsDeclared - c.paperExitsReversed;
  const decisions = c.entries + c.exits + c.correctedAtReview + c.paperExitsDeclared;
  const corrected = c.removedByAudit + c.removedByChallenge + c.paperExitsReversed;
  const errorsKnown = [inclusion, exclusion].filter((x): x is number => x !== null);

  let integrityWeighted = 0;
  const vil = t.villages;
  for (let v = 0; v < vil.count; v += 1) integrityWeighted += vil.integrity[v]! * (vil.start[v + 1]! - vil.start[v]!);

  const poverty = fgtProfile(h.income, h.size, line);
  const gini = giniSorted(rankOrder(h.income, t.scratch.rank), h.income, h.size);
  const byBaselineIncome = t.baselineOrder;

  return {
    headcount: poverty.headcount,
    povertyGap: poverty.povertyGap,
    povertySeverity: poverty.povertySeverity,
    exits: c.exits,
    returnsToPoverty: c.returnsToPoverty,
    paperExits,
    pressuredExits: c.pressuredExits - c.pressuredExitsReversed,
    inclusionError: inclusion,
    exclusionError: exclusion,
    nonPoorCoverage: nonPoorCoverage(registeredNonPoor, n - poor),
    leakage: leakage(toNonPoor, received),
    diversion: diversion(diverted, received + diverted),
    eliteCapture: eliteCapture(benefitConnected, benefitTotal, connected, n),
    cgh: cghSorted(byBaselineIncome, benefit, 0.2),
    gini,
    costPerExit: costPerExit(budget - unspent + t.pendingVerificationCost, c.exits),
    pmtR2: c.pmtR2,
    incidenceByDecile: incidenceByDecileSorted(byBaselineIncome, benefit),
    governance: {
      ruleOfLaw: decisions > 0 ? 1 - (c.eliteAdditions + c.pressuredExits) / decisions : null,
      fairness: errorsKnown.length > 0 ? 1 - errorsKnown.reduce((a, b) => a + b, 0) / errorsKnown.length : null,
      transparency: ratio(awareness, n),
      responsiveness: ratio(c.poorApplicantsRegistered, c.poorApplicants),
      participation: ratio(nonGovernment, received),
      effectiveness: ratio(poorAtStartOut, poorAtStart),
      accountability: ratio(corrected, corrected + registeredNonPoor + paperStanding),
      integrity: ratio(integrityWeighted, n),
    },
    registeredShare: ratio(registered, n),
    poorShare: ratio(poor, n),
    scoreR2: c.scoreR2,
    assistanceReceived: received,
  };
}

/** Marks households income-poor now (after assistance) as poor at start. Call once, at month 0. */
export function markPoorAtStart(t: Township): void {
  const h = t.households;
  const line = t.params.township.povertyLine;
  for (let i = 0; i < h.count; i += 1) if (h.income[i]! < line) h.history[i] = h.history[i]! | POOR_AT_START;
}
