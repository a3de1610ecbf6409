/**
 * simulation.streams 'village': each village's households draw from the village's own streams. The
 * results differ from the township stream's (other draws) but not in distribution: over 20 seeds the
 * headline metrics of the two lie in the same range. (That the threads do not change a village
 * run is tests/api/threads.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { RandomStream, streamState, villageStreamStates } from '../../src/engine/rng.js';
import { adjustVillages } from '../../src/model/identification.js';
import { createModel, simulateParams } from '../../src/model/simulate.js';
import { auditVillages } from '../../src/model/supervision.js';
import { migrateVillages } from '../../src/model/economy.js';
import { assessVillages, drawHiringVillages } from '../../src/model/partners.js';
import { mean, params } from './helpers.js';

const SMALL = { township: { households: 1500, villages: 6 }, simulation: { months: 24, streams: 'township' as const } };
const SEEDS = Array.from({ length: 20 }, (_, k) => k + 1);

function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, x) => sum + (x - m) ** 2, 0) / (values.length - 1));
}

describe('village streams', () => {
  it("a village's stream is the stream of its own name, and loadState / saveState continue it", () => {
    const states = villageStreamStates(3, 'economy', 4);
    expect(Array.from(states.subarray(8, 12))).toEqual(streamState(3, 'economy/village/2'));
    const direct = new RandomStream(streamState(3, 'economy/village/2'));
    const walker = new RandomStream([1, 0, 0, 0]);
    walker.loadState(states, 8);
    const first = [walker.uniform(), walker.normal()];
    walker.saveState(states, 8);
    walker.loadState(states, 0); // another village in between
    walker.uniform();
    walker.loadState(states, 8);
    expect([...first, walker.uniform()]).toEqual([direct.uniform(), direct.normal(), direct.uniform()]);
  });

  it("the register adjustment: each village's households draw ten values each from the village's own identification stream, whose state is kept for the next round", () => {
    const model = createModel(params({ ...SMALL, simulation: { months: 24, streams: 'village' } }), 5);
    const t = model.township;
    const count = t.villages.count;
    const states = villageStreamStates(5, 'identification', count);
    adjustVillages(t, 0, count, new RandomStream([1, 0, 0, 0]), states);
    for (let v = 0; v < count; v += 1) {
      // Village v's stream, drawn as scoreVillage draws: per household a uniform, three normals, six uniforms.
      const own = new RandomStream(streamState(5, `identification/village/${v}`));
      for (let i = t.villages.start[v]!; i < t.villages.start[v + 1]!; i += 1) {
        own.uniform();
        own.normal();
        own.normal();
        own.normal();
        for (let d = 0; d < 6; d += 1) own.uniform();
      }
      const expected = new Int32Array(4);
      own.saveState(expected, 0);
      expect(Array.from(states.subarray(4 * v, 4 * v + 4)), `village ${v}`).toEqual(Array.from(expected));
    }
  });

  it("supervision: each village's registered households draw two uniforms each, then the village its audit's two, from the village's own supervision stream", () => {
    const model = createModel(params({ ...SMALL, simulation: { months: 24, streams: 'village' } }), 6);
    const t = model.township;
    const count = t.villages.count;
    const registered = Uint8Array.from(t.households.registered);
    expect(registered.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const states = villageStreamStates(6, 'supervision', count);
    auditVillages(t, 0, count, new RandomStream([1, 0, 0, 0]), states);
    for (let v = 0; v < count; v += 1) {
      const own = new RandomStream(streamState(6, `supervision/village/${v}`));
      for (let i = t.villages.start[v]!; i < t.villages.start[v + 1]!; i += 1) {
        if (!registered[i]) continue;
        own.uniform();
        own.uniform();
      }
      expect([t.villages.auditDraws[2 * v], t.villages.auditDraws[2 * v + 1]], `village ${v}`).toEqual([own.uniform(), own.uniform()]);
      const expected = new Int32Array(4);
      own.saveState(expected, 0);
      expect(Array.from(states.subarray(4 * v, 4 * v + 4)), `village ${v}`).toEqual(Array.from(expected));
    }
  });

  it("migration draws from each village's economy stream, the platform's assessment and hiring from its partners stream", () => {
    const model = createModel(params({ ...SMALL, simulation: { months: 24, streams: 'village' } }), 7);
    const t = model.township;
    const h = t.households;
    const count = t.villages.count;
    const { migrationRate, returnRate } = t.params.economy;
    const [labourers, migrants] = [Uint8Array.from(h.labourers), Uint8Array.from(h.migrants)];
    const economy = villageStreamStates(7, 'economy', count);
    const partners = villageStreamStates(7, 'partners', count);
    const walker = new RandomStream([1, 0, 0, 0]);
    migrateVillages(t, 0, count, walker, economy);
    assessVillages(t, 0, count, walker, partners);
    drawHiringVillages(t, 0, count, walker, partners);
    let moved = 0;
    for (let v = 0; v < count; v += 1) {
      // Migration: two binomials per household that is not elderly, from economy/village/V.
      const ownEconomy = new RandomStream(streamState(7, `economy/village/${v}`));
      // Assessment: one normal per household; then hiring: a normal and a uniform per household.
      const ownPartners = new RandomStream(streamState(7, `partners/village/${v}`));
      const [first, end] = [t.villages.start[v]!, t.villages.start[v + 1]!];
      for (let i = first; i < end; i += 1) {
        if (h.elderly[i]) continue;
        const leaving = ownEconomy.binomial(labourers[i]!, migrationRate);
        const returning = ownEconomy.binomial(migrants[i]!, returnRate);
        expect(h.labourers[i]).toBe(labourers[i]! - leaving + returning);
        moved += leaving + returning;
      }
      for (let i = first; i < end; i += 1) ownPartners.normal();
      for (let i = first; i < end; i += 1) {
        ownPartners.normal();
        expect(t.hiring.queueKey[i]).toBe(Math.fround(ownPartners.uniform()));
      }
      for (const [states, own] of [
        [economy, ownEconomy],
        [partners, ownPartners],
      ] as const) {
        const expected = new Int32Array(4);
        own.saveState(expected, 0);
        expect(Array.from(states.subarray(4 * v, 4 * v + 4)), `village ${v}`).toEqual(Array.from(expected));
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('draws other values than the township stream, with the same distribution of outcomes', () => {
    const OUTCOMES = ['headcount', 'povertyGap', 'gini', 'exclusionError', 'exits'] as const;
    type Outcomes = Record<(typeof OUTCOMES)[number], number>;
    const metrics = { township: [] as Outcomes[], village: [] as Outcomes[] };
    for (const streams of ['township', 'village'] as const) {
      for (const seed of SEEDS) {
        const run = simulateParams(params({ ...SMALL, simulation: { months: 24, streams } }), { seed });
        const m = run.metrics;
        metrics[streams].push({ headcount: m.headcount!, povertyGap: m.povertyGap!, gini: m.gini!, exclusionError: m.exclusionError!, exits: run.counters.exits });
      }
    }
    // Really other draws: no seed gives the same run (the Gini, a continuous measure, differs).
    SEEDS.forEach((_, k) => expect(metrics.village[k]!.gini).not.toBe(metrics.township[k]!.gini));
    for (const name of OUTCOMES) {
      const a = metrics.township.map((r) => r[name]);
      const b = metrics.village.map((r) => r[name]);
      // Means within 4 standard errors of their difference (a loose check: about 1 in 16,000 by chance).
      const se = Math.sqrt((sd(a) ** 2 + sd(b) ** 2) / SEEDS.length);
      expect(Math.abs(mean(a) - mean(b)), name).toBeLessThan(4 * se);
    }
  });
});
