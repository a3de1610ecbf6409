import { describe, expect, it } from 'vitest';
import {
  costPerExit,
  diversion,
  eliteCapture,
  exclusionError,
  inclusionError,
  leakage,
  nonPoorCoverage,
} from '../../src/metrics/index.js';

/** The five part-of-whole shares share one contract; test it for each. */
const shares = [
  ['inclusionError', inclusionError],
  ['exclusionError', exclusionError],
  ['nonPoorCoverage', nonPoorCoverage],
  ['leakage', leakage],
  ['diversion', diversion],
] as const;

describe('targeting shares', () => {
  it('give exact hand-worked values', () => {
    expect(inclusionError(30, 120)).toBe(0.25); // 30 of 120 registered are non-poor
    expect(exclusionError(10, 40)).toBe(0.25); // 10 of 40 poor are not registered
    expect(nonPoorCoverage(30, 600)).toBe(0.05); // 30 of 600 non-poor registered
    expect(leakage(500, 2000)).toBe(0.25); // 500 of 2000 yuan to the non-poor
    expect(diversion(150, 1000)).toBe(0.15); // 150 of 1000 yuan diverted
  });

  for (const [name, share] of shares) {
    describe(name, () => {
      it('is 0, 1 and null at the edges', () => {
        expect(share(0, 7)).toBe(0);
        expect(share(7, 7)).toBe(1);
        expect(share(0, 0)).toBeNull();
      });

      it('tolerates a part above its whole by rounding only, clamping to 1', () => {
        // money totals summed separately may differ in the last bits
        expect(share(0.1 + 0.2, 0.3)).toBe(1); // 0.30000000000000004 vs 0.3
        expect(() => share(1000.01, 1000)).toThrow(RangeError);
        expect(() => share(1, 0)).toThrow(RangeError);
      });

      it('throws RangeError on negative or non-finite input', () => {
        expect(() => share(-1, 5)).toThrow(RangeError);
        expect(() => share(1, -5)).toThrow(RangeError);
        expect(() => share(Number.NaN, 5)).toThrow(RangeError);
        expect(() => share(1, Number.NaN)).toThrow(RangeError);
        expect(() => share(1, Infinity)).toThrow(RangeError);
      });
    });
  }
});

describe('eliteCapture', () => {
  it('gives exact hand-worked values', () => {
    // connected: 125 of 1000 households (0.125) get 500 of 1000 yuan (0.5): 0.5 / 0.125 = 4
    expect(eliteCapture(500, 1000, 125, 1000)).toBe(4);
    // 0.3 / 0.1 is 2.9999999999999996 in floating point, hence toBeCloseTo
    expect(eliteCapture(300, 1000, 50, 500)).toBeCloseTo(3, 14);
    // connected: 1 of 4 households get 1 of 4 yuan: neutral
    expect(eliteCapture(1, 4, 1, 4)).toBe(1);
    // connected: half the households, all of the benefit: 1 / 0.5 = 2
    expect(eliteCapture(800, 800, 2, 4)).toBe(2);
    // connected get nothing
    expect(eliteCapture(0, 800, 2, 4)).toBe(0);
  });

  it('is null when benefitTotal, connectedCount or householdCount is 0', () => {
    expect(eliteCapture(0, 0, 2, 4)).toBeNull();
    expect(eliteCapture(0, 800, 0, 4)).toBeNull();
    expect(eliteCapture(0, 800, 0, 0)).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => eliteCapture(900, 800, 2, 4)).toThrow(RangeError); // part > whole
    expect(() => eliteCapture(100, 800, 5, 4)).toThrow(RangeError); // part > whole
    expect(() => eliteCapture(-1, 800, 2, 4)).toThrow(RangeError);
    expect(() => eliteCapture(100, 800, 2, Number.NaN)).toThrow(RangeError);
  });
});

describe('costPerExit', () => {
  it('gives yuan per exit', () => {
    expect(costPerExit(90000, 12)).toBe(7500); // 90000 / 12
    expect(costPerExit(0, 3)).toBe(0);
  });

  it('is null with no exits', () => {
    expect(costPerExit(90000, 0)).toBeNull();
  });

  it('throws RangeError on negative or non-finite input', () => {
    expect(() => costPerExit(-1, 3)).toThrow(RangeError);
    expect(() => costPerExit(100, -3)).toThrow(RangeError);
    expect(() => costPerExit(Infinity, 3)).toThrow(RangeError);
    expect(() => costPerExit(100, Number.NaN)).toThrow(RangeError);
  });
});
