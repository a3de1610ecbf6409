/**
 * Shards: deterministic slices of a sweep for running on several machines. Shard K of N (K from 1)
 * holds the runs whose id satisfies `run % N == K - 1` (round robin). Round robin rather than
 * contiguous blocks because a design's cost is often uneven along its order (a grid's first
 * factor changes slowest: if it is the township size, contiguous blocks would give one machine all
 * the large townships); dealt out like cards, every shard gets a similar mix. Merging is still a
 * streaming operation: run i is the next row of shard (i mod N) + 1.
 */
import { InputError, quote } from '../scenario/index.js';

/** Shard `index` of `count` (1 <= index <= count). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Reads `K/N` (1-based K, 1 <= K <= N).
 *
 * @throws {InputError} naming `--shard`, e.g. for `0/3` or `4/3`.
 * @example
 * parseShard('2/3'); // => { index: 2, count: 3 }
 */
export function parseShard(text: string, source = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError({ file: source, expected: 'K/N with 1 <= K <= N, e.g. 2/8 for the second of eight shards', found: quote(text) });
  }
  return { index, count };
}

/**
 * Whether run `run` belongs to `shard` (every run belongs to the whole sweep, shard null).
 *
 * @example
 * inShard(4, { index: 2, count: 3 }); // => true (4 % 3 == 1)
 */
export function inShard(run: number, shard: Shard | null): boolean {
  return shard === null || run % shard.count === shard.index - 1;
}

/**
 * Number of runs of a sweep of `total` runs that belong to `shard`: the ids K - 1, K - 1 + N, ...
 * below total, i.e. ceil((total - K + 1) / N).
 *
 * @example
 * shardRunCount(10, { index: 1, count: 3 }); // => 4 (runs 0, 3, 6, 9)
 * shardRunCount(10, { index: 3, count: 3 }); // => 3 (runs 2, 5, 8)
 */
export function shardRunCount(total: number, shard: Shard | null): number {
  if (shard === null) return total;
  return Math.max(0, Math.ceil((total - shard.index + 1) / shard.count));
}

/** `K-of-N`, as used in default folder names. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}-of-${shard.count}`;
}
