/**
 * Process 1, the economy: earnings from labour, skill and health with household and village
 * shocks; illness with medical costs; migrant remittances; returns on project capital; and, once a
 * year, migration. After assistance, `settle` turns the month's income into the 12-month income
 * measures and the households' poverty status.
 *
 * Draw discipline: every month each household draws one normal (income shock) and two uniforms
 * (health transition, illness), plus a log-normal cost when ill; each village draws one normal;
 * each year, migration draws two binomials per household with a member of working age (a uniform
 * per labourer, then one per migrant). None of this depends on policy, so
 * every scenario on a seed faces the same harvests, illnesses and moves. The households draw from
 * the township's economy stream in household order, or (with simulation.streams 'village') each
 * from its village's own stream; the village shocks always come from the township's stream.
 */
import { fastExp } from '../engine/fast-exp.js';
import type { RandomStream } from '../engine/rng.js';
import type { Params } from './parameters.js';
import {
  CHRONIC,
  DISABLED,
  EXITED_OUT_OF_POVERTY,
  HEALTHY,
  RENOVATED,
  type Township,
  type VillageColumns,
} from './township.js';

/** Log SD of the cost of an illness episode around its mean (also read by bench/native-kernels.ts). */
export const MEDICAL_COST_LOG_SD = 0.8;
/** Weight of the newest month in the 12-month income measures. */
const INCOME_WEIGHT = 1 / 12;
/** Effort moves this share of the way to its target each month. */
const EFFORT_ADJUSTMENT = 1 / 6;
const EFFORT_MIN = 0.5;
const EFFORT_MAX = 1;
/**
 * Cash minus medical help below this many yuan is rounding, not unconditional cash: when a
 * household's only cash is help with its medical bill, the two differ by about 1e-12 yuan either
 * way, and a positive residue in a month of negative income counted as a cash share of 1.
 */
const CASH_RESIDUE = 1e-6;

/** Earnings factor of a household's health (HEALTHY, CHRONIC, DISABLED). */
function healthFactors(t: VillageColumns): [number, number, number] {
  const e = t.params.economy;
  return [1, e.healthEarningsFactorChronic, e.healthEarningsFactorDisabled];
}

/** Village earnings multiplier from cumulative infrastructure (yuan per household). */
export function infrastructureMultiplier(t: VillageColumns, v: number): number {
  return 1 + (t.params.government.infrastructureReturn * t.villages.infrastructure[v]!) / 1000;
}

/** True if the household can put project capital to work itself. */
export function canInvest(t: VillageColumns, i: number): boolean {
  return t.households.labourers[i]! > 0 && t.households.health[i] !== DISABLED;
}

/**
 * The villages' harvest and price shocks for the month: AR(1) in logs, from the township's economy
 * stream. A function of its own so that the household loop of earn gets V8's whole inlining
 * budget: every draw there is inlined, and no draw's double has to be boxed on the heap (measured:
 * one allocation per household otherwise).
 */
export function drawVillageShocks(t: Township, rng: RandomStream): void {
  const e = t.params.economy;
  const rho = e.shockPersistence;
  const innovation = Math.sqrt(1 - rho * rho) * e.villageShockSd;
  const shock = t.villages.shock;
  for (let v = 0; v < t.villages.count; v += 1) shock[v] = rho * shock[v]! + innovation * rng.normal();
}

/** The month's economy for the whole township from one stream: the village shocks, then {@link earnVillages}. */
export function earn(t: Township, rng: RandomStream): void {
  drawVillageShocks(t, rng);
  earnVillages(t, 0, t.villages.count, rng, null);
}

/**
 * Draws this month's household shocks, health changes and illnesses and computes the income before
 * assistance (`monthMarket`) and the out-of-pocket medical bill (`medicalBill`) of every household
 * of villages [from, to), after the village shocks are drawn. The households draw from `rng` in
 * household order; with `states` (4 state words per village, see villageStreamStates) each village
 * draws from its own stream instead: `rng` is loaded with the village's state before its households
 * and the state stored back after them, so village ranges can run on different threads.
 *
 * Written for speed (it runs for every household every month) but computing exactly what the
 * plain formulas say, operation for operation:
 *   local earnings = (labourEarnings / 12) * exp(skillReturn * skill + ability + shock)
 *                    * health factor * effort * village multiplier
 *   family factor  = exp(ability / 2), for remittances and support (Households.familyFactor:
 *                    ability never changes, so it is computed once, when the household is built)
 * The household's exponential is fastExp (within 2 units in the last place of Math.exp, faster).
 * Constants and per-village factors are computed once; an exponential whose result would only be
 * multiplied by zero (no labourer at home) is skipped, which leaves every result unchanged because
 * the factors are finite.
 */
