/**
 * A run's village passes (earn's household loop, settle and the yearly migration,
 * src/model/economy.ts; the information update, information.ts; the handouts' counts and payments,
 * assistance.ts; the household audits, supervision.ts; the register's tally, tally.ts; the
 * observation's village sums and the Gini's binning, observe.ts; the register adjustment's
 * measurement of the households and its village loop, identification.ts; the platform's assessment
 * and hiring's draws, partners.ts) on several threads. Villages are independent within these passes: each
 * household reads and writes only its own columns and its village's, and with simulation.streams
 * 'village' each village draws from its own streams. What the passes sum is either whole numbers
 * (settle's returns to poverty, the audits' removals, tally's and the register adjustment's counts:
 * any order gives the same sum) or kept per village (the handouts' results, the observation's sums,
 * the village audits' draws and findings) and used in village order by the main thread. So villages
 * can run at once in any grouping, and the results are byte-identical whatever the number of
 * threads. The Gini's bins are filled in the fixed ranges of villages of observe.ts's
 * giniVillageRanges (two with village streams), one thread a range, not in chunks: the bins of a
 * range are the same whatever thread fills them.
 *
 * Each command's villages are cut into chunks of contiguous villages (CHUNKS_PER_THREAD per thread,
 * of about the same number of households), and every thread, the main thread included, takes the
 * next chunk left (an atomic counter) until none is: a thread slowed down by another program on its
 * core does less of the work instead of holding the others up at the end of every pass.
 *
 * threads - 1 worker threads start once per run (the main thread is the other), get the household
 * and village columns, the handouts', the register adjustment's and hiring's buffers and the Gini's
 * bins (all on SharedArrayBuffers), the parameters and the village streams' states once, and then
 * wait for commands on a small shared Int32Array.
 * The main thread waits for them with Atomics.wait (allowed in Node's main thread), so the model's
 * `step()` stays synchronous. The rest of the month runs in the main thread between the passes:
 * the village shocks, the budgets, the handouts' plans and booking and the handouts that
 * draw a budget down household by household (medical help, renovation, mutual aid, training), the
 * village audits and sanctions, the yearly register adjustment's preparation (the survey and the
 * formula, the hardship fit) and its score's fit, the partners' decisions and hiring (its ranking
 * and the hires), and the observation's township sums and the Gini's sum over its bins.
 *
 * The worker side is serveVillages below, loaded by a bootstrap (WORKER_BOOTSTRAP). This module
 * runs threads only compiled (dist/src/parallel/), as the run pool of the
 * experiments does.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RandomStream } from '../engine/rng.js';
import { countPayouts, payVillages } from '../model/assistance.js';
import { adjustVillages, measureVillages, newRoundCounts, ROUND_COUNTS, type RoundColumns } from '../model/identification.js';
import { earnVillages, migrateVillages, settleVillages } from '../model/economy.js';
import { informVillages } from '../model/information.js';
import { binIncomes, giniVillageRanges, sumObservations } from '../model/observe.js';
import type { Params } from '../model/parameters.js';
import { assessVillages, drawHiringVillages, type HiringColumns } from '../model/partners.js';
import type { VillagePasses, VillageStreams, VillageThreads } from '../model/simulate.js';
import { auditVillages } from '../model/supervision.js';
import { countRegister } from '../model/tally.js';
import type { Households, Township, VillageColumns, VillagePayouts, Villages } from '../model/township.js';
import { describeValue, InputError } from '../scenario/errors.js';
import {
  ADJUST_REGISTER,
  ARGUMENTS,
  ASSESS,
  AUDIT,
  BIN_INCOMES,
  DRAW_HIRING,
  MEASURE_HOUSEHOLDS,
  MIGRATE,
  COMMAND,
  CONTROL_SLOTS,
  COUNT_PAYOUTS,
  DONE,
  EARN,
  EXITED,
  FAILED,
  GENERATION,
  INFORM,
  NEXT_CHUNK,
  PAY,
  READY,
  SETTLE,
  STOP,
  SUM_OBSERVATIONS,
  TALLY,
} from './control.js';

/** How long the main thread waits for a worker before it looks again whether one has exited, ms. */
const LIVENESS_CHECK_MS = 1000;
/**
 * How long the main thread waits for every worker to start, ms. A worker starts in well under a
 * second; one that has not started after this never will (its file does not parse, the thread
 * could not be made), and a run waiting for it would hang, deaf to Ctrl-C (the main thread is
 * blocked in Atomics.wait).
 */
