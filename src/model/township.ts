/**
 * The state of the township: households in columns (one typed array per attribute), villages,
 * enterprises, social organisations, the money ledger and running counters.
 *
 * Columns, not objects: the same code runs 100 households or 1,000,000, passes over an attribute
 * are cache friendly, and memory is a fixed number of bytes per household.
 *
 * The township and the records its passes read on every household (Households, Villages, Scratch,
 * VillagePayouts; RoundColumns, RankBuffers and the register adjustment's Round elsewhere) are
 * classes built by constructors, not object literals returned by functions. The second time V8 runs
 * an object literal it gives the literal a template object, and making it forgets which kind of typed
 * array each field held: every compiled pass that relied on that was thrown away and compiled anew
 * (about 70 functions, the second township in a process took 2-4x as long as a warm one; the second
 * register adjustment of the first township, 10 functions). A constructor keeps the fields as they are.
 */
import { FGT_SUMS, GINI_SUMS, giniBinsLength, PERSON_DECILES, rankBuffers, type RankBuffers } from '../metrics/index.js';
import type { RoundColumns } from './identification.js';
import type { HiringColumns } from './partners.js';
import type { Params } from './parameters.js';
import { Ledger } from './ledger.js';

/** Health of a household: the worst health of its members. */
export const HEALTHY = 0;
export const CHRONIC = 1;
export const DISABLED = 2;

/**
 * Bits of `Households.history`. The spell bits (ELITE_ADDED, ENTERED_POOR, TIE_FAVOURED) describe the
 * current spell on the register, or the last one of a household off it; `register` sets them anew.
 */
export const EVER_REGISTERED = 1;
/** Put on the register by cadres' favouritism rather than by the rules (this spell on the register). */
export const ELITE_ADDED = 2;
/** Left the register not poor by its own means; cleared (and counted) if it falls back into poverty. */
export const EXITED_OUT_OF_POVERTY = 4;
/** Ever exited while still poor by its own means. */
export const PAPER_EXITED = 8;
/** Income-poor (after assistance) at month 0: the base of the effectiveness dimension. */
export const POOR_AT_START = 16;
/** Poor when last put on the register: only such a household's exit is an exit from poverty. */
export const ENTERED_POOR = 32;
/** The programme renovated the household's unsafe house (before it, the house was unsafe: need before the programme). */
export const RENOVATED = 64;
/**
 * Registered, or kept on the register at a review, thanks to the appraisal's bias for households
 * tied to cadres: its score without the bias would not have made it (this spell on the register).
 */
export const TIE_FAVOURED = 128;

/**
 * How many numbers the monthly observation sums per village (observe.ts, sumObservations): five
 * household counts, the FGT sums (fgtSums) and the Gini's first-pass sums (giniSums).
 */
export const OBSERVATION_SUMS = 5 + FGT_SUMS + GINI_SUMS;

