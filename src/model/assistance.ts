/**
 * Process 4, assistance: every source funds its programmes each month and the programmes pay
 * households. Every yuan moves through the ledger (see ledger.ts).
 *
 * Money handed out through village cadres (transfers, project funds, dividends, donations on the
 * register, collective spending, infrastructure) meets the cadres first: a share
 * (1 - integrity) x diversionPropensity is diverted. Handouts meant for registered households are
 * shared among the households on the cadres' payout list: the registered ones and the tied ones the
 * cadres listed for the year (identification.ts: listForPayout; elite capture at handout).
 * Medical subsidies and renovation reach registered households only; mutual aid and organisations'
 * own-platform donations reach households directly.
 *
 * Budgets are funded monthly (one twelfth of the annual budget) and each month a programme offers
 * everything in its pool; money that finds no recipient stays in the pool for the next month and,
 * at the end of the run, is unspent. Village-level money (collectives, infrastructure) is pooled
 * over the township: a village's share that finds no recipient is spread again the next month.
 * Cash (transfers, dividends, donations, medical help) is income; project funds become capital
 * that earns a return; training, renovation and public goods are in kind. Public goods
 * (infrastructure and the collectives' spending for all villagers) are untargeted: every person of
 * the village has the same share, and the ledger books them apart.
 */
import type { RandomStream } from '../engine/rng.js';
import { PERSON_DECILES } from '../metrics/index.js';
import { canInvest } from './economy.js';
import {
  ENTERPRISES,
  GOVERNMENT,
  PROGRAMME,
  PROGRAMMES,
  SOCIAL_ORGANISATIONS,
} from './ledger.js';
import {
  ELITE_ADDED,
  PAYOUT_BY_DECILE,
  PAYOUT_BY_FAVOUR,
  PAYOUT_LOST,
  PAYOUT_RESULTS,
  PAYOUT_TO_NON_POOR,
  PAYOUT_TO_POOR,
  RENOVATED,
  TIE_FAVOURED,
  type Township,
  type VillageColumns,
  type VillagePayouts,
} from './township.js';

/** Who a village handout is shared among, and by what weight. */
const PAYOUT_PERSONS = 0;
const PAYOUT_HOUSEHOLDS = 1;
const ALL_PERSONS = 2;
const PLATFORM_HOUSEHOLDS = 3;

/** What the money becomes for the household. */
const CASH = 0;
const CAPITAL = 1;
const IN_KIND = 2;

/** History bits of a registration owed to a favour. */
const FAVOUR = ELITE_ADDED | TIE_FAVOURED;

/** Asset index gained by a renovated house (visible to officials). */
const RENOVATION_ASSET_GAIN = 0.5;
/** Awareness gained by a trainee. */
const TRAINING_AWARENESS_GAIN = 0.1;

/**
 * Who runs the village passes of the handouts: this thread ({@link handoutsInThread}) or worker
 * threads (src/parallel), which call {@link countPayouts} and {@link payVillages} over village
 * ranges. Either way the results are the same.
 */
export interface HandoutPasses {
  /** countPayouts over every village. */
  countPayouts(): void;
  /** payVillages over every village. */
  pay(programme: number, target: number, use: number): void;
}

/** The handouts' village passes in this thread. */
export function handoutsInThread(t: VillageColumns): HandoutPasses {
  const count = t.villages.count;
  return {
    countPayouts: () => countPayouts(t, 0, count),
    pay: (programme, target, use) => payVillages(t, 0, count, programme, target, use),
  };
}

/** True if household i is on the cadres' payout list: registered, or listed by the cadres. */
function onPayoutList(t: Township, i: number): boolean {
  return t.households.registered[i] === 1 || t.households.payoutListed[i] === 1;
}

/**
 * Refreshes the payout counts of villages [from, to) at the start of the month's assistance: their
 * persons, their payout list's persons and households, their platform's households, and the
 * payout list itself (registered or listed by the cadres), in index order from the village's first
 * household slot on. Handouts meant for registered households visit only these (everyone else
 * would get nothing), in the same order as a pass over the whole village, so every sum is taken in
 * the same order. Also lists, in the same order, the registered households with a medical bill or
 * an unsafe house (payouts.needing): the only ones the medical subsidies and renovation can pay.
 */
