/**
 * Village threads (issue 14): the baseline rules at a given size, villages of 300 households, 60
 * months, with simulation.streams 'township' or 'village' and 1 or more threads. Each run is a fresh
 * process (so one run's compiled code and heap do not help the next); the configurations alternate,
 * round after round, so that all of them see the same machine; the median of the rounds is printed.
 * The time of the months is wall time (threads work at once), as bench/model.ts's timeModel.
 *
 * Usage (after a build): node dist/bench/threads.js [HOUSEHOLDS] [ROUNDS] [CONFIG...]
 *   CONFIG is STREAMS/THREADS, e.g. township/1 village/1 village/2 (the default).
 *
 * Warm runs in one process: node dist/bench/threads.js warm [HOUSEHOLDS] [RUNS]
 *   RUNS runs (default 30) of village/1, each after a run of the suite's configuration, the first
 *   third to warm up: the medians of the months and of the whole run with its preparation, and of
 *   the share of each in the village passes: how much of a run a faster implementation of the
 *   village passes alone could speed up (bench/README.md, "Speed, eleventh step").
 *
 * The passes alone, in one process: node dist/bench/threads.js passes [HOUSEHOLDS] [REPS]
 *   earn's household loop, inform, settle, tally, the observation's sums and the register
 *   adjustment's village loop on one township on 1 thread and another on 2, alternately, REPS times
 *   each: the median and the fastest call (the fastest is what the threads do when the machine
 *   leaves both cores free; on a shared machine the median is what it gets).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createStreams } from '../src/engine/rng.js';
import type { Params } from '../src/model/parameters.js';
import { identify } from '../src/model/identification.js';
import { createModel, inThreadPasses, type MonthRecord, type VillagePasses, type VillageThreads } from '../src/model/simulate.js';
import type { Township } from '../src/model/township.js';
import { villageThreads } from '../src/parallel/village-threads.js';
import { baselineParams, median, MONTHS, SEED, timeModel } from './model.js';

export interface Timing {
  prepareMs: number;
  /** Of the preparation, in the village passes (the burn-in's earn and settle, the first registration's); null for the township stream. */
  preparePassesMs: number | null;
  monthsMs: number;
  /**
   * Of the months, in the village passes (earn's household loop, inform, the handouts' counts and
   * payments, settle, the household audits, tally, the observation's sums and the Gini's binning;
   * each year migration, the register adjustment's measurement and village loop, the platform's
   * assessment and hiring's draws); null for the township stream.
   */
  passesMs: number | null;
  /**
   * The same by pass (earn, inform, countPayouts, pay, settle, audit, tally, sumObservations,
   * binIncomes; migrate, measureHouseholds, adjustRegister, assess, drawHiring); null for the
   * township stream.
   */
  byPassMs: Record<string, number> | null;
}

/** Wall time in the village passes, in all and by pass. */
interface PassClock {
  ms: number;
  byPass: Record<string, number>;
}

/**
 * `threads` whose passes add their wall time to `clock.ms`. With one thread: the in-thread passes
 * on plain memory, what a run without --threads uses (village streams only: the stream given here
 * is never drawn from).
 */
function timedThreads(threads: number, clock: PassClock): VillageThreads {
  const inner: VillageThreads =
    threads > 1 ? villageThreads(threads) : { sharedMemory: false, start: (t, states) => inThreadPasses(t, createStreams(SEED), states) };
  return {
    sharedMemory: inner.sharedMemory,
    start: (t, villageStates) => {
      const passes = inner.start(t, villageStates);
      const time = <R>(name: string, pass: () => R): R => {
        const start = performance.now();
        try {
          return pass();
        } finally {
          const ms = performance.now() - start;
          clock.ms += ms;
          clock.byPass[name] = (clock.byPass[name] ?? 0) + ms;
        }
      };
      return {
        earn: () => time('earn', () => passes.earn()),
        inform: () => time('inform', () => passes.inform()),
        migrate: () => time('migrate', () => passes.migrate()),
        measureHouseholds: () => time('measureHouseholds', () => passes.measureHouseholds()),
        assess: () => time('assess', () => passes.assess()),
        drawHiring: () => time('drawHiring', () => passes.drawHiring()),
        countPayouts: () => time('countPayouts', () => passes.countPayouts()),
        pay: (programme, target, use) => time('pay', () => passes.pay(programme, target, use)),
        settle: (month) => time('settle', () => passes.settle(month)),
        audit: () => time('audit', () => passes.audit()),
        tally: () => time('tally', () => passes.tally()),
        sumObservations: () => time('sumObservations', () => passes.sumObservations()),
        binIncomes: (layout) => time('binIncomes', () => passes.binIncomes(layout)),
        adjustRegister: () => time('adjustRegister', () => passes.adjustRegister()),
        close: () => passes.close(),
      };
    },
  };
}

