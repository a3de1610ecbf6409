import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FGT_SUMS, fgt, fgtProfile, fgtProfileOfSums, fgtSums, headcount, povertyGap, povertySeverity } from '../../src/metrics/index.js';

const incomeArb = fc.double({ min: -5000, max: 20000, noNaN: true });
const householdsArb = fc.array(fc.tuple(incomeArb, fc.integer({ min: 0, max: 8 })), { maxLength: 60 });
const lineArb = fc.double({ min: 1, max: 15000, noNaN: true });

function split(households: ReadonlyArray<readonly [number, number]>): [number[], number[]] {
  return [households.map(([y]) => y), households.map(([, w]) => w)];
}

describe('fgt', () => {
  // incomes 1000, 3000, 5000 yuan; 2, 1, 1 persons; line 4000 yuan; total weight 4.
  // normalised gaps: (4000-1000)/4000 = 0.75, (4000-3000)/4000 = 0.25, 5000 not poor.
  const incomes = [1000, 3000, 5000];
  const weights = [2, 1, 1];

  it('gives exact hand-worked values for alpha 0, 1, 2', () => {
    expect(headcount(incomes, weights, 4000)).toBe(0.75); // (2 + 1) / 4
    expect(povertyGap(incomes, weights, 4000)).toBe(0.4375); // (2*0.75 + 0.25) / 4
    expect(povertySeverity(incomes, weights, 4000)).toBe(0.296875); // (2*0.5625 + 0.0625) / 4
    expect(fgt(incomes, weights, 4000, 1)).toBe(0.4375);
  });

  it('handles a non-integer alpha', () => {
    // one person at 3000, line 4000: gap 0.25, 0.25^0.5 = 0.5
    expect(fgt([3000], [1], 4000, 0.5)).toBe(0.5);
  });

  it('accepts typed arrays', () => {
    expect(povertyGap(new Float64Array(incomes), new Uint8Array(weights), 4000)).toBe(0.4375);
    expect(povertyGap(new Float32Array(incomes), new Float64Array(weights), 4000)).toBe(0.4375);
  });

  it('counts strictly below the line as poor', () => {
    expect(headcount([4000, 3999], [1, 1], 4000)).toBe(0.5);
  });

  it('clamps the gap of incomes <= 0 to 1', () => {
    // incomes -1000, 0, 2000 (one person each), line 4000: gaps 1 (clamped, not 1.25), 1, 0.5
    expect(headcount([-1000, 0, 2000], [1, 1, 1], 4000)).toBe(1);
    expect(povertyGap([-1000, 0, 2000], [1, 1, 1], 4000)).toBe(2.5 / 3); // (1 + 1 + 0.5) / 3
    expect(povertySeverity([-1000, 0, 2000], [1, 1, 1], 4000)).toBe(2.25 / 3); // (1 + 1 + 0.25) / 3
    expect(povertyGap([-Infinity], [1], 4000)).toBe(1);
  });

  it('ignores households with weight 0', () => {
    // only the 5000-yuan household has persons
    expect(headcount([1000, 5000], [0, 3], 4000)).toBe(0);
  });

  it('is null when the total weight is 0', () => {
    expect(fgt([], [], 4000, 0)).toBeNull();
    expect(fgt([1000, 2000], [0, 0], 4000, 1)).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => fgt([1000, 2000], [1], 4000, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [-1], 4000, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [Number.NaN], 4000, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [Infinity], 4000, 0)).toThrow(RangeError);
    expect(() => fgt([Number.NaN], [1], 4000, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [1], 0, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [1], -4000, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [1], Infinity, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [1], Number.NaN, 0)).toThrow(RangeError);
    expect(() => fgt([1000], [1], 4000, -1)).toThrow(RangeError);
    expect(() => fgt([1000], [1], 4000, Number.NaN)).toThrow(RangeError);
    expect(() => fgt([1000], [1], 4000, Infinity)).toThrow(RangeError);
  });

  it('property: headcount is in [0, 1] and P2 <= P1 <= P0', () => {
    fc.assert(
      fc.property(householdsArb, lineArb, (households, line) => {
        const [y, w] = split(households);
        const p0 = headcount(y, w, line);
        const p1 = povertyGap(y, w, line);
        const p2 = povertySeverity(y, w, line);
        if (w.every((x) => x === 0)) return p0 === null && p1 === null && p2 === null;
        return p0 !== null && p1 !== null && p2 !== null && p0 >= 0 && p0 <= 1 && p2 <= p1 && p1 <= p0 && p2 >= 0;
      }),
    );
  });

  it('property: integer weights equal repeating each household (decomposability)', () => {
    fc.assert(
      fc.property(householdsArb, lineArb, fc.double({ min: 0, max: 4, noNaN: true }), (households, line, alpha) => {
        const [y, w] = split(households);
        const expanded = households.flatMap(([income, persons]) => Array<number>(persons).fill(income));
        const ones = expanded.map(() => 1);
        const a = fgt(y, w, line, alpha);
        const b = fgt(expanded, ones, line, alpha);
        if (a === null || b === null) return a === b;
        return Math.abs(a - b) <= 1e-12;
      }),
    );
  });

  it('property: scaling incomes and line together leaves P_alpha unchanged', () => {
    fc.assert(
      fc.property(householdsArb, lineArb, fc.integer({ min: 2, max: 1000 }), (households, line, k) => {
        const [y, w] = split(households);
        const a = povertyGap(y, w, line);
        const b = povertyGap(
          y.map((v) => v * k),
          w,
          line * k,
        );
        if (a === null || b === null) return a === b;
        return Math.abs(a - b) <= 1e-12;
      }),
    );
  });
});

