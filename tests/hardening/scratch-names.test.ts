/**
 * Names povsim uses for scratch files (the lock, `*.povsim-tmp`, `results.csv.partial`, ...) count
 * as povsim's leftovers only as regular files: a folder of the user's with such a name is neither
 * deleted when a command rewrites its folder nor passed over by the ownership check.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectOutputFolder, removeEarlierOutputs } from '../../src/io/output-folder.js';
import { tempDir } from '../cli/helpers.js';

/** A run folder (by its manifest) holding summary.json. */
function runFolder(): string {
  const dir = tempDir('povsim-scratch-');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ povsim: '0.1.0', scenario: 'baseline', seed: 1, outputs: ['summary.json', 'manifest.json'] }));
  writeFileSync(join(dir, 'summary.json'), '{}');
  return dir;
}

describe('scratch names', () => {
  for (const name of ['results.csv.partial', 'summary.json.povsim-tmp', '.povsim-lock', 'manifest.json.reserve']) {
    it(`a folder named ${name} is the user's: refused as a file povsim did not write, never removed`, () => {
      const dir = runFolder();
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'thesis.tex'), 'years of work');
      expect(() => inspectOutputFolder(dir)).toThrow(`${dir}: holds files povsim did not write (${name}) beside the outputs of povsim run`);
      removeEarlierOutputs(dir, { kind: 'run', files: ['summary.json', 'manifest.json'] }, []);
      expect(readFileSync(join(dir, name, 'thesis.tex'), 'utf8')).toBe('years of work');
    });
  }

  it('a regular file of such a name is a leftover: passed over by the check, removed', () => {
    const dir = runFolder();
    writeFileSync(join(dir, 'results.csv.partial'), 'half a row');
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'incidence.png.povsim-tmp'), 'half a chart');
    expect(inspectOutputFolder(dir).kind).toBe('run');
    removeEarlierOutputs(dir, { kind: 'run', files: ['summary.json', 'manifest.json'] }, ['summary.json']);
    expect(existsSync(join(dir, 'results.csv.partial'))).toBe(false);
    expect(existsSync(join(dir, 'charts'))).toBe(false);
    expect(existsSync(join(dir, 'summary.json'))).toBe(true);
  });
});