export function earnVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): void {
  const h = t.households;
  const vil = t.villages;
  const e = t.params.economy;
  const wage = t.params.enterprises.wage / 12;
  const rho = e.shockPersistence;
  const innovation = Math.sqrt(1 - rho * rho);
  const factors = healthFactors(t);
  const returnCapable = t.params.government.projectReturnCapable / 12;
  const returnEntrusted = t.params.government.projectReturnEntrusted / 12;

  const labourMonthly = e.labourEarnings / 12;
  const farmMonthly = e.farmIncome / 12;
  const remittanceMonthly = e.remittancePerMigrant / 12;
  const supportMonthly = e.elderlySupport / 12;
  const transfersMonthly = e.otherTransfers / 12;
  const skillReturn = e.skillReturn;
  const householdInnovation = innovation * e.individualShockSd;
  const onsetChronic = e.onsetChronic;
  const recoveryChronic = e.recoveryChronic;
  const illnessRateHealthy = e.illnessRateHealthy;
  const illnessRateChronic = e.illnessRateChronic;
  const medicalCost = e.medicalCost;
  const outOfPocket = 1 - e.insuranceReimbursement;
  const healthColumn = h.health;
  const shockColumn = h.shock;
  const labourersColumn = h.labourers;
  const abilityColumn = h.ability;
  const familyFactorColumn = h.familyFactor;
  const skillColumn = h.skill;
  const effortColumn = h.effort;
  const employerColumn = h.employer;
  const migrantsColumn = h.migrants;
  const elderlyColumn = h.elderly;
  const sizeColumn = h.size;
  const capitalColumn = h.capital;
  const capitalReturnColumn = h.monthCapitalReturn;
  const illnessCost = h.illnessCost;
  const medicalBill = h.medicalBill;
  const monthMarket = h.monthMarket;
  const monthCash = h.monthCash;

  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    const villageShockFactor = Math.exp(vil.shock[v]!);
    const villageMultiplier = villageShockFactor * infrastructureMultiplier(t, v);
    // farm = (farmIncome / 12) * (1 or 0.5) * village shock factor * health factor
    const farmWorking = farmMonthly * 1 * villageShockFactor;
    const farmIdle = farmMonthly * 0.5 * villageShockFactor;
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      // Draws first, always the same number per household.
      const zShock = rng.normal();
      const uHealth = rng.uniform();
      const uIllness = rng.uniform();

      let health = healthColumn[i]!;
      if (health === HEALTHY && uHealth < onsetChronic) health = CHRONIC;
      else if (health === CHRONIC && uHealth < recoveryChronic) health = HEALTHY;
      healthColumn[i] = health;

      const shock = rho * shockColumn[i]! + householdInnovation * zShock;
      shockColumn[i] = shock;

      const healthFactor = health === HEALTHY ? factors[0] : health === CHRONIC ? factors[1] : factors[2];
      const labourers = labourersColumn[i]!;
      const ability = abilityColumn[i]!;
      let earnings = 0;
      if (labourers > 0) {
        const localEarnings =
          labourMonthly *
          fastExp(skillReturn * skillColumn[i]! + ability + shock) *
          healthFactor *
          effortColumn[i]! *
          villageMultiplier;
        earnings = employerColumn[i]! >= 0 ? (labourers - 1) * localEarnings + wage : labourers * localEarnings;
      }
      const farm = (labourers > 0 ? farmWorking : farmIdle) * healthFactor;
      const migrants = migrantsColumn[i]!;
      const elderly = elderlyColumn[i]!;
      let remittances = 0;
      let support = 0;
      if (migrants > 0 || elderly) {
        const familyFactor = familyFactorColumn[i]!;
        remittances = migrants * remittanceMonthly * familyFactor;
        if (elderly) support = supportMonthly * familyFactor;
      }
      const transfers = transfersMonthly * sizeColumn[i]!;
      // Returns on project capital are income from the programme, not market income.
      const capital = capitalColumn[i]!;
      capitalReturnColumn[i] = capital > 0 ? capital * (labourers > 0 && health !== DISABLED ? returnCapable : returnEntrusted) : 0;

      const illnessRate = health === HEALTHY ? illnessRateHealthy : illnessRateChronic;
      if (uIllness < illnessRate) {
        const cost = medicalCost * rng.lognormalMeanOne(MEDICAL_COST_LOG_SD);
        illnessCost[i] = cost;
        medicalBill[i] = cost * outOfPocket;
      } else {
        illnessCost[i] = 0;
        medicalBill[i] = 0;
      }
      monthMarket[i] = earnings + farm + remittances + support + transfers;
      monthCash[i] = 0;
    }
    if (states !== null) rng.saveState(states, 4 * v);
  }
}