export function countPayouts(t: VillageColumns, from: number, to: number): void {
  const h = t.households;
  const vil = t.villages;
  const p = t.payouts;
  const sizeColumn = h.size;
  const registeredColumn = h.registered;
  const payoutColumn = h.payoutListed;
  const platformColumn = h.platformTarget;
  const billColumn = h.medicalBill;
  const unsafeColumn = h.unsafeHousing;
  const listed = p.listed;
  const needing = p.needing;
  for (let v = from; v < to; v += 1) {
    const end = vil.start[v + 1]!;
    let listedEnd = vil.start[v]!;
    let needingEnd = listedEnd;
    let persons = 0;
    let payoutPersons = 0;
    let payoutHouseholds = 0;
    let platform = 0;
    for (let i = vil.start[v]!; i < end; i += 1) {
      const size = sizeColumn[i]!;
      persons += size;
      if (registeredColumn[i] | payoutColumn[i]!) {
        payoutPersons += size;
        payoutHouseholds += 1;
        listed[listedEnd++] = i;
        if (registeredColumn[i] === 1 && (billColumn[i]! > 0 || unsafeColumn[i] === 1)) needing[needingEnd++] = i;
      }
      platform += platformColumn[i]!;
    }
    p.persons[v] = persons;
    p.payoutPersons[v] = payoutPersons;
    p.payoutHouseholds[v] = payoutHouseholds;
    p.platformHouseholds[v] = platform;
    p.listEnd[v] = listedEnd;
    p.needingEnd[v] = needingEnd;
  }
}

function weightTotal(p: VillagePayouts, v: number, target: number): number {
  switch (target) {
    case PAYOUT_PERSONS:
      return p.payoutPersons[v]!;
    case PAYOUT_HOUSEHOLDS:
      return p.payoutHouseholds[v]!;
    case ALL_PERSONS:
      return p.persons[v]!;
    default:
      return p.platformHouseholds[v]!;
  }
}

/**
 * Hands `programme`'s money out, village by village, among `target` households, through the cadres
 * if `viaCadres` (who divert a share first): `amount(k)` yuan to the k-th of `count` villages,
 * `village(k)` (no village twice: a village's plan is one slot). Three steps, so that the
 * households can be paid on threads with the same result: plan (this thread: what each village
 * gets per unit after diversion), pay (every village's households, {@link payVillages}), book
 * (this thread: the ledger, village after village in the order given, in the same sequence of
 * operations as paying them one by one). Calls `delivered(v, yuan)` with the yuan each village's households received. A village
 * with no one to give it to gets nothing.
 *
 * Who gets what: payout persons / households: perUnit x size / perUnit if on the payout list; all
 * persons: perUnit x size (an untargeted public good); platform households: perUnit if the
 * platform counts the household as poor.
 */
function handOut(
  t: Township,
  passes: HandoutPasses,
  programme: number,
  count: number,
  village: (k: number) => number,
  amount: (k: number) => number,
  target: number,
  use: number,
  viaCadres: boolean,
  delivered?: (v: number, yuan: number) => void,
): void {
  const p = t.payouts;
  p.perUnit.fill(-1);
  let planned = 0;
  for (let k = 0; k < count; k += 1) if (planHandout(t, village(k), amount(k), target, viaCadres)) planned += 1;
  if (planned === 0) return;
  passes.pay(programme, target, use);
  for (let k = 0; k < count; k += 1) {
    const v = village(k);
    if (p.perUnit[v]! < 0) continue;
    const yuan = bookHandout(t, programme, v, target);
    delivered?.(v, yuan);
  }
}

/**
 * Plans village v's part: its yuan per unit (`payouts.perUnit`; -1: nothing to hand out) and what
 * its cadres divert (`payouts.diverted`, booked after the payment). False if it gets nothing.
 */