const START_TIMEOUT_MS = 60_000;
/** At most this many threads: far more than any machine's cores a run could use (each thread costs memory). */
export const MAX_THREADS = 256;
/**
 * Chunks of villages per thread (at most one village per chunk): enough that a thread slowed down
 * for a while is made up for by the others, few enough that a chunk's fixed cost (a pass's set-up,
 * one atomic add) stays far below its households' work (a chunk of a 1,000,000-household township on
 * 2 threads holds about 31,000 households).
 */
const CHUNKS_PER_THREAD = 16;
/** Numbers each thread counts in a command (its row of the results): the most, the register adjustment's. */
const RESULT_WIDTH = ROUND_COUNTS.length;

/** What a village thread gets, once, when it starts. */
export interface VillageWorkerData {
  readonly control: Int32Array;
  /** The worker's thread index (1, 2, ...; the main thread is 0): its row of `results`. */
  readonly index: number;
  /** Chunk c holds villages [chunks[c], chunks[c + 1]). */
  readonly chunks: Uint32Array;
  /** RESULT_WIDTH numbers per thread: what the thread counted in the last command (whole numbers, see runChunk). */
  readonly results: Float64Array;
  readonly params: Params;
  readonly households: Households;
  readonly villages: Villages;
  readonly payouts: VillagePayouts;
  readonly adjustment: RoundColumns;
  readonly hiring: HiringColumns;
  /** The Gini's bins (Scratch.giniBins). */
  readonly giniBins: Float64Array;
  readonly villageStreams: VillageStreams;
  readonly errors: MessagePort;
}

/**
 * The number of threads of a run, checked: a whole number from 1 to MAX_THREADS, more than 1 only with village
 * streams. `name` is how the caller calls it (`--threads`), `hint` how to ask for village streams.
 *
 * @throws {InputError} e.g. `--threads: expected a whole number of threads from 1 to 256, found 1.5`.
 */
export function checkThreads(threads: unknown, params: Params, name: string, hint: string): number {
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new InputError({ file: name, expected: `a whole number of threads from 1 to ${MAX_THREADS}`, found: describeValue(threads) });
  }
  if (threads > 1 && params.simulation.streams !== 'village') {
    throw new InputError({
      detail: `${name} ${threads} needs simulation.streams: village (with one township stream the households' draws follow one another and cannot be split); ${hint}`,
    });
  }
  return threads;
}

/**
 * `parts` contiguous village ranges (one per thread, or per chunk), of about the same number of
 * households each (every range holds at least one village; `parts` is at most the number of villages).
 *
 * @example
 * villageRanges(Uint32Array.of(0, 10, 20, 30, 40), 4, 2); // => [[0, 2], [2, 4]]
 */
export function villageRanges(start: Uint32Array, villages: number, parts: number): Array<[number, number]> {
  const households = start[villages]!;
  const bounds = [0];
  let v = 0;
  for (let k = 1; k < parts; k += 1) {
    const target = (k * households) / parts;
    while (v < villages && start[v]! < target) v += 1;
    bounds.push(Math.min(Math.max(v, bounds[k - 1]! + 1), villages - (parts - k)));
  }
  bounds.push(villages);
  return bounds.slice(0, -1).map((from, k) => [from, bounds[k + 1]!]);
}

/**
 * Village passes on `threads` threads (at most one per village) for createModel / simulateParams.
 * Needs the compiled povsim and simulation.streams 'village' (see {@link checkThreads}).
 */
export function villageThreads(threads: number): VillageThreads {
  return { sharedMemory: true, start: (t, villageStreams) => startVillageThreads(t, villageStreams, threads) };
}

