/**
 * Ranking households by a value (e.g. per-capita income), computed once and shared by the metrics
 * that need an order (e.g. {@link giniSorted}).
 */

/** Below this length a comparator sort beats the radix sort's fixed cost. */
const SMALL_SORT = 512;

/**
 * From this length on, keys of 32 bits sorted in two 16-bit digits (two scatter passes over
 * memory). Below it, one counting-sort pass on keys of about log2(2n) bits: everything is in cache,
 * so the more frequent ties are cheap to finish by value.
 */
const LARGE_SORT = 40_000;

/** Largest key + 1 of the linear 32-bit keys, a little under 2^32 so rounding cannot overflow it. */
const KEY_SPAN = 4_294_967_040;

/** Runs of equal keys longer than this are finished by a comparator sort, not insertion. */
const INSERTION_RUN = 32;

/**
 * Orders known to be permutations of 0..n-1 because {@link rankOrder} wrote them, so the
 * `*Sorted` metrics need not check them again (see checkPermutation). Writing into such an array
 * yourself voids that knowledge: don't.
 */
const RANKED = new WeakSet<Uint32Array>();

/** Records that `order` is a permutation of 0..length-1 (for rankOrder and trustRankOrder only). */
export function markRanked(order: Uint32Array): void {
  RANKED.add(order);
}

/**
 * Voids the last order {@link rankOrder} wrote into `buffers` (the array it returned, whatever its
 * length): for code about to borrow `keysAndOrder`, so that no metric trusts that order unchecked.
 */
export function forgetOrder(buffers: RankBuffers): void {
  if (buffers.lastOrder !== null) RANKED.delete(buffers.lastOrder);
  buffers.lastOrder = null;
}

/** True if `order` was last filled by {@link rankOrder} (and so is a permutation of 0..length-1). */
export function isRankOrder(order: ArrayLike<number>): boolean {
  return order instanceof Uint32Array && RANKED.has(order);
}

/**
 * Reusable buffers for {@link rankOrder} over arrays of up to `capacity` values: pass the same one
 * every month and ranking allocates nothing. The order is written into `order` (and returned);
 * the next call with the same buffers overwrites it. Between calls, `work` holds nothing and other
 * code may borrow it (e.g. as a list of household indices); so may code that no longer needs the
 * last order borrow `keysAndOrder`, after {@link forgetOrder}. A class rather than an object literal:
 * the second literal would make V8 recompile the ranking (see src/model/township.ts).
 */
export class RankBuffers {
  readonly capacity: number;
  /** The last order written (its first n entries), unless `keysAndOrder` was borrowed since. */
  readonly order: Uint32Array;
  /** The array the last rankOrder with these buffers returned (order or a view of it), or null: see forgetOrder. */
  lastOrder: Uint32Array | null;
  /** Working memory: 2 x capacity words, free between calls. */
  readonly work: Uint32Array;
  /** Sorted keys (first capacity words) and order (second half: `order` is a view of it). */
  readonly keysAndOrder: Uint32Array;
  constructor(capacity: number, shared = false) {
    this.capacity = capacity;
    this.keysAndOrder = shared ? new Uint32Array(new SharedArrayBuffer(8 * capacity)) : new Uint32Array(2 * capacity);
    this.order = this.keysAndOrder.subarray(capacity, 2 * capacity);
    this.work = shared ? new Uint32Array(new SharedArrayBuffer(8 * capacity)) : new Uint32Array(2 * capacity);
    this.lastOrder = null;
  }
}

/**
 * Buffers for {@link rankOrder} of up to `capacity` values (16 bytes per value). With `shared` both
 * buffers are on SharedArrayBuffers, for borrowers on other threads; same ranking either way.
 *
 * @example
 * const buffers = rankBuffers(3);
 * rankOrder([30, 10, 20], buffers) === buffers.order; // => true
 */
export function rankBuffers(capacity: number, shared = false): RankBuffers {
  return new RankBuffers(capacity, shared);
}