export class Households {
  readonly count: number;
  /** Persons. */
  readonly size: Uint8Array;
  /** Working-age labourers living at home. */
  readonly labourers: Uint8Array;
  /** Labourers working away, remitting. */
  readonly migrants: Uint8Array;
  /** 1 if the household has no working-age member (left-behind elderly). */
  readonly elderly: Uint8Array;
  /** HEALTHY, CHRONIC or DISABLED. */
  readonly health: Uint8Array;
  /** Skill (schooling, training), in SD units; observable. */
  readonly skill: Float32Array;
  /** Permanent log earning ability; not observable by officials. */
  readonly ability: Float32Array;
  /** exp(ability / 2): the family's earning power behind remittances and support (fixed, cached). */
  readonly familyFactor: Float64Array;
  /** Observable asset index (housing, durables), in SD units. */
  readonly assets: Float32Array;
  /** Industry-project capital received from the programme, yuan. */
  readonly capital: Float32Array;
  /** This month's return on the project capital (scratch), yuan: income from the programme, not market income. */
  readonly monthCapitalReturn: Float32Array;
  /** 1 if tied to village cadres. */
  readonly connected: Uint8Array;
  /** 1 if living in unsafe housing. */
  readonly unsafeHousing: Uint8Array;
  /** Policy awareness in [0, 1]. */
  readonly awareness: Float32Array;
  /** Work effort multiplier in [0.5, 1]; 1 is normal, lower when unconditional cash is a large share of income (dependency). */
  readonly effort: Float32Array;
  /** Persistent log income shock (AR(1)). */
  readonly shock: Float32Array;
  /** Enterprise employing one of its labourers, or -1. */
  readonly employer: Int16Array;
  /** Month of the last training, or -1000 (a labourer is trained at most once a year). */
  readonly lastTrained: Int16Array;
  /** Per-capita annual income after assistance, yuan: 12-month exponentially weighted. */
  readonly income: Float64Array;
  /**
   * Per-capita annual income before the programme (market income), yuan, same weighting: earnings,
   * farm income, remittances and pensions, less the full out-of-pocket medical bill; no assistance
   * and no return on project capital.
   */
  readonly marketIncome: Float64Array;
  /** This month's household income before assistance (scratch), yuan. */
  readonly monthMarket: Float64Array;
  /** This month's cash assistance received (scratch), yuan. */
  readonly monthCash: Float64Array;
  /** This month's out-of-pocket medical bill still unpaid (scratch), yuan. */
  readonly medicalBill: Float64Array;
  /** This month's full illness cost (scratch), yuan. */
  readonly illnessCost: Float64Array;
  /** Cumulative assistance received, yuan, by source (index: SOURCES). */
  readonly received: readonly [Float64Array, Float64Array, Float64Array, Float64Array];
  /** 1 if on the register of poor households. */
  readonly registered: Uint8Array;
  /** Month registered (or -1). */
  readonly registeredMonth: Int16Array;
  /** Bit flags: EVER_REGISTERED, ELITE_ADDED, EXITED_OUT_OF_POVERTY, PAPER_EXITED, POOR_AT_START, ENTERED_POOR, RENOVATED, TIE_FAVOURED. */
  readonly history: Uint8Array;
  /**
   * 1 if in need before the programme, the truth targeting is judged against: market income below
   * the line, or (with the housing floor) a house that is unsafe or was until the programme renovated
   * it. What the programme gave (cash, project capital and its returns, a renovated house) never
   * lifts a household out of need; its own earnings can. (Whether a household is poor by its own
   * means, programme assets included, is `poorByOwnMeans` in economy.ts: exits are judged by that.)
   */
  readonly poor: Uint8Array;
  /**
   * Persistent parts of the identification errors, standard normal, drawn once per household: the
   * recording error of its proxy-means data, its reputation among neighbours, and how well its
   * income hides from a verification visit. Each method's error mixes its persistent part with a
   * part drawn anew every round (identification.errorPersistence).
   */
  readonly pmtRecordError: Float32Array;
  readonly reputation: Float32Array;
  readonly concealment: Float32Array;
  /** 1 if cadres put the household, not registered, on the payout list of register handouts (elite capture at handout). */
  readonly payoutListed: Uint8Array;
  /** Tenth of persons (0 = poorest) the household's middle person falls in, by per-capita income before month 0 (fixed). */
  readonly decile: Uint8Array;
  /** 1 if the social organisations' own platform counts the household as poor this year. */
  readonly platformTarget: Uint8Array;
  constructor(count: number, shared = false) {
    const column = columnMaker(shared);
    this.count = count;
    this.size = column(Uint8Array, count);
    this.labourers = column(Uint8Array, count);
    this.migrants = column(Uint8Array, count);
    this.elderly = column(Uint8Array, count);
    this.health = column(Uint8Array, count);
    this.skill = column(Float32Array, count);
    this.ability = column(Float32Array, count);
    this.familyFactor = column(Float64Array, count);
    this.assets = column(Float32Array, count);
    this.capital = column(Float32Array, count);
    this.monthCapitalReturn = column(Float32Array, count);
    this.connected = column(Uint8Array, count);
    this.unsafeHousing = column(Uint8Array, count);
    this.awareness = column(Float32Array, count);
    this.effort = column(Float32Array, count);
    this.shock = column(Float32Array, count);
    this.employer = column(Int16Array, count);
    this.lastTrained = column(Int16Array, count);
    this.income = column(Float64Array, count);
    this.marketIncome = column(Float64Array, count);
    this.monthMarket = column(Float64Array, count);
    this.monthCash = column(Float64Array, count);
    this.medicalBill = column(Float64Array, count);
    this.illnessCost = column(Float64Array, count);
    this.received = [column(Float64Array, count), column(Float64Array, count), column(Float64Array, count), column(Float64Array, count)];
    this.registered = column(Uint8Array, count);
    this.registeredMonth = column(Int16Array, count);
    this.history = column(Uint8Array, count);
    this.poor = column(Uint8Array, count);
    this.pmtRecordError = column(Float32Array, count);
    this.reputation = column(Float32Array, count);
    this.concealment = column(Float32Array, count);
    this.payoutListed = column(Uint8Array, count);
    this.decile = column(Uint8Array, count);
    this.platformTarget = column(Uint8Array, count);
  }
}

