/**
 * Process 3, identification: the annual "dynamic adjustment" of the register.
 *
 * The initial registration happens before month 0 (`month` = -1); later adjustments close each
 * year (months 11, 23, ...) and take effect for the next year. Village by village:
 *
 * 1. Draws and scores (`scoreVillage`). Households apply: one that knows it can (awareness) does so
 *    with the chance it thinks it would qualify, times (1 - stigma), unless `applicationRequired`
 *    is false (a census: everyone is considered). Applicants and registered households are scored by
 *    the configured method; a score estimates log per-capita income before the programme:
 *    - pmt: the proxy-means formula's prediction plus a recording error;
 *    - community: villagers' own view (income, less the hardships they weigh, plus reputation),
 *      plus the noise of the meeting, less a bias for households tied to cadres;
 *    - hybrid: the larger of the two (community shortlist, the PMT picks within it);
 *    - verification: income as a visit measures it.
 *    Each error has a part that belongs to the household and persists from round to round
 *    (`errorPersistence`) and a part drawn anew. With the housing floor an unsafe house scores poor.
 * 2. Review (`review`): registered households scored above the threshold leave the register.
 * 3. Paper exits (`declarePressuredExits`): under evaluation by exit counts, a village short of its
 *    exit target by k households considers the k registered households closest to exiting (highest
 *    scores) and declares each out with probability pressure x (1 - integrity). Third-party
 *    evaluation catches each exit of a still-poor household with its probability; a caught pressured
 *    exit is put back (its spell on the register goes on) and its cadres are sanctioned.
 * 4. Elite additions (`addTiedHouseholds`): cadres add households tied to them with probability
 *    (1 - integrity) x listingFavouritism; under a quota they use up places.
 * 5. Selection (`select`): the first registration fills the village quota with the lowest-scored
 *    of the applicants and the households the village meeting nominates (scale control), or
 *    registers every applicant below the threshold; later rounds register applicants scored below
 *    the threshold (lowest first, while a quota has room).
 * 6. Public posting (`hearChallenges`): in villages that post the list, each registered household
 *    villagers judge not needy is challenged with probability challengeProbability x the village's
 *    mean awareness; if it is indeed not in need, the cadres remove it with probability
 *    correctionProbability.
 * 7. Payout list (`listForPayout`): cadres put tied households that are not registered on the
 *    payout list of register handouts for the year with probability (1 - integrity) x handoutCapture.
 * 8. The register as villagers see it (`tallyVillagersView`): the base of governance.fairness.
 *
 * Draw discipline: every round draws the four words that seed its survey's own stream, then every
 * household draws the same ten values, whatever the method and its status (from the round's stream
 * in household order, or with simulation.streams 'village' from its village's own identification
 * stream); the survey itself (from its own stream) is drawn and the formula fitted only when the
 * method uses it.
 *
 * The main thread prepares a round (`identify`): each household's true log income and hardship are
 * measured village by village (`measureVillages`), then the fits are summed in household order. Its
 * village loop (`adjustVillages`) runs village by village, and counts what happened. Both village
 * passes run in this thread or over village ranges on threads (src/parallel).
 */
import erfc from '@stdlib/math-base-special-erfc';
import type { RandomStream } from '../engine/rng.js';
import { forgetOrder, rSquared } from '../metrics/index.js';
import { drawSurvey, fitPmt, logIncome, PMT_FEATURES, pmtScratch, predictPmt, surveyStream } from './pmt.js';
import { updateVillageAwareness } from './information.js';
import { ownMeansIncome, poorByOwnMeans } from './economy.js';
import { raiseIntegrity } from './supervision.js';
import {
  CHRONIC,
  DISABLED,
  ELITE_ADDED,
  ENTERED_POOR,
  EVER_REGISTERED,
  EXITED_OUT_OF_POVERTY,
  PAPER_EXITED,
  TIE_FAVOURED,
  type Counters,
  type Scratch,
  type Township,
  type VillageColumns,
} from './township.js';

/** Uniforms each household draws every round for the decisions after scoring. */
const LATER_DRAWS = 6;
const ELITE = 0;
const CHALLENGE = 1;
const CORRECTION = 2;
const PRESSURE_DRAW = 3;
const EVALUATION = 4;
const PAYOUT = 5;

/** Why a household leaves the register at an adjustment. */
const REVIEW = 0;
const PRESSURE = 1;

/** What happened to a registered household at this round's review or pressure. */
const STAYED = 0;
const EXITED = 1;
/** Exited while still poor, and put back by third-party evaluation: not to be exited again this round. */
const PUT_BACK = 2;

/** Orders of moveFirstToFront: lowest score first, or highest first. */
export const ASCENDING = 1;
export const DESCENDING = -1;
/**
 * Beyond this many places moveFirstToFront sorts instead of selecting (a rough bound, not tuned:
 * selection costs places x length comparisons, a sort about length x log2(length) comparator calls).
 */
