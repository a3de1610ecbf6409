/**
 * The explorer's exported YAML names the page's own comparison (chosen reference, replicate count),
 * and its sentences print an interval's ends with the digits of `povsim compare` (an end that is not
 * zero never reads "0.0").
 */
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../../src/explore/build-catalogue.js';
import { compareCommand, scenarioYaml } from '../../src/explore/export.js';
import { differenceWords } from '../../src/explore/figures.js';
import { differenceCell } from '../../src/cli/compare-text.js';

const scenarios = shippedScenarios('.');
const baseline = scenarios[0]!;
const oversight = scenarios.find((s) => s.name === 'improved-oversight')!;

describe('the exported YAML header', () => {
  it('names the comparison the page shows: the chosen reference and replicate count', () => {
    const state = { scenario: baseline, changes: { 'supervision.auditRate': 0.3 } };
    const yaml = scenarioYaml(state, '0.1.0', { reference: oversight, replicates: 7 });
    const line = yaml.split('\n').find((l) => l.includes('its comparison'));
    expect(line).toBe(`#   and its comparison: ${compareCommand(oversight, state, 7)}`);
    expect(line).toBe('#   and its comparison: povsim compare scenarios/improved-oversight.yaml baseline-explore.yaml --replicates 7');
  });
});

describe('the sentences\' digits', () => {
  const e = (mean: number, difference: { mean: number; ciLow: number; ciHigh: number } | null) =>
    ({ n: 20, mean, sd: 0.01, ciLow: null, ciHigh: null, difference: difference && { n: 20, sd: 0.01, ...difference } });

  it('an interval end that rounds to zero at the metric\'s digits gets more, as in povsim compare', () => {
    const d = { mean: 0.004, ciLow: 0.00004, ciHigh: 0.008 };
    expect(differenceWords('headcount', e(0.1, null), e(0.104, d)))
      .toBe('Poverty headcount rises by 0.400 points (from 10.0% to 10.4%), 95% CI 0.004 to 0.800 points');
    // The same digits as the CLI's table cell "+0.400 [+0.004, +0.800]".
    expect(differenceCell('headcount', { n: 20, sd: 0.01, ...d })).toBe('+0.400 [+0.004, +0.800]');
  });

  it('a fall whose interval nearly touches zero keeps the end\'s sign, at most 3 decimals more', () => {
    const d = { mean: -0.002, ciLow: -0.004, ciHigh: -0.0000001 };
    const words = differenceWords('leakage', e(0.3, null), e(0.298, d))!;
    expect(words).toBe('Leakage of targeted aid falls by 0.2000 points (from 30.0% to 29.8%), 95% CI +0.0000 to 0.4000 points');
    expect(differenceCell('leakage', { n: 20, sd: 0.01, ...d })).toBe('-0.2000 [-0.4000, -0.0000]');
  });
});
