/**
 * The model's invariants (issue 6) as properties over random valid scenarios: a shipped scenario,
 * a small township (1 to 300 households, 1 to 40 villages, 1 to 26 months) and up to 20 changes to
 * any parameter, drawn from a grid over its whole range with both ends favoured (helpers.ts).
 * Every scenario goes through the scenario layer (each value validated) and the library.
 *
 * PROPERTY_SEED fixes the cases (CI is reproducible); PROPERTY_SCALE multiplies their number for
 * longer local runs, e.g. `PROPERTY_SCALE=20 PROPERTY_SEED=7 npx vitest run tests/robustness`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../src/api.js';
import { SOURCES, type Source, type SourceAccount } from '../../src/model/ledger.js';
import type { Township } from '../../src/model/township.js';
import type { Metrics } from '../../src/model/observe.js';
import { createModel, simulateParams } from '../../src/model/simulate.js';
import { flattenMetrics } from '../../src/results/summary.js';
import { toCsv, toJson } from '../../src/io/files.js';
import { applyParameterValues, loadScenario, type ParameterValue } from '../../src/scenario/index.js';
import { expectFiniteDeep, parameterChanges, PROPERTY_SCALE, PROPERTY_SEED, randomScenario, resolveRandom, SHIPPED, type RandomScenario } from './helpers.js';
import { countRegister, decileProblem, errorsOf, incidenceOf, meanOfDefined, MoneyByNeed, share, type RegisterCount } from './by-hand.js';
import { sized } from '../long.js';

/** npm run test:long runs four times as many cases (PROPERTY_SCALE multiplies either). */
const runs = (n: number): { numRuns: number; seed: number } => ({ numRuns: Math.max(1, Math.round(n * PROPERTY_SCALE * sized(1, 4))), seed: PROPERTY_SEED });