export class Villages {
  readonly count: number;
  /** First household index of each village; village v holds [start[v], start[v+1]). */
  readonly start: Uint32Array;
  /** Cadre integrity now: the chance the village's cadres act by the rules in any one decision. */
  readonly integrity: Float64Array;
  /**
   * Integrity the cadres settle at under the township's detection risk (their own integrity, the
   * first secretary's, and deterrence); sanctions raise integrity above it and it relaxes back.
   */
  readonly settledIntegrity: Float64Array;
  readonly firstSecretary: Uint8Array;
  /** Capacity (roads, capable cadres), SD units. */
  readonly capacity: Float64Array;
  readonly posting: Uint8Array;
  readonly mutualAidPlatform: Uint8Array;
  /** Log harvest and price shock (AR(1)). */
  readonly shock: Float64Array;
  /** Cumulative infrastructure, yuan per household. */
  readonly infrastructure: Float64Array;
  /** Diverted funds not yet found by an audit, yuan, by source. */
  readonly hiddenDiversion: readonly [Float64Array, Float64Array, Float64Array, Float64Array];
  /** Weight of the village in this year's infrastructure allocation (sums to 1). */
  readonly infrastructureWeight: Float64Array;
  readonly meanAwareness: Float64Array;
  /**
   * Scratch of the monthly observation: each village's sums over its households, OBSERVATION_SUMS
   * numbers per village (observe.ts, sumObservations). Per village so that village ranges can be
   * summed on several threads and added in village order, the same whatever the ranges.
   */
  readonly observationSums: Float64Array;
  /** This month's supervision (supervision.ts, auditVillages): 1 if the household audits found a wrong decision of the village's cadres. */
  readonly auditFound: Uint8Array;
  /** This month's supervision: the village audit's two uniform draws (audit, detection), drawn after the village's households'. */
  readonly auditDraws: Float64Array;
  constructor(count: number, shared = false) {
    const column = columnMaker(shared);
    this.count = count;
    this.start = column(Uint32Array, count + 1);
    this.integrity = column(Float64Array, count);
    this.settledIntegrity = column(Float64Array, count);
    this.firstSecretary = column(Uint8Array, count);
    this.capacity = column(Float64Array, count);
    this.posting = column(Uint8Array, count);
    this.mutualAidPlatform = column(Uint8Array, count);
    this.shock = column(Float64Array, count);
    this.infrastructure = column(Float64Array, count);
    this.hiddenDiversion = [column(Float64Array, count), column(Float64Array, count), column(Float64Array, count), column(Float64Array, count)];
    this.infrastructureWeight = column(Float64Array, count);
    this.meanAwareness = column(Float64Array, count);
    this.observationSums = column(Float64Array, count * OBSERVATION_SUMS);
    this.auditFound = column(Uint8Array, count);
    this.auditDraws = column(Float64Array, 2 * count);
  }
}

export interface Enterprise {
  readonly partnerVillages: number[];
  readonly jobs: number;
  participating: boolean;
}

export interface SocialOrganisation {
  readonly villages: number[];
  participating: boolean;
}

