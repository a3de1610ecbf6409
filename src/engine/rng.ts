/**
 * Seeded random streams.
 *
 * Every process of the model draws from its own stream, derived from the scenario seed and the
 * stream's name. A change to, say, supervision therefore never reshuffles the harvests and
 * illnesses of the economy stream: two scenarios run on the same seed face the same shocks
 * (common random numbers).
 *
 * Seeds are derived with seedrandom (ARC4, slow but well known); the draws themselves come from
 * pure-rand's xoroshiro128+, which is several times faster and runs in the hot loops.
 */
import seedrandom from 'seedrandom';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

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

/** A fast seeded generator of uniform, normal and discrete draws. */
export class RandomStream {
  private readonly generator: { next(): number };
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(state: readonly [number, number, number, number]) {
    this.generator = xoroshiro128plusFromState(state);
  }

  /** Uniform on [0, 1), 32 bits of resolution. */
  uniform(): number {
    return (this.generator.next() >>> 0) * UINT32_TO_UNIT;
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Marsaglia's polar method; the second value of each pair is kept). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }

  /** Log-normal draw with mean 1: exp(N(-sd^2/2, sd)). */
  lognormalMeanOne(sd: number): number {
    return Math.exp(sd * this.normal() - 0.5 * sd * sd);
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
