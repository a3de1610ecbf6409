/**
 * The explorer's worker replaces Math.exp and Math.log with stdlib's ports of fdlibm
 * (src/explore/engine-math.ts) so the page's numbers equal node's bit for bit. This checks that claim
 * against the node running the tests, on inputs across the ranges the model uses and beyond.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installNodeMath } from '../../src/explore/engine-math.js';

const shim = { ...Object.fromEntries(Object.getOwnPropertyNames(Math).map((k) => [k, (Math as unknown as Record<string, unknown>)[k]])) } as unknown as Math;
installNodeMath(shim);

describe('engine-math: node\'s exp and log in the browser', () => {
  it('exp equals node\'s Math.exp bit for bit', () => {
    fc.assert(fc.property(fc.double({ min: -800, max: 710, noNaN: true }), (x) => Object.is(shim.exp(x), Math.exp(x))), { numRuns: 200_000 });
    // x = 1, where node's V8 returns Math.E, one unit below fdlibm's value: random doubles never hit it.
    for (const x of [1, -1, 0, -0, 0.5, 2, 709, -708, -745]) expect(Object.is(shim.exp(x), Math.exp(x))).toBe(true);
  });
  it('exp equals node\'s Math.exp at every point of fastExp\'s table (e^(j/64), |j/64| <= 40), which it is built from', () => {
    const differing: number[] = [];
    for (let j = -40 * 64; j <= 40 * 64; j += 1) if (!Object.is(shim.exp(j / 64), Math.exp(j / 64))) differing.push(j / 64);
    expect(differing).toEqual([]);
  });
  it('log equals node\'s Math.log bit for bit', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true }), (x) => Object.is(shim.log(x), Math.log(x))), { numRuns: 200_000 });
    for (const x of [0, -1, Infinity, NaN, 1, Number.MIN_VALUE]) expect(Object.is(shim.log(x), Math.log(x))).toBe(true);
  });
  it('leaves the global Math of this process alone', () => {
    expect(Math.exp).not.toBe(shim.exp);
  });
});