const SELECTION_LIMIT = 32;

/** Candidacy of a household at this round. */
const NOT_CANDIDATE = 0;
const UNDER_REVIEW = 1;
const APPLICANT = 2;

/**
 * Visible hardship as villagers weigh it (in units of the poverty they read into it): a chronically
 * ill member 0.5, a disabled member 1, an elderly household 0.5, the share of members who are not
 * labourers, less 0.3 per SD of assets. After Alatas et al. (2012, section V): conditional on
 * consumption, communities rank as poorer the households with less earning capacity, illness, old
 * age and dependants, and as richer those with visible assets. Villagers' view uses only the part of
 * it that income does not already say (its residual on log income, see `hardshipBeyondIncome`).
 */
function hardship(t: VillageColumns, i: number): number {
  const h = t.households;
  const health = h.health[i]!;
  const size = h.size[i]!;
  const dependants = 1 - (h.labourers[i]! + h.migrants[i]!) / size;
  return (
    (health === CHRONIC ? 0.5 : health === DISABLED ? 1 : 0) + 0.5 * h.elderly[i]! + dependants - 0.3 * h.assets[i]!
  );
}

/**
 * The households of villages [from, to): each one's log income by its own means into the round's
 * `trueLog` and its hardship into `hardshipOf` (RoundColumns). Per household, so village ranges can
 * run on different threads.
 */
export function measureVillages(t: VillageColumns, from: number, to: number): void {
  const { trueLog, hardshipOf } = t.adjustment;
  const end = t.villages.start[to]!;
  for (let i = t.villages.start[from]!; i < end; i += 1) {
    trueLog[i] = logIncome(ownMeansIncome(t, i));
    hardshipOf[i] = hardship(t, i);
  }
}

/**
 * Fits hardship on log income by least squares over all households, once `measure` has filled the
 * round's `trueLog` and `hardshipOf` ({@link measureVillages} over every village): villagers' view
 * adds only the residual, what their notion of poverty sees beyond income, so it differs from
 * income without being a better or worse guess of it on average. The sums run in household order
 * (hardship in double precision: recomputed here, not read back from the float32 column).
 */
function prepareRound(t: Township, measure: () => void): { intercept: number; slope: number } {
  const n = t.households.count;
  const { trueLog, hardshipOf } = t.adjustment;
  measure();
  let sumY = 0;
  let sumH = 0;
  for (let i = 0; i < n; i += 1) {
    sumY += trueLog[i]!;
    sumH += hardship(t, i);
  }
  const meanY = n > 0 ? sumY / n : 0;
  const meanH = n > 0 ? sumH / n : 0;
  let syy = 0;
  let syh = 0;
  for (let i = 0; i < n; i += 1) {
    const dy = trueLog[i]! - meanY;
    syy += dy * dy;
    syh += dy * (hardshipOf[i]! - meanH);
  }
  const slope = syy > 0 ? syh / syy : 0;
  return { intercept: meanH - slope * meanY, slope };
}

export interface IdentificationRound {
  /** Households that applied this round (not counting those already registered). */
  applicants: number;
  /** Households scored (applicants plus registered households under review). */
  scored: number;
}

/**
 * Slots of RoundColumns.plan: what the main thread fixes before the village loop (the month, whether
 * the method scores with the PMT, the hardship fit, the PMT's coefficients).
 */
const PLAN_MONTH = 0;
const PLAN_USES_PMT = 1;
const PLAN_HARDSHIP_INTERCEPT = 2;
const PLAN_HARDSHIP_SLOPE = 3;
const PLAN_PMT = 4;
const PLAN_SLOTS = PLAN_PMT + PMT_FEATURES;

/**
 * What a round's village loop reads besides the household and village columns, written by the main
 * thread before the loop: its plan, and per-household working memory in views of the township's
 * scratch (free at the year's end: nothing else uses it while the register is adjusted). On
 * SharedArrayBuffers with village threads (src/parallel), which run the loop over their villages.
 */
