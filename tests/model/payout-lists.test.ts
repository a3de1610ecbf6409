/**
 * The payout lists countPayouts writes at the start of the month's assistance (assistance.ts): each
 * village's payout list (registered, or listed by the cadres) and, within it, the registered
 * households with a medical bill or an unsafe house, which the medical subsidies and renovation visit
 * instead of the whole list. Both in index order, village by village, whatever the village ranges.
 */
import { describe, expect, it } from 'vitest';
import { countPayouts } from '../../src/model/assistance.js';
import { createModel } from '../../src/model/simulate.js';
import type { Township } from '../../src/model/township.js';
import { params } from './helpers.js';

/** A township of 7 uneven villages after five months (illness bills, register and unsafe houses in play). */
function township(): Township {
  const model = createModel(params({ township: { households: 703, villages: 7 }, simulation: { months: 5 } }), 3);
  for (let month = 0; month < 5; month += 1) model.step(month);
  model.close();
  return model.township;
}

/** Village v's households that satisfy `keep`, in index order (what a scan of the village gives). */
function scan(t: Township, v: number, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = t.villages.start[v]!; i < t.villages.start[v + 1]!; i += 1) if (keep(i)) out.push(i);
  return out;
}

describe('countPayouts', () => {
  const t = township();
  const h = t.households;
  const p = t.payouts;
  const n = t.villages.count;
  const segment = (list: Uint32Array, end: Uint32Array, v: number): number[] => Array.from(list.subarray(t.villages.start[v]!, end[v]!));

  it('lists each village\'s payout list, and its registered households with a bill or an unsafe house, in index order', () => {
    countPayouts(t, 0, n);
    let needing = 0;
    let listed = 0;
    for (let v = 0; v < n; v += 1) {
      const onList = scan(t, v, (i) => h.registered[i] === 1 || h.payoutListed[i] === 1);
      const withNeed = scan(t, v, (i) => h.registered[i] === 1 && (h.medicalBill[i]! > 0 || h.unsafeHousing[i] === 1));
      expect(segment(p.listed, p.listEnd, v)).toEqual(onList);
      expect(segment(p.needing, p.needingEnd, v)).toEqual(withNeed);
      needing += withNeed.length;
      listed += onList.length;
    }
    // Not vacuous: some households need help, and fewer than are on the lists.
    expect(needing).toBeGreaterThan(0);
    expect(needing).toBeLessThan(listed);
  });

  it('writes the same lists over any split of the villages into ranges', () => {
    countPayouts(t, 0, n);
    const whole = { listed: p.listed.slice(), needing: p.needing.slice(), listEnd: p.listEnd.slice(), needingEnd: p.needingEnd.slice() };
    for (let cut = 0; cut <= n; cut += 1) {
      p.listed.fill(0);
      p.needing.fill(0);
      countPayouts(t, cut, n);
      countPayouts(t, 0, cut);
      for (let v = 0; v < n; v += 1) {
        expect(segment(p.listed, p.listEnd, v)).toEqual(Array.from(whole.listed.subarray(t.villages.start[v]!, whole.listEnd[v]!)));
        expect(segment(p.needing, p.needingEnd, v)).toEqual(Array.from(whole.needing.subarray(t.villages.start[v]!, whole.needingEnd[v]!)));
      }
    }
  });
});
