import { describe, expect, it } from 'vitest';
import { povsim } from './helpers.js';

describe('povsim describe for metrics (CLI)', () => {
  it('explains a metric: what it measures, unit, range, months and source; exit 0', () => {
    const result = povsim(['describe', 'inclusionErrorNonPoor']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(result.stdout.split('\n')[0]).toBe('inclusionErrorNonPoor: inclusion error (share of the non-poor)');
    expect(text).toContain('measures Inclusion error as a share of the non-poor');
    expect(text).toContain('range 0 to 1 (shown as 0% to 100%); lower is better');
    expect(text).toContain('counts households');
    expect(text).toContain('months the mean of the values at the ends of the last 12 months');
    expect(text).toContain('source Alatas, Banerjee, Hanna, Olken and Tobias (2012)');
  });

  it('explains a nested metric and a whole family', () => {
    const one = povsim(['describe', 'cghByProgramme.transfers']);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n')[0]).toBe('cghByProgramme.transfers: CGH of transfers');
    const family = povsim(['describe', 'cghBySource']);
    expect(family.code).toBe(0);
    expect(family.stdout.match(/^cghBySource\.\w+: /gm)).toHaveLength(4);
  });

  it('lists the metrics after the parameters with no argument', () => {
    const result = povsim(['describe']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^povsim metrics: /m);
    expect(result.stdout).toMatch(/^ {2}leakage +leakage of targeted aid$/m);
  });

  it('an unknown name: one line on stderr with the closest names, exit 2, nothing on stdout', () => {
    const result = povsim(['describe', 'leakge']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('povsim: leakge: unknown parameter, group or metric; did you mean "leakage"? (run povsim describe for the list)\n');
  });

  it('a removed metric: the line saying what replaced it, not a near miss', () => {
    const result = povsim(['describe', 'inclusionError']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('povsim: inclusionError: inclusionError was split: use inclusionErrorRegistered (non-poor share of the register) or inclusionErrorNonPoor (share of non-poor households registered)\n');
  });
});
