/**
 * One run of the township model: build the township, let its economy run for a year before
 * month 0 (so incomes reflect shocks and illness), register the first poor households, then step
 * through the months: economy, information, assistance, (economy closes the month), supervision,
 * and at each year's end the register adjustment (identification) for the next year; observation
 * after every month.
 */
import { createStreams, RandomStream, villageStreamStates, type Streams } from '../engine/rng.js';
import { personDeciles, rankOrder } from '../metrics/index.js';
import { runSteps, runStepsAsync, runStepsObservingLast, type SteppedModel } from '../engine/schedule.js';
import { assist, fund, handoutsInThread, type HandoutPasses } from './assistance.js';
import { drawVillageShocks, earnVillages, initialiseIncome, migrateVillages, settleVillages } from './economy.js';
import { adjustVillages, identify, measureVillages, type RegisterPasses } from './identification.js';
import { informVillages } from './information.js';
import { PROGRAMMES, type ProgrammeName, type Source, type SourceAccount } from './ledger.js';
import {
  incidenceReport,
  markPoorAtStart,
  observationInThread,
  observe,
  type IncidenceReport,
  type Metrics,
  type ObservationPasses,
} from './observe.js';
import type { Params } from './parameters.js';
import { assessVillages, choosePartnerVillages, decideParticipation, drawHiringVillages, hireWorkers, weighInfrastructure } from './partners.js';
import { createTownship } from './population.js';
import { auditVillages, auditVillagesAndSanction } from './supervision.js';
import { countRegister, keepTally, type RegisterCounts } from './tally.js';
import type { Counters, Township } from './township.js';

/** Months the economy runs before month 0. */
export const BURN_IN_MONTHS = 12;

export interface MonthRecord {
  month: number;
  metrics: Metrics;
  /** Cumulative accounts of every source at the end of the month. */
  ledger: Record<Source, SourceAccount>;
}

export interface SimulationOptions {
  seed: number;
  /** Called after every observed month with its record (e.g. for progress). */
  onMonth?: (record: MonthRecord) => void;
  /**
   * Which months are observed. 'every' (the default): every month, all in `series` (what a time
   * series needs). 'last': only the final month, so `series` holds that one record and onMonth is
   * called once. Observing changes nothing in the township, so the final metrics, ledger, counters
   * and programmes are identical either way; 'last' only spares the monthly metrics (a few passes
   * over all households, about a seventh of the work), for callers that keep the final month only.
   */
  observe?: 'every' | 'last';
  /** Runs the village passes on threads (src/parallel); default: in this thread. */
  threads?: VillageThreads;
}

/**
 * The household passes that go village by village: earn's household loop, the information update,
 * the handouts' counts and payments (HandoutPasses), settle, the household audits, the register's
 * tally, the observation's village sums and the Gini's binning (ObservationPasses), and once a year
 * migration, the register adjustment's measurement of the households and its village loop
 * (RegisterPasses), the platform's assessment and hiring's draws. They run in this
 * thread ({@link inThreadPasses}) or on worker threads (src/parallel); the model does not know
 * which, and the results are the same.
 */
export interface VillagePasses extends HandoutPasses, RegisterPasses, ObservationPasses {
  /** earnVillages for every village (the month's village shocks are drawn). */
  earn(): void;
  /** informVillages for every village. */
  inform(): void;
  /** migrateVillages for every village (at the start of each year). */
  migrate(): void;
  /** assessVillages for every village: the organisations' platform's assessment. */
  assess(): void;
  /** drawHiringVillages for every village: hiring's draws (HiringColumns). */
  drawHiring(): void;
  /** settleVillages for every village; returns the returns to poverty counted. */
  settle(month: number): number;
  /** auditVillages over every village: the household audits and the village audits' draws; returns the households removed. */
  audit(): number;
  /** countRegister over every village: the register against need at the end of the month. */
  tally(): RegisterCounts;
  /** Ends what the passes started (threads); called once, when the run ends or fails. */
  close(): void;
}

/**
 * The states of the village streams (simulation.streams 'village'), four words per village (see
 * villageStreamStates): the households' draws in the economy (with migration), in supervision (with
 * each village's audit draws), at the register adjustment, and in the partners' yearly decisions
 * (the platform's assessment, hiring).
 */
export interface VillageStreams {
  readonly economy: Int32Array;
  readonly supervision: Int32Array;
  readonly identification: Int32Array;
  readonly partners: Int32Array;
}

/** What runs a township's village passes on threads; the model only calls `start`, once. */
export interface VillageThreads {
  /** True: the household and village columns, the handouts' and the register adjustment's buffers and the scratch must be on SharedArrayBuffers. */
  readonly sharedMemory: boolean;
  /** Passes over `t`; `villageStreams` are the village streams' states (simulation.streams 'village') or null. */
  start(t: Township, villageStreams: VillageStreams | null): VillagePasses;
}

