import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chanceToQualify } from '../../src/model/identification.js';

// Phi(z), the standard normal CDF, at z = gap / noise. Reference values: Phi(-1) = 1 - P(1) from
// Abramowitz and Stegun (1964), table 26.1; 1.959963984540054 is the 0.975 quantile, to double
// precision; Phi(-10) = Q(10) = 7.6198530241605261e-24 (A&S 26.2.12's asymptotic series for Q,
// summed in double precision, gives 7.619853024160524e-24).
describe('chanceToQualify (Phi of the log-income gap over selfAssessmentNoise)', () => {
  it('is one half at the threshold, and Phi at known points', () => {
    expect(chanceToQualify(0, 0.5)).toBe(0.5);
    expect(chanceToQualify(-1, 1)).toBeCloseTo(0.158655253931457051, 15);
    expect(chanceToQualify(1.959963984540054 * 0.5, 0.5)).toBeCloseTo(0.975, 15);
    // the gap in log income is divided by the noise: a gap of 0.5 at noise 0.5 is one SD
    expect(chanceToQualify(0.5, 0.5)).toBe(chanceToQualify(1, 1));
  });

  it('keeps its relative accuracy deep in the lower tail (1 + erf(z / sqrt 2) would give 0 there)', () => {
    const value = chanceToQualify(-5, 0.5);
    expect(Math.abs(value - 7.619853024160526e-24) / 7.619853024160526e-24).toBeLessThan(1e-13);
  });

  it('property: a probability, rising with the gap, and Phi(z) + Phi(-z) = 1', () => {
    const gap = fc.double({ min: -20, max: 20, noNaN: true });
    const noise = fc.double({ min: 0.01, max: 5, noNaN: true });
    fc.assert(
      fc.property(gap, gap, noise, (a, b, s) => {
        const low = chanceToQualify(Math.min(a, b), s);
        const high = chanceToQualify(Math.max(a, b), s);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(high);
        expect(Math.abs(chanceToQualify(a, s) + chanceToQualify(-a, s) - 1)).toBeLessThan(4e-16);
      }),
    );
  });
});