export class RoundColumns {
  /** PLAN_SLOTS numbers (see PLAN_*). */
  readonly plan: Float64Array;
  /** Every household's true log income (by its own means): the scratch values. */
  readonly trueLog: Float64Array;
  /**
   * PMT scores (written only when the method uses the PMT) and hardship: the ranking's work buffer
   * (nothing ranks households meanwhile).
   */
  readonly pmtScore: Float32Array;
  readonly hardshipOf: Float32Array;
  /**
   * Every household's identification score in this round (estimated log per-capita income, by the
   * configured method): the ranking's keys-and-order buffer. Read only within the round (and by
   * scoreR2 after it); hiring's ranking overwrites it.
   */
  readonly score: Float64Array;
  /**
   * The round's memory in `scratch` (its values and its ranking's buffers, 24 bytes a household);
   * the plan on shared memory when `shared`.
   */
  constructor(scratch: Scratch, shared: boolean) {
    const n = scratch.values.length;
    const work = scratch.rank.work;
    const keys = scratch.rank.keysAndOrder;
    this.plan = shared ? new Float64Array(new SharedArrayBuffer(8 * PLAN_SLOTS)) : new Float64Array(PLAN_SLOTS);
    this.trueLog = scratch.values;
    this.pmtScore = new Float32Array(work.buffer, work.byteOffset, n);
    this.hardshipOf = new Float32Array(work.buffer, work.byteOffset + 4 * n, n);
    this.score = new Float64Array(keys.buffer, keys.byteOffset, n);
  }
}

/** The register adjustment's columns of a township with this scratch (see RoundColumns). */
export function allocateRoundColumns(scratch: Scratch, shared: boolean): RoundColumns {
  return new RoundColumns(scratch, shared);
}

/** Counts the counters keep for the last round only. */
const LAST_ROUND_COUNTS = [
  'poorApplicants',
  'poorApplicantsRegistered',
  'roundRegisteredBefore',
  'roundCorrections',
  'roundEntries',
  'roundEntriesInNeed',
  'villagersDisputedEntries',
  'villagersRegistered',
  'villagersNeedy',
  'villagersNeedyExcluded',
] as const satisfies readonly (keyof Counters)[];
/** Counts the counters add up over the run. */
const RUN_COUNTS = [
  'scored',
  'paperExitsDeclared',
  'paperExitsReversed',
  'pressuredExits',
  'pressuredExitsReversed',
  'exits',
  'correctedAtReview',
  'entries',
  'wrongEntries',
  'eliteAdditions',
  'removedByChallenge',
  'sanctions',
] as const satisfies readonly (keyof Counters)[];
/** Everything a round's village loop counts, in a fixed order (a village thread's result slots). */
export const ROUND_COUNTS = [...LAST_ROUND_COUNTS, ...RUN_COUNTS, 'applicants'] as const;
/** What a round's village loop counts over its villages: whole numbers, so villages' counts add up in any order. */
export type RoundCounts = Record<(typeof ROUND_COUNTS)[number], number>;

/** Counts at zero. */
export function newRoundCounts(): RoundCounts {
  return Object.fromEntries(ROUND_COUNTS.map((name) => [name, 0])) as RoundCounts;
}

/**
 * The register adjustment's passes over the households, village by village (the households'
 * measurement, {@link measureVillages}, and the village loop, {@link adjustVillages}), in this
 * thread or on village threads (src/parallel); the model does not know which.
 */
export interface RegisterPasses {
  /** measureVillages over every village: the round's true log incomes and hardship. */
  measureHouseholds(): void;
  /** Runs the loop of the round planned in the township's RoundColumns; returns its counts over all villages. */
  adjustRegister(): RoundCounts;
}

/**
 * What one round works with in one village loop: its rules, the plan and per-village scratch memory.
 * A class rather than an object literal, so that the second round does not recompile the village loop
 * (see township.ts).
 */
class Round {
  readonly t: VillageColumns;
  readonly month: number;
  readonly rng: RandomStream;
  readonly counts: RoundCounts;
  /** ln(poverty line x thresholdMultiple): the score below which a household qualifies. */
  readonly threshold: number;
  /** The first registration (before month 0), when a quota is filled rather than capped. */
  readonly initial: boolean;
  /** The formula fitted on this round's survey, when the method scores with it (pmt, hybrid). */
  readonly pmtCoefficients: Float64Array | null;
  /** Hardship = intercept + slope x log income + the part villagers add: the fit over all households. */
  readonly hardshipIntercept: number;
  readonly hardshipSlope: number;
  /** Per household of the village (index i - start): draws after scoring, candidacy, exits now (STAYED, EXITED, PUT_BACK). */
  readonly later: Float64Array;
  readonly candidate: Uint8Array;
  readonly exitedNow: Uint8Array;
  /** Per household of the village: the community score, and villagers' settled view (no meeting noise, no tie bias). */
  readonly communityScore: Float32Array;
  readonly villagersView: Float32Array;
  /** Every household's true log income, PMT score and hardship (RoundColumns). */
  readonly trueLog: Float64Array;
  readonly pmtScore: Float32Array;
  readonly hardshipOf: Float32Array;
  /** Every household's score in this round (RoundColumns). */
  readonly score: Float64Array;

  readonly buffer: number[];
  start: number;
  end: number;
  village: number;