function startVillageThreads(t: Township, villageStreams: VillageStreams | null, threads: number): VillagePasses {
  if (villageStreams === null) throw new Error("village threads need simulation.streams 'village'");
  if (!import.meta.url.endsWith('.js')) {
    throw new Error('village threads need the compiled povsim (run `npm run build`); from the TypeScript sources use one thread');
  }
  const threadCount = Math.min(threads, t.villages.count);
  const ranges = villageRanges(t.villages.start, t.villages.count, Math.min(threadCount * CHUNKS_PER_THREAD, t.villages.count));
  const chunks = new Uint32Array(new SharedArrayBuffer(4 * (ranges.length + 1)));
  ranges.forEach(([from], c) => {
    chunks[c] = from;
  });
  chunks[ranges.length] = t.villages.count;
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
  const results = new Float64Array(new SharedArrayBuffer(8 * RESULT_WIDTH * threadCount));
  const errorPorts: MessagePort[] = [];
  const workers: Worker[] = [];
  let closed = false;
  /** Stops every worker started so far (they exit at STOP; terminate ends one stuck or not started). */
  const close = (): void => {
    if (closed) return;
    closed = true;
    Atomics.store(control, COMMAND, STOP);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    for (const worker of workers) void worker.terminate();
    for (const port of errorPorts) port.close();
  };

  try {
    for (let index = 1; index < threadCount; index += 1) {
      const channel = new MessageChannel();
      channel.port1.unref();
      errorPorts.push(channel.port1);
      const workerData: VillageWorkerData = {
        control,
        index,
        chunks,
        results,
        params: t.params,
        households: t.households,
        villages: t.villages,
        payouts: t.payouts,
        adjustment: t.adjustment,
        hiring: t.hiring,
        giniBins: t.scratch.giniBins,
        villageStreams,
        errors: channel.port2,
      };
      const bootstrap: BootstrapData = { moduleUrl: import.meta.url, ready: READY, exited: EXITED, done: DONE };
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerData, bootstrap }, transferList: [channel.port2] });
      // A worker never keeps the process alive: it ends with `close`, and a process that ends
      // without closing (an exception elsewhere) must not hang on it.
      worker.unref();
      workers.push(worker);
    }
    waitForStart(control, workers.length);
  } catch (error) {
    close();
    throw error;
  }
  const own: ThreadShare = {
    t,
    control,
    chunks,
    results: results.subarray(0, RESULT_WIDTH),
    giniBins: t.scratch.giniBins,
    economy: new RandomStream([1, 0, 0, 0]),
    supervision: new RandomStream([1, 0, 0, 0]),
    identification: new RandomStream([1, 0, 0, 0]),
    partners: new RandomStream([1, 0, 0, 0]),
    villageStreams,
  };

  /**
   * Starts `command` on the workers, takes chunks in the main thread too, and waits for the workers.
   * After a failure (here or in a worker) the passes are closed: the township is in an unknown
   * state and must not be stepped on.
   */
  const run = (command: number, args: readonly number[] = []): void => {
    if (closed) throw new Error('village threads: used after close');
    Atomics.store(control, COMMAND, command);
    args.forEach((arg, j) => Atomics.store(control, ARGUMENTS + j, arg));
    Atomics.store(control, DONE, 0);
    Atomics.store(control, NEXT_CHUNK, 0);
    // Every thread's row is cleared here, before the command starts, not by the thread itself.
    results.fill(0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    let ownFailure = true;
    try {
      takeChunks(own, command);
      ownFailure = false;
    } finally {
      // Even when the main thread's chunks failed, the workers finish their command before we
      // return. A worker that exits (its module failed to load, its thread died) never says done:
      // it counts itself in EXITED and wakes this wait (the timeout only covers an exit between the
      // check and the wait); the run then stops and close() terminates the others.
      for (let done = Atomics.load(control, DONE); done < workers.length; done = Atomics.load(control, DONE)) {
        if (Atomics.load(control, EXITED) > 0) {
          close();
          throw new Error('a village thread stopped before finishing its villages (it could not load the compiled povsim, or its thread died)');
        }
        Atomics.wait(control, DONE, done, LIVENESS_CHECK_MS);
      }
      if (ownFailure) close();
    }
    if (Atomics.load(control, FAILED) !== 0) {
      const report = errorPorts.map((port) => receiveMessageOnPort(port)).find((r) => r !== undefined);
      close();
      throw new Error(`a village thread failed: ${report ? String(report.message) : 'no message'}`);
    }
  };

  /** Number j of the last command's results, summed over the threads (whole numbers: exact in any order). */
  const total = (j: number): number => {
    let sum = 0;
    for (let k = 0; k < threadCount; k += 1) sum += results[RESULT_WIDTH * k + j]!;
    return sum;
  };

  return {
    earn: () => run(EARN),
    inform: () => run(INFORM),
    migrate: () => run(MIGRATE),
    measureHouseholds: () => run(MEASURE_HOUSEHOLDS),
    assess: () => run(ASSESS),
    drawHiring: () => run(DRAW_HIRING),
    countPayouts: () => run(COUNT_PAYOUTS),
    pay: (programme, target, use) => run(PAY, [programme, target, use]),
    sumObservations: () => run(SUM_OBSERVATIONS),
    binIncomes: (layout) => run(BIN_INCOMES, [layout.highMin, layout.shift]),
    settle: (month) => {
      run(SETTLE, [month]);
      return total(0);
    },
    audit: () => {
      run(AUDIT);
      return total(0);
    },
    tally: () => {
      run(TALLY);
      return { registered: total(0), registeredNonPoor: total(1), poor: total(2), poorNotRegistered: total(3) };
    },
    adjustRegister: () => {
      run(ADJUST_REGISTER);
      const counts = newRoundCounts();
      ROUND_COUNTS.forEach((name, j) => {
        counts[name] = total(j);
      });
      return counts;
    },
    close,
  };
}