function planHandout(t: Township, v: number, amount: number, target: number, viaCadres: boolean): boolean {
  if (!(amount > 0)) return false;
  const p = t.payouts;
  const total = weightTotal(p, v, target);
  if (total <= 0) return false;
  const diverted = viaCadres ? amount * (1 - t.villages.integrity[v]!) * t.params.cadres.diversionPropensity : 0;
  p.diverted[v] = diverted;
  p.perUnit[v] = (amount - diverted) / total;
  return true;
}

/**
 * Books village v's paid handout in the ledger (diversion, capital lost to enterprises, payments);
 * returns the yuan its households received.
 */
function bookHandout(t: Township, programme: number, v: number, target: number): number {
  const ledger = t.ledger;
  const results = t.payouts.results;
  const base = v * PAYOUT_RESULTS;
  const source = PROGRAMMES[programme]!.source;
  const diverted = t.payouts.diverted[v]!;
  if (diverted > 0) {
    ledger.divert(programme, diverted);
    t.villages.hiddenDiversion[source]![v]! += diverted;
    t.counters.divertedByCadres += diverted;
  }
  const lost = results[base + PAYOUT_LOST]!;
  if (lost > 0) {
    ledger.divert(programme, lost);
    t.counters.loanCapture += lost;
  }
  const toPoor = results[base + PAYOUT_TO_POOR]!;
  const toNonPoor = results[base + PAYOUT_TO_NON_POOR]!;
  ledger.paid(programme, toPoor, toNonPoor, target === ALL_PERSONS);
  const byDecile = ledger.paidByProgrammeDecile;
  for (let g = 0; g < PERSON_DECILES; g += 1) byDecile[programme * PERSON_DECILES + g]! += results[base + PAYOUT_BY_DECILE + g]!;
  ledger.byFavour += results[base + PAYOUT_BY_FAVOUR]!;
  return toPoor + toNonPoor;
}

/**
 * Pays the handout planned in `payouts.perUnit` to the households of villages [from, to) and leaves
 * what each village's households received in `payouts.results` (PAYOUT_*), for bookHandout. Touches
 * only the villages' own households and results, so village ranges can be paid on different
 * threads (src/parallel).
 */
export function payVillages(t: VillageColumns, from: number, to: number, programme: number, target: number, use: number): void {
  const p = t.payouts;
  for (let v = from; v < to; v += 1) {
    const perUnit = p.perUnit[v]!;
    if (perUnit < 0) continue;
    const base = v * PAYOUT_RESULTS;
    p.results.fill(0, base, base + PAYOUT_RESULTS);
    const start = t.villages.start[v]!;
    const end = t.villages.start[v + 1]!;
    if (target === PAYOUT_PERSONS || target === PAYOUT_HOUSEHOLDS) {
      payPayoutList(t, start, p.listEnd[v]!, perUnit, target === PAYOUT_PERSONS, programme, use, base);
    } else if (target === ALL_PERSONS) {
      payPersons(t, start, end, perUnit, programme, use, base);
    } else {
      payPlatform(t, start, end, perUnit, programme, use, base);
    }
  }
}

/**
 * Pays the households of `payouts.listed[from..to)` (all on the payout list) perUnit per person or
 * per household; adds to the village's results at `base`.
 */
function payPayoutList(t: VillageColumns, from: number, to: number, perUnit: number, perPerson: boolean, programme: number, use: number, base: number): void {
  const size = t.households.size;
  const listed = t.payouts.listed;
  for (let k = from; k < to; k += 1) {
    const i = listed[k]!;
    const a = perPerson ? perUnit * size[i]! : perUnit;
    if (a <= 0) continue;
    receive(t, i, a, programme, use, true, base);
  }
}