  /** The round planned in `t.adjustment`, with per-village memory for villages of up to `largestVillage` households. */
  constructor(t: VillageColumns, rng: RandomStream, largestVillage: number) {
    const plan = t.adjustment.plan;
    const id = t.params.identification;
    this.t = t;
    this.month = plan[PLAN_MONTH]!;
    this.rng = rng;
    this.counts = newRoundCounts();
    this.threshold = Math.log(t.params.township.povertyLine * id.thresholdMultiple);
    this.initial = this.month < 0;
    this.pmtCoefficients = plan[PLAN_USES_PMT] === 1 ? plan.subarray(PLAN_PMT, PLAN_SLOTS) : null;
    this.hardshipIntercept = plan[PLAN_HARDSHIP_INTERCEPT]!;
    this.hardshipSlope = plan[PLAN_HARDSHIP_SLOPE]!;
    this.later = new Float64Array(largestVillage * LATER_DRAWS);
    this.candidate = new Uint8Array(largestVillage);
    this.exitedNow = new Uint8Array(largestVillage);
    this.communityScore = new Float32Array(largestVillage);
    this.villagersView = new Float32Array(largestVillage);
    this.trueLog = t.adjustment.trueLog;
    this.pmtScore = t.adjustment.pmtScore;
    this.hardshipOf = t.adjustment.hardshipOf;
    this.score = t.adjustment.score;
    this.buffer = [];
    this.start = 0;
    this.end = 0;
    this.village = 0;
  }
}

/**
 * One register adjustment (see the module comment). The main thread prepares the round (the
 * survey and the formula, every household's true log income and hardship, the hardship fit), the
 * village loop runs through `passes`, and its counts go to the township's counters.
 */
export function identify(t: Township, month: number, rng: RandomStream, passes: RegisterPasses): IdentificationRound {
  const h = t.households;
  const id = t.params.identification;
  const counters = t.counters;
  const adjustment = t.adjustment;

  // The round's scores go in the ranking's keys-and-order buffer (RoundColumns.score).
  forgetOrder(t.scratch.rank);
  const survey = surveyStream(rng);
  const hardshipFit = prepareRound(t, () => passes.measureHouseholds());
  const pmt = id.method === 'pmt' || id.method === 'hybrid' ? fitPmt(h, drawSurvey(t, id.surveyError, survey)) : null;
  adjustment.plan[PLAN_MONTH] = month;
  adjustment.plan[PLAN_USES_PMT] = pmt === null ? 0 : 1;
  adjustment.plan[PLAN_HARDSHIP_INTERCEPT] = hardshipFit.intercept;
  adjustment.plan[PLAN_HARDSHIP_SLOPE] = hardshipFit.slope;
  if (pmt !== null) adjustment.plan.set(pmt.coefficients, PLAN_PMT);

  const counts = passes.adjustRegister();
  for (const name of LAST_ROUND_COUNTS) counters[name] = counts[name];
  for (const name of RUN_COUNTS) counters[name] += counts[name];
  counters.pmtR2 = pmt === null ? null : pmt.r2;
  counters.scoreR2 = rSquared(adjustment.score, adjustment.trueLog);
  if (id.method === 'verification') t.pendingVerificationCost += counts.scored * id.verificationCost;
  return { applicants: counts.applicants, scored: counts.scored };
}

/**
 * The village loop of the round planned in `t.adjustment`, over villages [from, to): each village's mean
 * awareness, then its households' draws and scores, review, paper exits, elite additions,
 * selection, challenges, payout list and the villagers' view of the register (see the module
 * comment). Households draw from `rng`, or, given `states`, each village from its own identification
 * stream (simulation.streams 'village'). A village reads and writes only its own households and
 * village entries, so village ranges can run on different threads (src/parallel) with the same result.
 */
export function adjustVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): RoundCounts {
  const vil = t.villages;
  let largestVillage = 0;
  for (let v = from; v < to; v += 1) largestVillage = Math.max(largestVillage, vil.start[v + 1]! - vil.start[v]!);
  const round = new Round(t, rng, largestVillage);
  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    adjustVillage(round, v);
    if (states !== null) rng.saveState(states, 4 * v);
  }
  return round.counts;
}

/** The round in village v (see the module comment). */
function adjustVillage(round: Round, v: number): void {
  const h = round.t.households;
  round.village = v;
  round.start = round.t.villages.start[v]!;
  round.end = round.t.villages.start[v + 1]!;
  updateVillageAwareness(round.t, v, v + 1);
  scoreVillage(round);
  const { registeredBefore, reviewExits } = review(round);
  round.counts.roundRegisteredBefore += registeredBefore;
  declarePressuredExits(round, registeredBefore, reviewExits);
  addTiedHouseholds(round);
  select(round);
  hearChallenges(round);
  listForPayout(round);
  tallyVillagersView(round);
  for (let i = round.start; i < round.end; i += 1) {
    if (round.candidate[i - round.start] === APPLICANT && h.poor[i] && h.registered[i]) round.counts.poorApplicantsRegistered += 1;
  }
}

