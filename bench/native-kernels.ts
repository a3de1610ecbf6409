/**
 * What a compiled kernel would gain (a diagnostic, not part of the suite): two of the month's
 * household passes, earn and settle, by the model's own functions in V8, by C ports of them
 * (bench/native/earn.c, bench/native/settle.c) compiled natively with gcc -O2, and by the same ports
 * compiled to WebAssembly with clang and run in this process's V8 (the only compiled code the
 * browser explorer could run too), on the same township in the same state, at HOUSEHOLDS households
 * (default 1,000,000).
 *
 *   node dist/bench/native-kernels.js [HOUSEHOLDS] [ROUNDS]     (default 1,000,000 and 3)
 *
 * Needs gcc (build-essential, which .ci/run installs) and, for WebAssembly, clang and lld (Debian:
 * `apt-get install clang lld`; not installed by .ci/run: no test uses them). Without clang the
 * WebAssembly column is left out, with a note.
 *
 * Each pass gets a township of its own: the baseline scenario stepped 14 months (so that some
 * households are employed, hold project capital or have left poverty), then month 14 run as
 * TownshipModel.step runs it, up to the pass: earn from the month's village shocks on; settle after
 * the month's earn, information, funding and assistance. The pass's outputs from that state, the
 * model's and each build's, are compared byte for byte (for earn the generator's state afterwards
 * too; for settle the returns to poverty): a port is only a fair measure if it does the same work,
 * and a build that does not is not timed. Then ROUNDS rounds, each timing CALLS calls of each (15,
 * or more below 333,334 households; CPU time, after warm-up), V8 first, then WebAssembly, then the
 * native port: the medians and the ratios. bench/README.md ("Speed, ninth step" and "Speed,
 * eleventh step") has the figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
  /** The pass's outputs (names of `columns`), in the order the native port writes them to out-native.bin. */
  readonly outputs: readonly string[];
  /** How many words the WebAssembly port's `after(k)` gives for "state after". */
  readonly stateWords: number;
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
      monthCapitalReturn: h.monthCapitalReturn,
      illnessCost: h.illnessCost,
      medicalBill: h.medicalBill,
      monthMarket: h.monthMarket,
      monthCash: h.monthCash,
    },
    run: () => {
      earnVillages(t, 0, vil.count, rng, null);
      const after = new Int32Array(4);
      rng.saveState(after, 0);
      return Array.from(after).join(' ');
    },
    outputs: ['health', 'shock', 'monthCapitalReturn', 'illnessCost', 'medicalBill', 'monthMarket', 'monthCash'],
    stateWords: 4,
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
    outputs: ['marketIncome', 'income', 'poor', 'history', 'effort'],
    stateWords: 1,
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

/** A port compiled to WebAssembly, its arrays copied into its memory. */
interface WasmPort {
  /** One call of the pass. */
  run(): void;
  /** "state after", as the native port prints it. */
  stateAfter(): string;
  /** The bytes of the pass's outputs, in the kernel's order. */
  outputs(): Buffer;
}

/** WebAssembly's page, bytes. */
const WASM_PAGE = 65_536;

/** Both builds' optimisation, and no fused multiply-adds: every operation rounds as in JavaScript. */
const C_FLAGS = ['-O2', '-ffp-contract=off'];

/** An array's JavaScript type, as port.h's `column` checks it. */
const typeName = (a: Column): string => a.constructor.name;

/** Set once clang has been found missing, so that the note is printed once. */
let clangMissing = false;

/**
 * The part of the WebAssembly JavaScript API used here. Node has it, but its types come with the
 * DOM's library, which the project does not load (tsconfig.json: ES2022 and node).
 */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Compiles the kernel's port to WebAssembly and copies the township's present state into it (the
 * arrays, 8-byte aligned, then their names, above the module's own data and stack); null, with a
 * note, where clang is missing.
 */
function wasmPort(kernel: Kernel, dir: string): WasmPort | null {
  if (clangMissing) return null;
  const file = join(dir, `${kernel.name}.wasm`);
  const source = join(root, 'bench/native', kernel.source);
  const flags = ['--target=wasm32', ...C_FLAGS, '-nostdlib', '-fno-builtin', '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--export=__heap_base'];
  const compiled = spawnSync('clang', [...flags, '-o', file, source], { encoding: 'utf8' });
  if (compiled.error !== undefined) {
    clangMissing = true;
    process.stdout.write('(no WebAssembly builds: clang not found; Debian: clang and lld)\n');
    return null;
  }
  if (compiled.status !== 0) throw new Error(`native-kernels: clang could not build bench/native/${kernel.source} as WebAssembly: ${compiled.stderr.trim()}`);
  const memory = new WebAssembly.Memory({ initial: 16 });
  const text = (at: number): string => {
    const bytes = new Uint8Array(memory.buffer, at);
    return Buffer.from(bytes.subarray(0, bytes.indexOf(0))).toString('latin1');
  };
  const fail = (what: number, name: number): never => {
    throw new Error(`native-kernels: the WebAssembly port of ${kernel.name}: ${text(what)} ${text(name)}`);
  };
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory, log: Math.log, exp: Math.exp, fail } });
  const exports = instance.exports as unknown as {
    __heap_base: { readonly value: number };
    add_column(name: number, type: number, length: number, data: number): void;
    bind(): void;
    run(): void;
    after(k: number): number;
  };
  const align = (n: number): number => Math.ceil(n / 8) * 8;
  const entries = Object.entries(kernel.columns);
  const names = entries.map(([name, a]) => Buffer.from(`${name}\0${typeName(a)}\0`, 'latin1'));
  let end = align(exports.__heap_base.value);
  const offsets = entries.map(([, a], k) => {
    const at = end;
    end = align(at + a.byteLength + names[k]!.length);
    return at;
  });
  memory.grow(Math.max(0, Math.ceil(end / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE));
  entries.forEach(([name, a], k) => {
    const at = offsets[k]!;
    new Uint8Array(memory.buffer, at, a.byteLength).set(bytes(a));
    const nameAt = at + a.byteLength;
    new Uint8Array(memory.buffer, nameAt, names[k]!.length).set(names[k]!);
    exports.add_column(nameAt, nameAt + name.length + 1, a.length, at);
  });
  exports.bind();
  const where = new Map(entries.map(([name, a], k) => [name, { at: offsets[k]!, byteLength: a.byteLength }]));
  return {
    run: () => exports.run(),
    stateAfter: () => Array.from({ length: kernel.stateWords }, (_, k) => exports.after(k)).join(' '),
    outputs: () =>
      Buffer.concat(
        kernel.outputs.map((name) => {
          const { at, byteLength } = where.get(name)!;
          return Buffer.from(memory.buffer, at, byteLength);
        }),
      ),
  };
}

