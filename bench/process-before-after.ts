/**
 * One process of the model before and after a change, side by side in one process (a diagnostic,
 * not part of the suite): a built copy of the earlier commit (DIR, with dist/ compiled) and this
 * tree each prepare the same township (baseline rules, seed 1), then one process is called REPS
 * times on each, alternately, ROUNDS times.
 *
 *   node dist/bench/process-before-after.js DIR PROCESS [HOUSEHOLDS] [REPS] [ROUNDS]
 *     PROCESS: earn, settle, assist (fund, then assist), tally, observe, supervise, identify
 *     (defaults: 9,000 households, 300 calls, 9 rounds)
 *
 * Times are the process's CPU time (process.cpuUsage), not wall time: on a shared machine a wall
 * clock also counts the time other jobs hold the core. Repeating a process on one township does not
 * give the month's exact numbers (assist funds and pays again, identify re-adjusts the register);
 * the work per call stays of the same size, which is what is compared. Prints the median time of a
 * call on each side and the median of the rounds' ratios, before over after.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, median } from './model.js';

type Step = () => void;

const [dir, processName, householdsArg, repsArg, roundsArg] = process.argv.slice(2);
const PROCESSES = ['earn', 'settle', 'assist', 'tally', 'observe', 'supervise', 'identify'];
if (!dir || !processName || !PROCESSES.includes(processName)) {
  process.stderr.write(`usage: process-before-after.js DIR PROCESS [HOUSEHOLDS] [REPS] [ROUNDS]; PROCESS one of ${PROCESSES.join(', ')}\n`);
  process.exit(2);
}
const households = Number(householdsArg ?? 9_000);
const reps = Number(repsArg ?? 300);
const rounds = Number(roundsArg ?? 9);

/** A prepared township of the tree built in `root` and its process `name`, ready to call. */
async function prepare(root: string, name: string): Promise<Step> {
  const load = (file: string): Promise<any> => import(pathToFileURL(path.join(root, 'dist', file)).href);
  const [simulate, economy, assistance, tally, observe, supervision, identification, rng, model] = await Promise.all(
    ['src/model/simulate.js', 'src/model/economy.js', 'src/model/assistance.js', 'src/model/tally.js', 'src/model/observe.js',
      'src/model/supervision.js', 'src/model/identification.js', 'src/engine/rng.js', 'bench/model.js'].map(load),
  );
  const streams = rng.createStreams(model.SEED);
  const t = simulate.prepareTownship(model.baselineParams(households), streams);
  tally.tallyMonth(t); // observe needs a month's tally
  const steps: Record<string, Step> = {
    earn: () => economy.earn(t, streams.economy),
    settle: () => economy.settle(t, 5),
    assist: () => {
      assistance.fund(t);
      assistance.assist(t, 5, streams.assistance);
    },
    tally: () => tally.tallyMonth(t),
    observe: () => observe.observe(t),
    supervise: () => supervision.supervise(t, streams.supervision),
    // The passes in this thread, from the township's identification stream (an earlier tree's
    // identify ignores what it does not call: the passes argument, or the measurement).
    identify: () =>
      identification.identify(t, 11, streams.identification, {
        measureHouseholds: () => identification.measureVillages(t, 0, t.villages.count),
        adjustRegister: () => identification.adjustVillages(t, 0, t.villages.count, streams.identification, null),
      }),
  };
  return steps[name]!;
}

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const time = (step: Step): number => {
  const start = cpuMs();
  for (let r = 0; r < reps; r += 1) step();
  return (cpuMs() - start) / reps;
};

const before = await prepare(path.resolve(dir), processName);
const after = await prepare(ROOT, processName);
time(before); // warm both (JIT)
time(after);
const times = { before: [] as number[], after: [] as number[], ratios: [] as number[] };
for (let k = 0; k < rounds; k += 1) {
  const b = time(before);
  const a = time(after);
  times.before.push(b);
  times.after.push(a);
  times.ratios.push(b / a);
}
process.stdout.write(
  `${processName}, ${households.toLocaleString('en-US')} households, ${reps} calls x ${rounds} rounds a side (CPU time): ` +
    `before ${median(times.before).toFixed(4)} ms, after ${median(times.after).toFixed(4)} ms a call; ` +
    `before/after ${median(times.ratios).toFixed(2)}x (rounds ${times.ratios.map((r) => r.toFixed(2)).join(', ')})\n`,
);