/**
 * The chance a household thinks it would qualify: Phi(gap / noise), the standard normal CDF of its
 * log-income gap below the threshold (ln threshold - ln income by own means) over
 * selfAssessmentNoise (log income SD). stdlib's erfc (a port of FreeBSD's, within 1 ulp, no
 * allocation, the same bits in node and the browser) gives Phi(z) = erfc(-z / sqrt 2) / 2 without
 * the cancellation of 1 + erf in the lower tail.
 *
 * @example
 * chanceToQualify(0, 0.5); // => 0.5
 */
export function chanceToQualify(gap: number, noise: number): number {
  return 0.5 * erfc(-gap / (noise * Math.SQRT2));
}

/**
 * Draws every household's values for the round, scores it by the configured method and marks the
 * candidates (registered households under review, applicants).
 */
function scoreVillage(r: Round): void {
  const t = r.t;
  const h = t.households;
  const id = t.params.identification;
  const rng = r.rng;
  const persistent = Math.sqrt(id.errorPersistence);
  const fresh = Math.sqrt(1 - id.errorPersistence);
  const housingFloor = t.params.township.housingFloor;
  const applyBase = id.applicationBase;
  const notStigmatised = 1 - id.stigma;
  const scratch = pmtScratch();
  for (let i = r.start; i < r.end; i += 1) {
    const local = i - r.start;
    const uApply = rng.uniform();
    const zPmt = rng.normal();
    const zCommunity = rng.normal();
    const zVerification = rng.normal();
    for (let d = 0; d < LATER_DRAWS; d += 1) r.later[local * LATER_DRAWS + d] = rng.uniform();

    // What the rules judge: income by the household's own means (programme assets included).
    const truth = r.trueLog[i]!;
    const pmt = r.pmtCoefficients === null
      ? 0
      : predictPmt(h, i, r.pmtCoefficients, scratch) + id.pmtNoise * (persistent * h.pmtRecordError[i]! + fresh * zPmt);
    const beyondIncome = r.hardshipOf[i]! - r.hardshipIntercept - r.hardshipSlope * truth;
    const view = truth - id.communityHardshipWeight * beyondIncome + id.communityNoise * persistent * h.reputation[i]!;
    const community = view + id.communityNoise * fresh * zCommunity - id.communityTieBias * h.connected[i]!;
    r.pmtScore[i] = pmt;
    r.communityScore[local] = community;
    r.villagersView[local] = view;
    // Starts as a number, not unassigned: a variable that may still be `undefined` after the switch
    // is kept boxed, and every household's score then allocated a heap number.
    let score = community;
    switch (id.method) {
      case 'pmt':
        score = pmt;
        break;
      case 'community':
        break;
      case 'hybrid':
        score = Math.max(pmt, community);
        break;
      case 'verification':
        score = truth + id.verificationNoise * (persistent * h.concealment[i]! + fresh * zVerification);
        break;
    }
    if (housingFloor && h.unsafeHousing[i] === 1) score = Math.min(score, r.threshold - 1);
    r.score[i] = score;

    r.exitedNow[local] = STAYED;
    r.candidate[local] = NOT_CANDIDATE;
    if (h.registered[i]) {
      r.candidate[local] = UNDER_REVIEW;
    } else {
      // Who knows it can apply does so with the chance it thinks it would qualify (Alatas et al.
      // 2016). That chance is at most 1, so it is computed only when it can decide.
      const knows = applyBase + (1 - applyBase) * h.awareness[i]!;
      const applies =
        !id.applicationRequired ||
        (uApply < knows * notStigmatised &&
          uApply < knows * chanceToQualify(r.threshold - truth, id.selfAssessmentNoise) * notStigmatised);
      if (applies) {
        r.candidate[local] = APPLICANT;
        r.counts.applicants += 1;
        if (h.poor[i]) r.counts.poorApplicants += 1;
      }
    }
    if (r.candidate[local] !== NOT_CANDIDATE) r.counts.scored += 1;
  }
}

/**
 * Takes household i off the register at this round (review or pressure). A household exited while
 * still poor by its own means is a paper exit, which third-party evaluation may catch and reverse
 * (then, if the exit was pressured, the cadres are sanctioned); a household that was in need when
 * registered and is not poor by its own means now is an exit from poverty (the programme's assets
 * may be what lifted it); one that was never in need on the register is a correction.
 */
