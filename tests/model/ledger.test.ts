import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createModel, simulateParams } from '../../src/model/simulate.js';
import { PROGRAMME, PROGRAMMES, SOURCES } from '../../src/model/ledger.js';
import { params } from './helpers.js';

// Shares on a 1/1000 grid: fc.double favours extreme values (denormals) that hide the mechanisms.
const share = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const yuan = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((x) => x / 10);

/** A random valid scenario, small enough to run many. */
const scenario = fc.record({
  households: fc.integer({ min: 1, max: 600 }),
  villages: fc.integer({ min: 1, max: 12 }),
  months: fc.integer({ min: 1, max: 30 }),
  method: fc.constantFrom('pmt', 'community', 'hybrid', 'verification' as const),
  selection: fc.constantFrom('quota', 'threshold' as const),
  applicationRequired: fc.boolean(),
  integrity: share,
  diversionPropensity: share,
  handoutCapture: share,
  auditRate: share,
  villageAuditRate: share,
  recoveryRate: share,
  budget: yuan(5000),
  enterpriseBudget: yuan(500),
  enterprises: fc.integer({ min: 0, max: 4 }),
  organisations: fc.integer({ min: 0, max: 4 }),
  targeting: fc.constantFrom('register', 'ownPlatform' as const),
  mutualAid: share,
  participation: share,
  transferShare: share,
  infrastructureShare: share,
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('PROGRAMME', () => {
  it("gives each programme's index in PROGRAMMES, and names every programme once", () => {
    // PROGRAMME is written out (see its comment in ledger.ts), so it can drift from PROGRAMMES.
    expect(Object.keys(PROGRAMME)).toEqual(PROGRAMMES.map((p) => p.name));
    PROGRAMMES.forEach((p, k) => expect(PROGRAMME[p.name]).toBe(k));
  });
});

describe('every yuan is accounted for', () => {
  it('budget = to poor + to non-poor + diverted + administration + unspent, for every source, every month', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const p = params({
          township: { households: s.households, villages: s.villages },
          simulation: { months: s.months },
          identification: { method: s.method, selection: s.selection, applicationRequired: s.applicationRequired },
          cadres: { meanIntegrity: s.integrity, diversionPropensity: s.diversionPropensity, handoutCapture: s.handoutCapture },
          supervision: { auditRate: s.auditRate, villageAuditRate: s.villageAuditRate, recoveryRate: s.recoveryRate },
          government: { budgetPerHousehold: s.budget, transferShare: s.transferShare, infrastructureShare: s.infrastructureShare },
          enterprises: { count: s.enterprises, budgetPerHousehold: s.enterpriseBudget, participation: s.participation },
          socialOrganisations: { count: s.organisations, targeting: s.targeting, participation: s.participation },
          platforms: { mutualAid: s.mutualAid },
        });
        const result = simulateParams(p, { seed: s.seed });
        expect(result.series).toHaveLength(s.months);
        for (const record of result.series) {
          for (const source of SOURCES) {
            const a = record.ledger[source];
            const parts = a.toPoor + a.toNonPoor + a.diverted + a.administration + a.unspent;
            expect(Math.abs(parts - a.budget)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.budget));
            for (const part of [a.toPoor, a.toNonPoor, a.diverted, a.administration, a.unspent]) {
              expect(part).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, a.budget));
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the government budget is the budget per household times households, every month', () => {
    const p = params({ township: { households: 1000, villages: 5 }, simulation: { months: 24 } });
    const result = simulateParams(p, { seed: 3 });
    // 500 yuan per household per year x 1000 households x 2 years = 1,000,000 yuan.
    expect(result.ledger.government.budget).toBeCloseTo(1_000_000, 6);
    expect(result.series[11]!.ledger.government.budget).toBeCloseTo(500_000, 6);
  });

  it('households received exactly what the ledger says they received, source by source', () => {
    const p = params({ township: { households: 1200, villages: 6 }, simulation: { months: 30 }, platforms: { mutualAid: 1 } });
    const model = createModel(p, 11);
    for (let month = 0; month < 30; month += 1) model.step(month);
    const t = model.township;
    SOURCES.forEach((_source, s) => {
      const column = t.households.received[s]!;
      let sum = 0;
      for (let i = 0; i < column.length; i += 1) sum += column[i]!;
      const booked = t.ledger.toPoor[s]! + t.ledger.toNonPoor[s]!;
      expect(booked).toBeGreaterThan(0);
      expect(Math.abs(sum - booked)).toBeLessThanOrEqual(1e-9 * booked);
    });
  });
});
