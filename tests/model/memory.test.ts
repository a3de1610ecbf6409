import { describe, expect, it } from 'vitest';
import { typedArrayBytes } from '../../bench/typed-array-bytes.js';
import { isRankOrder } from '../../src/metrics/index.js';
import { createStreams } from '../../src/engine/rng.js';
import { identify } from '../../src/model/identification.js';
import { createModel, inThreadPasses } from '../../src/model/simulate.js';
import { params } from './helpers.js';

/** The bytes of the typed arrays a ready model of `households` households holds (villages of 300). */
function modelBytes(households: number, streams: 'township' | 'village' = 'township'): number {
  const model = createModel(
    params({ township: { households, villages: households / 300 }, simulation: { months: 12, streams } }),
    1,
  );
  try {
    return typedArrayBytes(model);
  } finally {
    model.close();
  }
}

/** The marginal bytes a household between 33,000 and 63,000 households (see below), built once per stream. */
const perHousehold = new Map<'township' | 'village', number>();
function bytesPerHousehold(streams: 'township' | 'village'): number {
  if (!perHousehold.has(streams)) perHousehold.set(streams, (modelBytes(63_000, streams) - modelBytes(33_000, streams)) / 30_000);
  return perHousehold.get(streams)!;
}

describe('memory a household costs', () => {
  // Issue 14 allows at most 200 bytes a household of peak memory; the process's allocator adds
  // about 10 to what the model's own typed arrays hold. The marginal cost of 30,000 more
  // households is what the model holds per household, whatever its fixed part: 33,000 and 63,000
  // households have the same number of Gini bins (32,768), which stop growing from 131,072 on.
  it('the model\'s typed arrays cost at most 180 bytes a household', () => {
    const township = bytesPerHousehold('township');
    expect(township).toBeGreaterThan(150); // the count reaches the columns at all
    expect(township).toBeLessThanOrEqual(180);
  });

  it('village streams cost no more a household', () => {
    expect(bytesPerHousehold('village') - bytesPerHousehold('township')).toBeLessThan(0.5);
  });

  it('the register adjustment, which writes its scores over the ranking\'s last order, voids it', () => {
    const p = params({ township: { households: 3_000, villages: 10 }, simulation: { months: 12 } });
    const model = createModel(p, 1);
    const t = model.township;
    const rank = t.scratch.rank;
    expect(isRankOrder(rank.order)).toBe(true); // hiring's ranking, the burn-in's last
    const streams = createStreams(2);
    identify(t, 11, streams.identification, inThreadPasses(t, streams, null));
    expect(isRankOrder(rank.order)).toBe(false);
    expect(new Set(rank.order).size).toBeLessThan(3_000); // scores now, not a permutation
    model.close();
  });
});