/** Running totals over the whole run (events, not states). */
export interface Counters {
  /** Register exits while not poor, of households that were poor when registered. */
  exits: number;
  /** Register exits at review of households that were never poor on the register (corrections). */
  correctedAtReview: number;
  /** Register exits while still poor (including those reversed by evaluation). */
  paperExitsDeclared: number;
  /** Paper exits caught by third-party evaluation and put back. */
  paperExitsReversed: number;
  /** Of the paper exits, those declared under evaluation pressure (not by re-scoring). */
  pressuredExits: number;
  /** Of the pressured paper exits, those reversed by third-party evaluation. */
  pressuredExitsReversed: number;
  /** Exited households that fell back into poverty. */
  returnsToPoverty: number;
  /** Register entries of households that were not poor (including elite additions). */
  wrongEntries: number;
  /** All register entries. */
  entries: number;
  /** Entries made by cadres' favouritism. */
  eliteAdditions: number;
  /** Wrong entries removed by audits. */
  removedByAudit: number;
  /** Wrong entries removed after a public challenge. */
  removedByChallenge: number;
  /** Sanctions of a village's cadres for their own wrong decisions found by audits or evaluation (wrong entries, diverted funds, pressured exits of poor households). */
  sanctions: number;
  /** Households scored at identification rounds. */
  scored: number;
  /** At the last round: poor applicants, and of them those registered after the round. */
  poorApplicants: number;
  poorApplicantsRegistered: number;
  /** At the last round: registered households before it, wrong entries it removed (not poor when registered, not poor now), entries, and entries of households in need. */
  roundRegisteredBefore: number;
  roundCorrections: number;
  roundEntries: number;
  roundEntriesInNeed: number;
  /**
   * The register at the last round as villagers judge need (their own notion of poverty,
   * identification.communityHardshipWeight and reputation): registered households they judge not
   * needy, households they judge needy, and of those the ones not registered.
   */
  villagersDisputedEntries: number;
  villagersRegistered: number;
  villagersNeedy: number;
  villagersNeedyExcluded: number;
  /** Yuan recovered by village audits. */
  recovered: number;
  /** Yuan diverted by village cadres from the handouts they handled, before any recovery. */
  divertedByCadres: number;
  /** Yuan of project capital of households that cannot invest it used by enterprises (loans in poor households' names); booked as diverted. */
  loanCapture: number;
  /** Verification visits done but not yet paid from the government budget at the end of the run, yuan. */
  verificationCostUnpaid: number;
  /** R-squared of the proxy-means formula on its survey (measured log income) at the last round, or null if the method does not use it. */
  pmtR2: number | null;
  /** R-squared of the method's score on true log income at the last round. */
  scoreR2: number | null;
}

/**
 * Working memory with one slot per household, shared by passes that never run at the same time:
 * the month's assistance (payout lists), the monthly observation (the Gini's bins), the annual
 * register adjustment and the annual hiring. Reusing it keeps peak memory at a fixed number of bytes per household and
 * spares the garbage collector a few large buffers a month.
 */
export class Scratch {
  /**
   * One float64 per household; during the month's assistance its bytes hold the payout lists
   * (VillagePayouts.listed, then VillagePayouts.needing), so it is on the column maker's memory
   * (shared with village threads).
   */
  readonly values: Float64Array;
  /**
   * Buffers of rankOrder for one ranking of all households (16 bytes each); between rankings they
   * hold the register adjustment's scores (RoundColumns) and hiring's queue keys (HiringColumns),
   * so they are on the column maker's memory too.
   */
  readonly rank: RankBuffers;
  /**
   * Bins of the monthly Gini: one part of giniBins(households) numbers (at most 2 MiB) for each
   * range of villages binned apart (giniPartCount; observe.ts, giniVillageRanges), one after the
   * other; on the column maker's memory, so that village threads can fill them.
   */
  readonly giniBins: Float64Array;
  /** Working memory for `count` households, with `giniParts` parts of the Gini's bins. */
  constructor(count: number, giniParts: number, shared = false) {
    const column = columnMaker(shared);
    this.values = column(Float64Array, count);
    this.rank = rankBuffers(count, shared);
    this.giniBins = column(Float64Array, giniParts * giniBinsLength(count));
  }
}

/**
 * How many ranges of villages the Gini bins apart (observe.ts): 2 with village streams, so that two
 * threads can share the binning; 1 with the township stream (one thread: one pass, as in earlier
 * versions).
 */
export function giniPartCount(params: Params): number {
  return params.simulation.streams === 'village' ? 2 : 1;
}

/** The `parts` parts of Scratch.giniBins, each one Gini's bins (views, no copy). */
export function giniBinParts(bins: Float64Array, parts: number): Float64Array[] {
  const length = bins.length / parts;
  return Array.from({ length: parts }, (_, part) => bins.subarray(part * length, (part + 1) * length));
}

