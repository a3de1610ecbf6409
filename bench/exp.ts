/**
 * fastExp against Math.exp (a diagnostic, not part of the suite): each fills the same array of
 * exponentials of a million values in [-3, 3) (where the model's log earnings live), alternately,
 * ROUNDS times after one warm-up round each.
 *
 *   node dist/bench/exp.js [ROUNDS]     (default 9)
 *
 * Prints each round's nanoseconds per value and the median of the rounds' ratios, Math.exp over
 * fastExp. Inputs come from a seeded stream, so every run times the same values.
 */
import { fastExp } from '../src/engine/fast-exp.js';
import { RandomStream, streamState } from '../src/engine/rng.js';
import { median } from './model.js';

const VALUES = 1_000_000;
const rounds = Number(process.argv[2] ?? 9);

const rng = new RandomStream(streamState(1, 'bench-exp'));
const inputs = new Float64Array(VALUES);
for (let i = 0; i < VALUES; i += 1) inputs[i] = 6 * rng.uniform() - 3;
const out = new Float64Array(VALUES);

// Two loops written out, each calling its function directly, so that V8 inlines it as in the
// model's loops; one loop taking the function as an argument measures a generic call instead.

/** Nanoseconds per value of one pass of Math.exp over the inputs. */
function timeNative(): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < VALUES; i += 1) out[i] = Math.exp(inputs[i]!);
  return Number(process.hrtime.bigint() - start) / VALUES;
}

/** Nanoseconds per value of one pass of fastExp over the inputs. */
function timeFast(): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < VALUES; i += 1) out[i] = fastExp(inputs[i]!);
  return Number(process.hrtime.bigint() - start) / VALUES;
}

timeNative();
timeFast();
const ratios: number[] = [];
for (let r = 0; r < rounds; r += 1) {
  const native = timeNative();
  const fast = timeFast();
  ratios.push(native / fast);
  process.stdout.write(`round ${r + 1}: Math.exp ${native.toFixed(2)} ns, fastExp ${fast.toFixed(2)} ns a value\n`);
}
process.stdout.write(`median ratio Math.exp / fastExp over ${rounds} rounds: ${median(ratios).toFixed(2)}x\n`);
