import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, LineReader, parseCsvLine } from '../../src/experiments/csv.js';
import { runOrdered } from '../../src/experiments/ordered.js';
import { inShard, parseShard, shardRunCount } from '../../src/experiments/shard.js';
import { InputError } from '../../src/scenario/index.js';

describe('CSV lines', () => {
  it('quotes only fields with a comma or quote, and writes numbers, nulls and booleans plainly', () => {
    expect(csvLine([1, 0.25, null, undefined, true, 'ok', 'a, "b"'])).toBe('1,0.25,,,true,ok,"a, ""b"""\n');
    expect(csvField('two\nlines')).toBe('two lines'); // a record never spans lines
  });

  it('reads back what it writes (property), and refuses malformed lines', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', ' ', 'x', '1') });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (fields) => {
        expect(parseCsvLine(csvLine(fields).slice(0, -1))).toEqual(fields);
      }),
    );
    expect(parseCsvLine('1,"abc')).toBeNull(); // unclosed quote: a half-written line
    expect(parseCsvLine('1,"a"b')).toBeNull(); // text after a closing quote
  });

  it('reads a file line by line with byte offsets, flagging a last line without line end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'povsim-csv-'));
    const file = join(dir, 'x.csv');
    // 'héllo' is 6 bytes in UTF-8: line ends after 7 bytes; 'b' ends at 9; 'half' (no \n) at 13.
    writeFileSync(file, 'héllo\nb\nhalf');
    const reader = new LineReader(file);
    expect(reader.next()).toEqual({ text: 'héllo', end: 7, terminated: true });
    expect(reader.next()).toEqual({ text: 'b', end: 9, terminated: true });
    expect(reader.next()).toEqual({ text: 'half', end: 13, terminated: false });
    expect(reader.next()).toBeNull();
    reader.close();
  });

  it('handles lines longer than its 1 MiB chunk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'povsim-csv-'));
    const file = join(dir, 'long.csv');
    const long = 'x'.repeat(3 * 1024 * 1024 + 5);
    writeFileSync(file, `${long}\nend\n`);
    const reader = new LineReader(file);
    expect(reader.next()?.text.length).toBe(long.length);
    expect(reader.next()).toEqual({ text: 'end', end: long.length + 5, terminated: true });
    expect(reader.next()).toBeNull();
    reader.close();
  });
});

describe('runOrdered', () => {
  const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('hands results on in item order whatever order they finish in, never more than window unhandled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (delays, window) => {
        const handled: number[] = [];
        let startedCount = 0;
        let maxOpen = 0;
        const result = await runOrdered(
          delays.map((_, i) => i).values(),
          async (i) => {
            startedCount += 1;
            maxOpen = Math.max(maxOpen, startedCount - handled.length);
            await delay(delays[i] ?? 0);
            return i * 10;
          },
          (i, r) => {
            expect(r).toBe(i * 10);
            handled.push(i);
          },
          { window },
        );
        expect(handled).toEqual(delays.map((_, i) => i));
        expect(maxOpen).toBeLessThanOrEqual(window);
        expect(result).toEqual({ handled: delays.length, stopped: false });
      }),
      { numRuns: 30 },
    );
  });

  it('stops starting items when asked, finishing those started', async () => {
    const handled: number[] = [];
    const result = await runOrdered(
      [0, 1, 2, 3, 4, 5, 6, 7].values(),
      async (i) => i,
      (i) => handled.push(i),
      { window: 2, shouldStop: () => handled.length >= 3 },
    );
    expect(result.stopped).toBe(true);
    expect(handled.slice(0, 3)).toEqual([0, 1, 2]);
    expect(handled.length).toBeLessThan(8);
  });

  it('rethrows an error of handle after the started tasks settle', async () => {
    await expect(
      runOrdered([0, 1, 2].values(), async (i) => i, (i) => {
        if (i === 1) throw new Error('disk full');
      }, { window: 3 }),
    ).rejects.toThrow('disk full');
  });
});

describe('shards', () => {
  it('parses K/N and refuses anything else with a one-line InputError', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '2', 'a/b', '1.5/3', '']) {
      expect(() => parseShard(bad)).toThrow(InputError);
    }
    expect(() => parseShard('4/3')).toThrow('--shard: expected K/N with 1 <= K <= N, e.g. 2/8 for the second of eight shards, found "4/3"');
  });

  it('deals every run to exactly one shard, and counts them (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 12 }), (total, count) => {
        const owners = Array.from({ length: total }, (_, run) =>
          Array.from({ length: count }, (_, k) => k + 1).filter((index) => inShard(run, { index, count })));
        expect(owners.every((o) => o.length === 1)).toBe(true);
        for (let index = 1; index <= count; index += 1) {
          expect(shardRunCount(total, { index, count })).toBe(owners.filter((o) => o[0] === index).length);
        }
      }),
    );
    // by hand: 10 runs in 3 shards: {0,3,6,9}, {1,4,7}, {2,5,8}
    expect([1, 2, 3].map((index) => shardRunCount(10, { index, count: 3 }))).toEqual([4, 3, 3]);
  });
});
