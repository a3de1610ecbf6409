/**
 * Process 1, the economy: earnings from labour, skill and health with household and village
 * shocks; illness with medical costs; migrant remittances; returns on project capital; and, once a
 * year, migration. After assistance, `settle` turns the month's income into the 12-month income
 * measures and the households' poverty status.
 *
 * Draw discipline: every month each household draws one normal (income shock) and two uniforms
 * (health transition, illness), plus a log-normal cost when ill; each village draws one normal.
 * None of this depends on policy, so every scenario on a seed faces the same harvests and illnesses.
 */
import type { RandomStream } from '../engine/rng.js';
import {
  CHRONIC,
  DISABLED,
  EXITED_OUT_OF_POVERTY,
  HEALTHY,
  type Township,
} from './township.js';

/** Log SD of the cost of an illness episode around its mean. */
const MEDICAL_COST_LOG_SD = 0.8;
/** Weight of the newest month in the 12-month income measures. */
const INCOME_WEIGHT = 1 / 12;
/** Effort moves this share of the way to its target each month. */
const EFFORT_ADJUSTMENT = 1 / 6;
const EFFORT_MIN = 0.5;
const EFFORT_MAX = 1.3;

/** Earnings factor of a household's health (HEALTHY, CHRONIC, DISABLED). */
function healthFactors(t: Township): [number, number, number] {
  const e = t.params.economy;
  return [1, e.healthEarningsFactorChronic, e.healthEarningsFactorDisabled];
}

/** Village earnings multiplier from cumulative infrastructure (yuan per household). */
export function infrastructureMultiplier(t: Township, v: number): number {
  return 1 + (t.params.government.infrastructureReturn * t.villages.infrastructure[v]!) / 1000;
}

/** True if the household can put project capital to work itself. */
export function canInvest(t: Township, i: number): boolean {
  return t.households.labourers[i]! > 0 && t.households.health[i] !== DISABLED;
}

/**
 * Draws this month's shocks, health changes and illnesses and computes every household's income
 * before assistance (`monthMarket`) and its out-of-pocket medical bill (`medicalBill`).
 */
export function earn(t: Township, rng: RandomStream): void {
  const h = t.households;
  const vil = t.villages;
  const e = t.params.economy;
  const wage = t.params.enterprises.wage / 12;
  const rho = e.shockPersistence;
  const innovation = Math.sqrt(1 - rho * rho);
  const factors = healthFactors(t);
  const returnCapable = t.params.government.projectReturnCapable / 12;
  const returnEntrusted = t.params.government.projectReturnEntrusted / 12;

  for (let v = 0; v < vil.count; v += 1) {
    vil.shock[v] = rho * vil.shock[v]! + innovation * e.villageShockSd * rng.normal();
  }

  let v = 0;
  let villageEnd = vil.start[1]!;
  let villageShockFactor = Math.exp(vil.shock[0]!);
  let villageMultiplier = villageShockFactor * infrastructureMultiplier(t, 0);
  for (let i = 0; i < h.count; i += 1) {
    if (i >= villageEnd) {
      while (i >= vil.start[v + 1]!) v += 1;
      villageEnd = vil.start[v + 1]!;
      villageShockFactor = Math.exp(vil.shock[v]!);
      villageMultiplier = villageShockFactor * infrastructureMultiplier(t, v);
    }
    // Draws first, always the same number per household.
    const zShock = rng.normal();
    const uHealth = rng.uniform();
    const uIllness = rng.uniform();

    let health = h.health[i]!;
    if (health === HEALTHY && uHealth < e.onsetChronic) health = CHRONIC;
    else if (health === CHRONIC && uHealth < e.recoveryChronic) health = HEALTHY;
    h.health[i] = health;

    const shock = rho * h.shock[i]! + innovation * e.individualShockSd * zShock;
    h.shock[i] = shock;

    const healthFactor = factors[health]!;
    const labourers = h.labourers[i]!;
    const ability = h.ability[i]!;
    const localEarnings =
      (e.labourEarnings / 12) *
      Math.exp(e.skillReturn * h.skill[i]! + ability + shock) *
      healthFactor *
      h.effort[i]! *
      villageMultiplier;
    const earnings =
      h.employer[i]! >= 0 && labourers > 0 ? (labourers - 1) * localEarnings + wage : labourers * localEarnings;
    const farm = (e.farmIncome / 12) * (labourers > 0 ? 1 : 0.5) * villageShockFactor * healthFactor;
    const familyFactor = Math.exp(0.5 * ability);
    const remittances = h.migrants[i]! * (e.remittancePerMigrant / 12) * familyFactor;
    const support = h.elderly[i] ? (e.elderlySupport / 12) * familyFactor : 0;
    const transfers = (e.otherTransfers / 12) * h.size[i]!;
    const capital = h.capital[i]!;
    const capitalReturn = capital > 0 ? capital * (labourers > 0 && health !== DISABLED ? returnCapable : returnEntrusted) : 0;

    const illnessRate = health === HEALTHY ? e.illnessRateHealthy : e.illnessRateChronic;
    if (uIllness < illnessRate) {
      const cost = e.medicalCost * rng.lognormalMeanOne(MEDICAL_COST_LOG_SD);
      h.illnessCost[i] = cost;
      h.medicalBill[i] = cost * (1 - e.insuranceReimbursement);
    } else {
      h.illnessCost[i] = 0;
      h.medicalBill[i] = 0;
    }
    h.monthMarket[i] = earnings + farm + remittances + support + transfers + capitalReturn;
    h.monthCash[i] = 0;
  }
}