/** What one thread (the main thread or a worker) works with to take its share of a command's chunks. */
interface ThreadShare {
  readonly t: VillageColumns;
  readonly control: Int32Array;
  readonly chunks: Uint32Array;
  /** The thread's row of the results (RESULT_WIDTH numbers). */
  readonly results: Float64Array;
  readonly giniBins: Float64Array;
  /** One stream object per process, loaded village by village from the village streams' states. */
  readonly economy: RandomStream;
  readonly supervision: RandomStream;
  readonly identification: RandomStream;
  readonly partners: RandomStream;
  readonly villageStreams: VillageStreams;
}

/**
 * Runs `command` on chunk after chunk of villages, taking the next chunk left until none is, and
 * adds what the chunks count into the thread's row of results (cleared by the main thread). The
 * Gini's binning takes the parts of the bins (giniVillageRanges) instead.
 */
function takeChunks(share: ThreadShare, command: number): void {
  if (command === BIN_INCOMES) {
    const layout = { highMin: Atomics.load(share.control, ARGUMENTS), shift: Atomics.load(share.control, ARGUMENTS + 1) };
    const parts = giniVillageRanges(share.t).length;
    for (let part = Atomics.add(share.control, NEXT_CHUNK, 1); part < parts; part = Atomics.add(share.control, NEXT_CHUNK, 1)) {
      binIncomes(share.t, part, layout, share.giniBins);
    }
    return;
  }
  const chunkCount = share.chunks.length - 1;
  for (let c = Atomics.add(share.control, NEXT_CHUNK, 1); c < chunkCount; c = Atomics.add(share.control, NEXT_CHUNK, 1)) {
    runChunk(share, command, share.chunks[c]!, share.chunks[c + 1]!);
  }
}

/**
 * `command` over villages [from, to). What it counts (whole numbers) is added into the thread's
 * results: settle the returns to poverty (0); the audits the households removed (0); tally the four
 * register counts (0..3, in RegisterCounts' order); the register adjustment its counts (in
 * ROUND_COUNTS' order).
 */
