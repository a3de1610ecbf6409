/**
 * The model before and after a change, side by side in one process: a built copy of the earlier
 * commit (DIR, with dist/bench compiled) and this tree, timed alternately with the floor kernel
 * between them, so that all three see the same state of a noisy machine (a diagnostic, not part of
 * the suite).
 *
 *   node dist/bench/before-after.js DIR [HOUSEHOLDS] [RUNS]     (default 1,000,000 households, 3 runs)
 *
 * Prints each run's time of the 60 months and the medians: household-steps/s, after over before,
 * and each side over the floor kernel.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as after from './model.js';

type BenchModel = Pick<typeof after, 'baselineParams' | 'timeModel'>;

const [dir, householdsArg, runsArg] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: before-after.js DIR [HOUSEHOLDS] [RUNS]\n');
  process.exit(2);
}
const households = Number(householdsArg ?? 1_000_000);
const runs = Number(runsArg ?? 3);
const before = (await import(pathToFileURL(path.resolve(dir, 'dist', 'bench', 'model.js')).href)) as BenchModel;
const paramsBefore = before.baselineParams(households);
const paramsAfter = after.baselineParams(households);

const times: Record<'before' | 'after' | 'floor', number[]> = { before: [], after: [], floor: [] };
for (let r = 0; r < runs; r += 1) {
  times.before.push(before.timeModel(paramsBefore).monthsMs);
  times.floor.push(after.timeFloor(households));
  times.after.push(after.timeModel(paramsAfter).monthsMs);
  times.floor.push(after.timeFloor(households));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const stepsPerSecond = (ms: number): string => `${((households * after.MONTHS) / (ms / 1000) / 1e6).toFixed(2)} M household-steps/s`;
const lines = (['before', 'after', 'floor'] as const).map(
  (side) => `${side.padEnd(6)} ${times[side].map((ms) => ms.toFixed(0)).join(', ')} ms; median ${median(times[side]).toFixed(0)} ms, ${stepsPerSecond(median(times[side]))}`,
);
const floor = median(times.floor);
lines.push(
  `${households.toLocaleString('en-US')} households x ${after.MONTHS} months, ${runs} runs a side: after/before ${(median(times.before) / median(times.after)).toFixed(2)}x; ` +
    `model/floor before ${(floor / median(times.before)).toFixed(3)}, after ${(floor / median(times.after)).toFixed(3)}`,
);
process.stdout.write(`${lines.join('\n')}\n`);
