/**
 * Process 3, identification: the annual "dynamic adjustment" of the register (months 0, 12, ...).
 *
 * The initial registration happens before month 0 (`month` = -1); later adjustments close each
 * year (months 11, 23, ...) and take effect for the next year.
 *
 * 1. Households apply, with a probability that rises with awareness and falls with stigma
 *    (unless `applicationRequired` is false, when every household is considered).
 * 2. Officials score applicants and registered households by the configured method; a score is an
 *    estimate of log per-capita income before assistance. An unsafe house is visible to everyone:
 *    with the housing floor on, its household scores as poor.
 * 3. Review: registered households scored above the threshold leave the register.
 * 4. Paper exits: under evaluation by exit counts, villages short of their exit target declare more
 *    exits, closest to the line first, each with probability pressure x (1 - integrity).
 *    Third-party evaluation catches each exit of a still-poor household with its probability.
 * 5. Elite additions: cadres add households tied to them with probability
 *    (1 - integrity) x listingFavouritism; under a quota they use up places.
 * 6. Selection: the lowest-scored applicants fill the village quota, or every applicant scored
 *    below the threshold is registered.
 * 7. Public posting: in villages that post the list, each wrongly registered household is
 *    challenged with probability challengeProbability x the village's mean awareness, and removed
 *    with probability correctionProbability.
 *
 * Draw discipline: every household draws the same nine values every round, whatever the method,
 * and the survey for the proxy means test is drawn every round.
 */
import type { RandomStream } from '../engine/rng.js';
import { rSquared } from '../metrics/index.js';
import { drawSurvey, estimatePmt, logIncome, pmtScratch, predictPmt } from './pmt.js';
import { updateVillageAwareness } from './information.js';
import {
  ELITE_ADDED,
  ENTERED_POOR,
  EVER_REGISTERED,
  EXITED_OUT_OF_POVERTY,
  PAPER_EXITED,
  type Township,
} from './township.js';

const LATER_DRAWS = 5;
const ELITE = 0;
const CHALLENGE = 1;
const CORRECTION = 2;
const PRESSURE_DRAW = 3;
const EVALUATION = 4;
const REVIEW = 0;
const PRESSURE = 1;

export interface IdentificationRound {
  /** Households that applied this round (not counting those already registered). */
  applicants: number;
  /** Households scored (applicants plus registered households under review). */
  scored: number;
}

/**
 * One register adjustment. Households are drawn and scored village by village, and each village's
 * register is adjusted right after its households are scored: the draws come in the same order as
 * in one pass over all households (nothing in the adjustment draws), and a village's adjustment
 * reads only its own households, so this is the same as scoring everyone first. Scratch memory is
 * per village, except the two score columns the R-squared needs, which live in the township's
 * scratch (free at the year's end).
 */
