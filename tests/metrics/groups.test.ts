import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cghByGroups, groupShares, personDeciles, rankOrder } from '../../src/metrics/index.js';

describe('personDeciles', () => {
  it('puts each household in the tenth of persons that holds its middle person (worked by hand)', () => {
    // Ranked as given, sizes 1, 1, 2 (4 persons): middles at 0.5, 1.5 and 3 persons,
    // so tenths floor(10 * 0.5 / 4) = 1, floor(10 * 1.5 / 4) = 3, floor(10 * 3 / 4) = 7.
    const out = new Uint8Array(3);
    expect(personDeciles([0, 1, 2], [1, 1, 2], out)).toEqual([0, 1, 0, 1, 0, 0, 0, 2, 0, 0]);
    expect(Array.from(out)).toEqual([1, 3, 7]);
  });

  it('follows the order, not the index', () => {
    // The same households ranked 2, 0, 1: household 2 (2 persons) first, middle at 1 of 4 -> tenth 2;
    // household 0 middle at 2.5 -> 6; household 1 middle at 3.5 -> 8.
    const out = new Uint8Array(3);
    expect(personDeciles([2, 0, 1], [1, 1, 2], out)).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 1, 0]);
    expect(Array.from(out)).toEqual([6, 8, 2]);
  });

  it('gives ten equal tenths when every household has one person and n is a multiple of 10', () => {
    const n = 50;
    const out = new Uint8Array(n);
    const counts = personDeciles(Array.from({ length: n }, (_, i) => i), new Array<number>(n).fill(1), out);
    expect(counts).toEqual(new Array<number>(10).fill(5));
    expect(Array.from(out)).toEqual(Array.from({ length: n }, (_, i) => Math.floor(i / 5)));
  });

  it('property: tenths hold all persons, rise with rank, and differ from a tenth by less than a household', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 9 })), { minLength: 20, maxLength: 400 }), (rows) => {
        const income = rows.map((r) => r[0]);
        const size = rows.map((r) => r[1]);
        const order = rankOrder(income);
        const out = new Uint8Array(rows.length);
        const counts = personDeciles(order, size, out);
        const persons = size.reduce((a, b) => a + b, 0);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(persons);
        for (let k = 1; k < order.length; k += 1) expect(out[order[k]!]!).toBeGreaterThanOrEqual(out[order[k - 1]!]!);
        // Cumulative persons up to each tenth's end are within one household (9 persons) of g/10.
        let cumulative = 0;
        counts.forEach((c, g) => {
          cumulative += c;
          expect(Math.abs(cumulative - ((g + 1) * persons) / 10)).toBeLessThanOrEqual(9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('throws RangeError on malformed input', () => {
    expect(() => personDeciles([0, 0], [1, 1], new Uint8Array(2))).toThrow(RangeError); // not a permutation
    expect(() => personDeciles([0, 1], [1, 0], new Uint8Array(2))).toThrow(RangeError); // size 0
    expect(() => personDeciles([0, 1], [1, 1.5], new Uint8Array(2))).toThrow(RangeError);
    expect(() => personDeciles([0, 1], [1, 1], new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('groupShares', () => {
  it('divides by the total', () => {
    expect(groupShares([3, 1, 0, 0])).toEqual([0.75, 0.25, 0, 0]);
  });

  it('is null with no benefit and throws on a negative one', () => {
    expect(groupShares([0, 0])).toBeNull();
    expect(() => groupShares([1, -1])).toThrow(RangeError);
  });
});

describe('cghByGroups', () => {
  const even = new Array<number>(10).fill(100);

  it('gives exact hand-worked values', () => {
    // The poorest four of ten equal tenths get 50 of 100 yuan: 0.5 / 0.4.
    expect(cghByGroups([20, 15, 10, 5, 10, 10, 10, 10, 5, 5], even, 4)).toBe(1.25);
    // The poorest two get 50 of 100: 0.5 / 0.2.
    expect(cghByGroups([30, 20, 10, 10, 10, 10, 5, 5, 0, 0], even, 2)).toBe(2.5);
    // A uniform per-person transfer is neutral.
    expect(cghByGroups(even, even, 4)).toBe(1);
  });

  it('divides by the groups\' actual share of persons, not by a nominal 0.4', () => {
    // Tenths of 90 and 110 persons alternately: the poorest four hold 400 of 1,000 persons, the
    // poorest two 200; with benefit proportional to persons the indicator is exactly 1.
    const persons = [90, 110, 90, 110, 90, 110, 90, 110, 90, 110];
    expect(cghByGroups(persons, persons, 4)).toBe(1);
    // The poorest tenth alone (90 of 1,000 persons) gets all 100 yuan: 1 / 0.09.
    expect(cghByGroups([100, 0, 0, 0, 0, 0, 0, 0, 0, 0], persons, 1)).toBeCloseTo(1 / 0.09, 12);
  });

  it('is null with no benefit or no person in the poorest groups', () => {
    expect(cghByGroups(new Array<number>(10).fill(0), even, 4)).toBeNull();
    expect(cghByGroups(even, [0, 0, 0, 0, 100, 100, 100, 100, 100, 100], 4)).toBeNull();
  });

  it('throws RangeError on malformed input', () => {
    expect(() => cghByGroups([1, 2], [1], 1)).toThrow(RangeError);
    expect(() => cghByGroups([1, 2], [1, 1], 0)).toThrow(RangeError);
    expect(() => cghByGroups([1, 2], [1, 1], 3)).toThrow(RangeError);
    expect(() => cghByGroups([1, -2], [1, 1], 1)).toThrow(RangeError);
  });
});