/**
 * The village passes in this thread. The households draw from the township's `economy`,
 * `supervision`, `identification` and `partners` streams, or, given `villageStreams`, each village
 * from its own (one stream object per process, loaded village by village).
 */
export function inThreadPasses(t: Township, streams: Streams, villageStreams: VillageStreams | null): VillagePasses {
  const economy = villageStreams === null ? streams.economy : new RandomStream([1, 0, 0, 0]);
  const supervision = villageStreams === null ? streams.supervision : new RandomStream([1, 0, 0, 0]);
  const identification = villageStreams === null ? streams.identification : new RandomStream([1, 0, 0, 0]);
  const partners = villageStreams === null ? streams.partners : new RandomStream([1, 0, 0, 0]);
  const count = t.villages.count;
  return {
    earn: () => earnVillages(t, 0, count, economy, villageStreams?.economy ?? null),
    inform: () => informVillages(t, 0, count),
    migrate: () => migrateVillages(t, 0, count, economy, villageStreams?.economy ?? null),
    assess: () => assessVillages(t, 0, count, partners, villageStreams?.partners ?? null),
    drawHiring: () => drawHiringVillages(t, 0, count, partners, villageStreams?.partners ?? null),
    measureHouseholds: () => measureVillages(t, 0, count),
    ...handoutsInThread(t),
    settle: (month) => settleVillages(t, 0, count, month),
    audit: () => auditVillages(t, 0, count, supervision, villageStreams?.supervision ?? null),
    tally: () => countRegister(t, 0, count),
    ...observationInThread(t),
    adjustRegister: () => adjustVillages(t, 0, count, identification, villageStreams?.identification ?? null),
    close: () => {},
  };
}

export interface SimulationResult {
  seed: number;
  months: number;
  households: number;
  villages: number;
  /** Metrics at the end of the last month. */
  metrics: Metrics;
  /** Cumulative accounts of every source at the end of the run. */
  ledger: Record<Source, SourceAccount>;
  /** Yuan received by households from each programme over the run. */
  programmes: Record<ProgrammeName, number>;
  /** Who received the money: benefit incidence of all assistance, by source and by programme. */
  incidence: IncidenceReport;
  /** Event counts over the run. */
  counters: Counters;
  /** One record per month. */
  series: MonthRecord[];
}

/** The township as a stepped model (the engine's interface); `township` exposes its state. */
export class TownshipModel implements SteppedModel<MonthRecord> {
  constructor(
    readonly township: Township,
    private readonly streams: Streams,
    private readonly passes: VillagePasses,
  ) {}

  step(month: number): void {
    const t = this.township;
    const s = this.streams;
    if (month % 12 === 0 && month > 0) this.passes.migrate();
    earnMonth(t, s, this.passes);
    this.passes.inform();
    fund(t);
    assist(t, month, s.assistance, this.passes);
    settleMonth(t, month, this.passes);
    if (month === 0) markPoorAtStart(t);
    superviseMonth(t, this.passes);
    // The register is adjusted at the end of each year and takes effect for the next one.
    if (month % 12 === 11) adjustRegister(t, month, s, this.passes);
    keepTally(t, this.passes.tally());
  }

  observe(month: number): MonthRecord {
    return { month, metrics: observe(this.township, this.passes), ledger: this.township.ledger.accounts() };
  }

  /** Ends the village passes (stops their threads, if any). */
  close(): void {
    this.passes.close();
  }
}

/** The economy of the month: the village shocks from the township's stream, then the households. */
function earnMonth(t: Township, streams: Streams, passes: VillagePasses): void {
  drawVillageShocks(t, streams.economy);
  passes.earn();
}

/** Closes the month's incomes (settleVillages over every village) and counts the returns to poverty. */
function settleMonth(t: Township, month: number, passes: VillagePasses): void {
  t.counters.returnsToPoverty += passes.settle(month);
}

/** The month's supervision: the household audits (the village passes), then the village audits and sanctions. */
function superviseMonth(t: Township, passes: VillagePasses): void {
  t.counters.removedByAudit += passes.audit();
  auditVillagesAndSanction(t);
}

/**
 * The annual register adjustment and the partners' decisions for the year that follows. The first
 * one (before month 0) is the initial registration; later ones close each year (months 11, 23, ...).
 */
function adjustRegister(t: Township, month: number, streams: Streams, passes: VillagePasses): void {
  identify(t, month, streams.identification, passes);
  if (month < 0) choosePartnerVillages(t, streams.partners);
  decideParticipation(t, streams.partners);
  passes.assess();
  hireWorkers(t, month, streams.partners, () => passes.drawHiring());
  weighInfrastructure(t);
}

/**
 * Builds the township with one economy stream (simulation.streams 'township'), in this thread, and
 * runs it through {@link burnIn} (for tools that time the processes; createModel does the same).
 */
