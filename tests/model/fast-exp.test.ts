import { describe, expect, it } from 'vitest';
import { fastExp } from '../../src/engine/fast-exp.js';
import { RandomStream, streamState } from '../../src/engine/rng.js';

/** |a - b| / |b|. */
const relativeError = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** 2^-52, the spacing of doubles in [1, 2). */
const ULP_OF_ONE = 2 ** -52;

describe('fastExp', () => {
  it('is within 4 units in the last place of Math.exp over the table range (1,000,000 seeded inputs)', () => {
    const rng = new RandomStream(streamState(7, 'fast-exp'));
    let worst = 0;
    for (let k = 0; k < 1_000_000; k += 1) {
      // Half the inputs where the model's incomes live (|x| < 4), half over the whole table range.
      const x = k % 2 === 0 ? 8 * rng.uniform() - 4 : 80 * rng.uniform() - 40;
      worst = Math.max(worst, relativeError(fastExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThan(4 * ULP_OF_ONE);
    expect(worst).toBeGreaterThan(0); // it is an approximation: were it exact, this test would say nothing
  });

  it('is as close where the Taylor tail is longest: half-way between two table points, either side', () => {
    // x = k/64 + 1/128 is a tie, rounded to even; just below and above it r is near -1/128 or 1/128.
    let worst = 0;
    for (let k = -2_559; k < 2_559; k += 1) {
      const middle = (k + 0.5) / 64;
      for (const x of [middle - 1e-12, middle, middle + 1e-12]) worst = Math.max(worst, relativeError(fastExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThan(4 * ULP_OF_ONE);
  });

  it('gives the table point exactly at whole multiples of 1/64, and 1 at 0', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    for (const x of [1 / 64, -1 / 64, 1, -1, 2.5, -39.984375, 39.984375]) expect(fastExp(x)).toBe(Math.exp(x));
  });

  it('is Math.exp itself outside (-40, 40) and for NaN and infinities', () => {
    for (const x of [-40, 40, -40.5, 41, -700, 709, 710, -746, Infinity, -Infinity]) expect(fastExp(x)).toBe(Math.exp(x));
    expect(fastExp(Number.NaN)).toBeNaN();
  });

  it('just inside the limits uses the table and stays close', () => {
    for (const x of [-39.999999, 39.999999, -39.9921875, 39.9921875]) {
      expect(relativeError(fastExp(x), Math.exp(x))).toBeLessThan(4 * ULP_OF_ONE);
    }
  });
});