/** Annual migration for the whole township from one stream (at the start of each year): {@link migrateVillages}. */
export function migrate(t: Township, rng: RandomStream): void {
  migrateVillages(t, 0, t.villages.count, rng, null);
}

/**
 * Annual migration of the households of villages [from, to): local labourers leave and migrants
 * return (two binomial draws per household with a member of working age). Draws from `rng` in
 * household order, or, with `states` (simulation.streams 'village'), each village from its own
 * economy stream, as earnVillages does, so village ranges can run on different threads.
 */
export function migrateVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): void {
  const h = t.households;
  const vil = t.villages;
  const { migrationRate, returnRate } = t.params.economy;
  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      if (h.elderly[i]) continue;
      const leaving = rng.binomial(h.labourers[i]!, migrationRate);
      const returning = rng.binomial(h.migrants[i]!, returnRate);
      h.labourers[i] = h.labourers[i]! - leaving + returning;
      h.migrants[i] = h.migrants[i]! + leaving - returning;
      if (h.labourers[i] === 0) h.employer[i] = -1;
    }
    if (states !== null) rng.saveState(states, 4 * v);
  }
}

/** Annual return rate of household i's project capital: higher if it can invest it itself. */
function capitalReturnRate(t: VillageColumns, i: number): number {
  const g = t.params.government;
  return canInvest(t, i) ? g.projectReturnCapable : g.projectReturnEntrusted;
}

/**
 * Per-capita annual income by the household's own means, yuan: market income plus the returns on
 * the project capital it now owns (at their current annual rate); no cash assistance.
 */
export function ownMeansIncome(t: VillageColumns, i: number): number {
  const h = t.households;
  const capital = h.capital[i]!;
  return capital > 0 ? h.marketIncome[i]! + (capital * capitalReturnRate(t, i)) / h.size[i]! : h.marketIncome[i]!;
}

/**
 * Poor by the household's own means: income by its own means below the line or, with the housing
 * floor, an unsafe house now. Programme assets count (project capital, a renovated house), ongoing
 * assistance does not. This is what the rules judge: scores, exits and audits; a household that
 * exits not poor by its own means is lifted out of poverty, one that exits poor by them is a paper
 * exit.
 */
export function poorByOwnMeans(t: VillageColumns, i: number): boolean {
  const h = t.households;
  return ownMeansIncome(t, i) < t.params.township.povertyLine || (t.params.township.housingFloor && h.unsafeHousing[i] === 1);
}

/**
 * Closes the month: income measures, need before the programme, effort and returns to poverty.
 *
 * `income` and `marketIncome` are per-capita annual incomes, exponentially weighted over about 12
 * months: new = 11/12 * old + this month's per-capita income. Market income is income before the
 * programme: the full out-of-pocket medical bill is subtracted and nothing from the programme is
 * added (cash assistance, medical subsidies and mutual aid, returns on project capital all come in
 * `income` only). A household is in need before the programme (`poor`) when its market income is
 * below the line or, with the housing floor, its house is unsafe or was renovated by the programme.
 * An exited household that becomes poor by its own means again has returned to poverty.
 *
 * Dependency: each labourer household's effort moves toward 1 - dependency x (the share of this
 * month's income that is unconditional cash: transfers, dividends, donations), at least 0.5.
 */
