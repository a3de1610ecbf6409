/**
 * A village thread (see village-threads.ts), started once per run. It first arranges that its end,
 * however it comes (STOP, a module that fails to load, an uncaught error), is counted in the
 * control array's EXITED slot, so that the main thread waiting for it stops with an error instead
 * of waiting for ever; only then does it load the model and serve its range of villages.
 * This module runs only compiled (dist/src/parallel/village-worker.js).
 */
import { workerData } from 'node:worker_threads';
import { DONE, EXITED } from './control.js';
import type { VillageWorkerData } from './village-threads.js';

const data = workerData as VillageWorkerData;
process.on('exit', () => {
  Atomics.add(data.control, EXITED, 1);
  Atomics.notify(data.control, DONE);
});
const { serveVillageRange } = await import('./village-threads.js');
serveVillageRange(data);