/** Working memory for `count` households, with `giniParts` parts of the Gini's bins. */
export function allocateScratch(count: number, giniParts: number, shared = false): Scratch {
  return new Scratch(count, giniParts, shared);
}

export class Township {
  readonly params: Params;
  readonly households: Households;
  readonly villages: Villages;
  readonly enterprises: Enterprise[];
  readonly socialOrganisations: SocialOrganisation[];
  readonly ledger: Ledger;
  readonly counters: Counters;
  readonly scratch: Scratch;
  /** The month's handouts, village by village (assistance.ts). */
  readonly payouts: VillagePayouts;
  /** The register adjustment's plan and working memory, village by village (identification.ts). */
  readonly adjustment: RoundColumns;
  /** Hiring's working memory, written village by village (partners.ts). */
  readonly hiring: HiringColumns;
  /** Persons in each tenth of `households.decile`. */
  readonly decilePersons: Float64Array;
  /** The last 12 months' end-of-month targeting counts (see MonthTally), oldest overwritten first. */
  readonly tallies: MonthTally[];
  /** Cost of verification visits not yet paid from the government budget, yuan. */
  pendingVerificationCost: number;
  /** A new township of these parts, with an empty ledger, counters and tallies. */
  constructor(parts: TownshipParts) {
    this.params = parts.params;
    this.households = parts.households;
    this.villages = parts.villages;
    this.enterprises = parts.enterprises;
    this.socialOrganisations = parts.socialOrganisations;
    this.ledger = new Ledger();
    this.counters = newCounters();
    this.scratch = parts.scratch;
    this.payouts = parts.payouts;
    this.adjustment = parts.adjustment;
    this.hiring = parts.hiring;
    this.decilePersons = new Float64Array(PERSON_DECILES);
    this.tallies = [];
    this.pendingVerificationCost = 0;
  }
}

/** What a township is built from (population.ts); the rest starts empty. */
export type TownshipParts = Pick<Township, 'params' | 'households' | 'villages' | 'enterprises' | 'socialOrganisations' | 'scratch' | 'payouts' | 'adjustment' | 'hiring'>;

/**
 * What the household passes run village by village (earn's household loop, inform, the handouts,
 * settle, tally, the observation's sums) read and write: the parameters, the household and village
 * columns and the handouts' village buffers. A worker thread (src/parallel) holds these and nothing
 * else of the township.
 */
export type VillageColumns = Pick<Township, 'params' | 'households' | 'villages' | 'payouts' | 'adjustment' | 'hiring'>;

/** The register against need at the end of one month: what the last-year targeting errors average. */
export interface MonthTally {
  registered: number;
  registeredNonPoor: number;
  poor: number;
  /** In need, not registered, and poor by its own means (one that what the programme gave lifted out of poverty is served, not excluded). */
  poorNotRegistered: number;
  households: number;
}

export function newCounters(): Counters {
  return {
    exits: 0,
    correctedAtReview: 0,
    paperExitsDeclared: 0,
    paperExitsReversed: 0,
    pressuredExits: 0,
    pressuredExitsReversed: 0,
    returnsToPoverty: 0,
    wrongEntries: 0,
    entries: 0,
    eliteAdditions: 0,
    removedByAudit: 0,
    removedByChallenge: 0,
    sanctions: 0,
    scored: 0,
    poorApplicants: 0,
    poorApplicantsRegistered: 0,
    roundRegisteredBefore: 0,
    roundCorrections: 0,
    roundEntries: 0,
    roundEntriesInNeed: 0,
    villagersDisputedEntries: 0,
    villagersRegistered: 0,
    villagersNeedy: 0,
    villagersNeedyExcluded: 0,
    recovered: 0,
    divertedByCadres: 0,
    loanCapture: 0,
    verificationCostUnpaid: 0,
    pmtR2: null,
    scoreR2: null,
  };
}

/**
 * A typed-array maker on plain ArrayBuffers, or on SharedArrayBuffers that worker threads can use
 * (src/parallel). Same values either way; a page that is not cross-origin isolated (the explorer)
 * has no SharedArrayBuffer, so plain is the default.
 */