/** Annual migration: local labourers leave and migrants return (at the start of each year). */
export function migrate(t: Township, rng: RandomStream): void {
  const h = t.households;
  const { migrationRate, returnRate } = t.params.economy;
  for (let i = 0; i < h.count; i += 1) {
    if (h.elderly[i]) continue;
    const leaving = rng.binomial(h.labourers[i]!, migrationRate);
    const returning = rng.binomial(h.migrants[i]!, returnRate);
    h.labourers[i] = h.labourers[i]! - leaving + returning;
    h.migrants[i] = h.migrants[i]! + leaving - returning;
    if (h.labourers[i] === 0) h.employer[i] = -1;
  }
}

/**
 * Closes the month: income measures, targeting status, effort and returns to poverty.
 *
 * `income` and `marketIncome` are per-capita annual incomes, exponentially weighted over about 12
 * months: new = 11/12 * old + this month's per-capita income. The out-of-pocket medical bill is
 * subtracted before assistance; medical subsidies and mutual aid come back as cash assistance.
 * A household is poor for targeting when its pre-assistance income is below the line (or, with
 * the housing floor, when its house is unsafe).
 */
export function settle(t: Township, month: number): void {
  const h = t.households;
  const e = t.params.economy;
  const line = t.params.township.povertyLine;
  const housingFloor = t.params.township.housingFloor;
  const keep = 1 - INCOME_WEIGHT;
  const counters = t.counters;
  const trackReturns = month >= 0;

  for (let i = 0; i < h.count; i += 1) {
    const size = h.size[i]!;
    const originalBill = h.illnessCost[i]! * (1 - e.insuranceReimbursement);
    const marketMonth = (h.monthMarket[i]! - originalBill) / size;
    const cashMonth = h.monthCash[i]! / size;
    const market = keep * h.marketIncome[i]! + marketMonth;
    const income = keep * h.income[i]! + marketMonth + cashMonth;
    h.marketIncome[i] = market;
    h.income[i] = income;

    const poor = market < line || (housingFloor && h.unsafeHousing[i] === 1);
    h.poor[i] = poor ? 1 : 0;
    if (trackReturns && poor && (h.history[i]! & EXITED_OUT_OF_POVERTY) !== 0) {
      h.history[i] = h.history[i]! & ~EXITED_OUT_OF_POVERTY;
      counters.returnsToPoverty += 1;
    }

    // Dependency: the share of income from assistance lowers effort; training, jobs and mutual
    // aid in the last year raise it.
    const aidShare = income > 0 ? Math.max(0, Math.min(1, (income - market) / income)) : 0;
    const boosted = month - h.lastBoost[i]! < 12 ? e.aspirationGain : 0;
    const target = 1 - e.dependency * aidShare + boosted;
    let effort = h.effort[i]! + EFFORT_ADJUSTMENT * (target - h.effort[i]!);
    effort = effort < EFFORT_MIN ? EFFORT_MIN : effort > EFFORT_MAX ? EFFORT_MAX : effort;
    h.effort[i] = effort;
  }
}

/**
 * Sets the income measures to their expected level before the burn-in: 12 times this month's
 * income with the expected illness cost taken off.
 */
export function initialiseIncome(t: Township): void {
  const h = t.households;
  const e = t.params.economy;
  const expectedBill = (rate: number): number => rate * e.medicalCost * (1 - e.insuranceReimbursement) * 12;
  for (let i = 0; i < h.count; i += 1) {
    const rate = h.health[i] === HEALTHY ? e.illnessRateHealthy : e.illnessRateChronic;
    const annual = (12 * h.monthMarket[i]! - expectedBill(rate)) / h.size[i]!;
    h.marketIncome[i] = annual;
    h.income[i] = annual;
  }
}