/** Pays every household of [start, end) perUnit per person; adds to the village's results at `base`. */
function payPersons(t: VillageColumns, start: number, end: number, perUnit: number, programme: number, use: number, base: number): void {
  const h = t.households;
  const size = h.size;
  if (use === IN_KIND) {
    // The common case (public goods, infrastructure), written out: no capital, no cash.
    const received = h.received[PROGRAMMES[programme]!.source]!;
    const poor = h.poor;
    const decile = h.decile;
    const results = t.payouts.results;
    const byDecile = base + PAYOUT_BY_DECILE;
    let toPoor = results[base + PAYOUT_TO_POOR]!;
    let toNonPoor = results[base + PAYOUT_TO_NON_POOR]!;
    for (let i = start; i < end; i += 1) {
      const a = perUnit * size[i]!;
      if (a <= 0) continue;
      received[i] = received[i]! + a;
      results[byDecile + decile[i]!]! += a;
      // Without a branch on poverty (hard to predict): adding a x 0 = +0 leaves a sum unchanged.
      const isPoor = poor[i]!;
      toPoor += a * isPoor;
      toNonPoor += a * (1 - isPoor);
    }
    results[base + PAYOUT_TO_POOR] = toPoor;
    results[base + PAYOUT_TO_NON_POOR] = toNonPoor;
    return;
  }
  for (let i = start; i < end; i += 1) {
    const a = perUnit * size[i]!;
    if (a <= 0) continue;
    receive(t, i, a, programme, use, false, base);
  }
}

/** Pays perUnit to every household of [start, end) the platform counts as poor; adds to the village's results at `base`. */
function payPlatform(t: VillageColumns, start: number, end: number, perUnit: number, programme: number, use: number, base: number): void {
  const platformTarget = t.households.platformTarget;
  for (let i = start; i < end; i += 1) {
    const a = perUnit * platformTarget[i]!;
    if (a <= 0) continue;
    receive(t, i, a, programme, use, false, base);
  }
}

/**
 * True if `a` yuan paid to household i reached a tied household by favour: it was paid because the
 * household is on the payout list (`byList`), and the household is there by one (listed without
 * being registered, or registered by the cadres' favouritism or the appraisal's bias). Money a
 * household gets by another route (a public good, a platform's own assessment, mutual aid open to
 * all) is not owed to a favour.
 */
function byFavour(t: VillageColumns, i: number, byList: boolean): boolean {
  const h = t.households;
  return byList && h.connected[i] === 1 && (h.payoutListed[i] === 1 || (h.registered[i] === 1 && (h.history[i]! & FAVOUR) !== 0));
}

/**
 * Household i receives `a` yuan of `programme` as `use` in a village handout (`byList`: see
 * byFavour); the village's results at `base` record it by source's tenth of persons, by favour and
 * by the household's status.
 */
function receive(t: VillageColumns, i: number, a: number, programme: number, use: number, byList: boolean, base: number): void {
  const h = t.households;
  const results = t.payouts.results;
  if (use === CAPITAL) {
    if (!canInvest(t, i)) {
      const lost = a * t.params.government.loanCapture;
      results[base + PAYOUT_LOST]! += lost;
      a -= lost;
    }
    h.capital[i] = h.capital[i]! + a;
  } else if (use === CASH) {
    h.monthCash[i] = h.monthCash[i]! + a;
  }
  const received = h.received[PROGRAMMES[programme]!.source]!;
  received[i] = received[i]! + a;
  results[base + PAYOUT_BY_DECILE + h.decile[i]!]! += a;
  if (byFavour(t, i, byList)) results[base + PAYOUT_BY_FAVOUR]! += a;
  results[base + (h.poor[i] ? PAYOUT_TO_POOR : PAYOUT_TO_NON_POOR)]! += a;
}

/**
 * Pays `amount` to household i directly (no cadres), booked at once; `byList`: paid because it is
 * on the payout list (see byFavour).
 */
function payDirect(t: Township, programme: number, i: number, amount: number, use: number, byList: boolean): void {
  const h = t.households;
  if (use === CASH) h.monthCash[i] = h.monthCash[i]! + amount;
  const received = h.received[PROGRAMMES[programme]!.source]!;
  received[i] = received[i]! + amount;
  t.ledger.paidByProgrammeDecile[programme * PERSON_DECILES + h.decile[i]!]! += amount;
  if (byFavour(t, i, byList)) t.ledger.byFavour += amount;
  if (h.poor[i]) t.ledger.paid(programme, amount, 0);
  else t.ledger.paid(programme, 0, amount);
}