function removeForExit(r: Round, i: number, reason: number): void {
  const t = r.t;
  const h = t.households;
  const counts = r.counts;
  const local = i - r.start;
  h.registered[i] = 0;
  r.exitedNow[local] = EXITED;
  if (poorByOwnMeans(t, i)) {
    counts.paperExitsDeclared += 1;
    if (reason === PRESSURE) counts.pressuredExits += 1;
    if (r.later[local * LATER_DRAWS + EVALUATION]! < t.params.supervision.thirdPartyEvaluation) {
      h.registered[i] = 1;
      r.exitedNow[local] = PUT_BACK;
      counts.paperExitsReversed += 1;
      if (reason === PRESSURE) {
        counts.pressuredExitsReversed += 1;
        raiseIntegrity(t, r.village);
        counts.sanctions += 1;
      }
    } else {
      h.history[i] = h.history[i]! | PAPER_EXITED;
    }
  } else if (h.history[i]! & ENTERED_POOR) {
    counts.exits += 1;
    h.history[i] = h.history[i]! | EXITED_OUT_OF_POVERTY;
  } else {
    counts.correctedAtReview += 1;
    counts.roundCorrections += 1;
  }
}

/**
 * Puts household i on the register at this round: by the cadres' favouritism (`elite`), or by the
 * rules, in which case `favoured` says the appraisal's bias for tied households made the difference.
 */
function register(r: Round, i: number, elite: boolean, favoured = false): void {
  const h = r.t.households;
  const counts = r.counts;
  h.registered[i] = 1;
  h.payoutListed[i] = 0;
  h.registeredMonth[i] = r.month;
  const spell = (elite ? ELITE_ADDED : 0) | (favoured ? TIE_FAVOURED : 0) | (h.poor[i] ? ENTERED_POOR : 0);
  h.history[i] = (h.history[i]! & ~(ENTERED_POOR | ELITE_ADDED | TIE_FAVOURED)) | EVER_REGISTERED | spell;
  counts.entries += 1;
  counts.roundEntries += 1;
  if (h.poor[i]) counts.roundEntriesInNeed += 1;
  else counts.wrongEntries += 1;
  if (elite) counts.eliteAdditions += 1;
}

/**
 * The household's score had the appraisal not favoured households tied to cadres: the community
 * score without its tie bias (in the hybrid, the larger of that and the PMT score). An unsafe house
 * under the housing floor scores poor either way.
 */
function unbiasedScore(r: Round, i: number): number {
  const t = r.t;
  const h = t.households;
  const bias = t.params.identification.communityTieBias * h.connected[i]!;
  if (bias === 0 || visiblyPoor(r, i)) return r.score[i]!;
  switch (t.params.identification.method) {
    case 'community':
      return r.score[i]! + bias;
    case 'hybrid':
      return Math.max(r.pmtScore[i]!, r.communityScore[i - r.start]! + bias);
    default:
      return r.score[i]!;
  }
}

/** Registered households scored above the threshold leave the register (if reviews are held). */
function review(r: Round): { registeredBefore: number; reviewExits: number } {
  const h = r.t.households;
  let registeredBefore = 0;
  let reviewExits = 0;
  for (let i = r.start; i < r.end; i += 1) {
    if (!h.registered[i]) continue;
    registeredBefore += 1;
    if (!r.t.params.identification.exitReview) continue;
    if (r.score[i]! > r.threshold) {
      removeForExit(r, i, REVIEW);
      if (!h.registered[i]) reviewExits += 1; // not reversed by third-party evaluation
    } else if (unbiasedScore(r, i) > r.threshold) {
      h.history[i] = h.history[i]! | TIE_FAVOURED; // kept on the register by the appraisal's bias
    }
  }
  return { registeredBefore, reviewExits };
}

/** Under evaluation by exit counts, a village short of its exit target declares exits on paper among the households closest to exiting. */
function declarePressuredExits(r: Round, registeredBefore: number, reviewExits: number): void {
  const t = r.t;
  const h = t.households;
  const { exitTarget, evaluationPressure, cadreEvaluation } = t.params.incentives;
  // No exit pressure at the initial registration.
  const pressure = !r.initial && cadreEvaluation === 'exitCounts' ? evaluationPressure : 0;
  const shortfall = Math.round(exitTarget * registeredBefore) - reviewExits;
  if (pressure <= 0 || shortfall <= 0) return;
  const dishonesty = 1 - t.villages.integrity[r.village]!;
  const buffer = r.buffer;
  buffer.length = 0;
  for (let i = r.start; i < r.end; i += 1) if (h.registered[i] && r.exitedNow[i - r.start] !== PUT_BACK) buffer.push(i);
  // The `shortfall` households closest to exiting are each declared out with probability
  // pressure x (1 - integrity): cadres bow to the pressure as far as they are willing to bend rules.
  const declarable = Math.min(shortfall, buffer.length);
  moveFirstToFront(buffer, declarable, r.score, DESCENDING);
  for (let k = 0; k < declarable; k += 1) {
    const i = buffer[k]!;
    if (r.later[(i - r.start) * LATER_DRAWS + PRESSURE_DRAW]! < pressure * dishonesty) removeForExit(r, i, PRESSURE);
  }
}