/** Relative agreement expected between the model's sums and the test's own (summed in another order). */
const SAME = 1e-9;
function expectClose(actual: number | null, expected: number | null, what: string): void {
  if (expected === null || actual === null) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: model ${actual}, by hand ${expected}`).toBeLessThanOrEqual(SAME * Math.max(1, Math.abs(expected)));
}

/**
 * A random scenario, and in about a third of cases the same without public goods (no
 * infrastructure, nor renovation, whose money goes to infrastructure once no house waits;
 * collectives' and enterprises' cooperation income all to registered households):
 * then the targeted programmes' leakage is the leakage of all aid, which the test counts by hand.
 */
const scenarioAndPublicGoods = fc.tuple(randomScenario(), fc.integer({ min: 0, max: 2 })).map(([s, k]): [RandomScenario, boolean] =>
  k === 0 ? [{ ...s, changes: [...s.changes, ['government.infrastructureShare', 0], ['government.renovationShare', 0], ['collective.toRegisteredShare', 1]] }, false] : [s, true]);

/** Metrics that are shares or R-squared values, in [0, 1] when defined. */
const UNIT_INTERVAL = /^(headcount|povertyGap|povertySeverity|inclusionError|exclusionError|nonPoorCoverage|leakage|diversion|gini|pmtR2|scoreR2|registeredShare|poorShare|incidenceByDecile\.\d+|governance\.\w+)$/;
/** Floating-point rounding allowed at the ends of a range. */
const ROUNDING = 1e-12;
/** Event counts: whole numbers >= 0, never null. */
const COUNTS = ['exits', 'returnsToPoverty', 'paperExits'] as const;

/** Every invariant of one month's metrics that holds whatever the scenario. */
function checkMetrics(m: Metrics, where: string): void {
  for (const [name, value] of flattenMetrics(m)) {
    if (value === null) continue;
    expect(Number.isFinite(value), `${where} ${name} = ${value}`).toBe(true);
    // ROUNDING allows for floating-point rounding only: governance.participation is computed as a
    // difference and can come out at -1e-16 (a known defect, pinned in extremes.test.ts).
    if (UNIT_INTERVAL.test(name)) {
      expect(value, `${where} ${name}`).toBeGreaterThanOrEqual(-ROUNDING);
      expect(value, `${where} ${name}`).toBeLessThanOrEqual(1 + ROUNDING);
    } else {
      // eliteCapture, cgh, costPerExit, assistanceReceived and the counts are never negative.
      expect(value, `${where} ${name}`).toBeGreaterThanOrEqual(-ROUNDING);
    }
  }
  for (const name of COUNTS) expect(Number.isInteger(m[name]), `${where} ${name} = ${m[name]}`).toBe(true);
  // cgh = share of the poorest 20% / 0.2, so at most 1 / 0.2 = 5.
  if (m.cgh !== null) expect(m.cgh, `${where} cgh`).toBeLessThanOrEqual(5 + 1e-9);
  if (m.incidenceByDecile !== null) {
    expect(m.incidenceByDecile).toHaveLength(10);
    const sum = m.incidenceByDecile.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1), `${where} decile shares sum to ${sum}`).toBeLessThanOrEqual(1e-9);
  }
  // Undefined ratios are null and only null: no metric is undefined or NaN.
  for (const [name, value] of flattenMetrics(m)) expect(value === null || typeof value === 'number', `${where} ${name}`).toBe(true);
}

/**
 * The model's targeting metrics and the ledger's split by need against the same counted by hand from
 * household state (by-hand.ts): the register's errors now and over the last 12 months, the yuan to
 * poor and non-poor households by source, leakage, benefit incidence and CGH, overall and by source.
 */
function checkTargetingByHand(
  t: Township,
  m: Metrics,
  ledger: Record<Source, SourceAccount>,
  counts: readonly RegisterCount[],
  money: MoneyByNeed,
  publicGoods: boolean,
  where: string,
): void {
  const now = counts.at(-1)!;
  const errors = errorsOf(now);
  expectClose(m.registeredShare, share(now.registered, now.households), `${where} registeredShare`);
  expectClose(m.poorShare, share(now.poor, now.households), `${where} poorShare`);
  expectClose(m.inclusionErrorRegisteredNow, errors.inclusionRegistered, `${where} inclusionErrorRegisteredNow`);
  expectClose(m.inclusionErrorNonPoorNow, errors.inclusionNonPoor, `${where} inclusionErrorNonPoorNow`);
  expectClose(m.exclusionErrorNow, errors.exclusion, `${where} exclusionErrorNow`);
  const year = counts.slice(-12).map(errorsOf);
  expectClose(m.inclusionErrorRegistered, meanOfDefined(year.map((e) => e.inclusionRegistered)), `${where} inclusionErrorRegistered`);
  expectClose(m.inclusionErrorNonPoor, meanOfDefined(year.map((e) => e.inclusionNonPoor)), `${where} inclusionErrorNonPoor`);
  expectClose(m.exclusionError, meanOfDefined(year.map((e) => e.exclusion)), `${where} exclusionError`);

  // Money: by source, to households in need and not, as the households' own totals say.
  SOURCES.forEach((source, k) => {
    expectClose(ledger[source].toPoor, money.toPoor[k]!, `${where} ${source} to poor`);
    expectClose(ledger[source].toNonPoor, money.toNonPoor[k]!, `${where} ${source} to non-poor`);
  });
  const all = incidenceOf(t, SOURCES.map((_, k) => k));
  const toNonPoor = money.toNonPoor.reduce((a, b) => a + b, 0);
  expectClose(m.assistanceReceived, all.total, `${where} assistanceReceived`);
  expectClose(m.leakageAllAid, share(toNonPoor, all.total), `${where} leakageAllAid`);
  if (!publicGoods) {
    // No public goods: every yuan was targeted.
    expectClose(m.leakage, share(toNonPoor, all.total), `${where} leakage (no public goods)`);
    expectClose(m.publicGoodsShare, share(0, all.total), `${where} publicGoodsShare (no public goods)`);
  }
  // Incidence and CGH of all aid, and CGH of each source's.
  if (all.shares === null) expect(m.incidenceByDecile, `${where} incidenceByDecile`).toBeNull();
  else all.shares.forEach((x, d) => expectClose(m.incidenceByDecile?.[d] ?? null, x, `${where} incidenceByDecile.${d}`));
  expectClose(m.cgh, all.cgh, `${where} cgh`);
  expectClose(m.cghPoorest20, all.cghPoorest20, `${where} cghPoorest20`);
  SOURCES.forEach((source, k) => expectClose(m.cghBySource[source], incidenceOf(t, [k]).cgh, `${where} cgh of ${source}`));
}

describe('invariants over random valid scenarios', () => {
  it('households are conserved, shares lie in [0, 1], decile shares sum to 1, every yuan is accounted for, nothing is NaN; every targeting metric as counted by hand', () => {
    fc.assert(
      fc.property(scenarioAndPublicGoods, ([s, publicGoods]) => {
        const scenario = resolveRandom(s);
        const run = simulate(scenario, { seed: s.seed });
        const { summary, result } = run;
        const villages = Math.min(s.villages, s.households);
        expect(summary.households).toBe(s.households);
        expect(summary.villages).toBe(villages);
        expect(result.series).toHaveLength(s.months);
        expectFiniteDeep(summary, 'summary');
        for (const row of run.timeseries) expect(row.value === null || Number.isFinite(row.value), `${row.month} ${row.metric}`).toBe(true);

        // The same scenario stepped by hand: the township's state month by month, and the same
        // metrics and ledger as the run (same scenario and seed, same results).
        const model = createModel(scenario.params, s.seed);
        const t = model.township;
        const h = t.households;
        const v = t.villages;
        // The tenths of persons, fixed before month 0 by income before the programme.
        expect(decileProblem(t)).toBeNull();
        const money = new MoneyByNeed();
        const counts: RegisterCount[] = [];
        for (let month = 0; month < s.months; month += 1) {
          money.before(t);
          model.step(month);
          money.after(t);
          counts.push(countRegister(t));
          const record = model.observe(month);
          const where = `month ${month}`;
          expect(record.metrics).toEqual(result.series[month]!.metrics);
          expect(record.ledger).toEqual(result.series[month]!.ledger);
          checkMetrics(record.metrics, where);

          // Households: none lost or made, each in exactly one village (contiguous, non-empty blocks).
          expect(h.count).toBe(s.households);
          expect(v.count).toBe(villages);
          expect(v.start[0]).toBe(0);
          expect(v.start[v.count]).toBe(h.count);
          for (let village = 0; village < v.count; village += 1) {
            if (!(v.start[village]! < v.start[village + 1]!)) throw new Error(`${where}: village ${village} holds households ${v.start[village]} to ${v.start[village + 1]}`);
          }
          let registered = 0;
          let poor = 0;
          for (let i = 0; i < h.count; i += 1) {
            if (h.registered[i]! > 1 || h.poor[i]! > 1) throw new Error(`${where}: household ${i} has registered ${h.registered[i]}, poor ${h.poor[i]}`);
            registered += h.registered[i]!;
            poor += h.poor[i]!;
          }
          // registered + unregistered = households, and the shares report exactly these counts.
          const unregistered = h.registered.reduce((n, flag) => n + (flag === 0 ? 1 : 0), 0);
          expect(registered + unregistered).toBe(h.count);
          expect(record.metrics.registeredShare).toBeCloseTo(registered / h.count, 12);
          expect(record.metrics.poorShare).toBeCloseTo(poor / h.count, 12);

          // Every yuan: budget = to poor + to non-poor + diverted + administration + unspent.
          for (const source of SOURCES) {
            const a = record.ledger[source];
            const tolerance = 1e-9 * Math.max(1, a.budget);
            expect(Math.abs(a.toPoor + a.toNonPoor + a.diverted + a.administration + a.unspent - a.budget), `${where} ${source}`).toBeLessThanOrEqual(tolerance);
            for (const part of [a.toPoor, a.toNonPoor, a.diverted, a.administration, a.unspent]) expect(part).toBeGreaterThanOrEqual(-tolerance);
          }
          const booked = SOURCES.reduce((sum, src) => sum + record.ledger[src].toPoor + record.ledger[src].toNonPoor, 0);
          expect(Math.abs(record.metrics.assistanceReceived - booked)).toBeLessThanOrEqual(1e-9 * Math.max(1, booked));

          checkTargetingByHand(t, record.metrics, record.ledger, counts, money, publicGoods, where);
        }

        // Observing only the last month (what a sweep needs) gives the same final results.
        const last = simulateParams(scenario.params, { seed: s.seed, observe: 'last' });
        expect(last.metrics).toEqual(summary.metrics);
        expect(last.ledger).toEqual(result.ledger);
      }),
      runs(100),
    );
  });

  it('the same scenario and seed give byte-identical summary.json and timeseries.csv', () => {
    fc.assert(
      fc.property(randomScenario({ maxHouseholds: 200, maxMonths: 14 }), (s) => {
        const texts = [0, 1].map(() => {
          const run = simulate(resolveRandom(s), { seed: s.seed });
          return [toJson(run.summary), toCsv(['month', 'metric', 'value'], run.timeseries.map((r) => [r.month, r.metric, r.value]))];
        });
        expect(texts[1]).toEqual(texts[0]);
      }),
      runs(20),
    );
  });
});

/** Headcount noise allowed between five-seed means (a fifth of a percentage point). */
const NOISE = 0.002;

/** Mean of a metric over seeds 1..5 (common random numbers: the same five townships). */
const SEEDS = [1, 2, 3, 4, 5];
function meanOver(values: Record<string, ParameterValue>, base: string, pick: (m: Metrics) => number): number {
  const scenario = applyParameterValues(loadScenario(base), values, 'property');
  return SEEDS.reduce((sum, seed) => sum + pick(simulateParams(scenario.params, { seed, observe: 'last' }).metrics), 0) / SEEDS.length;
}

describe('monotone on average over seeds, over random base scenarios', () => {
  // A township big enough for the averages to mean something: 400 households, two years.
  const SIZE = { 'township.households': 400, 'township.villages': 8, 'simulation.months': 24 };
  const base = fc.record({ file: fc.constantFrom(...SHIPPED), changes: parameterChanges(12) });

  it('more government budget never raises the headcount', () => {
    const budgets = fc.uniqueArray(fc.constantFrom(0, 100, 250, 500, 1000, 2500, 6000), { minLength: 3, maxLength: 3 }).map((b) => [...b].sort((x, y) => x - y));
    fc.assert(
      fc.property(base, budgets, ({ file, changes }, levels) => {
        const headcounts = levels.map((budget) =>
          meanOver({ ...Object.fromEntries(changes), ...SIZE, 'government.budgetPerHousehold': budget }, file, (m) => m.headcount ?? 0));
        // NOISE: a five-seed mean still carries noise of about 0.1 point where the government
        // budget hardly matters (enterprise budgets of 5e7 yuan a household, say: there the rise
        // found with 5 seeds, 0.02 point, is gone with 40). A real reversal is far larger.
        for (let k = 1; k < levels.length; k += 1) {
          expect(headcounts[k], `budget ${levels[k]} vs ${levels[k - 1]}: ${headcounts.join(', ')}`).toBeLessThanOrEqual(headcounts[k - 1]! + NOISE);
        }
      }),
      runs(15),
    );
  });

  it('a perfect, honest identification never has larger targeting errors after the annual adjustment than a noisy one', () => {
    // Verification without noise, cadres of full integrity, every household considered (census),
    // registration of all below the line (threshold at the line itself).
    const PERFECT = {
      'identification.method': 'verification',
      'identification.verificationNoise': 0,
      'identification.applicationRequired': false,
      'identification.selection': 'threshold',
      'identification.thresholdMultiple': 1,
      'cadres.meanIntegrity': 1,
      'cadres.integritySd': 0,
    };
    // Inclusion + exclusion error just after the register adjustments of months 11 and 23; an
    // undefined error (nobody registered, or nobody poor) is no error.
    const errors = (values: Record<string, ParameterValue>, file: string): number[] => {
      const scenario = applyParameterValues(loadScenario(file), values, 'property');
      const totals = [0, 0];
      for (const seed of SEEDS) {
        const series = simulateParams(scenario.params, { seed }).series;
        [11, 23].forEach((month, k) => {
          const m = series[month]!.metrics;
          totals[k]! += ((m.inclusionErrorRegisteredNow ?? 0) + (m.exclusionErrorNow ?? 0)) / SEEDS.length;
        });
      }
      return totals;
    };
    // A noisy identification: any method, with noise, quota or threshold, applications or census.
    const noise = fc.integer({ min: 1, max: 20 }).map((k) => k / 10);
    const noisyIdentification = fc.record({
      'identification.method': fc.constantFrom('pmt', 'community', 'hybrid', 'verification'),
      'identification.pmtNoise': noise,
      'identification.communityNoise': noise,
      'identification.verificationNoise': noise,
      'identification.selection': fc.constantFrom('quota', 'threshold'),
      'identification.applicationRequired': fc.boolean(),
    });
    fc.assert(
      fc.property(base, noisyIdentification, ({ file, changes }, identification) => {
        const own = { ...Object.fromEntries(changes), ...SIZE, ...identification };
        const noisy = errors(own, file);
        const perfect = errors({ ...own, ...PERFECT }, file);
        perfect.forEach((e, k) => expect(e, `year ${k + 1}: perfect ${perfect.join(', ')} vs noisy ${noisy.join(', ')}`).toBeLessThanOrEqual(noisy[k]! + 1e-12));
      }),
      runs(15),
    );
  });
});
