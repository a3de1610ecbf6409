/**
 * The observation's household passes village by village (sumObservations, issue 14): village ranges
 * can be summed apart (on threads) and give the same bytes, and observe from sums summed apart, and
 * from the Gini's bins filled part by part in any order, is observe. The metrics from the villages' sums agree with the whole-array metric functions.
 */
import { describe, expect, it } from 'vitest';
import { fgtProfile, gini, giniBinned, giniBins } from '../../src/metrics/index.js';
import { binIncomes, giniVillageRanges, observe, sumObservations, type ObservationPasses } from '../../src/model/observe.js';
import { createModel } from '../../src/model/simulate.js';
import { OBSERVATION_SUMS, type Township } from '../../src/model/township.js';
import { params } from './helpers.js';

/**
 * A township of 7 uneven villages after three months (incomes, aid and register all moving); with
 * village streams (the default here) the Gini bins two ranges of villages apart.
 */
function township(streams: 'village' | 'township' = 'village'): Township {
  const model = createModel(params({ township: { households: 703, villages: 7 }, simulation: { months: 3, streams } }), 4);
  for (let month = 0; month < 3; month += 1) model.step(month);
  model.close();
  return model.township;
}

const bytes = (x: Float64Array): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

describe('sumObservations', () => {
  const t = township();
  const n = t.villages.count;
  const sums = t.villages.observationSums;
  sumObservations(t, 0, n);
  const whole = sums.slice();

  it('fills OBSERVATION_SUMS numbers for every village', () => {
    expect(sums.length).toBe(OBSERVATION_SUMS * n);
    expect(whole.every(Number.isFinite)).toBe(true);
  });

  it('gives the same bytes over any split of the villages into ranges, summed in any order', () => {
    for (let a = 0; a <= n; a += 1) {
      for (let b = a; b <= n; b += 1) {
        sums.fill(Number.NaN);
        sumObservations(t, b, n);
        sumObservations(t, 0, a);
        sumObservations(t, a, b);
        expect(bytes(sums).equals(bytes(whole)), `[0, ${a}) [${a}, ${b}) [${b}, ${n})`).toBe(true);
      }
    }
  });

  it('rejects villages outside the township and names a household with a NaN income', () => {
    expect(() => sumObservations(t, 0, n + 1)).toThrow(RangeError);
    expect(() => sumObservations(t, 2, 1)).toThrow(RangeError);
    const first = t.villages.start[3]!;
    const income = t.households.income[first + 1]!;
    t.households.income[first + 1] = Number.NaN;
    try {
      expect(() => sumObservations(t, 3, 4)).toThrow(`incomes[${first + 1}] is NaN`);
      expect(() => observe(t)).toThrow(RangeError);
    } finally {
      t.households.income[first + 1] = income;
    }
  });
});

describe('observe from the villages\' sums', () => {
  const t = township();
  const n = t.villages.count;

  it('is the same with the sums and the Gini\'s bins made in another order (as threads may) as making them itself', () => {
    const itself = JSON.stringify(observe(t));
    const parts = giniVillageRanges(t);
    expect(parts).toHaveLength(2);
    const otherOrder: ObservationPasses = {
      sumObservations: () => {
        t.villages.observationSums.fill(Number.NaN);
        sumObservations(t, 4, n);
        sumObservations(t, 0, 4);
      },
      binIncomes: (layout) => {
        t.scratch.giniBins.fill(Number.NaN);
        for (let part = parts.length - 1; part >= 0; part -= 1) binIncomes(t, part, layout, t.scratch.giniBins);
      },
    };
    expect(JSON.stringify(observe(t, otherOrder))).toBe(itself);
  });

  it('bins the incomes in two ranges of villages of about half the households each with village streams, in one with the township stream', () => {
    expect(giniVillageRanges(township('township'))).toEqual([[0, n]]);
    const [first, second] = giniVillageRanges(t);
    expect(first![0]).toBe(0);
    expect(second).toEqual([first![1], n]);
    const households = t.villages.start[n]!;
    const middle = t.villages.start[first![1]]!;
    // The first village whose start reaches half the households begins the second range.
    expect(middle).toBeGreaterThanOrEqual(households / 2);
    expect(t.villages.start[first![1] - 1]!).toBeLessThan(households / 2);
  });

  it('agrees with the whole-array metric functions: headcount exactly, the rest to rounding', () => {
    const h = t.households;
    const m = observe(t);
    const whole = fgtProfile(h.income, h.size, t.params.township.povertyLine);
    expect(m.headcount).toBe(whole.headcount);
    expect(m.povertyGap).toBeCloseTo(whole.povertyGap!, 13);
    expect(m.povertySeverity).toBeCloseTo(whole.povertySeverity!, 13);
    const binned = giniBinned(h.income, h.size, giniBins(h.count));
    expect(m.gini).toBeCloseTo(binned!, 13);
    // And the binned Gini is the Gini (the bound of tests/metrics/gini-binned.test.ts).
    expect(m.gini).toBeCloseTo(gini(h.income, h.size)!, 5);
  });
});
