import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASCENDING, DESCENDING, moveFirstToFront } from '../../src/model/identification.js';

/** The comparator sorts moveFirstToFront replaced (declarePressuredExits, lowestScores, nominees). */
function sortedHead(list: number[], count: number, score: Float64Array, direction: number): number[] {
  const byScore =
    direction === ASCENDING
      ? (a: number, b: number) => score[a]! - score[b]! || a - b
      : (a: number, b: number) => score[b]! - score[a]! || a - b;
  return [...list].sort(byScore).slice(0, count);
}

describe('moveFirstToFront', () => {
  it('takes the highest scores first under DESCENDING, ties to the lower household', () => {
    const score = Float64Array.of(0, 5, 7, 5, 9);
    const list = [4, 1, 2, 3];
    moveFirstToFront(list, 2, score, DESCENDING);
    expect(list.slice(0, 2)).toEqual([4, 2]);
    moveFirstToFront(list, 4, score, DESCENDING);
    expect(list).toEqual([4, 2, 1, 3]);
  });

  it('property: the head of the comparator sort, both directions, by selection and beyond it by sorting (ties, -0, infinities)', () => {
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), fc.nat(85), fc.boolean(), fc.nat(12), (values, count, descending, shift) => {
        const score = Float64Array.from(values);
        // Households in a scrambled order, as a list is after an earlier selection.
        const list = values.map((_, i) => i).sort((a, b) => ((a * 7 + shift) % 13) - ((b * 7 + shift) % 13) || a - b);
        const direction = descending ? DESCENDING : ASCENDING;
        const expected = sortedHead(list, count, score, direction);
        moveFirstToFront(list, count, score, direction);
        expect(list.slice(0, count)).toEqual(expected);
        expect([...list].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
      }),
      { numRuns: 1000 },
    );
  });
});
