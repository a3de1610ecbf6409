/**
 * What a compiled kernel would gain (a diagnostic, not part of the suite): two of the month's
 * household passes, earn and settle, by the model's own functions in V8 and by C ports of them
 * (bench/native/earn.c, bench/native/settle.c, compiled here with gcc -O2), on the same township in
 * the same state, at HOUSEHOLDS households (default 1,000,000).
 *
 *   node dist/bench/native-kernels.js [HOUSEHOLDS] [ROUNDS]     (default 1,000,000 and 3; needs gcc)
 *
 * Each pass gets a township of its own: the baseline scenario stepped 14 months (so that some
 * households are employed, hold project capital or have left poverty), then month 14 run as
 * TownshipModel.step runs it, up to the pass: earn from the month's village shocks on; settle after
 * the month's earn, information, funding and assistance. The pass's outputs from that state, the
 * model's and the port's, are compared byte for byte (for earn the generator's state afterwards too;
 * for settle the returns to poverty): a port is only a fair measure if it does the same work, and
 * one that does not is not timed. Then ROUNDS rounds, each timing CALLS calls of each (15, or more
 * below 333,334 households; CPU time, after warm-up), V8 first: the medians and their ratio.
 * bench/README.md, "Speed, ninth step", has the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastExpTable } from '../src/engine/fast-exp.js';
import { zigguratTables, type Streams } from '../src/engine/rng.js';
import { assist, fund } from '../src/model/assistance.js';
import { drawVillageShocks, earnVillages, infrastructureMultiplier, MEDICAL_COST_LOG_SD, settleVillages } from '../src/model/economy.js';
import { informVillages } from '../src/model/information.js';
import { createModel, inThreadPasses } from '../src/model/simulate.js';
import type { Township } from '../src/model/township.js';
import { baselineParams, median } from './model.js';

const households = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
/** Timed calls a round: at least 15, and at least 5,000,000 household-months, so that a round of a small township lasts long enough to time. */
const CALLS = Math.max(15, Math.ceil(5_000_000 / households));
/** Months stepped before the measured month (not a new year: no migration in it). */
const MONTHS_BEFORE = 14;

const root = fileURLToPath(new URL('../..', import.meta.url));

type Column = ArrayBufferView & { readonly length: number };

/** One pass, ready to run from the township's present state both ways. */
interface Kernel {
  readonly name: string;
  /** The C port, under bench/native. */
  readonly source: string;
  /** What the port reads, by name (port.h: the order does not matter). */
  readonly columns: Record<string, Column>;
  /** Runs the model's pass once; returns what the port prints after its first call ("state after: ..."). */
  run(): string;
  /** The pass's outputs, in the order the port writes them to out-native.bin. */
  outputs(): Column[];
}

/** The baseline township of `households` households (bench/model.ts), stepped MONTHS_BEFORE months, with its streams. */
function prepare(): { t: Township; streams: Streams } {
  const model = createModel(baselineParams(households), 1);
  for (let month = 0; month < MONTHS_BEFORE; month += 1) model.step(month);
  // The model gives no other handle on its streams, so the private field is read here.
  return { t: model.township, streams: (model as unknown as { streams: Streams }).streams };
}

/** earn of month MONTHS_BEFORE, from its village shocks on (TownshipModel.step's earnMonth), on a township of its own. */
function earnKernel(): Kernel {
  const { t, streams } = prepare();
  const rng = streams.economy;
  const h = t.households;
  const vil = t.villages;
  const params = t.params;
  const e = params.economy;
  drawVillageShocks(t, rng);
  const villageShockFactor = new Float64Array(vil.count);
  const villageMultiplier = new Float64Array(vil.count);
  for (let v = 0; v < vil.count; v += 1) {
    villageShockFactor[v] = Math.exp(vil.shock[v]!);
    villageMultiplier[v] = villageShockFactor[v]! * infrastructureMultiplier(t, v);
  }
  const rho = e.shockPersistence;
  // In earn.c's order (its comment lists them).
  const consts = Float64Array.of(
    params.enterprises.wage / 12,
    rho,
    Math.sqrt(1 - rho * rho) * e.individualShockSd,
    1,
    e.healthEarningsFactorChronic,
    e.healthEarningsFactorDisabled,
    params.government.projectReturnCapable / 12,
    params.government.projectReturnEntrusted / 12,
    e.labourEarnings / 12,
    e.farmIncome / 12,
    e.remittancePerMigrant / 12,
    e.elderlySupport / 12,
    e.otherTransfers / 12,
    e.skillReturn,
    e.onsetChronic,
    e.recoveryChronic,
    e.illnessRateHealthy,
    e.illnessRateChronic,
    e.medicalCost,
    1 - e.insuranceReimbursement,
    MEDICAL_COST_LOG_SD,
  );
  const state = new Int32Array(4);
  rng.saveState(state, 0);
  const ziggurat = zigguratTables();
  return {
    name: 'earn',
    source: 'earn.c',
    columns: {
      consts,
      state,
      K: ziggurat.k,
      W: ziggurat.w,
      F: ziggurat.f,
      EXP: fastExpTable(),
      start: vil.start,
      villageShockFactor,
      villageMultiplier,
      health: h.health,
      shock: h.shock,
      labourers: h.labourers,
      ability: h.ability,
      familyFactor: h.familyFactor,
      skill: h.skill,
      effort: h.effort,
      employer: h.employer,
      migrants: h.migrants,
      elderly: h.elderly,
      size: h.size,
      capital: h.capital,
    },
    run: () => {
      earnVillages(t, 0, vil.count, rng, null);
      const after = new Int32Array(4);
      rng.saveState(after, 0);
      return Array.from(after).join(' ');
    },
    outputs: () => [h.health, h.shock, h.monthCapitalReturn, h.illnessCost, h.medicalBill, h.monthMarket, h.monthCash],
  };
}