/** Spreads `amount` over `villages` (null: all) in proportion to `weight(v)` and hands each part out. */
function spreadOverVillages(
  t: Township,
  passes: HandoutPasses,
  programme: number,
  villages: readonly number[] | null,
  amount: number,
  weight: (v: number) => number,
  target: number,
  use: number,
  viaCadres: boolean,
): void {
  if (!(amount > 0)) return;
  const count = villages ? villages.length : t.villages.count;
  const village = villages ? (k: number) => villages[k]! : (k: number) => k;
  let total = 0;
  for (let k = 0; k < count; k += 1) total += weight(village(k));
  if (total <= 0) return;
  // A village of weight 0 gets nothing (planHandout skips amounts that are not > 0).
  handOut(t, passes, programme, count, village, (k) => (amount * weight(village(k))) / total, target, use, viaCadres);
}

function normalisedShares(shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  return sum > 0 ? shares.map((s) => s / sum) : shares.map(() => 0);
}

/** Social organisation programme shares: training, mutual aid, and donations as the rest. */
export function organisationShares(t: Township): { training: number; mutualAid: number; donations: number } {
  const so = t.params.socialOrganisations;
  const named = so.trainingShare + so.mutualAidShare;
  const scale = named > 1 ? 1 / named : 1;
  const training = so.trainingShare * scale;
  const mutualAid = so.mutualAidShare * scale;
  return { training, mutualAid, donations: Math.max(0, 1 - training - mutualAid) };
}

/**
 * Funds this month's budgets. Government programme shares are weights normalised to sum to 1
 * (all zero: the budget is withheld, unspent). Partners that do not take part this year withhold
 * their promised budget. Unpaid verification costs are paid first from the government's pools.
 */
export function fund(t: Township): void {
  const p = t.params;
  const n = t.households.count;
  const ledger = t.ledger;

  const government = (p.government.budgetPerHousehold * n) / 12;
  const govShares = normalisedShares([
    p.government.transferShare,
    p.government.medicalShare,
    p.government.industryShare,
    p.government.infrastructureShare,
    p.government.renovationShare,
  ]);
  const govProgrammes = [PROGRAMME.transfers, PROGRAMME.medical, PROGRAMME.industry, PROGRAMME.infrastructure, PROGRAMME.renovation];
  if (govShares.every((s) => s === 0)) ledger.withhold(GOVERNMENT, government);
  govProgrammes.forEach((programme, k) => {
    const amount = government * govShares[k]!;
    if (amount <= 0) return;
    ledger.fund(programme, amount);
    ledger.administer(programme, amount * p.government.adminShare);
  });

  if (t.pendingVerificationCost > 0) {
    let available = 0;
    for (const programme of govProgrammes) available += ledger.pool[programme]!;
    const payment = Math.min(t.pendingVerificationCost, available);
    if (payment > 0) {
      for (const programme of govProgrammes) ledger.administer(programme, (payment * ledger.pool[programme]!) / available);
      t.pendingVerificationCost -= payment;
    }
  }

  const enterprises = t.enterprises.length;
  if (enterprises > 0) {
    const each = (p.enterprises.budgetPerHousehold * n) / enterprises / 12;
    for (const enterprise of t.enterprises) {
      if (!enterprise.participating) {
        ledger.withhold(ENTERPRISES, each);
        continue;
      }
      const toCollective = each * p.enterprises.collectiveShare;
      for (const [programme, amount] of [
        [PROGRAMME.enterpriseDividends, each - toCollective],
        [PROGRAMME.enterpriseCollective, toCollective],
      ] as const) {
        ledger.fund(programme, amount);
        ledger.administer(programme, amount * p.enterprises.adminShare);
      }
    }
  }

  const organisations = t.socialOrganisations.length;
  if (organisations > 0) {
    const each = (p.socialOrganisations.budgetPerHousehold * n) / organisations / 12;
    const shares = organisationShares(t);
    for (const organisation of t.socialOrganisations) {
      if (!organisation.participating) {
        ledger.withhold(SOCIAL_ORGANISATIONS, each);
        continue;
      }
      for (const [programme, share] of [
        [PROGRAMME.training, shares.training],
        [PROGRAMME.mutualAid, shares.mutualAid],
        [PROGRAMME.donations, shares.donations],
      ] as const) {
        if (share <= 0) continue;
        ledger.fund(programme, each * share);
        ledger.administer(programme, each * share * p.socialOrganisations.adminShare);
      }
    }
  }

  const collective = (p.collective.incomePerHousehold * n) / 12;
  const toRegistered = collective * p.collective.toRegisteredShare;
  if (toRegistered > 0) ledger.fund(PROGRAMME.collectiveDividends, toRegistered);
  if (collective - toRegistered > 0) ledger.fund(PROGRAMME.collectivePublicGoods, collective - toRegistered);
}

