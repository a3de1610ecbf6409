/**
 * Separate columns against one interleaved array (a diagnostic, not part of the suite): a loop like
 * settle's (two 12-month income measures and an effort, from six other values) over 1,000,000
 * households whose 8 numbers are either 8 Float64Arrays (the model's layout: one typed array per
 * column) or one Float64Array of 8 numbers a household, alternately, after warm-up.
 *
 *   node dist/bench/layout.js [ROUNDS]     (default 3)
 *
 * Prints nanoseconds a household for each layout and round. It does not separate V8's cost per
 * typed array (each array's bounds and base) from the memory's (8 streams against one); either way
 * it is the size of what a change of layout could gain (bench/README.md, "Speed, ninth step").
 */
const HOUSEHOLDS = 1_000_000;
const FIELDS = 8;
const CALLS = 20;
const rounds = Number(process.argv[2] ?? 3);
const KEEP = 11 / 12;

const columns = Array.from({ length: FIELDS }, () => new Float64Array(HOUSEHOLDS));
const records = new Float64Array(HOUSEHOLDS * FIELDS);
for (let i = 0; i < HOUSEHOLDS; i += 1) {
  for (let f = 0; f < FIELDS; f += 1) {
    const value = 1 + ((i * (f + 1)) % 97) * 0.01;
    columns[f]![i] = value;
    records[i * FIELDS + f] = value;
  }
}

/** The loop over separate columns (market, income, own, bill, size, programme, effort, share). */
function separate(c: Float64Array[]): void {
  const [market, income, own, bill, size, programme, effort, share] = c as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < market.length; i += 1) {
    const month = own[i]! - bill[i]! * 0.9;
    market[i] = KEEP * market[i]! + month / size[i]!;
    income[i] = KEEP * income[i]! + (month + programme[i]!) / size[i]!;
    const e = effort[i]! + (1 / 6) * (1 - 0.1 * share[i]! - effort[i]!);
    effort[i] = e < 0.5 ? 0.5 : e > 1 ? 1 : e;
  }
}

/** The same loop over one array of FIELDS numbers a household, in the same order. */
function interleaved(r: Float64Array): void {
  for (let j = 0; j < r.length; j += FIELDS) {
    const month = r[j + 2]! - r[j + 3]! * 0.9;
    r[j] = KEEP * r[j]! + month / r[j + 4]!;
    r[j + 1] = KEEP * r[j + 1]! + (month + r[j + 5]!) / r[j + 4]!;
    const e = r[j + 6]! + (1 / 6) * (1 - 0.1 * r[j + 7]! - r[j + 6]!);
    r[j + 6] = e < 0.5 ? 0.5 : e > 1 ? 1 : e;
  }
}

/** Nanoseconds a household of CALLS calls of `run`. */
function time(run: () => void): number {
  const start = process.hrtime.bigint();
  for (let k = 0; k < CALLS; k += 1) run();
  return Number(process.hrtime.bigint() - start) / CALLS / HOUSEHOLDS;
}

for (let k = 0; k < CALLS; k += 1) {
  separate(columns);
  interleaved(records);
}
for (let r = 0; r < rounds; r += 1) {
  const a = time(() => separate(columns));
  const b = time(() => interleaved(records));
  process.stdout.write(`round ${r + 1}: ${FIELDS} separate Float64Arrays ${a.toFixed(2)} ns, one interleaved Float64Array ${b.toFixed(2)} ns a household (${(a / b).toFixed(2)}x)\n`);
}