/**
 * Indices of `values` sorted ascending by value, ties broken by index (stable, deterministic).
 * `rankOrder(v)[0]` is the index of the smallest value (the poorest household when `v` is income).
 *
 * Algorithm, for n >= 512 finite values (otherwise a comparator sort):
 * 1. An integer key per value, key = floor((x - min) * K / (max - min)), K = about 2^32 (about 2n
 *    below 40,000 values): every step is monotone in floating point, so keys never invert the
 *    order of values, and equal values (0 and -0 included) get equal keys.
 * 2. An LSD radix sort of (key, index) pairs: two 16-bit digits (one counting-sort pass below
 *    40,000 values); a pass whose digit is the same for every key is skipped. LSD radix sort is
 *    stable, so equal keys stay in index order.
 * 3. Runs of equal keys (values closer than (max - min) / K, or equal) are finished by comparing
 *    the values themselves, ties by index.
 * The result is the same permutation as a comparator sort by (value, index), only faster: about
 * 15 ms for 1e6 incomes on Node 20, against ~45 ms for a four-pass 16-bit radix sort of the raw bit
 * patterns and ~320 ms for `Uint32Array.sort` with a comparator.
 *
 * @param values - numbers to rank; +/-Infinity allowed (comparator sort), NaN rejected.
 * @param buffers - optional reusable buffers ({@link rankBuffers}) of capacity >= values.length;
 *   the order is then written into (a prefix of) `buffers.order`.
 * @returns a Uint32Array, a permutation of 0..n-1 (a new one, or a view of `buffers.order`).
 * @throws {RangeError} if a value is NaN, or `buffers` are too small.
 * @example
 * rankOrder([30, 10, 20, 10]); // => Uint32Array [1, 3, 2, 0]
 */
export function rankOrder(values: ArrayLike<number>, buffers?: RankBuffers): Uint32Array {
  const n = values.length;
  if (buffers !== undefined && buffers.capacity < n) {
    throw new RangeError(`rank buffers hold ${buffers.capacity} values, ${n} given`);
  }
  const b = buffers ?? (n < SMALL_SORT ? null : rankBuffers(n));
  const order = b === null ? new Uint32Array(n) : view(b.order, n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) throw nanValue(i);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const range = max - min;
  if (b === null || n < SMALL_SORT || !(range < Infinity)) {
    comparatorOrder(values, order);
  } else if (range === 0) {
    for (let i = 0; i < n; i++) order[i] = i; // all equal: index order
  } else {
    radixOrder(values, min, range, b, order);
  }
  RANKED.add(order);
  if (buffers !== undefined) buffers.lastOrder = order;
  return order;
}

/** Built outside the loops (see elementError in validate.ts for why). */
function nanValue(i: number): RangeError {
  return new RangeError(`values[${i}] is NaN; cannot rank`);
}

function view(buffer: Uint32Array, n: number): Uint32Array {
  return buffer.length === n ? buffer : buffer.subarray(0, n);
}

/** Comparison of (value, index) pairs: ascending value, ties by index. */
function compareByValue(values: ArrayLike<number>): (a: number, b: number) => number {
  // values[a] - values[b] is NaN for equal infinities, so compare explicitly.
  return (a, b) => {
    const va = values[a];
    const vb = values[b];
    return va < vb ? -1 : va > vb ? 1 : a - b;
  };
}

function comparatorOrder(values: ArrayLike<number>, order: Uint32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort(compareByValue(values));
}

/** Counters of the digits, reused by every call (ranking is synchronous). */
const HISTOGRAM = new Uint32Array(2 * 65_536);

/**
 * LSD radix sort of (key, index) pairs with key = floor((x - min) * scale) (finite values, max > min),
 * then equal-key runs finished by value. The last pass writes the keys into keysAndOrder[0, n) and
 * the order into `order` (keysAndOrder from `capacity` on).
 */