/**
 * Moves the first `count` households of `list` in ascending order of (`direction` x score, then
 * household index) to its front, in that order; the others stay behind them in some order. That is
 * the head of `list.sort((a, b) => direction * score[a] - direction * score[b] || a - b)`, found by
 * selection (count x length comparisons, no comparator call) for up to SELECTION_LIMIT places, the
 * few places among a village's candidates, and by that sort beyond. Scores are never NaN here (the
 * round's rSquared rejects a NaN score).
 *
 * @example
 * const list = [4, 1, 2, 3];
 * moveFirstToFront(list, 2, Float64Array.of(0, 5, 7, 5, 9), DESCENDING); // list => [4, 2, ...]
 */
export function moveFirstToFront(list: number[], count: number, score: Float64Array, direction: number): void {
  if (count > SELECTION_LIMIT) {
    list.sort((a, b) => direction * score[a]! - direction * score[b]! || a - b);
    return;
  }
  const n = list.length;
  for (let p = 0; p < count && p < n; p += 1) {
    let best = p;
    let bestKey = direction * score[list[p]!]!;
    for (let m = p + 1; m < n; m += 1) {
      const key = direction * score[list[m]!]!;
      if (key < bestKey || (key === bestKey && list[m]! < list[best]!)) {
        best = m;
        bestKey = key;
      }
    }
    const first = list[best]!;
    list[best] = list[p]!;
    list[p] = first;
  }
}

/** Cadres add households tied to them, whether they applied or not. */
function addTiedHouseholds(r: Round): void {
  const t = r.t;
  const h = t.households;
  const favouritism = (1 - t.villages.integrity[r.village]!) * t.params.cadres.listingFavouritism;
  for (let i = r.start; i < r.end; i += 1) {
    const local = i - r.start;
    if (!h.registered[i] && r.exitedNow[local] === STAYED && h.connected[i] && r.later[local * LATER_DRAWS + ELITE]! < favouritism) {
      register(r, i, true);
    }
  }
}

/**
 * Registers applicants. Under a quota, the first registration fills the places (scale control):
 * applicants scored below the threshold first, lowest first, then, if places remain, the village
 * meeting completes the list with the lowest-scored of the other applicants and of the households it
 * nominates. Later rounds register applicants scored below the threshold, lowest first, while the
 * quota has room. Under a threshold every applicant scored below it is registered.
 */
function select(r: Round): void {
  const t = r.t;
  const h = t.households;
  const id = t.params.identification;
  const buffer = r.buffer;
  buffer.length = 0;
  for (let i = r.start; i < r.end; i += 1) {
    if (r.candidate[i - r.start] === APPLICANT && !h.registered[i] && r.score[i]! < r.threshold) buffer.push(i);
  }
  if (id.selection === 'threshold') {
    for (const i of buffer) register(r, i, false, unbiasedScore(r, i) >= r.threshold);
    return;
  }
  let registeredNow = 0;
  for (let i = r.start; i < r.end; i += 1) registeredNow += h.registered[i]!;
  let places = Math.max(0, Math.floor(id.quota * (r.end - r.start) + 1e-9) - registeredNow);
  if (places <= 0) return;
  places -= fill(r, buffer, places, r.threshold);
  if (places <= 0 || !(id.selection === 'quota' && r.initial)) return;
  // Scale control: the meeting completes the list from the other applicants and its nominees.
  buffer.length = 0;
  for (let i = r.start; i < r.end; i += 1) {
    if (r.candidate[i - r.start] === APPLICANT && !h.registered[i]) buffer.push(i);
  }
  buffer.push(...nominees(r, places));
  fill(r, buffer, places, Infinity);
}

/**
 * Registers the lowest-scored of `candidates` (the hybrid's way under that method) into at most
 * `places` places; returns how many. A tied household is marked favoured when its score without the
 * appraisal's bias would not have made it (above `threshold`, or above the last place taken).
 */
function fill(r: Round, candidates: number[], places: number, threshold: number): number {
  if (candidates.length === 0) return 0;
  const h = r.t.households;
  const chosen = r.t.params.identification.method === 'hybrid' ? hybridChoice(r, candidates, places) : lowestScores(r, candidates, places);
  let cutoff = -Infinity;
  for (const i of chosen) cutoff = Math.max(cutoff, r.score[i]!);
  const bar = Math.min(threshold, chosen.length === places ? cutoff : threshold);
  for (const i of chosen) register(r, i, false, h.connected[i] === 1 && unbiasedScore(r, i) > bar);
  return chosen.length;
}

