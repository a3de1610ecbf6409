/**
 * Where a simulated month goes: the model's processes timed one by one (a diagnostic, not part of
 * the suite's table).
 *
 *   node dist/bench/phases.js [HOUSEHOLDS]     (default 1,000,000; baseline rules, 60 months)
 *
 * It calls the processes in the order of TownshipModel.step and then observes, as simulateParams
 * does, and checks at the end that the final month equals simulateParams' own (so the breakdown is
 * of the real schedule). Prints milliseconds per simulated month for each process.
 */
import { assist, fund } from '../src/model/assistance.js';
import { earn, migrate, settle } from '../src/model/economy.js';
import { identify } from '../src/model/identification.js';
import { inform } from '../src/model/information.js';
import { markPoorAtStart, observe } from '../src/model/observe.js';
import { assessByPlatform, decideParticipation, hireWorkers, weighInfrastructure } from '../src/model/partners.js';
import { inThreadPasses, prepareTownship, simulateParams } from '../src/model/simulate.js';
import { supervise } from '../src/model/supervision.js';
import { tallyMonth } from '../src/model/tally.js';
import { createStreams } from '../src/engine/rng.js';
import { MONTHS, SEED, baselineParams } from './model.js';

const households = Number(process.argv[2] ?? 1_000_000);
const params = baselineParams(households);
const times = new Map<string, number>();
const time = (name: string, work: () => void): void => {
  const start = performance.now();
  work();
  times.set(name, (times.get(name) ?? 0) + performance.now() - start);
};

// Townships of this size run one after another (more of them when small, so that the JIT is
// warm); the first is not counted unless it is the only one.
const runs = Math.max(1, Math.min(20, Math.round(2_000_000 / households)));
let prepareMs = 0;
let lastMetrics = '';
for (let run = 0; run < runs; run += 1) {
  if (run === 1) times.clear();
  const streams = createStreams(SEED);
  const prepareStart = performance.now();
  const t = prepareTownship(params, streams);
  if (run === runs - 1) prepareMs = performance.now() - prepareStart;
  for (let month = 0; month < MONTHS; month += 1) {
    if (month % 12 === 0 && month > 0) time('migrate (yearly)', () => migrate(t, streams.economy));
    time('earn', () => earn(t, streams.economy));
    time('inform', () => inform(t));
    time('fund', () => fund(t));
    time('assist', () => assist(t, month, streams.assistance));
    time('settle', () => settle(t, month));
    if (month === 0) markPoorAtStart(t);
    time('supervise', () => supervise(t, streams.supervision));
    if (month % 12 === 11) {
      time('identify (yearly)', () => identify(t, month, streams.identification, inThreadPasses(t, streams, null)));
      time('partners (yearly)', () => {
        decideParticipation(t, streams.partners);
        assessByPlatform(t, streams.partners);
      });
      time('hire (yearly)', () => hireWorkers(t, month, streams.partners));
      time('weigh infrastructure (yearly)', () => weighInfrastructure(t));
    }
    time('tally', () => tallyMonth(t));
    let metrics: ReturnType<typeof observe> | null = null;
    time('observe', () => {
      metrics = observe(t);
      t.ledger.accounts();
    });
    if (month === MONTHS - 1) lastMetrics = JSON.stringify({ metrics, ledger: t.ledger.accounts() });
  }
}
const counted = runs === 1 ? 1 : runs - 1;
const reference = simulateParams(params, { seed: SEED, observe: 'last' }).series[0]!;
if (lastMetrics !== JSON.stringify({ metrics: reference.metrics, ledger: reference.ledger })) {
  throw new Error('phases.ts no longer mirrors TownshipModel.step: update it');
}
let total = 0;
for (const ms of times.values()) total += ms;
const perMonth = (ms: number): number => ms / counted / MONTHS;
process.stdout.write(
  `${households.toLocaleString('en-US')} households, ${MONTHS} months (${counted} township${counted > 1 ? 's' : ''} counted): ` +
    `${perMonth(total).toFixed(2)} ms per month, preparation ${prepareMs.toFixed(0)} ms\n`,
);
for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`  ${name.padEnd(30)} ${perMonth(ms).toFixed(2).padStart(7)} ms/month  ${((100 * ms) / total).toFixed(1).padStart(5)}%\n`);
}