describe('fgtProfile', () => {
  it('gives the three hand-worked values of the fgt example in one pass', () => {
    // gaps 0.75 (2 persons), 0.25 (1 person), 5000 not poor; 4 persons:
    // P0 = 3/4, P1 = (2*0.75 + 0.25)/4 = 0.4375, P2 = (2*0.5625 + 0.0625)/4 = 0.296875
    expect(fgtProfile([1000, 3000, 5000], [2, 1, 1], 4000)).toEqual({
      headcount: 0.75,
      povertyGap: 0.4375,
      povertySeverity: 0.296875,
    });
  });

  it('is all null when the total weight is 0, and throws like fgt', () => {
    expect(fgtProfile([], [], 4000)).toEqual({ headcount: null, povertyGap: null, povertySeverity: null });
    expect(() => fgtProfile([1000, 2000], [1], 4000)).toThrow(RangeError);
    expect(() => fgtProfile([1000], [-1], 4000)).toThrow(RangeError);
    expect(() => fgtProfile([Number.NaN], [1], 4000)).toThrow(RangeError);
    expect(() => fgtProfile([1000], [1], 0)).toThrow(RangeError);
  });

  it('property: equals fgt with alpha 0, 1 and 2 to the last bit (non-integer weights too)', () => {
    const weightArb = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 10_000 }).map((x) => x / 997));
    fc.assert(
      fc.property(fc.array(fc.tuple(incomeArb, weightArb), { maxLength: 80 }), lineArb, (households, line) => {
        const [y, w] = split(households);
        const profile = fgtProfile(y, w, line);
        expect(profile.headcount).toBe(fgt(y, w, line, 0));
        expect(profile.povertyGap).toBe(fgt(y, w, line, 1));
        expect(profile.povertySeverity).toBe(fgt(y, w, line, 2));
      }),
    );
  });
});

describe('fgtSums and fgtProfileOfSums (the range pieces of fgtProfile)', () => {
  it('give the hand-worked sums and the measures from them', () => {
    // gaps 0.75 (2 persons), 0.25 (1 person), 5000 not poor; 4 persons:
    // sum w = 4, over the poor: sum w = 3, sum w * gap = 2*0.75 + 0.25 = 1.75, sum w * gap^2 = 2*0.5625 + 0.0625 = 1.1875
    const out = new Float64Array(1 + FGT_SUMS).fill(-1);
    fgtSums([1000, 3000, 5000], [2, 1, 1], 4000, 0, 3, out, 1);
    expect(Array.from(out)).toEqual([-1, 4, 3, 1.75, 1.1875]);
    expect(fgtProfileOfSums(out, 1)).toEqual({ headcount: 0.75, povertyGap: 0.4375, povertySeverity: 0.296875 });
    // Only [1, 3): 3000 (gap 0.25, 1 person) and 5000; 2 persons.
    fgtSums([1000, 3000, 5000], [2, 1, 1], 4000, 1, 3, out, 0);
    expect(Array.from(out.subarray(0, 4))).toEqual([2, 1, 0.25, 0.0625]);
  });

  it('are null measures for no weight, and reject what fgtProfile rejects and ranges outside the arrays', () => {
    const out = new Float64Array(FGT_SUMS);
    fgtSums([1000], [1], 4000, 1, 1, out, 0);
    expect(fgtProfileOfSums(out, 0)).toEqual({ headcount: null, povertyGap: null, povertySeverity: null });
    expect(() => fgtSums([Number.NaN], [1], 4000, 0, 1, out, 0)).toThrow('incomes[0] is NaN');
    expect(() => fgtSums([1000], [-1], 4000, 0, 1, out, 0)).toThrow(RangeError);
    expect(() => fgtSums([1000], [1], 0, 0, 1, out, 0)).toThrow(RangeError);
    expect(() => fgtSums([1000], [1], 4000, 0, 2, out, 0)).toThrow(RangeError);
    expect(() => fgtSums([1000], [1], 4000, 1, 0, out, 0)).toThrow(RangeError);
  });

  it('property: ranges summed apart and added give the same headcount (whole weights) and P1, P2 to rounding', () => {
    fc.assert(
      fc.property(householdsArb, lineArb, fc.nat(), (households, line, cut) => {
        const [y, w] = split(households);
        const a = y.length === 0 ? 0 : cut % (y.length + 1);
        const parts = new Float64Array(2 * FGT_SUMS);
        fgtSums(y, w, line, 0, a, parts, 0);
        fgtSums(y, w, line, a, y.length, parts, FGT_SUMS);
        const added = parts.subarray(0, FGT_SUMS).map((x, k) => x + parts[FGT_SUMS + k]!);
        const whole = fgtProfile(y, w, line);
        const fromParts = fgtProfileOfSums(added, 0);
        expect(fromParts.headcount).toBe(whole.headcount);
        if (whole.povertyGap === null) {
          expect(fromParts.povertyGap).toBeNull();
        } else {
          expect(fromParts.povertyGap).toBeCloseTo(whole.povertyGap, 12);
          expect(fromParts.povertySeverity).toBeCloseTo(whole.povertySeverity!, 12);
        }
      }),
    );
  });
});
