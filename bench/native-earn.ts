/**
 * What a compiled kernel would gain (a diagnostic, not part of the suite): the month's earn at
 * HOUSEHOLDS households (default 1,000,000), by the model's earnVillages in V8 and by a C port of
 * it (bench/native/earn.c, compiled here with gcc -O2), on the same township in the same state.
 *
 *   node dist/bench/native-earn.js [HOUSEHOLDS] [ROUNDS]     (default 1,000,000 and 3; needs gcc)
 *
 * The township is the baseline scenario stepped 14 months (so that some households are employed
 * and hold project capital); the month's village shocks are drawn, then both compute the same
 * month from the same columns and generator state. Their outputs (health, shocks, capital returns,
 * illness costs, medical bills, market incomes, cash) are compared byte for byte, and the
 * generator's state after the month too: the port is only a fair measure if it does the same work.
 * Then ROUNDS rounds, each timing 15 calls of each (CPU time, after warm-up), V8 first: the medians
 * and their ratio. bench/README.md, "Speed, ninth step", has the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastExpTable } from '../src/engine/fast-exp.js';
import { zigguratTables } from '../src/engine/rng.js';
import { drawVillageShocks, earnVillages, infrastructureMultiplier } from '../src/model/economy.js';
import { createModel } from '../src/model/simulate.js';
import { applyParameterValues, loadScenario } from '../src/scenario/index.js';
import { median } from './model.js';

const households = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const CALLS = 15;
const MONTHS_BEFORE = 14;
/** The log SD of an illness episode's cost (MEDICAL_COST_LOG_SD in economy.ts). */
const MEDICAL_COST_LOG_SD = 0.8;

const root = fileURLToPath(new URL('../..', import.meta.url));
const scenario = loadScenario(join(root, 'scenarios/baseline.yaml'));
const params = applyParameterValues(
  scenario,
  { 'township.households': households, 'township.villages': Math.max(1, Math.round(households / 300)) },
  'native-earn',
).params;
const model = createModel(params, 1);
for (let month = 0; month < MONTHS_BEFORE; month += 1) model.step(month);
const t = model.township;
const h = t.households;
const vil = t.villages;
const e = params.economy;
// The generator earn draws from: the township's economy stream (createModel keeps it; the model
// gives no other handle on it, so the private field is read here).
const rng = (model as unknown as { streams: { economy: import('../src/engine/rng.js').RandomStream } }).streams.economy;
drawVillageShocks(t, rng);

const villageShockFactor = new Float64Array(vil.count);
const villageMultiplier = new Float64Array(vil.count);
for (let v = 0; v < vil.count; v += 1) {
  villageShockFactor[v] = Math.exp(vil.shock[v]!);
  villageMultiplier[v] = villageShockFactor[v]! * infrastructureMultiplier(t, v);
}
const rho = e.shockPersistence;
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
const columns: Record<string, ArrayBufferView & { length: number }> = {
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
};

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const dir = mkdtempSync(join(tmpdir(), 'povsim-native-earn-'));
try {
  writeFileSync(
    join(dir, 'columns.txt'),
    Object.entries(columns)
      .map(([name, a]) => `${name} ${a.constructor.name} ${a.length}\n`)
      .join(''),
  );
  writeFileSync(join(dir, 'columns.bin'), Buffer.concat(Object.values(columns).map(bytes)));
  const program = join(dir, 'earn');
  try {
    execFileSync('gcc', ['-O2', '-ffp-contract=off', '-o', program, join(root, 'bench/native/earn.c'), '-lm']);
  } catch {
    throw new Error('native-earn: needs gcc (Debian: build-essential, which .ci/run installs)');
  }

  // The same month by both, from the same state: the model's own output first.
  earnVillages(t, 0, vil.count, rng, null);
  const reference = Buffer.concat([h.health, h.shock, h.monthCapitalReturn, h.illnessCost, h.medicalBill, h.monthMarket, h.monthCash].map(bytes));
  const after = new Int32Array(4);
  rng.saveState(after, 0);
  const nativeRun = (): { state: string; ms: number } => {
    const out = execFileSync(program, [dir, String(CALLS)], { encoding: 'utf8' });
    const stateLine = /state after: (.*)/.exec(out);
    const msLine = /median ([0-9.]+) ms/.exec(out);
    if (stateLine === null || msLine === null) throw new Error(`native-earn: unexpected output from the C port: ${out}`);
    return { state: stateLine[1]!.trim(), ms: Number(msLine[1]) };
  };
  const first = nativeRun();
  const same = readFileSync(join(dir, 'out-native.bin')).equals(reference) && first.state === Array.from(after).join(' ');
  process.stdout.write(`earn at ${households.toLocaleString('en')} households, one month from the same state: outputs and generator state ${same ? 'identical' : 'DIFFERENT'}\n`);
  if (!same) {
    // A port that computes something else measures nothing: earnVillages has changed since
    // bench/native/earn.c was written, and the port must follow it before it is timed again.
    process.stderr.write('native-earn: the C port no longer computes what earnVillages computes; update bench/native/earn.c\n');
    process.exitCode = 1;
  } else {
    timeBoth(nativeRun);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** ROUNDS rounds of CALLS timed calls of each, V8 first; prints each round and the medians. */
function timeBoth(nativeRun: () => { ms: number }): void {
  const v8Run = (): number => {
    for (let k = 0; k < 5; k += 1) earnVillages(t, 0, vil.count, rng, null);
    const times: number[] = [];
    for (let k = 0; k < CALLS; k += 1) {
      const before = process.cpuUsage();
      earnVillages(t, 0, vil.count, rng, null);
      const used = process.cpuUsage(before);
      times.push((used.user + used.system) / 1000);
    }
    return median(times);
  };
  const ns = (ms: number): string => ((ms * 1e6) / households).toFixed(1);
  const ratios: number[] = [];
  const v8Times: number[] = [];
  const nativeTimes: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const v8 = v8Run();
    const native = nativeRun().ms;
    v8Times.push(v8);
    nativeTimes.push(native);
    ratios.push(v8 / native);
    process.stdout.write(`round ${r + 1}: V8 ${v8.toFixed(2)} ms (${ns(v8)} ns a household), C ${native.toFixed(2)} ms (${ns(native)} ns a household)\n`);
  }
  const v8 = median(v8Times);
  const native = median(nativeTimes);
  process.stdout.write(`median V8 ${v8.toFixed(2)} ms (${ns(v8)} ns a household), C ${native.toFixed(2)} ms (${ns(native)} ns a household) a month; V8 / C ${median(ratios).toFixed(2)}x\n`);
}