export function identify(t: Township, month: number, rng: RandomStream): IdentificationRound {
  const h = t.households;
  const vil = t.villages;
  const n = h.count;
  const id = t.params.identification;
  const line = t.params.township.povertyLine;
  const threshold = Math.log(line * id.thresholdMultiple);
  const housingFloor = t.params.township.housingFloor;
  const counters = t.counters;

  // The survey is drawn every round; the formula is fitted and applied only where a score uses it
  // (pmt, hybrid): under community or verification methods its score feeds nothing.
  const usesPmt = id.method === 'pmt' || id.method === 'hybrid';
  const survey = drawSurvey(h, rng);
  const coefficients = usesPmt ? estimatePmt(h, survey) : null;
  // True log income and PMT score of every household, for the R-squared (Float32: two of them in
  // the scratch's 8 bytes per household).
  const scratchBytes = t.scratch.values.buffer;
  const trueLog = new Float32Array(scratchBytes, t.scratch.values.byteOffset, n);
  const pmtScore = new Float32Array(scratchBytes, t.scratch.values.byteOffset + 4 * n, n);
  // Per village (indexed from the village's first household): uniforms used after scoring (elite
  // addition, challenge, correction, pressure, third-party evaluation), community scores,
  // candidacy (1 registered, under review; 2 applicant) and exits this round.
  let largestVillage = 0;
  for (let v = 0; v < vil.count; v += 1) largestVillage = Math.max(largestVillage, vil.start[v + 1]! - vil.start[v]!);
  const later = new Float32Array(largestVillage * LATER_DRAWS);
  const communityScore = new Float32Array(largestVillage);
  const candidate = new Uint8Array(largestVillage);
  const exitedNow = new Uint8Array(largestVillage);
  const scratch = pmtScratch();
  const normals = new Float64Array(3);
  const applyBase = id.applicationBase;
  const notStigmatised = 1 - id.stigma;
  let applicants = 0;
  let poorApplicants = 0;
  let scored = 0;
  let poorApplicantsRegistered = 0;

  updateVillageAwareness(t);
  const { exitTarget, evaluationPressure, cadreEvaluation } = t.params.incentives;
  // No exit pressure at the initial registration (month -1, before the first month).
  const pressure = month >= 0 && cadreEvaluation === 'exitCounts' ? evaluationPressure : 0;
  const buffer: number[] = [];
  let start = 0;

  const removeForExit = (i: number, reason: number): void => {
    h.registered[i] = 0;
    exitedNow[i - start] = 1;
    if (h.poor[i]) {
      counters.paperExitsDeclared += 1;
      if (reason === PRESSURE) counters.pressuredExits += 1;
      if (later[(i - start) * LATER_DRAWS + EVALUATION]! < t.params.supervision.thirdPartyEvaluation) {
        h.registered[i] = 1;
        exitedNow[i - start] = 0;
        counters.paperExitsReversed += 1;
        if (reason === PRESSURE) counters.pressuredExitsReversed += 1;
      } else {
        h.history[i] = h.history[i]! | PAPER_EXITED;
      }
    } else if (h.history[i]! & ENTERED_POOR) {
      counters.exits += 1;
      h.history[i] = h.history[i]! | EXITED_OUT_OF_POVERTY;
    } else {
      counters.correctedAtReview += 1;
    }
  };
  const register = (i: number, elite: boolean): void => {
    h.registered[i] = 1;
    h.registeredMonth[i] = month;
    h.history[i] = (h.history[i]! & ~ENTERED_POOR) | EVER_REGISTERED | (elite ? ELITE_ADDED : 0) | (h.poor[i] ? ENTERED_POOR : 0);
    counters.entries += 1;
    if (!h.poor[i]) counters.wrongEntries += 1;
    if (elite) counters.eliteAdditions += 1;
  };

  for (let v = 0; v < vil.count; v += 1) {
    start = vil.start[v]!;
    const end = vil.start[v + 1]!;
    const dishonesty = 1 - vil.integrity[v]!;

    // --- draws and scores ---------------------------------------------------------------
    for (let i = start; i < end; i += 1) {
      const local = i - start;
      const uApply = rng.uniform();
      // The three normals (PMT, community, verification noise) from one call site, so that V8
      // inlines the draw (three call sites exhaust its inlining budget, and every draw that is
      // not inlined returns its double boxed on the heap).
      for (let q = 0; q < 3; q += 1) normals[q] = rng.normal();
      const zPmt = normals[0]!;
      const zCommunity = normals[1]!;
      const zVerification = normals[2]!;
      const k = local * LATER_DRAWS;
      for (let d = 0; d < LATER_DRAWS; d += 1) later[k + d] = rng.uniform();

      const truth = logIncome(h.marketIncome[i]!);
      trueLog[i] = truth;
      const pmt = coefficients === null ? 0 : predictPmt(h, i, coefficients, scratch) + id.pmtNoise * zPmt;
      const community = truth + id.communityNoise * zCommunity - id.communityTieBias * h.connected[i]!;
      pmtScore[i] = pmt;
      communityScore[local] = community;
      let score: number;
      switch (id.method) {
        case 'pmt':
          score = pmt;
          break;
        case 'community':
          score = community;
          break;
        case 'hybrid':
          score = Math.max(pmt, community);
          break;
        case 'verification':
          score = truth + id.verificationNoise * zVerification;
          break;
      }
      if (housingFloor && h.unsafeHousing[i] === 1) score = Math.min(score, threshold - 1);
      h.score[i] = score;

      exitedNow[local] = 0;
      candidate[local] = 0;
      if (h.registered[i]) {
        candidate[local] = 1;
      } else {
        const applyProbability = id.applicationRequired
          ? (applyBase + (1 - applyBase) * h.awareness[i]!) * notStigmatised
          : 1;
        if (uApply < applyProbability) {
          candidate[local] = 2;
          applicants += 1;
          if (h.poor[i]) poorApplicants += 1;
        }
      }
      if (candidate[local]) scored += 1;
    }

    // --- the register of this village ----------------------------------------------------
    // Review of registered households.
    let registeredBefore = 0;
    let reviewExits = 0;
    for (let i = start; i < end; i += 1) {
      if (!h.registered[i]) continue;
      registeredBefore += 1;
      if (id.exitReview && h.score[i]! > threshold) {
        removeForExit(i, REVIEW);
        if (!h.registered[i]) reviewExits += 1; // not reversed by third-party evaluation
      }
    }

    // Paper exits to meet the exit target, closest to the line first.
    const shortfall = Math.round(exitTarget * registeredBefore) - reviewExits;
    if (pressure > 0 && shortfall > 0) {
      buffer.length = 0;
      for (let i = start; i < end; i += 1) if (h.registered[i]) buffer.push(i);
      buffer.sort((a, b) => h.score[b]! - h.score[a]! || a - b);
      let declared = 0;
      for (const i of buffer) {
        if (declared >= shortfall) break;
        if (later[(i - start) * LATER_DRAWS + PRESSURE_DRAW]! < pressure * dishonesty) {
          removeForExit(i, PRESSURE);
          if (!h.registered[i]) declared += 1; // not reversed by third-party evaluation
        }
      }
    }

    // Cadres add households tied to them.
    const favouritism = dishonesty * t.params.cadres.listingFavouritism;
    let registeredNow = 0;
    for (let i = start; i < end; i += 1) {
      if (!h.registered[i] && !exitedNow[i - start] && h.connected[i] && later[(i - start) * LATER_DRAWS + ELITE]! < favouritism) {
        register(i, true);
      }
      if (h.registered[i]) registeredNow += 1;
    }

    // Selection of applicants.
    if (id.selection === 'quota') {
      const places = Math.max(0, Math.floor(id.quota * (end - start) + 1e-9) - registeredNow);
      if (places > 0) {
        buffer.length = 0;
        for (let i = start; i < end; i += 1) if (candidate[i - start] === 2 && !h.registered[i]) buffer.push(i);
        let chosen: number[];
        if (id.method === 'hybrid') {
          // An unsafe house is visible to neighbours and officials alike: it heads both rankings.
          const visiblyPoor = (i: number): boolean => housingFloor && h.unsafeHousing[i] === 1;
          const communityKey = (i: number): number => (visiblyPoor(i) ? -Infinity : communityScore[i - start]!);
          const pmtKey = (i: number): number => (visiblyPoor(i) ? -Infinity : pmtScore[i]!);
          const ascending = (key: (i: number) => number) => (a: number, b: number): number => {
            const ka = key(a);
            const kb = key(b);
            return ka < kb ? -1 : ka > kb ? 1 : a - b;
          };
          buffer.sort(ascending(communityKey));
          const shortlist = buffer.slice(0, Math.ceil(id.shortlistFactor * places));
          shortlist.sort(ascending(pmtKey));
          chosen = shortlist.slice(0, places);
        } else {
          buffer.sort((a, b) => h.score[a]! - h.score[b]! || a - b);
          chosen = buffer.slice(0, places);
        }
        for (const i of chosen) register(i, false);
      }
    } else {
      for (let i = start; i < end; i += 1) {
        if (candidate[i - start] === 2 && !h.registered[i] && h.score[i]! < threshold) register(i, false);
      }
    }

    // Public posting: neighbours challenge wrong entries.
    if (vil.posting[v]) {
      const challenge = t.params.disclosure.challengeProbability * vil.meanAwareness[v]!;
      const correction = t.params.disclosure.correctionProbability;
      for (let i = start; i < end; i += 1) {
        const k = (i - start) * LATER_DRAWS;
        if (h.registered[i] && !h.poor[i] && later[k + CHALLENGE]! < challenge && later[k + CORRECTION]! < correction) {
          h.registered[i] = 0;
          counters.removedByChallenge += 1;
        }
      }
    }

    for (let i = start; i < end; i += 1) if (candidate[i - start] === 2 && h.poor[i] && h.registered[i]) poorApplicantsRegistered += 1;
  }

  counters.scored += scored;
  counters.pmtR2 = usesPmt ? rSquared(pmtScore, trueLog) : null;
  counters.scoreR2 = rSquared(h.score, trueLog);
  if (id.method === 'verification') t.pendingVerificationCost += scored * id.verificationCost;
  counters.poorApplicants = poorApplicants;
  counters.poorApplicantsRegistered = poorApplicantsRegistered;
  return { applicants, scored };
}