/** Medical subsidies for registered households' illness bills, while the medical pool lasts. */
function payMedical(t: Township, rng: RandomStream): void {
  const h = t.households;
  const vil = t.villages;
  const rate = t.params.government.medicalSubsidyRate;
  const programme = PROGRAMME.medical;
  const needing = t.payouts.needing;
  let available = t.ledger.pool[programme]!;
  // Start at a random village so that no village is always last when money runs short.
  const first = rng.integer(vil.count);
  for (let k = 0; k < vil.count && available > 0; k += 1) {
    const v = (first + k) % vil.count;
    // The village's registered households with a bill (or an unsafe house), in index order.
    const end = t.payouts.needingEnd[v]!;
    for (let q = vil.start[v]!; q < end && available > 0; q += 1) {
      const i = needing[q]!;
      if (!h.registered[i] || h.medicalBill[i]! <= 0) continue;
      const subsidy = Math.min(h.medicalBill[i]!, rate * h.illnessCost[i]!, available);
      h.medicalBill[i] = h.medicalBill[i]! - subsidy;
      available -= subsidy;
      payDirect(t, programme, i, subsidy, CASH, true);
    }
  }
}

/** Mutual aid: each organisation pays a share of the remaining bills in its villages. */
function payMutualAid(t: Township, spendable: number): void {
  const participants = t.socialOrganisations.filter((o) => o.participating && o.villages.length > 0);
  if (participants.length === 0 || !(spendable > 0)) return;
  const h = t.households;
  const vil = t.villages;
  const coverage = t.params.socialOrganisations.mutualAidCoverage;
  const useRegister = t.params.socialOrganisations.targeting === 'register';
  // Mutual-aid platforms are run jointly: every organisation's mutual-aid money reaches platform
  // villages as well as its own.
  const platformVillages: number[] = [];
  for (let v = 0; v < vil.count; v += 1) if (vil.mutualAidPlatform[v]) platformVillages.push(v);
  for (const organisation of participants) {
    let available = spendable / participants.length;
    const reach = platformVillages.length === 0 ? organisation.villages : [...new Set([...organisation.villages, ...platformVillages])].sort((a, b) => a - b);
    for (const v of reach) {
      const everyone = vil.mutualAidPlatform[v] === 1;
      const byList = !everyone && useRegister;
      const end = vil.start[v + 1]!;
      for (let i = vil.start[v]!; i < end && available > 0; i += 1) {
        if (h.medicalBill[i]! <= 0) continue;
        const eligible = everyone || (useRegister ? onPayoutList(t, i) : h.platformTarget[i] === 1);
        if (!eligible) continue;
        const help = Math.min(h.medicalBill[i]! * coverage, available);
        h.medicalBill[i] = h.medicalBill[i]! - help;
        available -= help;
        payDirect(t, PROGRAMME.mutualAid, i, help, CASH, byList);
      }
    }
  }
}

/**
 * Renovates unsafe houses of registered households with the renovation money, whole houses while it
 * lasts, village by village from a random first village (so that no village is always last).
 * Returns whether a registered household's unsafe house is still waiting for money.
 */