export function settle(t: Township, month: number): void {
  t.counters.returnsToPoverty += settleVillages(t, 0, t.villages.count, month);
}

/**
 * {@link settle} for the households of villages [from, to); returns the returns to poverty counted
 * (whole numbers: added in any order, the ranges' counts give the same total).
 */
export function settleVillages(t: VillageColumns, from: number, to: number, month: number): number {
  const h = t.households;
  const e = t.params.economy;
  const line = t.params.township.povertyLine;
  const housingFloor = t.params.township.housingFloor;
  const keep = 1 - INCOME_WEIGHT;
  const trackReturns = month >= 0;
  const outOfPocket = 1 - e.insuranceReimbursement;
  const dependency = e.dependency;
  const sizeColumn = h.size;
  const illnessCost = h.illnessCost;
  const medicalBill = h.medicalBill;
  const monthMarket = h.monthMarket;
  const monthCash = h.monthCash;
  const capitalReturn = h.monthCapitalReturn;
  const marketIncome = h.marketIncome;
  const incomeColumn = h.income;
  const poorColumn = h.poor;
  const unsafeHousing = h.unsafeHousing;
  const history = h.history;
  const effortColumn = h.effort;
  let returnsToPoverty = 0;

  const end = t.villages.start[to]!;
  for (let i = t.villages.start[from]!; i < end; i += 1) {
    const size = sizeColumn[i]!;
    const originalBill = illnessCost[i]! * outOfPocket;
    const ownMonth = monthMarket[i]! - originalBill;
    const cash = monthCash[i]!;
    const programmeMonth = cash + capitalReturn[i]!;
    const market = keep * marketIncome[i]! + ownMonth / size;
    const income = keep * incomeColumn[i]! + (ownMonth + programmeMonth) / size;
    marketIncome[i] = market;
    incomeColumn[i] = income;

    const flags = history[i]!;
    const housingNeed = housingFloor && (unsafeHousing[i] === 1 || (flags & RENOVATED) !== 0);
    poorColumn[i] = market < line || housingNeed ? 1 : 0;
    if (trackReturns && (flags & EXITED_OUT_OF_POVERTY) !== 0 && poorByOwnMeans(t, i)) {
      history[i] = flags & ~EXITED_OUT_OF_POVERTY;
      returnsToPoverty += 1;
    }

    // Unconditional cash: all cash assistance but the help with this month's medical bill.
    const medicalHelp = originalBill - medicalBill[i]!;
    const unconditional = cash - medicalHelp > CASH_RESIDUE ? cash - medicalHelp : 0;
    const monthIncome = ownMonth + programmeMonth;
    const cashShare = unconditional <= 0 ? 0 : monthIncome > unconditional ? unconditional / monthIncome : 1;
    const target = 1 - dependency * cashShare;
    const previousEffort = effortColumn[i]!;
    let effort = previousEffort + EFFORT_ADJUSTMENT * (target - previousEffort);
    effort = effort < EFFORT_MIN ? EFFORT_MIN : effort > EFFORT_MAX ? EFFORT_MAX : effort;
    effortColumn[i] = effort;
  }
  return returnsToPoverty;
}

/**
 * The expected out-of-pocket medical bill over a year (yuan) of a household falling ill at `rate` a
 * month. A module function, not a closure made in each call of initialiseIncome: a new closure in
 * every township made V8 throw away the compiled loop that had inlined the previous one.
 */
function expectedAnnualBill(e: Params['economy'], rate: number): number {
  return rate * e.medicalCost * (1 - e.insuranceReimbursement) * 12;
}

/**
 * Sets the income measures to their expected level before the burn-in: 12 times this month's
 * income with the expected illness cost taken off.
 */
export function initialiseIncome(t: Township): void {
  const h = t.households;
  const e = t.params.economy;
  for (let i = 0; i < h.count; i += 1) {
    const rate = h.health[i] === HEALTHY ? e.illnessRateHealthy : e.illnessRateChronic;
    const annual = (12 * h.monthMarket[i]! - expectedAnnualBill(e, rate)) / h.size[i]!;
    h.marketIncome[i] = annual;
    h.income[i] = annual;
  }
}
