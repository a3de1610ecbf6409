/**
 * The exponential for the model's hot loops: e^x within 2 units in the last place of Math.exp,
 * two to four times faster than Math.exp in V8, which calls out to a C port of fdlibm for every
 * value (`node dist/bench/exp.js`; bench/README.md, "Speed, sixth step").
 *
 * Method (Tang 1989, "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic", ACM TOMS 15(2)): x = k/64 + r with k the nearest integer to 64x and
 * |r| <= 1/128 (r is exact: x and k/64 are within a factor of 2 of each other, or k = 0); e^x =
 * T(k) * e^r with T(k) = e^(k/64) from a table for |k/64| <= 40 computed once with Math.exp, and
 * e^r - 1 by its Taylor polynomial of degree 6, whose truncation error is below
 * e^(1/128) r^7/5040 < 1e-18. The result is T + T * (e^r - 1), so the table's value carries the
 * leading bits unrounded. Outside (-40, 40) (and for NaN) it is Math.exp itself.
 *
 * Pure double arithmetic on a table built with Math.exp: the same results on every engine whose
 * Math.exp gives the table's values (the explorer's worker installs node's, src/explore/engine-math.ts).
 */

/** Table points per unit of x. */
const STEPS = 64;
/** |x| below which the table is used. */
const LIMIT = 40;
/** e^((j - LIMIT * STEPS) / STEPS) for j = 0 .. 2 * LIMIT * STEPS. */
const TABLE = new Float64Array(2 * LIMIT * STEPS + 1);
for (let j = 0; j < TABLE.length; j += 1) TABLE[j] = Math.exp((j - LIMIT * STEPS) / STEPS);

/**
 * 1.5 * 2^52: adding and then subtracting it rounds a double of magnitude below 2^51 to the
 * nearest integer (ties to even) in two additions, without a call to Math.round.
 */
const ROUNDING = 6755399441055744;

/** e^x, within 2 units in the last place of Math.exp(x) (see the module's comment). */
export function fastExp(x: number): number {
  if (!(x > -LIMIT && x < LIMIT)) return Math.exp(x);
  const k = x * STEPS + ROUNDING - ROUNDING;
  const r = x - k * (1 / STEPS);
  const expm1 = r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  const t = TABLE[(k + LIMIT * STEPS) | 0]!;
  return t + t * expm1;
}

/**
 * A copy of fastExp's table, e^((j - 2560) / 64) for j = 0 .. 5120, for ports of fastExp that must
 * give the same bits as this one (bench/native-kernels.ts; a C library's exp differs from V8's in the
 * last place for some of them).
 */
export function fastExpTable(): Float64Array {
  return TABLE.slice();
}
