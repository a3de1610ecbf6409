/**
 * A run's village passes (earn's household loop and settle, src/model/economy.ts; the information
 * update, information.ts; the handouts' counts and payments, assistance.ts; the register's tally,
 * tally.ts; the observation's village sums, observe.ts) on several threads. Villages are
 * independent within these passes: each household reads and writes only its own columns and its
 * village's, and with simulation.streams 'village' each village draws from its own stream. What
 * the passes sum is either whole numbers (settle's returns to poverty, tally's counts: any order
 * gives the same sum) or kept per village (the handouts' results, the observation's sums) and added
 * in village order by the main thread. So contiguous village ranges can run at once, and the
 * results are byte-identical whatever the number of threads.
 *
 * threads - 1 worker threads start once per run (the main thread takes the first range), get the
 * household and village columns, the handouts' buffers (all on SharedArrayBuffers), the parameters
 * and the village streams' states once, and then wait for commands on a small shared Int32Array.
 * The main thread waits for them with Atomics.wait (allowed in Node's main thread), so the model's
 * `step()` stays synchronous. The rest of the month runs in the main thread between the passes:
 * the village shocks, migration, the budgets, the handouts' plans and booking and the handouts that
 * draw a budget down household by household (medical help, renovation, mutual aid, training),
 * supervision, the yearly register adjustment and hiring, and observation's Gini binning.
 *
 * The worker side is serveVillageRange below, loaded by a bootstrap (WORKER_BOOTSTRAP). This module
 * runs threads only compiled (dist/src/parallel/), as the run pool of the
 * experiments does.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RandomStream } from '../engine/rng.js';
import { countPayouts, payVillages } from '../model/assistance.js';
import { earnVillages, settleVillages } from '../model/economy.js';
import { informVillages } from '../model/information.js';
import { sumObservations } from '../model/observe.js';
import type { Params } from '../model/parameters.js';
import type { VillagePasses, VillageThreads } from '../model/simulate.js';
import { countRegister, type RegisterCounts } from '../model/tally.js';
import type { Households, Township, VillageColumns, VillagePayouts, Villages } from '../model/township.js';
import { describeValue, InputError } from '../scenario/errors.js';
import {
  ARGUMENTS,
  COMMAND,
  COUNT_PAYOUTS,
  DONE,
  EARN,
  EXITED,
  FAILED,
  GENERATION,
  INFORM,
  PAY,
  READY,
  RESULT_SLOTS,
  RESULTS,
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

/** What a village thread gets, once, when it starts. */
export interface VillageWorkerData {
  readonly control: Int32Array;
  /** The worker's thread index (1, 2, ...; the main thread is 0) and its villages [from, to). */
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly params: Params;
  readonly households: Households;
  readonly villages: Villages;
  readonly payouts: VillagePayouts;
  readonly villageStates: Int32Array;
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
 * Contiguous village ranges, one per thread, of about the same number of households each (every
 * range holds at least one village; `threads` is at most the number of villages).
 *
 * @example
 * villageRanges(Uint32Array.of(0, 10, 20, 30, 40), 4, 2); // => [[0, 2], [2, 4]]
 */
export function villageRanges(start: Uint32Array, villages: number, threads: number): Array<[number, number]> {
  const households = start[villages]!;
  const bounds = [0];
  let v = 0;
  for (let k = 1; k < threads; k += 1) {
    const target = (k * households) / threads;
    while (v < villages && start[v]! < target) v += 1;
    bounds.push(Math.min(Math.max(v, bounds[k - 1]! + 1), villages - (threads - k)));
  }
  bounds.push(villages);
  return bounds.slice(0, -1).map((from, k) => [from, bounds[k + 1]!]);
}

/**
 * Village passes on `threads` threads (at most one per village) for createModel / simulateParams.
 * Needs the compiled povsim and simulation.streams 'village' (see {@link checkThreads}).
 */
export function villageThreads(threads: number): VillageThreads {
  return { sharedMemory: true, start: (t, villageStates) => startVillageThreads(t, villageStates, threads) };
}

function startVillageThreads(t: Township, villageStates: Int32Array | null, threads: number): VillagePasses {
  if (villageStates === null) throw new Error("village threads need simulation.streams 'village'");
  if (!import.meta.url.endsWith('.js')) {
    throw new Error('village threads need the compiled povsim (run `npm run build`); from the TypeScript sources use one thread');
  }
  const ranges = villageRanges(t.villages.start, t.villages.count, Math.min(threads, t.villages.count));
  const control = new Int32Array(new SharedArrayBuffer(4 * (RESULTS + RESULT_SLOTS * ranges.length)));
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
    ranges.slice(1).forEach(([from, to], k) => {
      const channel = new MessageChannel();
      channel.port1.unref();
      errorPorts.push(channel.port1);
      const workerData: VillageWorkerData = {
        control,
        index: k + 1,
        from,
        to,
        params: t.params,
        households: t.households,
        villages: t.villages,
        payouts: t.payouts,
        villageStates,
        errors: channel.port2,
      };
      const bootstrap: BootstrapData = { moduleUrl: import.meta.url, ready: READY, exited: EXITED, done: DONE };
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerData, bootstrap }, transferList: [channel.port2] });
      // A worker never keeps the process alive: it ends with `close`, and a process that ends
      // without closing (an exception elsewhere) must not hang on it.
      worker.unref();
      workers.push(worker);
    });
    waitForStart(control, workers.length);
  } catch (error) {
    close();
    throw error;
  }
  const [mainFrom, mainTo] = ranges[0]!;
  const rng = new RandomStream([1, 0, 0, 0]);

  /**
   * Starts `command` on the workers, does the main thread's range, and waits for the workers. After
   * a failure the passes are closed: the township is in an unknown state and must not be stepped on.
   */
  const run = (command: number, args: readonly number[], own: () => void): void => {
    if (closed) throw new Error('village threads: used after close');
    Atomics.store(control, COMMAND, command);
    args.forEach((arg, j) => Atomics.store(control, ARGUMENTS + j, arg));
    Atomics.store(control, DONE, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    try {
      own();
    } finally {
      // Even when the main thread's range failed, the workers finish their command before we
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
    }
    if (Atomics.load(control, FAILED) !== 0) {
      const report = errorPorts.map((port) => receiveMessageOnPort(port)).find((r) => r !== undefined);
      close();
      throw new Error(`a village thread failed: ${report ? String(report.message) : 'no message'}`);
    }
  };

  /** Result slot j of every worker, summed. */
  const workersResult = (j: number): number => {
    let sum = 0;
    for (let k = 1; k < ranges.length; k += 1) sum += Atomics.load(control, RESULTS + RESULT_SLOTS * k + j);
    return sum;
  };

  return {
    earn: () => run(EARN, [], () => earnVillages(t, mainFrom, mainTo, rng, villageStates)),
    inform: () => run(INFORM, [], () => informVillages(t, mainFrom, mainTo)),
    countPayouts: () => run(COUNT_PAYOUTS, [], () => countPayouts(t, mainFrom, mainTo)),
    pay: (programme, target, use) => run(PAY, [programme, target, use], () => payVillages(t, mainFrom, mainTo, programme, target, use)),
    sumObservations: () => run(SUM_OBSERVATIONS, [], () => sumObservations(t, mainFrom, mainTo)),
    settle: (month) => {
      let returns = 0;
      run(SETTLE, [month], () => {
        returns = settleVillages(t, mainFrom, mainTo, month);
      });
      return returns + workersResult(0);
    },
    tally: () => {
      let own: RegisterCounts | undefined;
      run(TALLY, [], () => {
        own = countRegister(t, mainFrom, mainTo);
      });
      return {
        registered: own!.registered + workersResult(0),
        registeredNonPoor: own!.registeredNonPoor + workersResult(1),
        poor: own!.poor + workersResult(2),
        poorNotRegistered: own!.poorNotRegistered + workersResult(3),
      };
    },
    close,
  };
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
    (module) => module.serveVillageRange(workerData),
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
 * runs its command (earn's household loop, inform, the handouts, settle, tally, the observation's sums) over its villages on the shared columns, says it is done,
 * and waits again, until STOP. A failure in a command is reported on the error port and in FAILED.
 */
export function serveVillageRange(data: VillageWorkerData): void {
  const { control, index, from, to, villageStates, errors } = data;
  const t: VillageColumns = { params: data.params, households: data.households, villages: data.villages, payouts: data.payouts };
  const rng = new RandomStream([1, 0, 0, 0]);
  const argument = (j: number): number => Atomics.load(control, ARGUMENTS + j);
  let generation = 0;
  for (;;) {
    // Returns at once if the command was given before this thread got here.
    Atomics.wait(control, GENERATION, generation);
    generation = Atomics.load(control, GENERATION);
    const command = Atomics.load(control, COMMAND);
    if (command === STOP) break;
    try {
      const results = RESULTS + RESULT_SLOTS * index;
      if (command === EARN) earnVillages(t, from, to, rng, villageStates);
      else if (command === INFORM) informVillages(t, from, to);
      else if (command === SETTLE) Atomics.store(control, results, settleVillages(t, from, to, Atomics.load(control, ARGUMENTS)));
      else if (command === TALLY) storeRegisterCounts(control, results, countRegister(t, from, to));
      else if (command === COUNT_PAYOUTS) countPayouts(t, from, to);
      else if (command === PAY) payVillages(t, from, to, argument(0), argument(1), argument(2));
      else if (command === SUM_OBSERVATIONS) sumObservations(t, from, to);
      else throw new Error(`unknown command ${command}`);
    } catch (error) {
      errors.postMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
  errors.close();
}

/** A worker's register counts into its result slots, in RegisterCounts' order. */
function storeRegisterCounts(control: Int32Array, slot: number, counts: RegisterCounts): void {
  Atomics.store(control, slot, counts.registered);
  Atomics.store(control, slot + 1, counts.registeredNonPoor);
  Atomics.store(control, slot + 2, counts.poor);
  Atomics.store(control, slot + 3, counts.poorNotRegistered);
}