/** settle of month MONTHS_BEFORE, after its earn, information, funding and assistance (TownshipModel.step), on a township of its own. */
function settleKernel(): Kernel {
  const { t, streams } = prepare();
  const month = MONTHS_BEFORE;
  const h = t.households;
  const passes = inThreadPasses(t, streams, null);
  drawVillageShocks(t, streams.economy);
  earnVillages(t, 0, t.villages.count, streams.economy, null);
  informVillages(t, 0, t.villages.count);
  fund(t);
  assist(t, month, streams.assistance, passes);
  const township = t.params.township;
  const g = t.params.government;
  // In settle.c's order (its comment lists them).
  const consts = Float64Array.of(
    township.povertyLine,
    township.housingFloor ? 1 : 0,
    1 - t.params.economy.insuranceReimbursement,
    t.params.economy.dependency,
    g.projectReturnCapable,
    g.projectReturnEntrusted,
    month,
  );
  return {
    name: 'settle',
    source: 'settle.c',
    columns: {
      consts,
      start: t.villages.start,
      size: h.size,
      poor: h.poor,
      unsafeHousing: h.unsafeHousing,
      history: h.history,
      labourers: h.labourers,
      health: h.health,
      illnessCost: h.illnessCost,
      medicalBill: h.medicalBill,
      monthMarket: h.monthMarket,
      monthCash: h.monthCash,
      marketIncome: h.marketIncome,
      income: h.income,
      monthCapitalReturn: h.monthCapitalReturn,
      effort: h.effort,
      capital: h.capital,
    },
    run: () => String(settleVillages(t, 0, t.villages.count, month)),
    outputs: () => [h.marketIncome, h.income, h.poor, h.history, h.effort],
  };
}

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The port's first call: what it prints after it ("state after: ..."), and its timed calls' median, ms. */
function runPort(program: string, dir: string): { state: string; ms: number } {
  const out = execFileSync(program, [dir, String(CALLS)], { encoding: 'utf8' });
  const stateLine = /state after: (.*)/.exec(out);
  const msLine = /median ([0-9.]+) ms/.exec(out);
  if (stateLine === null || msLine === null) throw new Error(`native-kernels: unexpected output from ${program}: ${out}`);
  return { state: stateLine[1]!.trim(), ms: Number(msLine[1]) };
}

/**
 * Writes the kernel's columns, compiles its port, runs both once from the same state and compares
 * them; if they agree, times both. Returns false if they differ.
 */
function measure(kernel: Kernel, dir: string): boolean {
  writeFileSync(
    join(dir, 'columns.txt'),
    Object.entries(kernel.columns)
      .map(([name, a]) => `${name} ${a.constructor.name} ${a.length}\n`)
      .join(''),
  );
  writeFileSync(join(dir, 'columns.bin'), Buffer.concat(Object.values(kernel.columns).map(bytes)));
  const program = join(dir, kernel.name);
  try {
    execFileSync('gcc', ['-O2', '-ffp-contract=off', '-o', program, join(root, 'bench/native', kernel.source), '-lm']);
  } catch {
    throw new Error('native-kernels: needs gcc (Debian: build-essential, which .ci/run installs)');
  }
  const state = kernel.run();
  const reference = Buffer.concat(kernel.outputs().map(bytes));
  const first = runPort(program, dir);
  const same = readFileSync(join(dir, 'out-native.bin')).equals(reference) && first.state === state;
  process.stdout.write(`${kernel.name} at ${households.toLocaleString('en')} households, one month from the same state: outputs ${same ? 'identical' : 'DIFFERENT'}\n`);
  if (!same) {
    // A port that computes something else measures nothing: the pass has changed since its port
    // was written and the port must follow it, or (earn) a draw in the ziggurat's tail took a
    // logarithm that differs in the last place between the C library and V8 (earn.c's comment).
    process.stderr.write(
      `native-kernels: bench/native/${kernel.source} did not compute what the model's ${kernel.name} computes: the pass has changed and the port must follow it${kernel.name === 'earn' ? ", or a tail draw's logarithm differed (see earn.c; another size will do)" : ''}\n`,
    );
    return false;
  }
  const v8Call = (): number => {
    const before = process.cpuUsage();
    kernel.run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const ns = (ms: number): string => ((ms * 1e6) / households).toFixed(1);
  const v8Times: number[] = [];
  const nativeTimes: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (let k = 0; k < 5; k += 1) kernel.run();
    const v8 = median(Array.from({ length: CALLS }, v8Call));
    const native = runPort(program, dir).ms;
    v8Times.push(v8);
    nativeTimes.push(native);
    ratios.push(v8 / native);
    process.stdout.write(`  round ${r + 1}: V8 ${v8.toFixed(2)} ms (${ns(v8)} ns a household), C ${native.toFixed(2)} ms (${ns(native)} ns a household)\n`);
  }
  const v8 = median(v8Times);
  const native = median(nativeTimes);
  process.stdout.write(`  median V8 ${v8.toFixed(2)} ms (${ns(v8)} ns a household), C ${native.toFixed(2)} ms (${ns(native)} ns a household); V8 / C ${median(ratios).toFixed(2)}x\n`);
  return true;
}

const dir = mkdtempSync(join(tmpdir(), 'povsim-native-'));
try {
  const earnAgrees = measure(earnKernel(), dir);
  const settleAgrees = measure(settleKernel(), dir);
  if (!earnAgrees || !settleAgrees) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