function radixOrder(values: ArrayLike<number>, min: number, range: number, buffers: RankBuffers, order: Uint32Array): void {
  const n = values.length;
  const large = n >= LARGE_SORT;
  // Small: one digit of `bits` bits, 2^bits >= 2n buckets (at most 65,536).
  const bits = large ? 16 : Math.min(16, 32 - Math.clz32(2 * n - 1));
  const digits = 1 << bits;
  const mask = digits - 1;
  const digitCount = large ? 2 : 1;
  const maxKey = large ? KEY_SPAN : mask;
  const scale = maxKey / range;
  const histogram = HISTOGRAM.fill(0, 0, digitCount * digits);

  // Histograms of every digit (keys are recomputed in the first pass rather than stored).
  for (let i = 0; i < n; i++) {
    const key = Math.min(maxKey, Math.floor((values[i] - min) * scale)) >>> 0;
    histogram[key & mask]++;
    if (large) histogram[digits + (key >>> bits)]++;
  }
  const firstKey = Math.min(maxKey, Math.floor((values[0] - min) * scale)) >>> 0;
  const passes: number[] = [];
  for (let p = 0; p < digitCount; p++) {
    const base = p * digits;
    if (histogram[base + ((firstKey >>> (p * bits)) & mask)] === n) continue; // one digit value: nothing to sort
    passes.push(p);
    let start = 0;
    for (let d = 0; d < digits; d++) {
      const count = histogram[base + d];
      histogram[base + d] = start;
      start += count;
    }
  }

  // Pairs ping-pong between keysAndOrder and work; the last pass splits them into keys and order.
  const keysAndOrder = buffers.keysAndOrder;
  const work = buffers.work;
  const orderOffset = buffers.capacity;
  let source: Uint32Array | null = null; // null: keys computed from values, index = position
  for (let q = 0; q < passes.length; q++) {
    const p = passes[q];
    const shift = p * bits;
    const base = p * digits;
    const last = q === passes.length - 1;
    const target = (passes.length - 1 - q) % 2 === 0 ? keysAndOrder : work;
    if (source === null) {
      for (let i = 0; i < n; i++) {
        const key = Math.min(maxKey, Math.floor((values[i] - min) * scale)) >>> 0;
        const at = histogram[base + ((key >>> shift) & mask)]++;
        if (last) {
          target[at] = key;
          target[orderOffset + at] = i;
        } else {
          target[2 * at] = key;
          target[2 * at + 1] = i;
        }
      }
    } else if (last) {
      for (let k = 0; k < n; k++) {
        const key = source[2 * k];
        const at = histogram[base + ((key >>> shift) & mask)]++;
        target[at] = key;
        target[orderOffset + at] = source[2 * k + 1];
      }
    } else {
      for (let k = 0; k < n; k++) {
        const key = source[2 * k];
        const at = histogram[base + ((key >>> shift) & mask)]++;
        target[2 * at] = key;
        target[2 * at + 1] = source[2 * k + 1];
      }
    }
    source = target;
  }
  if (source === null) {
    // Every key equal (values within (max - min) / 2^32 of each other): one run, sorted below.
    for (let i = 0; i < n; i++) {
      keysAndOrder[i] = 0;
      order[i] = i;
    }
  }

  // Finish runs of equal keys by value, ties by index (insertion sort keeps index order of ties).
  const sortedKeys = keysAndOrder;
  let runStart = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && sortedKeys[k] === sortedKeys[runStart]) continue;
    const length = k - runStart;
    if (length > INSERTION_RUN) {
      order.subarray(runStart, k).sort(compareByValue(values));
    } else if (length > 1) {
      for (let q = runStart + 1; q < k; q++) {
        const j = order[q];
        const v = values[j];
        let m = q - 1;
        while (m >= runStart) {
          const o = order[m];
          const vo = values[o];
          if (vo > v || (vo === v && o > j)) {
            order[m + 1] = o;
            m--;
          } else {
            break;
          }
        }
        order[m + 1] = j;
      }
    }
    runStart = k;
  }
}