function renovate(t: Township, budget: number, rng: RandomStream): { waiting: boolean } {
  const h = t.households;
  const cost = t.params.government.renovationCost;
  const needing = t.payouts.needing;
  const villages = t.villages.count;
  const first = rng.integer(villages);
  let spent = 0;
  let waiting = false;
  for (let k = 0; k < villages; k += 1) {
    const v = (first + k) % villages;
    // The village's registered households with an unsafe house (or a medical bill), in index order.
    const end = t.payouts.needingEnd[v]!;
    for (let q = t.villages.start[v]!; q < end; q += 1) {
      const i = needing[q]!;
      if (!h.registered[i] || !h.unsafeHousing[i]) continue;
      if (budget - spent < cost) {
        waiting = true;
        continue;
      }
      h.unsafeHousing[i] = 0;
      h.history[i] = h.history[i]! | RENOVATED;
      h.assets[i] = h.assets[i]! + RENOVATION_ASSET_GAIN;
      spent += cost;
      if (cost > 0) payDirect(t, PROGRAMME.renovation, i, cost, IN_KIND, true);
    }
  }
  return { waiting };
}

/** Training places: each organisation trains as many labourers as its money pays for. */
function train(t: Township, month: number, spendable: number, rng: RandomStream): void {
  const participants = t.socialOrganisations.filter((o) => o.participating && o.villages.length > 0);
  const so = t.params.socialOrganisations;
  if (participants.length === 0 || !(spendable > 0)) return;
  const h = t.households;
  const vil = t.villages;
  const viaPlatform = t.params.platforms.training;
  const eligibleByRule: number[] = [];
  const eligibleByPlatform: number[] = [];
  for (const organisation of participants) {
    const places = Math.floor(spendable / participants.length / so.trainingCost);
    if (places <= 0) continue;
    eligibleByRule.length = 0;
    eligibleByPlatform.length = 0;
    for (const v of organisation.villages) {
      const end = vil.start[v + 1]!;
      for (let i = vil.start[v]!; i < end; i += 1) {
        if (h.labourers[i] === 0 || month - h.lastTrained[i]! < 12) continue;
        if (h.platformTarget[i]) eligibleByPlatform.push(i);
        const byRule = so.targeting === 'register' ? onPayoutList(t, i) : h.platformTarget[i] === 1;
        if (byRule) eligibleByRule.push(i);
      }
    }
    rng.shuffle(eligibleByRule);
    rng.shuffle(eligibleByPlatform);
    const platformPlaces = Math.round(viaPlatform * places);
    let trained = 0;
    const byList = so.targeting === 'register';
    const trainOne = (i: number, chosenByList: boolean): void => {
      if (month - h.lastTrained[i]! < 12) return; // trained in the last year (or by another organisation now)
      h.skill[i] = h.skill[i]! + so.trainingSkillGain;
      h.lastTrained[i] = month;
      h.awareness[i] = Math.min(1, h.awareness[i]! + TRAINING_AWARENESS_GAIN);
      payDirect(t, PROGRAMME.training, i, so.trainingCost, IN_KIND, chosenByList);
      trained += 1;
    };
    for (let k = 0; k < eligibleByPlatform.length && trained < platformPlaces; k += 1) trainOne(eligibleByPlatform[k]!, false);
    for (let k = 0; k < eligibleByRule.length && trained < places; k += 1) trainOne(eligibleByRule[k]!, byList);
  }
}

/**
 * Pays this month's assistance from every programme. The handouts' household passes run on
 * `passes` (worker threads, or by default this thread); the rest runs here.
 */