type ColumnMaker = <A extends TypedArray>(kind: TypedArrayKind<A>, length: number) => A;
type TypedArray = Uint8Array | Int16Array | Uint32Array | Float32Array | Float64Array;
interface TypedArrayKind<A> {
  new (length: number): A;
  new (buffer: ArrayBufferLike): A;
  readonly BYTES_PER_ELEMENT: number;
}

function columnMaker(shared: boolean): ColumnMaker {
  return (kind, length) => (shared ? new kind(new SharedArrayBuffer(kind.BYTES_PER_ELEMENT * length)) : new kind(length));
}

export function allocateHouseholds(count: number, shared = false): Households {
  return new Households(count, shared);
}

export function allocateVillages(count: number, shared = false): Villages {
  return new Villages(count, shared);
}

/** Numbers a village's handout pass leaves in VillagePayouts.results: see PAYOUT_* below. */
export const PAYOUT_RESULTS = 4 + PERSON_DECILES;
/** Yuan received by households in need before the programme. */
export const PAYOUT_TO_POOR = 0;
/** Yuan received by households not in need. */
export const PAYOUT_TO_NON_POOR = 1;
/** Yuan of project capital lost to enterprises (households that cannot invest it). */
export const PAYOUT_LOST = 2;
/** Yuan that reached tied households through a favour (Ledger.byFavour). */
export const PAYOUT_BY_FAVOUR = 3;
/** PAYOUT_BY_DECILE + g: yuan received by tenth g of persons. */
export const PAYOUT_BY_DECILE = 4;

/**
 * Working memory of the month's handouts (assistance.ts), refreshed at the start of each month's
 * assistance and written village by village, so that villages can be paid on different threads
 * (src/parallel): the per-village weights of the handouts, each village's payout list, the yuan per
 * unit of the handout being paid, and what the payment left in each village (added up in village
 * order by the main thread).
 */
export class VillagePayouts {
  /** Persons in the village. */
  readonly persons: Float64Array;
  /** Persons and households on the village's payout list (registered, or listed by the cadres). */
  readonly payoutPersons: Float64Array;
  readonly payoutHouseholds: Float64Array;
  /** Households the village's platform counts as poor. */
  readonly platformHouseholds: Float64Array;
  /**
   * Village v's payout list, in index order: listed[villages.start[v]] .. listed[listEnd[v] - 1].
   * A view of the township's scratch values (free during assistance: only the yearly passes use them).
   */
  readonly listed: Uint32Array;
  readonly listEnd: Uint32Array;
  /**
   * Village v's registered households with a medical bill or an unsafe house when the month's
   * assistance starts, in index order: needing[villages.start[v]] .. needing[needingEnd[v] - 1]. The
   * medical subsidies and renovation, which draw their budgets down household by household in the
   * main thread, visit only these instead of the whole payout list. A view of the second half of the
   * township's scratch values (listed is the first).
   */
  readonly needing: Uint32Array;
  readonly needingEnd: Uint32Array;
  /** Yuan per unit (person or household) of the handout being paid in each village; -1: none. */
  readonly perUnit: Float64Array;
  /** Yuan of that handout the village's cadres divert (read only by the main thread). */
  readonly diverted: Float64Array;
  /** PAYOUT_RESULTS numbers per village: what the last payment there left (PAYOUT_*). */
  readonly results: Float64Array;
  constructor(villages: number, scratch: Scratch, shared = false) {
    const column = columnMaker(shared);
    const households = scratch.values.length;
    this.persons = column(Float64Array, villages);
    this.payoutPersons = column(Float64Array, villages);
    this.payoutHouseholds = column(Float64Array, villages);
    this.platformHouseholds = column(Float64Array, villages);
    this.listed = new Uint32Array(scratch.values.buffer, scratch.values.byteOffset, households);
    this.listEnd = column(Uint32Array, villages);
    this.needing = new Uint32Array(scratch.values.buffer, scratch.values.byteOffset + 4 * households, households);
    this.needingEnd = column(Uint32Array, villages);
    this.perUnit = column(Float64Array, villages);
    this.diverted = new Float64Array(villages);
    this.results = column(Float64Array, villages * PAYOUT_RESULTS);
  }
}

/** The handouts' buffers of `villages` villages; the payout lists go in `scratch` (one slot per household). */
export function allocatePayouts(villages: number, scratch: Scratch, shared = false): VillagePayouts {
  return new VillagePayouts(villages, scratch, shared);
}