/** The baseline rules at `households`, villages of 300, MONTHS months, with these streams. */
function villageParams(households: number, streams = 'village'): Params {
  return baselineParams(households, { 'simulation.streams': streams });
}

/** One run in this process: build and burn in (prepare), then the months as simulateParams steps them. */
function timeRun(households: number, streams: string, threads: number): Timing {
  const params = villageParams(households, streams);
  const clock: PassClock = { ms: 0, byPass: {} };
  const village = streams === 'village';
  const start = performance.now();
  const model = createModel(params, SEED, village ? timedThreads(threads, clock) : undefined);
  try {
    const prepared = performance.now();
    const preparePassesMs = clock.ms;
    clock.ms = 0;
    clock.byPass = {};
    const series: MonthRecord[] = [];
    for (let month = 0; month < MONTHS; month += 1) {
      model.step(month);
      series.push(model.observe(month));
    }
    return {
      prepareMs: prepared - start,
      preparePassesMs: village ? preparePassesMs : null,
      monthsMs: performance.now() - prepared,
      passesMs: village ? clock.ms : null,
      byPassMs: village ? clock.byPass : null,
    };
  } finally {
    model.close();
  }
}

/** The passes alone: see the file's comment. */
function timePasses(households: number, reps: number): void {
  const params = villageParams(households);
  // Each configuration keeps the passes its model starts, to call them directly.
  const keep = (name: string, inner: VillageThreads): { name: string; box: { passes?: VillagePasses }; threads: VillageThreads } => {
    const box: { passes?: VillagePasses } = {};
    return { name, box, threads: { sharedMemory: inner.sharedMemory, start: (t, states) => (box.passes = inner.start(t, states)) } };
  };
  const configs = [
    keep('1 thread ', { sharedMemory: false, start: (t, states) => inThreadPasses(t, createStreams(SEED), states) }),
    keep('2 threads', villageThreads(2)),
  ];
  const models = configs.map((c) => createModel(params, SEED, c.threads));
  const identification = createStreams(SEED).identification;
  const wallMs = (work: () => unknown): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  // Each pass as the month calls it (settle as in month 5), its wall time. The register adjustment
  // is a year-end round (month 11) that identify prepares in the main thread: only its village loop
  // (the pass) is timed.
  const calls: Record<string, (passes: VillagePasses, t: Township) => number> = {
    earn: (passes) => wallMs(() => passes.earn()),
    inform: (passes) => wallMs(() => passes.inform()),
    settle: (passes) => wallMs(() => passes.settle(5)),
    audit: (passes) => wallMs(() => passes.audit()),
    tally: (passes) => wallMs(() => passes.tally()),
    sumObservations: (passes) => wallMs(() => passes.sumObservations()),
    adjustRegister: (passes, t) => {
      let ms = 0;
      identify(t, 11, identification, {
        measureHouseholds: () => passes.measureHouseholds(),
        adjustRegister: () => {
          const start = performance.now();
          const counts = passes.adjustRegister();
          ms = performance.now() - start;
          return counts;
        },
      });
      return ms;
    },
  };
  const times = configs.map(() => new Map<string, number[]>(Object.keys(calls).map((name) => [name, []])));
  try {
    for (let r = 0; r < reps; r += 1) {
      configs.forEach((c, k) => {
        for (const [name, call] of Object.entries(calls)) times[k]!.get(name)!.push(call(c.box.passes!, models[k]!.township));
      });
    }
  } finally {
    for (const model of models) model.close();
  }
  process.stdout.write(`${households.toLocaleString('en')} households, village streams, ${reps} calls of each pass a configuration (alternating), wall ms\n`);
  configs.forEach((c, k) => {
    for (const [pass, list] of times[k]!) {
      process.stdout.write(`${c.name}  ${pass.padEnd(15)}  median ${median(list).toFixed(1).padStart(6)}  fastest ${Math.min(...list).toFixed(1).padStart(6)}\n`);
    }
  });
}

/**
 * Runs each configuration (STREAMS/THREADS) `rounds` times at `households`, each run in a fresh
 * process, the configurations alternating round after round; returns every timing by configuration.
 */
