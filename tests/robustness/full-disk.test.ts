/**
 * A full disk simulated in the library (issue 6): `writeSync` from node:fs is replaced by one that
 * writes into a limited space, the way Linux does when a disk fills: a write that does not fit
 * writes what fits and returns the shorter count, and the next write fails with ENOSPC.
 * An unchecked short write is how the old writer (write-file-atomic 7, which ignores the count)
 * renamed a truncated manifest.json into place and `povsim run` said it had written it.
 *
 * Checked: writeAtomic leaves the old file and no temporary file; writeFilesAtomically writes all
 * files or none; a sweep stops with results.csv ending with a complete row and no half files, and
 * resumes to the same results. tests/robustness/output-failures.test.ts does it on a real tmpfs.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { runSweep } from '../../src/experiments/sweep.js';
import { OutputError, TEMP_SUFFIX, writeAtomic, writeFilesAtomically } from '../../src/io/files.js';

/**
 * The simulated disk: `allowCalls` writes succeed in full, then `space` bytes are left.
 * `shortOnce` > 0 makes the next write deliver only that many bytes (a short write with room left).
 */
const disk = vi.hoisted(() => ({ allowCalls: Infinity, space: Infinity, calls: 0, shortOnce: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const original = fs.writeSync as (...args: unknown[]) => number;
  const writeSync = (fd: unknown, data: unknown, ...rest: unknown[]): number => {
    disk.calls += 1;
    if (!Buffer.isBuffer(data)) return original(fd, data, ...rest);
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : data.length - offset;
    if (disk.shortOnce > 0) {
      const delivered = Math.min(length, disk.shortOnce);
      disk.shortOnce = 0;
      return original(fd, data, offset, delivered);
    }
    if (disk.calls <= disk.allowCalls) return original(fd, data, ...rest);
    if (disk.space <= 0 || length === 0) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    const fits = Math.min(length, disk.space);
    disk.space -= fits;
    return original(fd, data, offset, fits);
  };
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

/** Fills the disk: after `allowCalls` more writes, only `space` bytes fit. */
function fillDisk(space: number, allowCalls = 0): void {
  disk.calls = 0;
  disk.allowCalls = allowCalls;
  disk.space = space;
}

afterEach(() => {
  fillDisk(Infinity, Infinity);
  disk.shortOnce = 0;
});

const root = mkdtempSync(join(tmpdir(), 'povsim-full-disk-'));
let count = 0;
const fresh = (label: string): string => join(root, `${label}-${(count += 1)}`);
const temporaries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith(TEMP_SUFFIX) || f.endsWith('.partial'));

describe('writeAtomic on a full disk', () => {
  it.each([
    ['half of the bytes fit', 1000],
    ['nothing fits', 0],
  ])('%s: OutputError (exit 1), the old file intact, no temporary file', (_name, space) => {
    const dir = fresh('atomic');
    mkdirSync(dir);
    const file = join(dir, 'summary.json');
    writeFileSync(file, 'the previous run\n');
    fillDisk(space);
    let error: unknown;
    try {
      writeAtomic(file, 'x'.repeat(2000));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).exitCode).toBe(1);
    expect((error as OutputError).message).toBe(`${file}: the disk is full; this file was not written`);
    expect(readFileSync(file, 'utf8')).toBe('the previous run\n');
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('writes every byte when a write is cut short but the disk still has room', () => {
    const dir = fresh('atomic-short');
    const file = join(dir, 'a.csv');
    const text = 'y'.repeat(5000);
    disk.shortOnce = 100; // the first write delivers 100 bytes; the writer must write the rest
    writeAtomic(file, text);
    expect(disk.shortOnce).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('writeFilesAtomically on a full disk: all files or none', () => {
  const files = [
    ['timeseries.csv', 'a'.repeat(3000)],
    ['summary.json', 'b'.repeat(3000)],
    ['manifest.json', 'c'.repeat(3000)],
  ] as const;

  it('into a new folder: the folders it made are removed again, nothing written', () => {
    const outer = fresh('group-new');
    const dir = join(outer, 'runs', 'a');
    fillDisk(4000); // the first file fits, the second does not
    expect(() => writeFilesAtomically(dir, files)).toThrow(`${dir}: the disk is full; nothing was written`);
    expect(existsSync(outer)).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('into a folder with an earlier run: its files are left as they were, no temporary files', () => {
    const dir = fresh('group-old');
    mkdirSync(dir);
    for (const [name] of files) writeFileSync(join(dir, name), `old ${name}`);
    fillDisk(7000); // two files fit, the third does not
    expect(() => writeFilesAtomically(dir, files)).toThrow(OutputError);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
    for (const [name] of files) expect(readFileSync(join(dir, name), 'utf8')).toBe(`old ${name}`);
    fillDisk(Infinity, Infinity);
    expect(writeFilesAtomically(dir, files)).toEqual(files.map(([name]) => join(dir, name)));
    for (const [name, text] of files) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
  });
});

describe('a sweep on a full disk', () => {
  const baseline = resolve('scenarios/baseline.yaml');
  const file = join(root, 'sweep.yaml');
  writeFileSync(
    file,
    `scenario: ${baseline}\nseed: 3\nreplicates: 3\nset: { township.households: 100, township.villages: 2, simulation.months: 6 }\n` +
      'parameters:\n  supervision.auditRate: [0.05, 0.4]\n  identification.method: [community, pmt]\n',
  );

  it('stops when a row does not fit: results.csv ends with a complete row; resume completes identically', async () => {
    const reference = fresh('sweep-reference');
    await runSweep(loadSweep(file), { out: reference });
    const expected = readFileSync(join(reference, 'results.csv'), 'utf8');

    const dir = fresh('sweep-full');
    // After the third row only 100 bytes fit: the fourth row (about 650 bytes) is cut short.
    const failure = runSweep(loadSweep(file), { out: dir, onProgress: (p) => p.done === 3 && fillDisk(100) });
    await expect(failure).rejects.toThrow(`${join(dir, 'results.csv')}: the disk is full; resume with --resume once there is room`);
    await expect(failure).rejects.toMatchObject({ exitCode: 1 });
    const partial = readFileSync(join(dir, 'results.csv'), 'utf8');
    expect(partial.split('\n')).toHaveLength(5); // header, 3 rows, the final line end
    expect(expected.startsWith(partial)).toBe(true);
    expect(temporaries(dir)).toEqual([]);

    fillDisk(Infinity, Infinity);
    const report = await runSweep(loadSweep(file), { out: dir, resume: true });
    expect(report).toMatchObject({ status: 'complete', resumed: 3, ran: 9 });
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(expected);
  });

  it('stops when design.csv does not fit: no design.csv.partial left; resume completes identically', async () => {
    const reference = fresh('sweep-reference');
    await runSweep(loadSweep(file), { out: reference });
    const dir = fresh('sweep-design');
    fillDisk(0, 1); // manifest.json is written, then the disk is full
    await expect(runSweep(loadSweep(file), { out: dir })).rejects.toThrow(/design\.csv\.partial: the disk is full/);
    expect(readdirSync(dir)).toEqual(['manifest.json']);
    fillDisk(Infinity, Infinity);
    await runSweep(loadSweep(file), { out: dir, resume: true });
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(readFileSync(join(reference, 'results.csv'), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['design.csv', 'manifest.json', 'results.csv']);
  });
});
