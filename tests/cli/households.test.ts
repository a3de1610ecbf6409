/**
 * `--households N` scales the villages with the township (issue 10 item 21): 200 households used to
 * keep the baseline's 30 villages, 7 households each, where a 10% village quota rounds to nobody and
 * the exclusion error is 100%. Now the villages keep the default township's 300 households each.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUSEHOLDS_PER_VILLAGE, scenarioOverrides, villagesForHouseholds } from '../../src/cli/overrides.js';
import { defaultParams } from '../../src/model/parameters.js';
import type { RunSummary } from '../../src/results/summary.js';
import { povsim, tempDir } from './helpers.js';

describe('villagesForHouseholds: N / 300 rounded, at least 1', () => {
  it('keeps the default township exactly (9,000 households, 30 villages) and worked values', () => {
    expect(DEFAULT_HOUSEHOLDS_PER_VILLAGE).toBe(300);
    expect(villagesForHouseholds(defaultParams.township.households)).toBe(defaultParams.township.villages);
    expect(villagesForHouseholds(200)).toBe(1); // 0.67 rounds to 1
    expect(villagesForHouseholds(1)).toBe(1); // 0.003 rounds to 0: at least one village
    expect(villagesForHouseholds(449)).toBe(1); // 1.497
    expect(villagesForHouseholds(450)).toBe(2); // 1.5 rounds up
    expect(villagesForHouseholds(1500)).toBe(5);
    expect(villagesForHouseholds(100_000)).toBe(333);
    expect(villagesForHouseholds(20_000_000)).toBe(66_667); // the largest township: within the 100,000 villages allowed
  });

  it('villages of 200 to 450 households from 450 households up (smaller townships are one village)', () => {
    for (let households = 450; households <= 200_000; households += 997) {
      const size = households / villagesForHouseholds(households);
      expect(size).toBeGreaterThanOrEqual(200);
      expect(size).toBeLessThanOrEqual(450);
    }
  });
});

describe('scenarioOverrides', () => {
  it('--households adds the villages after the households; --set township.villages wins; no flag adds nothing', () => {
    expect(scenarioOverrides({ households: '200' })).toEqual(['township.households=200', 'township.villages=1']);
    expect(scenarioOverrides({ households: '9000', months: '12' })).toEqual(['township.households=9000', 'township.villages=30', 'simulation.months=12']);
    expect(scenarioOverrides({ households: '200', set: ['township.villages=4'] })).toEqual(['township.villages=4', 'township.households=200']);
    expect(scenarioOverrides({ households: '200', set: [' township.villages = 4'] })).toEqual([' township.villages = 4', 'township.households=200']);
    expect(scenarioOverrides({ set: ['township.households=200'] })).toEqual(['township.households=200']);
    expect(scenarioOverrides({ months: '6' })).toEqual(['simulation.months=6']);
  });
});

function runSummary(args: string[]): RunSummary {
  const result = povsim(['run', ...args, '--months', '24', '--no-charts', '--json', '--out', tempDir('povsim-households-')]);
  if (result.code !== 0) throw new Error(`povsim run exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as RunSummary;
}

it('the run says "1 village", not "1 villages"', () => {
  const result = povsim(['run', '--households', '200', '--months', '2', '--no-charts', '--out', tempDir('povsim-households-')]);
  expect(result.stdout.split('\n')[0]).toBe('baseline: 200 households, 1 village, 2 months, seed 42');
});

describe('povsim run --households 200 (built command line)', () => {
  it('is one village with a sensible exclusion error; 30 villages of 7 households (asked for) register almost nobody', () => {
    const scaled = runSummary(['--households', '200']);
    expect(scaled.households).toBe(200);
    expect(scaled.villages).toBe(1);
    expect(scaled.metrics.registeredShare).toBeGreaterThan(0.05);
    expect(scaled.metrics.exclusionError).toBeLessThan(0.9);
    // The old behaviour, now only when asked for: a 10% quota of 6 or 7 households rounds to none.
    const tiny = runSummary(['--households', '200', '--set', 'township.villages=30']);
    expect(tiny.villages).toBe(30);
    expect(tiny.metrics.exclusionError).toBeGreaterThan(0.95);
  });
});