export function measureThreads(households: number, rounds: number, configs: readonly string[], log: (line: string) => void = () => undefined): Map<string, Timing[]> {
  const timings = new Map<string, Timing[]>(configs.map((c) => [c, []]));
  const self = fileURLToPath(import.meta.url);
  for (let round = 0; round < rounds; round += 1) {
    for (const config of configs) {
      const [streams, threads] = config.split('/');
      const out = execFileSync(process.execPath, [self, '--child', String(households), streams!, threads!], { encoding: 'utf8' });
      const timing = JSON.parse(out) as Timing;
      timings.get(config)!.push(timing);
      log(`round ${round + 1} ${config}: months ${timing.monthsMs.toFixed(0)} ms (passes ${timing.passesMs?.toFixed(0) ?? '-'}), prepare ${timing.prepareMs.toFixed(0)} ms`);
    }
  }
  return timings;
}

/**
 * Warm runs in this process (see the file's comment), each after a run of the suite's own (bench/model.ts's
 * timeModel: township streams, no pass timed), so that both see the same machine: the share of the
 * village passes is measured with village streams (their passes are what the clock can time), and
 * the suite's run beside it shows whether that run takes the same time.
 */
function timeWarm(households: number, runs: number): void {
  if (!(runs >= 3)) throw new Error('threads.js warm: RUNS must be at least 3');
  const suite = baselineParams(households);
  const kept: { village: Timing; suite: number }[] = [];
  for (let r = 0; r < runs; r += 1) {
    const model = timeModel(suite);
    const village = timeRun(households, 'village', 1);
    if (r >= Math.floor(runs / 3)) kept.push({ village, suite: model.prepareMs + model.monthsMs });
  }
  const percent = (shares: number[]): string => `${(100 * median(shares)).toFixed(1)}%`;
  const months = median(kept.map((k) => k.village.monthsMs));
  const whole = median(kept.map((k) => k.village.prepareMs + k.village.monthsMs));
  process.stdout.write(
    `${households.toLocaleString('en')} households, ${kept.length} warm runs in one process (medians), village streams on 1 thread: ` +
      `the ${MONTHS} months ${months.toFixed(1)} ms, ${percent(kept.map((k) => k.village.passesMs! / k.village.monthsMs))} of them in the village passes; ` +
      `with the preparation ${whole.toFixed(1)} ms, ${percent(kept.map((k) => (k.village.preparePassesMs! + k.village.passesMs!) / (k.village.prepareMs + k.village.monthsMs)))} in the village passes. ` +
      `The same size with township streams, as the suite runs it, beside each: ${median(kept.map((k) => k.suite)).toFixed(1)} ms with the preparation\n`,
  );
}

const [first, ...rest] = process.argv.slice(2);
if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // Imported (by run.ts): nothing runs.
} else if (first === 'warm') {
  timeWarm(Number(rest[0] ?? 9_000), Number(rest[1] ?? 30));
} else if (first === 'passes') {
  timePasses(Number(rest[0] ?? 1_000_000), Number(rest[1] ?? 30));
} else if (first === '--child') {
  const [households, streams, threads] = rest;
  process.stdout.write(JSON.stringify(timeRun(Number(households), streams!, Number(threads))));
} else {
  const households = Number(first ?? 1_000_000);
  const rounds = Number(rest[0] ?? 3);
  const configs = rest.length > 1 ? rest.slice(1) : ['village/1', 'village/2'];
  const timings = measureThreads(households, rounds, configs, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${households.toLocaleString('en')} households, ${MONTHS} months, median of ${rounds} fresh processes a configuration (alternating)\n`);
  process.stdout.write('streams/threads  60 months ms  ms/month  (min)  village passes ms/month  (min)  prepare ms\n');
  for (const [config, list] of timings) {
    const months = median(list.map((t) => t.monthsMs));
    const fastest = Math.min(...list.map((t) => t.monthsMs));
    const passes = list[0]!.passesMs === null ? null : list.map((t) => t.passesMs!);
    const prepare = median(list.map((t) => t.prepareMs));
    const passText = passes ? `${(median(passes) / MONTHS).toFixed(1).padStart(23)}  ${(Math.min(...passes) / MONTHS).toFixed(1).padStart(5)}` : `${'-'.padStart(23)}  ${'-'.padStart(5)}`;
    process.stdout.write(
      `${config.padEnd(15)}  ${months.toFixed(0).padStart(12)}  ${(months / MONTHS).toFixed(1).padStart(8)}  ${(fastest / MONTHS).toFixed(1).padStart(5)}  ${passText}  ${prepare.toFixed(0).padStart(10)}\n`,
    );
  }
  process.stdout.write('village passes by pass, ms/month (median of the processes):\n');
  for (const [config, list] of timings) {
    if (list[0]!.byPassMs === null) continue;
    const names = Object.keys(list[0]!.byPassMs);
    const parts = names.map((name) => `${name} ${(median(list.map((t) => t.byPassMs![name] ?? 0)) / MONTHS).toFixed(1)}`);
    process.stdout.write(`${config.padEnd(15)}  ${parts.join(', ')}\n`);
  }
}
