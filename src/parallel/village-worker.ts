/**
 * The worker-thread side of village-threads.ts: one range of villages, started once per run. It
 * waits for a command on the shared control array, runs earn's household loop or settle over its
 * villages on the shared columns, says it is done, and waits again, until STOP.
 * This module runs only compiled (dist/src/parallel/village-worker.js).
 */
import { workerData } from 'node:worker_threads';
import { RandomStream } from '../engine/rng.js';
import { earnVillages, settleVillages } from '../model/economy.js';
import type { VillageColumns } from '../model/township.js';
import { COMMAND, DONE, EARN, FAILED, GENERATION, MONTH, RETURNS, SETTLE, STOP, type VillageWorkerData } from './village-threads.js';

const data = workerData as VillageWorkerData;
const { control, index, from, to, villageStates, errors } = data;
const t: VillageColumns = { params: data.params, households: data.households, villages: data.villages };
const rng = new RandomStream([1, 0, 0, 0]);

let generation = 0;
for (;;) {
  // Returns at once if the command was given before this thread got here.
  Atomics.wait(control, GENERATION, generation);
  generation = Atomics.load(control, GENERATION);
  const command = Atomics.load(control, COMMAND);
  if (command === STOP) break;
  try {
    if (command === EARN) earnVillages(t, from, to, rng, villageStates);
    else if (command === SETTLE) Atomics.store(control, RETURNS + index, settleVillages(t, from, to, Atomics.load(control, MONTH)));
    else throw new Error(`unknown command ${command}`);
  } catch (error) {
    errors.postMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
    Atomics.store(control, FAILED, 1);
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
errors.close();