export function assist(t: Township, month: number, rng: RandomStream, passes: HandoutPasses = handoutsInThread(t)): void {
  const p = t.params;
  const ledger = t.ledger;
  const c = t.payouts;
  passes.countPayouts();
  // Each month a programme offers all the money in its pool: this month's funding plus whatever
  // found no recipient before.
  const spendable = (programme: number): number => ledger.pool[programme]!;

  // Government.
  payMedical(t, rng);
  spreadOverVillages(t, passes, PROGRAMME.transfers, null, spendable(PROGRAMME.transfers), (v) => c.payoutPersons[v]!, PAYOUT_PERSONS, CASH, true);
  spreadOverVillages(t, passes, PROGRAMME.industry, null, spendable(PROGRAMME.industry), (v) => c.payoutHouseholds[v]!, PAYOUT_HOUSEHOLDS, CAPITAL, true);
  // Renovation money renovates whole houses; while a registered household's unsafe house waits, the
  // rest is saved for it, otherwise it joins this month's infrastructure money.
  const houses = renovate(t, spendable(PROGRAMME.renovation), rng);
  if (!houses.waiting) ledger.move(PROGRAMME.renovation, PROGRAMME.infrastructure, ledger.pool[PROGRAMME.renovation]!);
  spreadInfrastructure(t, passes, spendable(PROGRAMME.infrastructure));

  // Enterprises.
  const activeEnterprises = t.enterprises.filter((e) => e.participating && e.partnerVillages.length > 0);
  if (activeEnterprises.length > 0) {
    const dividends = spendable(PROGRAMME.enterpriseDividends) / activeEnterprises.length;
    const cooperation = spendable(PROGRAMME.enterpriseCollective) / activeEnterprises.length;
    for (const enterprise of activeEnterprises) {
      spreadOverVillages(t, passes, PROGRAMME.enterpriseDividends, enterprise.partnerVillages, dividends, (v) => c.payoutHouseholds[v]!, PAYOUT_HOUSEHOLDS, CASH, true);
      spendCollective(t, passes, PROGRAMME.enterpriseCollective, enterprise.partnerVillages, cooperation);
    }
  }

  // Social organisations.
  const activeOrganisations = t.socialOrganisations.filter((o) => o.participating && o.villages.length > 0);
  if (activeOrganisations.length > 0) {
    const donations = spendable(PROGRAMME.donations) / activeOrganisations.length;
    const register = p.socialOrganisations.targeting === 'register';
    for (const organisation of activeOrganisations) {
      if (register) {
        spreadOverVillages(t, passes, PROGRAMME.donations, organisation.villages, donations, (v) => c.payoutHouseholds[v]!, PAYOUT_HOUSEHOLDS, CASH, true);
      } else {
        spreadOverVillages(t, passes, PROGRAMME.donations, organisation.villages, donations, (v) => c.platformHouseholds[v]!, PLATFORM_HOUSEHOLDS, CASH, false);
      }
    }
    payMutualAid(t, spendable(PROGRAMME.mutualAid));
    train(t, month, spendable(PROGRAMME.training), rng);
  }

  // Village collectives: dividends to registered households, public goods for all. Money for a
  // village with no registered household stays in the pool and is spread again next month.
  spreadOverVillages(t, passes, PROGRAMME.collectiveDividends, null, spendable(PROGRAMME.collectiveDividends), (v) => t.villages.start[v + 1]! - t.villages.start[v]!, PAYOUT_HOUSEHOLDS, CASH, true);
  spreadOverVillages(t, passes, PROGRAMME.collectivePublicGoods, null, spendable(PROGRAMME.collectivePublicGoods), (v) => t.villages.start[v + 1]! - t.villages.start[v]!, ALL_PERSONS, IN_KIND, true);
}

/** Enterprise cooperation income to partner collectives, spent by the collective rule. */
function spendCollective(t: Township, passes: HandoutPasses, programme: number, villages: readonly number[], amount: number): void {
  const share = t.params.collective.toRegisteredShare;
  const householdsOf = (v: number): number => t.villages.start[v + 1]! - t.villages.start[v]!;
  spreadOverVillages(t, passes, programme, villages, amount * share, householdsOf, PAYOUT_HOUSEHOLDS, CASH, true);
  spreadOverVillages(t, passes, programme, villages, amount * (1 - share), householdsOf, ALL_PERSONS, IN_KIND, true);
}

/** Infrastructure works: by this year's village weights, a public good that raises earnings. */
function spreadInfrastructure(t: Township, passes: HandoutPasses, amount: number): void {
  if (!(amount > 0)) return;
  const vil = t.villages;
  const village = (k: number): number => k;
  const share = (v: number): number => amount * vil.infrastructureWeight[v]!;
  handOut(t, passes, PROGRAMME.infrastructure, vil.count, village, share, ALL_PERSONS, IN_KIND, true, (v, delivered) => {
    const households = vil.start[v + 1]! - vil.start[v]!;
    if (households > 0) vil.infrastructure[v] = vil.infrastructure[v]! + delivered / households;
  });
}
