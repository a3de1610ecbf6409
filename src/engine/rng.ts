/**
 * Seeded random streams.
 *
 * Every process of the model draws from its own stream, derived from the scenario seed and the
 * stream's name. A change to, say, supervision therefore never reshuffles the harvests and
 * illnesses of the economy stream: two scenarios run on the same seed face the same shocks
 * (common random numbers).
 *
 * Seeds are derived with seedrandom (ARC4, slow but well known); the draws themselves come from
 * xoroshiro128+ (Blackman and Vigna), which is several times faster and runs in the hot loops. The
 * generator is pure-rand's `xoroshiro128plus`, written out inline: same state words, same
 * arithmetic, same sequence (tests/model/randomness.test.ts compares the two draw by draw), without a
 * method call on another object for every draw.
 */
import seedrandom from 'seedrandom';
import { fastExp } from './fast-exp.js';

/**
 * The streams of the township model: one per process, plus the initial population, the village
 * institutions and the choices of enterprises and social organisations.
 */
export const STREAM_NAMES = [
  'population',
  'villages',
  'partners',
  'economy',
  'information',
  'identification',
  'assistance',
  'supervision',
] as const;

export type StreamName = (typeof STREAM_NAMES)[number];

const UINT32_TO_UNIT = 1 / 4294967296;

/** The ziggurat's right edge of the base layer, 128 layers (Marsaglia and Tsang 2000). */
const ZIGGURAT_R = 3.442619855899;
/** Area of each layer (Marsaglia and Tsang 2000). */
const ZIGGURAT_V = 9.91256303526217e-3;
/** Scale of the signed 25-bit position: 2^24. */
const ZIGGURAT_M = 16_777_216;
/** Positions below K[i] (in absolute value) lie inside layer i's rectangle. */
const ZIGGURAT_K = new Int32Array(128);
/** x = position * W[i]. */
const ZIGGURAT_W = new Float64Array(128);
/** The density exp(-x^2/2) at each layer's right edge. */
const ZIGGURAT_F = new Float64Array(128);

/**
 * Marsaglia and Tsang's table set-up (their zigset), for a 25-bit position. Computed at load with
 * Math.exp and Math.log, which the explorer's worker replaces with node's exact ones before the
 * model loads (src/explore/engine-math.ts), so every engine gets the same tables.
 */
function setUpZiggurat(): void {
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = ZIGGURAT_V / Math.exp(-0.5 * dn * dn);
  ZIGGURAT_K[0] = Math.floor((dn / q) * ZIGGURAT_M);
  ZIGGURAT_K[1] = 0;
  ZIGGURAT_W[0] = q / ZIGGURAT_M;
  ZIGGURAT_W[127] = dn / ZIGGURAT_M;
  ZIGGURAT_F[0] = 1;
  ZIGGURAT_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i -= 1) {
    dn = Math.sqrt(-2 * Math.log(ZIGGURAT_V / dn + Math.exp(-0.5 * dn * dn)));
    ZIGGURAT_K[i + 1] = Math.floor((dn / tn) * ZIGGURAT_M);
    tn = dn;
    ZIGGURAT_F[i] = Math.exp(-0.5 * dn * dn);
    ZIGGURAT_W[i] = dn / ZIGGURAT_M;
  }
}
setUpZiggurat();

/**
 * Copies of the ziggurat's tables (K, W and F above), for ports of {@link RandomStream.normal} that
 * must give the same draws as this one (bench/native-kernels.ts: the tables are computed with V8's
 * Math.exp and Math.log, which differ from a C library's in the last place for some of them).
 */
export function zigguratTables(): { readonly k: Int32Array; readonly w: Float64Array; readonly f: Float64Array } {
  return { k: ZIGGURAT_K.slice(), w: ZIGGURAT_W.slice(), f: ZIGGURAT_F.slice() };
}

/** A fast seeded generator of uniform, normal and discrete draws. */
export class RandomStream {
  // xoroshiro128+ state: two 64-bit words, each as (high, low) 32-bit halves, in pure-rand's
  // order (s01, s00, s11, s10); `state` is passed in that order, as to xoroshiro128plusFromState.
  // Initialised to a number, not declared bare: a bare class field starts as `undefined`, so V8
  // keeps it as a tagged field, and where small integers have 31 bits (Chrome, with pointer
  // compression; not Node) every store of a 32-bit word outside them allocated a heap number: the
  // explorer's worker ran a default township about a third slower for it.
  private s01 = 0;
  private s00 = 0;
  private s11 = 0;
  private s10 = 0;

  constructor(state: readonly [number, number, number, number]) {
    this.s01 = state[0] | 0;
    this.s00 = state[1] | 0;
    this.s11 = state[2] | 0;
    this.s10 = state[3] | 0;
  }

  /**
   * Continues from the state stored at `states[offset..offset + 4)` (as saveState wrote it): one
   * stream object walks many streams, e.g. one per village, without an object per stream.
   */
  loadState(states: Int32Array, offset: number): void {
    this.s01 = states[offset]!;
    this.s00 = states[offset + 1]!;
    this.s11 = states[offset + 2]!;
    this.s10 = states[offset + 3]!;
  }

  /** Stores the state at `states[offset..offset + 4)`, in the order of the constructor's `state`. */
  saveState(states: Int32Array, offset: number): void {
    states[offset] = this.s01;
    states[offset + 1] = this.s00;
    states[offset + 2] = this.s11;
    states[offset + 3] = this.s10;
  }

