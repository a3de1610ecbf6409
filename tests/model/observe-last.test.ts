import { describe, expect, it } from 'vitest';
import { simulateParams, type MonthRecord } from '../../src/model/simulate.js';
import { params } from './helpers.js';

describe("simulateParams with observe: 'last'", () => {
  const configurations = [
    params({ township: { households: 600, villages: 6 }, simulation: { months: 25 } }),
    params({
      township: { households: 450, villages: 5 },
      simulation: { months: 14 },
      identification: { method: 'hybrid', selection: 'threshold' },
      platforms: { mutualAid: 1, training: 0.5 },
      socialOrganisations: { targeting: 'ownPlatform', budgetPerHousehold: 200 },
    }),
  ];

  it.each([0, 1])('configuration %i: final month, ledger, counters and programmes identical to observing every month', (k) => {
    const p = configurations[k]!;
    const every = simulateParams(p, { seed: 3 });
    const calls: MonthRecord[] = [];
    const last = simulateParams(p, { seed: 3, observe: 'last', onMonth: (record) => calls.push(record) });
    expect(every.series).toHaveLength(p.simulation.months);
    expect(last.series).toHaveLength(1);
    expect(JSON.stringify(last.series[0])).toBe(JSON.stringify(every.series[p.simulation.months - 1]));
    expect(calls).toEqual(last.series);
    expect(last.series[0]!.month).toBe(p.simulation.months - 1);
    expect(JSON.stringify({ ...last, series: null })).toBe(JSON.stringify({ ...every, series: null }));
  });
});