export function prepareTownship(params: Params, streams: Streams): Township {
  if (params.simulation.streams !== 'township') throw new Error("prepareTownship draws from the township's stream: use createModel for simulation.streams 'village'");
  const t = createTownship(params, streams);
  burnIn(t, streams, inThreadPasses(t, streams, null));
  return t;
}

/**
 * Runs the economy alone for BURN_IN_MONTHS months, then registers the first poor households and
 * lets partners decide for the first year.
 */
function burnIn(t: Township, streams: Streams, passes: VillagePasses): void {
  for (let m = 0; m < BURN_IN_MONTHS; m += 1) {
    earnMonth(t, streams, passes);
    if (m === 0) initialiseIncome(t);
    settleMonth(t, m - BURN_IN_MONTHS, passes);
  }
  // Tenths of persons by per-capita income before the programme, fixed from here on: the groups of
  // benefit incidence and CGH, so that aid's own effect on incomes does not reorder them.
  const order = rankOrder(t.households.marketIncome, t.scratch.rank);
  t.decilePersons.set(personDeciles(order, t.households.size, t.households.decile));
  adjustRegister(t, -1, streams, passes);
}

/**
 * A ready-to-step model for `params` and `seed` (used by simulateParams and by tests): the
 * township built and through its burn-in. With `threads`, its village passes run on them from the
 * burn-in on; the caller closes the model when done (`close`: it stops the threads).
 */
export function createModel(params: Params, seed: number, threads?: VillageThreads): TownshipModel {
  const streams = createStreams(seed);
  const t = createTownship(params, streams, threads?.sharedMemory ?? false);
  const villageStreams: VillageStreams | null =
    params.simulation.streams === 'village'
      ? {
          economy: villageStreamStates(seed, 'economy', t.villages.count, threads?.sharedMemory),
          supervision: villageStreamStates(seed, 'supervision', t.villages.count, threads?.sharedMemory),
          partners: villageStreamStates(seed, 'partners', t.villages.count, threads?.sharedMemory),
          identification: villageStreamStates(seed, 'identification', t.villages.count, threads?.sharedMemory),
        }
      : null;
  const passes = threads ? threads.start(t, villageStreams) : inThreadPasses(t, streams, villageStreams);
  try {
    burnIn(t, streams, passes);
  } catch (error) {
    passes.close();
    throw error;
  }
  return new TownshipModel(t, streams, passes);
}

/** Runs the model with validated parameters. Same parameters and seed, same result. */
export function simulateParams(params: Params, options: SimulationOptions): SimulationResult {
  const model = createModel(params, options.seed, options.threads);
  try {
    const series: MonthRecord[] = [];
    let last: MonthRecord;
    if (options.observe === 'last') {
      last = runStepsObservingLast(model, params.simulation.months);
      series.push(last);
      options.onMonth?.(last);
    } else {
      last = runSteps(model, params.simulation.months, { onObservation: keepRecord(series, options.onMonth) });
    }
    return collectResult(model, params, options.seed, series, last);
  } finally {
    model.close();
  }
}

/**
 * simulateParams that yields to the event loop between months, so a long run can be interrupted:
 * when `signal` is aborted it stops with StepsInterrupted (from src/engine/schedule.ts). Same
 * parameters and seed, same result as simulateParams.
 */
export async function simulateParamsAsync(
  params: Params,
  options: SimulationOptions & { signal?: AbortSignal },
): Promise<SimulationResult> {
  const model = createModel(params, options.seed, options.threads);
  try {
    const series: MonthRecord[] = [];
    const last = await runStepsAsync(model, params.simulation.months, {
      ...(options.signal ? { signal: options.signal } : {}),
      onObservation: keepRecord(series, options.onMonth),
    });
    return collectResult(model, params, options.seed, series, last);
  } finally {
    model.close();
  }
}

/** An observation hook that keeps every month's record in `series` and hands it to `onMonth`. */
function keepRecord(series: MonthRecord[], onMonth: SimulationOptions['onMonth']): (month: number, record: MonthRecord) => void {
  return (_month, record) => {
    series.push(record);
    onMonth?.(record);
  };
}

function collectResult(model: TownshipModel, params: Params, seed: number, series: MonthRecord[], last: MonthRecord): SimulationResult {
  const township = model.township;
  const programmes = {} as Record<ProgrammeName, number>;
  PROGRAMMES.forEach((p, k) => {
    programmes[p.name] = township.ledger.paidByProgramme[k]!;
  });
  return {
    seed,
    months: params.simulation.months,
    households: township.households.count,
    villages: township.villages.count,
    metrics: last.metrics,
    ledger: last.ledger,
    programmes,
    incidence: incidenceReport(township),
    counters: { ...township.counters, verificationCostUnpaid: township.pendingVerificationCost },
    series,
  };
}
