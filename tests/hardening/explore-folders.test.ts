/**
 * A folder holding `povsim explore`'s page (known by its explore.json) is named as such when a
 * command refuses it, and explore still refuses a run's folder.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';

describe('explore folders and the other commands', () => {
  it('run --out <an explore folder> says it holds the outputs of povsim explore, and touches nothing', () => {
    const dir = join(tempDir('povsim-explore-run-'), 'page');
    expect(povsim(['explore', '--out', dir]).code).toBe(0);
    const before = readFileSync(join(dir, 'explore.json'), 'utf8');
    const result = povsim(['run', '--out', dir, '--households', '60', '--months', '2', '--no-charts']);
    expect(result.stderr).toBe(`povsim: ${dir}: holds the outputs of povsim explore (see its explore.json); choose another folder with --out\n`);
    expect(result.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['explore.js', 'explore.json', 'index.html']);
    expect(readFileSync(join(dir, 'explore.json'), 'utf8')).toBe(before);

    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const beside = povsim(['compare', 'scenarios/baseline.yaml', 'scenarios/improved-oversight.yaml', '--out', dir]);
    expect(beside.stderr).toBe(`povsim: ${dir}: holds files povsim did not write (notes.txt) beside the outputs of povsim explore (see its explore.json); choose another folder with --out\n`);
    expect(beside.code).toBe(2);
  });

  it('explore --out <a run folder> is still refused', () => {
    const dir = tempDir('povsim-run-explore-');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ povsim: '0.1.0', scenario: 'baseline', seed: 1, outputs: ['summary.json', 'manifest.json'] }));
    writeFileSync(join(dir, 'summary.json'), '{}');
    const result = povsim(['explore', '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not empty and not an earlier povsim explore output');
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'summary.json']);
  });
});
