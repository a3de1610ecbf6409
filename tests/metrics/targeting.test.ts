import { describe, expect, it } from 'vitest';
import {
  costPerExit,
  diversion,
  eliteCapture,
  exclusionError,
  inclusionErrorNonPoor,
  inclusionErrorRegistered,
  leakage,
} from '../../src/metrics/index.js';

/** The five part-of-whole shares share one contract; test it for each. */
const shares = [
  ['inclusionErrorRegistered', inclusionErrorRegistered],
  ['exclusionError', exclusionError],
  ['inclusionErrorNonPoor', inclusionErrorNonPoor],
  ['leakage', leakage],
  ['diversion', diversion],
] as const;

describe('targeting shares', () => {
  it('give exact hand-worked values', () => {
    expect(inclusionErrorRegistered(30, 120)).toBe(0.25); // 30 of 120 registered are non-poor
    expect(exclusionError(10, 40)).toBe(0.25); // 10 of 40 poor are not registered
    expect(inclusionErrorNonPoor(30, 600)).toBe(0.05); // 30 of 600 non-poor registered
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

describe('the two inclusion errors', () => {
  it('divide the same registered non-poor by different populations', () => {
    // 1,000 households, 200 poor, 150 registered of which 60 non-poor: 60/150 of the register,
    // 60/800 of the non-poor. The first does not move when the register grows by poor households
    // only; the second does not move when more poor households are registered either.
    expect(inclusionErrorRegistered(60, 150)).toBe(0.4);
    expect(inclusionErrorNonPoor(60, 800)).toBe(0.075);
    expect(inclusionErrorRegistered(60, 200)).toBe(0.3); // 50 more poor registered: share of the register falls
    expect(inclusionErrorNonPoor(60, 800)).toBe(0.075); // ... the non-poor's chance of being listed does not
  });
});

describe('eliteCapture', () => {
  it('gives exact hand-worked values', () => {
    expect(eliteCapture(600, 200)).toBe(1.5); // 600 / (600 - 200)
    expect(eliteCapture(600, 0)).toBe(1); // nothing by favour: no capture
    expect(eliteCapture(1000, 750)).toBe(4); // 1000 / 250
  });

  it('is null when the tied households received nothing, or nothing but favours', () => {
    expect(eliteCapture(0, 0)).toBeNull();
    expect(eliteCapture(500, 500)).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => eliteCapture(100, 200)).toThrow(RangeError);
    expect(() => eliteCapture(-1, 0)).toThrow(RangeError);
    expect(() => eliteCapture(100, Number.NaN)).toThrow(RangeError);
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