  /**
   * The next 32-bit output of the generator, as a signed 32-bit integer (pure-rand's `next()`):
   * the low 32 bits of s0 + s1, then the xoroshiro128+ state update (a = 24, b = 16, c = 37).
   */
  nextInt32(): number {
    const s00 = this.s00;
    const s01 = this.s01;
    const s10 = this.s10;
    const s11 = this.s11;
    const out = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Uniform on [0, 1), 32 bits of resolution. */
  uniform(): number {
    return (this.nextInt32() >>> 0) * UINT32_TO_UNIT;
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * Standard normal draw: the ziggurat method of Marsaglia and Tsang (2000, "The ziggurat method for
   * generating random variables", Journal of Statistical Software 5(8)), 128 layers. One 32-bit
   * draw gives the layer (its top 7 bits) and a signed 25-bit position (its low 25 bits); about
   * 97.2% of draws return at once, the rest fall in a wedge or the tail ({@link normalSlow}): 1.04
   * generator steps per normal on average, instead of about 1.27 plus a logarithm and a square root
   * for the polar method it replaced (issue 14). Exact in distribution up to the position's grid (a
   * layer's width / 2^24, about 2e-7) and the wedge test's density (fastExp, within about 1e-15),
   * which no test of a model's statistics can see.
   */
  normal(): number {
    const bits = this.nextInt32();
    const layer = bits >>> 25;
    const position = (bits << 7) >> 7;
    if ((position < 0 ? -position : position) < ZIGGURAT_K[layer]!) return position * ZIGGURAT_W[layer]!;
    // Unary plus: a call's result reaches the optimiser untyped, and without it the result of
    // every draw (the common branch's too) was boxed into a heap number where `normal` is inlined.
    return +this.normalSlow(layer, position);
  }

  /** The rare branch of {@link normal}: the base layer's tail, or a wedge under the density. */
  private normalSlow(firstLayer: number, firstPosition: number): number {
    let layer = firstLayer;
    let position = firstPosition;
    for (;;) {
      const x = position * ZIGGURAT_W[layer]!;
      if (layer === 0) {
        // Tail beyond R (Marsaglia 1964): exact, by two exponentials.
        let tailX: number;
        let tailY: number;
        do {
          tailX = -Math.log(1 - this.uniform()) / ZIGGURAT_R;
          tailY = -Math.log(1 - this.uniform());
        } while (tailY + tailY < tailX * tailX);
        return position > 0 ? ZIGGURAT_R + tailX : -ZIGGURAT_R - tailX;
      }
      const below = ZIGGURAT_F[layer]! + this.uniform() * (ZIGGURAT_F[layer - 1]! - ZIGGURAT_F[layer]!);
      if (below < fastExp(-0.5 * x * x)) return x;
      const bits = this.nextInt32();
      layer = bits >>> 25;
      position = (bits << 7) >> 7;
      if ((position < 0 ? -position : position) < ZIGGURAT_K[layer]!) return position * ZIGGURAT_W[layer]!;
    }
  }

  /** Log-normal draw with mean 1: exp(N(-sd^2/2, sd)). */
  lognormalMeanOne(sd: number): number {
    return fastExp(sd * this.normal() - 0.5 * sd * sd);
  }

  /** Poisson draw by inversion (Knuth); intended for small means (household sizes, counts). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = this.uniform();
    while (product > limit) {
      k += 1;
      product *= this.uniform();
    }
    return k;
  }

  /** Number of successes in `n` Bernoulli(p) trials (n small). */
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i += 1) if (this.uniform() < p) k += 1;
    return k;
  }

  /** Shuffles `values` in place (Fisher-Yates). */
  shuffle<T extends { length: number; [index: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.uniform() * (i + 1));
      const tmp = values[i] as number;
      values[i] = values[j] as number;
      values[j] = tmp;
    }
    return values;
  }
}

/**
 * The four 32-bit state words of stream `name` for scenario seed `seed`, derived with seedrandom.
 * Same (seed, name), same words, on every machine.
 */
export function streamState(seed: number, name: string): [number, number, number, number] {
  const arc4 = seedrandom(`povsim/${seed}/${name}`);
  const words: [number, number, number, number] = [arc4.int32(), arc4.int32(), arc4.int32(), arc4.int32()];
  if (words.every((w) => w === 0)) words[0] = 1; // xoroshiro must not start from the all-zero state
  return words;
}

export type Streams = Readonly<Record<StreamName, RandomStream>>;

/** One independent stream per model process, all derived from `seed`. */
export function createStreams(seed: number): Streams {
  const out = {} as Record<StreamName, RandomStream>;
  for (const name of STREAM_NAMES) out[name] = new RandomStream(streamState(seed, name));
  return out;
}

/**
 * The state words of `count` streams spawned from stream `name`, one per village: village v's four
 * words at [4v, 4v + 4), those of stream `${name}/village/${v}`. What a village draws from its own
 * stream depends on the seed and the village only, not on which thread runs it (as R's parallel
 * streams or numpy's SeedSequence.spawn). On a SharedArrayBuffer when `shared` (for threads).
 */
export function villageStreamStates(seed: number, name: StreamName, count: number, shared = false): Int32Array {
  const bytes = 4 * 4 * count;
  const states = new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let v = 0; v < count; v += 1) states.set(streamState(seed, `${name}/village/${v}`), 4 * v);
  return states;
}