function runChunk(share: ThreadShare, command: number, from: number, to: number): void {
  const { t, results, villageStreams } = share;
  const argument = (j: number): number => Atomics.load(share.control, ARGUMENTS + j);
  switch (command) {
    case EARN:
      earnVillages(t, from, to, share.economy, villageStreams.economy);
      break;
    case INFORM:
      informVillages(t, from, to);
      break;
    case MIGRATE:
      migrateVillages(t, from, to, share.economy, villageStreams.economy);
      break;
    case MEASURE_HOUSEHOLDS:
      measureVillages(t, from, to);
      break;
    case ASSESS:
      assessVillages(t, from, to, share.partners, villageStreams.partners);
      break;
    case DRAW_HIRING:
      drawHiringVillages(t, from, to, share.partners, villageStreams.partners);
      break;
    case SETTLE:
      results[0] += settleVillages(t, from, to, argument(0));
      break;
    case AUDIT:
      results[0] += auditVillages(t, from, to, share.supervision, villageStreams.supervision);
      break;
    case TALLY: {
      const counts = countRegister(t, from, to);
      results[0] += counts.registered;
      results[1] += counts.registeredNonPoor;
      results[2] += counts.poor;
      results[3] += counts.poorNotRegistered;
      break;
    }
    case COUNT_PAYOUTS:
      countPayouts(t, from, to);
      break;
    case PAY:
      payVillages(t, from, to, argument(0), argument(1), argument(2));
      break;
    case SUM_OBSERVATIONS:
      sumObservations(t, from, to);
      break;
    case ADJUST_REGISTER: {
      const counts = adjustVillages(t, from, to, share.identification, villageStreams.identification);
      ROUND_COUNTS.forEach((name, j) => {
        results[j] += counts[name];
      });
      break;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

/** What the bootstrap needs besides the VillageWorkerData: this module, and the control slots it touches. */
interface BootstrapData {
  readonly moduleUrl: string;
  readonly ready: number;
  readonly exited: number;
  readonly done: number;
}

/**
 * The code a village thread starts with: a script in this module's own text, so that it cannot be
 * missing or broken while this module runs. Only dynamic imports, no `require`: the worker inherits
 * the process's node options, and under `--input-type=module` an eval'd script is a module, where
 * `require` does not exist (the first version failed so; only a built-in is imported before the
 * exit handler is in place, and that import cannot fail). It first arranges that the thread's end, however it
 * comes (STOP, this module failing to load in the thread, an uncaught error), is counted in EXITED
 * and wakes the main thread's wait; then says it has started (READY); only then does it load this
 * module and serve its villages. So the main thread never waits for ever on a thread that is gone.
 */
const WORKER_BOOTSTRAP = `
import('node:worker_threads').then(({ workerData }) => {
  const { control, bootstrap } = workerData;
  process.on('exit', () => {
    Atomics.add(control, bootstrap.exited, 1);
    Atomics.notify(control, bootstrap.done);
  });
  Atomics.add(control, bootstrap.ready, 1);
  Atomics.notify(control, bootstrap.ready);
  return import(bootstrap.moduleUrl).then(
    (module) => module.serveVillages(workerData),
    (error) => {
      process.stderr.write('povsim: a village thread could not load ' + bootstrap.moduleUrl + ': ' + (error && error.message) + '\\n');
      process.exit(1);
    },
  );
});
`;

/**
 * Waits until `workers` workers have started (READY), at most START_TIMEOUT_MS; a worker that has
 * exited by then (EXITED) will never start.
 */
function waitForStart(control: Int32Array, workers: number): void {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let ready = Atomics.load(control, READY); ready < workers; ready = Atomics.load(control, READY)) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.load(control, EXITED) > 0) {
      throw new Error(`a village thread did not start (${ready} of ${workers} started): its compiled module may be broken (run \`npm run build\`)`);
    }
    Atomics.wait(control, READY, ready, Math.min(left, LIVENESS_CHECK_MS));
  }
}

/**
 * The worker side (WORKER_BOOTSTRAP loads it): waits for a command on the shared control array,
 * takes chunks of villages for it (the village passes of the file's comment) on the shared columns until none is
 * left, says it is done, and waits again, until STOP. A failure in a command is reported on the
 * error port and in FAILED.
 */
export function serveVillages(data: VillageWorkerData): void {
  const { control, index, errors } = data;
  const share: ThreadShare = {
    t: {
      params: data.params,
      households: data.households,
      villages: data.villages,
      payouts: data.payouts,
      adjustment: data.adjustment,
      hiring: data.hiring,
    },
    control,
    chunks: data.chunks,
    results: data.results.subarray(RESULT_WIDTH * index, RESULT_WIDTH * (index + 1)),
    giniBins: data.giniBins,
    economy: new RandomStream([1, 0, 0, 0]),
    supervision: new RandomStream([1, 0, 0, 0]),
    identification: new RandomStream([1, 0, 0, 0]),
    partners: new RandomStream([1, 0, 0, 0]),
    villageStreams: data.villageStreams,
  };
  let generation = 0;
  for (;;) {
    // Returns at once if the command was given before this thread got here.
    Atomics.wait(control, GENERATION, generation);
    const current = Atomics.load(control, GENERATION);
    // Woken for a command this thread has already run: the main thread raises GENERATION and then
    // notifies, and a thread that saw the raise (its wait returned at once) can finish the command
    // and wait again before that notify comes. Running it again would count this thread twice in
    // DONE (the main thread could go on while another thread is still in a chunk, whose next claim
    // would fall in the next command).
    if (current === generation) continue;
    generation = current;
    const command = Atomics.load(control, COMMAND);
    if (command === STOP) break;
    try {
      takeChunks(share, command);
    } catch (error) {
      errors.postMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
  errors.close();
}
