/**
 * The money ledger: every yuan of every source's budget ends in exactly one of five places -
 * received by poor households, received by non-poor households, diverted, spent on
 * administration, or unspent (still in a programme's pool, or promised and withheld).
 *
 *   budget = toPoor + toNonPoor + diverted + administration + unspent   (for each source, always)
 *
 * Money enters a programme's pool when it is funded (monthly) and leaves it only through the
 * methods below, so the identity holds by construction; tests check it on random scenarios.
 * "Poor" is the household's targeting status when it receives the money (see Households.poor): its
 * need before the programme.
 *
 * Beside the identity, the ledger keeps what the targeting metrics need by programme: the yuan to
 * non-poor households, the yuan paid as untargeted public goods (shared by every person of a
 * village, whatever their status), and the yuan received by each tenth of persons (Households.decile).
 */
import { PERSON_DECILES } from '../metrics/index.js';

export const SOURCES = ['government', 'enterprises', 'socialOrganisations', 'collective'] as const;
export type Source = (typeof SOURCES)[number];
export const GOVERNMENT = 0;
export const ENTERPRISES = 1;
export const SOCIAL_ORGANISATIONS = 2;
export const COLLECTIVE = 3;

/** Programmes and the source that funds each. */
export const PROGRAMMES = [
  { name: 'transfers', source: GOVERNMENT },
  { name: 'medical', source: GOVERNMENT },
  { name: 'industry', source: GOVERNMENT },
  { name: 'infrastructure', source: GOVERNMENT },
  { name: 'renovation', source: GOVERNMENT },
  { name: 'enterpriseDividends', source: ENTERPRISES },
  { name: 'enterpriseCollective', source: ENTERPRISES },
  { name: 'training', source: SOCIAL_ORGANISATIONS },
  { name: 'donations', source: SOCIAL_ORGANISATIONS },
  { name: 'mutualAid', source: SOCIAL_ORGANISATIONS },
  { name: 'collectiveDividends', source: COLLECTIVE },
  { name: 'collectivePublicGoods', source: COLLECTIVE },
] as const;

export type ProgrammeName = (typeof PROGRAMMES)[number]['name'];

/**
 * Each programme's index in PROGRAMMES, by name (tests/model/ledger.test.ts checks the two agree).
 *
 * Written out, not built from PROGRAMMES with Object.fromEntries: V8 builds an object that starts
 * empty and gains properties along one chain of hidden classes (maps) shared by every such object
 * with the same keys in the same order. The records keyed by programme name that the observation
 * builds the same way (incidence, CGH by programme) then held objects and doubles in the fields
 * where this one holds small integers, which widened the shared fields, and every compiled
 * function that had folded in an index (payMedical, renovate, train, payMutualAid) was thrown away
 * and compiled again: about 100 ms of compiling in each sweep worker's second run (bench/README.md,
 * "Speed, ninth step"). A literal of twelve properties gets a hidden class of its own.
 */
export const PROGRAMME: Readonly<Record<ProgrammeName, number>> = {
  transfers: 0,
  medical: 1,
  industry: 2,
  infrastructure: 3,
  renovation: 4,
  enterpriseDividends: 5,
  enterpriseCollective: 6,
  training: 7,
  donations: 8,
  mutualAid: 9,
  collectiveDividends: 10,
  collectivePublicGoods: 11,
};

/** Where recovered diverted money goes back, per source. */
const RECOVERY_PROGRAMME = [PROGRAMME.transfers, PROGRAMME.enterpriseDividends, PROGRAMME.donations, PROGRAMME.collectiveDividends];

export interface SourceAccount {
  budget: number;
  toPoor: number;
  toNonPoor: number;
  diverted: number;
  administration: number;
  unspent: number;
}