/**
 * Scale control at the first registration: the village meeting nominates as many households as there
 * are places left from those that did not apply, the poorest by its own view (the community score;
 * an unsafe house first, with the housing floor). Nominees are scored like applicants (under
 * verification, visited) and compete with the remaining applicants for the places.
 */
function nominees(r: Round, places: number): number[] {
  const h = r.t.households;
  // Who may be nominated (as indices within the village) and where the village's own ranking puts
  // each, computed once per household rather than at every comparison.
  const eligible: number[] = [];
  const rank = new Float64Array(r.end - r.start);
  for (let i = r.start; i < r.end; i += 1) {
    if (r.candidate[i - r.start] === NOT_CANDIDATE && !h.registered[i]) {
      eligible.push(i - r.start);
      rank[i - r.start] = communityRank(r, i);
    }
  }
  moveFirstToFront(eligible, places, rank, ASCENDING);
  const out = eligible.slice(0, places).map((local) => r.start + local);
  r.counts.scored += out.length;
  return out;
}

function lowestScores(r: Round, candidates: number[], places: number): number[] {
  moveFirstToFront(candidates, places, r.score, ASCENDING);
  return candidates.slice(0, places);
}

/** Comparator: households in ascending order of `key`, ties by index. */
function ascendingBy(key: (i: number) => number): (a: number, b: number) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  };
}

/** An unsafe house is visible to neighbours and officials alike: with the housing floor it heads every ranking. */
function visiblyPoor(r: Round, i: number): boolean {
  return r.t.params.township.housingFloor && r.t.households.unsafeHousing[i] === 1;
}

/** Where the village's own ranking puts household i: its community score, a visibly poor house first. */
function communityRank(r: Round, i: number): number {
  return visiblyPoor(r, i) ? -Infinity : r.communityScore[i - r.start]!;
}

/**
 * The hybrid method: the community shortlists `shortlistFactor` times the places by its own ranking,
 * then the proxy means test picks the lowest-scored of the shortlist.
 */
function hybridChoice(r: Round, candidates: number[], places: number): number[] {
  candidates.sort(ascendingBy((i) => communityRank(r, i)));
  const shortlist = candidates.slice(0, Math.ceil(r.t.params.identification.shortlistFactor * places));
  shortlist.sort(ascendingBy((i) => (visiblyPoor(r, i) ? -Infinity : r.pmtScore[i]!)));
  return shortlist.slice(0, places);
}

/** True if villagers judge household i needy: their view below the threshold, or an unsafe house. */
function villagersJudgeNeedy(r: Round, i: number): boolean {
  return r.villagersView[i - r.start]! < r.threshold || visiblyPoor(r, i);
}

/**
 * Public posting: villagers challenge registered households they judge not needy, and the cadres
 * who look into a challenge remove the household if it is indeed not in need.
 */
function hearChallenges(r: Round): void {
  const t = r.t;
  const h = t.households;
  if (!t.villages.posting[r.village]) return;
  const challenge = t.params.disclosure.challengeProbability * t.villages.meanAwareness[r.village]!;
  const correction = t.params.disclosure.correctionProbability;
  for (let i = r.start; i < r.end; i += 1) {
    const k = (i - r.start) * LATER_DRAWS;
    const challenged = h.registered[i] && !villagersJudgeNeedy(r, i) && r.later[k + CHALLENGE]! < challenge;
    if (challenged && !h.poor[i] && r.later[k + CORRECTION]! < correction) {
      h.registered[i] = 0;
      r.counts.removedByChallenge += 1;
      if (!(h.history[i]! & ENTERED_POOR)) r.counts.roundCorrections += 1;
    }
  }
}

/** Cadres put tied households that are not registered on the payout list for the year. */
function listForPayout(r: Round): void {
  const t = r.t;
  const h = t.households;
  const capture = (1 - t.villages.integrity[r.village]!) * t.params.cadres.handoutCapture;
  for (let i = r.start; i < r.end; i += 1) {
    const listed = !h.registered[i] && h.connected[i] === 1 && r.later[(i - r.start) * LATER_DRAWS + PAYOUT]! < capture;
    h.payoutListed[i] = listed ? 1 : 0;
  }
}

/** Counts the register as villagers judge need, after the round. */
function tallyVillagersView(r: Round): void {
  const h = r.t.households;
  const c = r.counts;
  for (let i = r.start; i < r.end; i += 1) {
    const needy = villagersJudgeNeedy(r, i);
    if (h.registered[i]) {
      c.villagersRegistered += 1;
      if (!needy) c.villagersDisputedEntries += 1;
    }
    if (needy) {
      c.villagersNeedy += 1;
      if (!h.registered[i]) c.villagersNeedyExcluded += 1;
    }
  }
}
