import { describe, expect, it } from 'vitest';
import { fastExp, fastExpTable } from '../../src/engine/fast-exp.js';
import { RandomStream, streamState } from '../../src/engine/rng.js';

/** The spacing of doubles at y > 0 (one unit in the last place of y). */
const ulpOf = (y: number): number => 2 ** (Math.floor(Math.log2(y)) - 52);

/** How many units in the last place of Math.exp(x) fastExp(x) is from it. */
const ulpsFromMathExp = (x: number): number => Math.abs(fastExp(x) - Math.exp(x)) / ulpOf(Math.exp(x));

describe('fastExp', () => {
  it('is within 2 units in the last place of Math.exp over the table range (1,000,000 seeded inputs), without bias', () => {
    const rng = new RandomStream(streamState(7, 'fast-exp'));
    let worst = 0;
    let signedSum = 0;
    const count = 1_000_000;
    for (let k = 0; k < count; k += 1) {
      // Half the inputs where the model's log earnings live (|x| < 4), half over the whole table range.
      const x = k % 2 === 0 ? 8 * rng.uniform() - 4 : 80 * rng.uniform() - 40;
      worst = Math.max(worst, ulpsFromMathExp(x));
      signedSum += (fastExp(x) - Math.exp(x)) / Math.exp(x);
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(worst).toBeGreaterThan(0); // it is an approximation: were it exact, this test would say nothing
    // Errors of either sign, cancelling on average: the mean signed error is far below one unit (2.2e-16).
    expect(Math.abs(signedSum / count)).toBeLessThan(1e-17);
  });

  it('is as close where the Taylor polynomial is furthest out: either side of half-way between two table points', () => {
    // x = (k + 1/2)/64 is a tie (rounded to even); just below and above it |r| is nearly 1/128.
    let worst = 0;
    for (let k = -2_559; k < 2_559; k += 1) {
      const middle = (k + 0.5) / 64;
      for (const x of [middle - 1e-12, middle - 1e-15, middle, middle + 1e-15, middle + 1e-12]) worst = Math.max(worst, ulpsFromMathExp(x));
    }
    // Two inputs a review found 5 units off with the earlier degree-5 polynomial and product form.
    for (const x of [-2.789087433347656, -33.30476353300901]) worst = Math.max(worst, ulpsFromMathExp(x));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('gives the table point exactly at whole multiples of 1/64, and 1 at 0', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    for (const x of [1 / 64, -1 / 64, 1, -1, 2.5, -39.984375, 39.984375]) expect(fastExp(x)).toBe(Math.exp(x));
  });

  it('is Math.exp itself from the limits (-40, 40) outwards, and for NaN and infinities', () => {
    for (const x of [-40, 40, -40.004, 40.004, -40.5, 41, -700, 709, 710, -746, Infinity, -Infinity]) expect(fastExp(x)).toBe(Math.exp(x));
    expect(fastExp(Number.NaN)).toBeNaN();
  });

  it('uses its table right up to the limits (it differs from Math.exp in the last bits there) and stays close', () => {
    const rng = new RandomStream(streamState(8, 'fast-exp'));
    for (const side of [-1, 1]) {
      let differing = 0;
      for (let k = 0; k < 1_000; k += 1) {
        const x = side * (39.9 + 0.0999999 * rng.uniform());
        if (fastExp(x) !== Math.exp(x)) differing += 1;
        expect(ulpsFromMathExp(x)).toBeLessThanOrEqual(2);
      }
      expect(differing).toBeGreaterThan(0);
    }
  });
});

describe('fastExpTable', () => {
  it("is fastExp's table, e^(k/64) for k = -2560 .. 2560, which fastExp returns exactly at those points", () => {
    const table = fastExpTable();
    expect(table.length).toBe(5121);
    for (let k = -2560; k <= 2560; k += 1) expect(table[k + 2560]).toBe(Math.exp(k / 64));
    // At x = k/64 the remainder r is 0, so fastExp returns the table's value unchanged: the table
    // is the one fastExp reads (k = 2560, x = 40, is outside fastExp's table range).
    for (let k = -2560; k < 2560; k += 1) expect(fastExp(k / 64)).toBe(table[k + 2560]);
  });

  it('is a copy: changing it changes nothing in fastExp', () => {
    const before = fastExp(0.5);
    fastExpTable().fill(0);
    expect(fastExp(0.5)).toBe(before);
  });
});