export class Ledger {
  readonly budget = new Float64Array(SOURCES.length);
  readonly toPoor = new Float64Array(SOURCES.length);
  readonly toNonPoor = new Float64Array(SOURCES.length);
  readonly diverted = new Float64Array(SOURCES.length);
  readonly administration = new Float64Array(SOURCES.length);
  /** Promised by partners who withdrew: part of the budget, never spent. */
  readonly withheld = new Float64Array(SOURCES.length);
  /** Money available to each programme. */
  readonly pool = new Float64Array(PROGRAMMES.length);
  /** Received by households over the run, by programme (for reporting). */
  readonly paidByProgramme = new Float64Array(PROGRAMMES.length);
  /** Of it, received by non-poor households. */
  readonly paidToNonPoorByProgramme = new Float64Array(PROGRAMMES.length);
  /** Of it, paid as untargeted public goods (every person of a village alike). */
  readonly publicGoodsByProgramme = new Float64Array(PROGRAMMES.length);
  /** Of the public goods, received by non-poor households. */
  readonly publicGoodsToNonPoorByProgramme = new Float64Array(PROGRAMMES.length);
  /**
   * Received by each tenth of persons, by programme: entry programme x PERSON_DECILES + decile.
   * Written by the payment code household by household (see assistance.ts), not by `paid`.
   */
  readonly paidByProgrammeDecile = new Float64Array(PROGRAMMES.length * PERSON_DECILES);
  /**
   * Yuan that reached households tied to cadres through a favour: paid because the household is on
   * the payout list, while it is there without being registered, or registered by the cadres'
   * favouritism or thanks to the appraisal's bias. Written by the payment code (assistance.ts).
   */
  byFavour = 0;

  /** Adds `amount` yuan to a programme's budget and pool. */
  fund(programme: number, amount: number): void {
    const source = PROGRAMMES[programme]!.source;
    this.budget[source]! += amount;
    this.pool[programme]! += amount;
  }

  /** Records a promised `amount` the source did not deliver (counted in budget and unspent). */
  withhold(source: number, amount: number): void {
    this.budget[source]! += amount;
    this.withheld[source]! += amount;
  }

  /** Spends `amount` from the pool on administration. */
  administer(programme: number, amount: number): void {
    const source = PROGRAMMES[programme]!.source;
    this.pool[programme]! -= amount;
    this.administration[source]! += amount;
  }

  /**
   * Books payments to households, already summed by their status at receipt; `publicGood` when they
   * were an untargeted public good (shared by every person of a village).
   */
  paid(programme: number, toPoor: number, toNonPoor: number, publicGood = false): void {
    const source = PROGRAMMES[programme]!.source;
    this.pool[programme]! -= toPoor + toNonPoor;
    this.toPoor[source]! += toPoor;
    this.toNonPoor[source]! += toNonPoor;
    this.paidByProgramme[programme]! += toPoor + toNonPoor;
    this.paidToNonPoorByProgramme[programme]! += toNonPoor;
    if (publicGood) {
      this.publicGoodsByProgramme[programme]! += toPoor + toNonPoor;
      this.publicGoodsToNonPoorByProgramme[programme]! += toNonPoor;
    }
  }

  /** Moves `amount` from the pool to diverted (pocketed, or used by others than households). */
  divert(programme: number, amount: number): void {
    const source = PROGRAMMES[programme]!.source;
    this.pool[programme]! -= amount;
    this.diverted[source]! += amount;
  }

  /** Moves `amount` from one programme's pool to another's of the same source. */
  move(from: number, to: number, amount: number): void {
    if (PROGRAMMES[from]!.source !== PROGRAMMES[to]!.source) throw new RangeError('money moves only between programmes of one source');
    this.pool[from]! -= amount;
    this.pool[to]! += amount;
  }

  /** Returns recovered diverted money to the source's main programme, to be spent again. */
  recover(source: number, amount: number): void {
    this.diverted[source]! -= amount;
    this.pool[RECOVERY_PROGRAMME[source]!]! += amount;
  }

  /** Money still in the source's pools plus what was withheld. */
  unspent(source: number): number {
    let total = this.withheld[source]!;
    for (let p = 0; p < PROGRAMMES.length; p += 1) if (PROGRAMMES[p]!.source === source) total += this.pool[p]!;
    return total;
  }

  account(source: number): SourceAccount {
    return {
      budget: this.budget[source]!,
      toPoor: this.toPoor[source]!,
      toNonPoor: this.toNonPoor[source]!,
      diverted: this.diverted[source]!,
      administration: this.administration[source]!,
      unspent: this.unspent(source),
    };
  }

  /** Accounts of every source, keyed by source name. */
  accounts(): Record<Source, SourceAccount> {
    const out = {} as Record<Source, SourceAccount>;
    SOURCES.forEach((name, s) => {
      out[name] = this.account(s);
    });
    return out;
  }
}