/** CPU time of one call of `run`, ms. */
function cpuMs(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * Writes the kernel's columns, compiles its ports, runs the model's pass and each port once from the
 * same state and compares them; times those that agree. Returns false if a port differs.
 */
function measure(kernel: Kernel, dir: string): boolean {
  const columns = Object.entries(kernel.columns);
  writeFileSync(join(dir, 'columns.txt'), columns.map(([name, a]) => `${name} ${typeName(a)} ${a.length}\n`).join(''));
  writeFileSync(join(dir, 'columns.bin'), Buffer.concat(columns.map(([, a]) => bytes(a))));
  const program = join(dir, kernel.name);
  try {
    execFileSync('gcc', [...C_FLAGS, '-o', program, join(root, 'bench/native', kernel.source), '-lm']);
  } catch {
    throw new Error('native-kernels: needs gcc (Debian: build-essential, which .ci/run installs)');
  }
  const wasm = wasmPort(kernel, dir);
  const state = kernel.run();
  const reference = Buffer.concat(kernel.outputs.map((name) => bytes(kernel.columns[name]!)));
  const first = runPort(program, dir);
  const nativeSame = readFileSync(join(dir, 'out-native.bin')).equals(reference) && first.state === state;
  wasm?.run();
  const wasmSame = wasm !== null && wasm.outputs().equals(reference) && wasm.stateAfter() === state;
  const verdict = (same: boolean): string => (same ? 'identical' : 'DIFFERENT');
  process.stdout.write(
    `${kernel.name} at ${households.toLocaleString('en')} households, one month from the same state: native outputs ${verdict(nativeSame)}` +
      `${wasm === null ? '' : `, WebAssembly outputs ${verdict(wasmSame)}`}\n`,
  );
  // A build that computes something else measures nothing, and is not timed: the pass has changed
  // since its port was written and the port must follow it, or (earn, natively) a draw in the
  // ziggurat's tail took a logarithm that differs in the last place between the C library and V8
  // (earn.c); the WebAssembly build takes V8's own.
  if (!nativeSame) {
    const tail = kernel.name === 'earn' && (wasm === null || wasmSame);
    process.stderr.write(
      `native-kernels: the native build of bench/native/${kernel.source} did not compute what the model's ${kernel.name} computes: ${tail ? "a tail draw's logarithm differed (see earn.c; another size will do), or " : ''}the pass has changed and the port must follow it\n`,
    );
  }
  if (wasm !== null && !wasmSame) {
    process.stderr.write(`native-kernels: the WebAssembly build of bench/native/${kernel.source} did not compute what the model's ${kernel.name} computes: the pass has changed and the port must follow it\n`);
  }
  // One round of a build: 5 warm-up calls, then the median of CALLS timed ones, ms. The native
  // port does both itself (port.h, time_pass).
  const inProcess = (run: () => unknown) => (): number => {
    for (let k = 0; k < 5; k += 1) run();
    return median(Array.from({ length: CALLS }, () => cpuMs(run)));
  };
  const builds: { name: string; round: () => number; times: number[] }[] = [{ name: 'V8', round: inProcess(() => kernel.run()), times: [] }];
  if (wasm !== null && wasmSame) builds.push({ name: 'WebAssembly', round: inProcess(() => wasm.run()), times: [] });
  if (nativeSame) builds.push({ name: 'C', round: () => runPort(program, dir).ms, times: [] });
  if (builds.length === 1) return false;
  const ns = (ms: number): string => ((ms * 1e6) / households).toFixed(1);
  const timed = (ms: number): string => `${ms.toFixed(2)} ms (${ns(ms)} ns a household)`;
  for (let r = 0; r < rounds; r += 1) {
    for (const build of builds) build.times.push(build.round());
    process.stdout.write(`  round ${r + 1}: ${builds.map((b) => `${b.name} ${timed(b.times[r]!)}`).join(', ')}\n`);
  }
  const v8 = builds[0]!.times;
  const others = builds.slice(1);
  process.stdout.write(
    `  median ${builds.map((b) => `${b.name} ${timed(median(b.times))}`).join(', ')}; ` +
      `${others.map((b) => `V8 / ${b.name} ${median(v8.map((t, r) => t / b.times[r]!)).toFixed(2)}x`).join(', ')} (medians of the rounds' ratios)\n`,
  );
  return nativeSame && (wasm === null || wasmSame);
}

const dir = mkdtempSync(join(tmpdir(), 'povsim-native-'));
try {
  const earnAgrees = measure(earnKernel(), dir);
  const settleAgrees = measure(settleKernel(), dir);
  if (!earnAgrees || !settleAgrees) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
