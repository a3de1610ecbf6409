/**
 * The sampling-noise rules of Sobol indices and the sign of Morris effects, worked by hand at
 * and around every boundary.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { morrisSign, sobolNoiseNote, sobolNoiseReasons } from '../../src/experiments/sensitivity-noise.js';
import { sensitivitySummary } from '../../src/cli/commands/sweep-handler.js';
import { toCsv } from '../../src/io/files.js';
import { tempDir } from '../cli/helpers.js';

describe('Sobol index within sampling noise', () => {
  it('a clean row (0 <= S1 <= ST, both intervals above 0) has no note', () => {
    expect(sobolNoiseReasons(0.3, [0.1, 0.5], 0.4, [0.2, 0.6])).toEqual([]);
    expect(sobolNoiseNote(0.3, [0.1, 0.5], 0.4, [0.2, 0.6])).toBe('');
    // S1 equal to ST is possible for the true indices (no interactions): not flagged.
    expect(sobolNoiseNote(0.4, [0.1, 0.5], 0.4, [0.2, 0.6])).toBe('');
    // No intervals (bootstrap 0): only the S1 rules can apply.
    expect(sobolNoiseNote(0.2, null, 0.3, null)).toBe('');
  });

  it('S1 above ST', () => {
    expect(sobolNoiseNote(0.31, [0.1, 0.5], 0.3, [0.2, 0.6])).toBe('within sampling noise (S1 above ST)');
  });

  it('ST above 1 (exactly 1 is possible: the parameter explains everything)', () => {
    expect(sobolNoiseNote(0.9, [0.8, 1], 1, [0.9, 1.1])).toBe('');
    expect(sobolNoiseNote(0.9, [0.11, 1.8], 1.28, [0.88, 1.7])).toBe('within sampling noise (ST above 1)');
  });

  it('negative S1 (its interval reaching below 0 too)', () => {
    expect(sobolNoiseReasons(-0.02, [-0.1, 0.05], 0.1, [0.05, 0.2])).toEqual(['negative S1', 'S1 interval covers 0']);
    expect(sobolNoiseReasons(-0.02, [-0.1, -0.01], 0.1, [0.05, 0.2])).toEqual(['negative S1']);
  });

  it('an interval that covers 0, its ends included', () => {
    expect(sobolNoiseNote(0.1, [0, 0.2], 0.2, [0.1, 0.3])).toBe('within sampling noise (S1 interval covers 0)');
    expect(sobolNoiseNote(0.1, [0.001, 0.2], 0.2, [0.1, 0.3])).toBe('');
    expect(sobolNoiseNote(0.01, [0.005, 0.02], 0.02, [-0.01, 0.05])).toBe('within sampling noise (ST interval covers 0)');
    expect(sobolNoiseNote(0.05, [0.01, 0.1], 0.04, [-0.01, 0])).toBe('within sampling noise (S1 above ST, ST interval covers 0)');
  });
});

describe('Morris sign', () => {
  it('raises or lowers when |mu| is at least half of mu*, mixed sign below, no effect at mu* = 0', () => {
    expect(morrisSign(0.05, 0.05)).toBe('raises');
    expect(morrisSign(-0.05, 0.05)).toBe('lowers');
    expect(morrisSign(0.025, 0.05)).toBe('raises'); // exactly half
    expect(morrisSign(-0.025, 0.05)).toBe('lowers');
    expect(morrisSign(0.0249, 0.05)).toBe('mixed sign');
    expect(morrisSign(0, 0.05)).toBe('mixed sign');
    expect(morrisSign(0, 0)).toBe('no effect');
  });
});

describe('the terminal summary says it too', () => {
  it('marks a Sobol parameter within noise and gives each Morris parameter its sign', () => {
    const dir = tempDir();
    const sobol = join(dir, 'sobol.csv');
    writeFileSync(sobol, toCsv(['output', 'parameter', 'S1', 'S1_ci_low', 'S1_ci_high', 'ST', 'ST_ci_low', 'ST_ci_high'], [
      ['leakage', 'a', 0.5, 0.4, 0.6, 0.7, 0.6, 0.8],
      ['leakage', 'b', 0.2, 0.1, 0.3, 0.15, 0.05, 0.25],
    ]));
    const lines = sensitivitySummary(sobol, 'sobol').split('\n');
    expect(lines[1]).toBe('  leakage  a 0.70, b 0.15 (within noise)');
    expect(lines[2]).toBe('("within noise": S1 above ST, a negative S1, ST above 1, or an interval covering 0; the report explains each)');
    const morris = join(dir, 'morris.csv');
    writeFileSync(morris, toCsv(['output', 'parameter', 'mu_star', 'mu', 'sigma'], [
      ['exits', 'a', 9, -9, 3],
      ['exits', 'b', 4, 1, 1],
    ]));
    expect(sensitivitySummary(morris, 'morris').split('\n')[1]).toBe('  exits  a 9.0 (lowers), b 4.0 (mixed sign)');
  });
});
