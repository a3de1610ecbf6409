/**
 * The targeting metrics recomputed from the township's state by plain counting, independently of
 * the model's tallies, ledger and metric functions: who is registered, who is in need, who received
 * how many yuan from which source (Households.received) and in which tenth of persons each household
 * falls (Households.decile). The invariant property (invariants.test.ts) steps a model month by month,
 * recomputes these and compares them with what the model reports; a swapped poor and non-poor in any
 * payment's bookkeeping, a miscounted register or a wrong decile shows up as a difference.
 *
 * The only model definitions used are the state itself and `poorByOwnMeans` (a poor household lifted
 * above the line by its own means, programme assets included, is served, not excluded).
 */
import { poorByOwnMeans } from '../../src/model/economy.js';
import { SOURCES } from '../../src/model/ledger.js';
import type { Township } from '../../src/model/township.js';

/** The register against need at the end of one month, counted household by household. */
export interface RegisterCount {
  households: number;
  registered: number;
  registeredNonPoor: number;
  poor: number;
  /** Poor, not registered, and poor by their own means (not lifted by what the programme gave). */
  excluded: number;
}

export function countRegister(t: Township): RegisterCount {
  const h = t.households;
  const count: RegisterCount = { households: h.count, registered: 0, registeredNonPoor: 0, poor: 0, excluded: 0 };
  for (let i = 0; i < h.count; i += 1) {
    const registered = h.registered[i] === 1;
    const poor = h.poor[i] === 1;
    if (registered) count.registered += 1;
    if (poor) count.poor += 1;
    if (registered && !poor) count.registeredNonPoor += 1;
    if (poor && !registered && poorByOwnMeans(t, i)) count.excluded += 1;
  }
  return count;
}

/** part / whole, or null when whole is 0. */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The three targeting errors of one month's count. */
export function errorsOf(c: RegisterCount): { inclusionRegistered: number | null; inclusionNonPoor: number | null; exclusion: number | null } {
  return {
    inclusionRegistered: share(c.registeredNonPoor, c.registered),
    inclusionNonPoor: share(c.registeredNonPoor, c.households - c.poor),
    exclusion: share(c.excluded, c.poor),
  };
}

/** Mean of the values that are not null, or null. */
export function meanOfDefined(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

/**
 * Yuan received by poor and by non-poor households, by source, booked by the test: before each
 * month it notes every household's need and what it had received; after the month, what a household
 * received in it counts as received by a poor household if the household was in need when it was
 * paid (need changes only when the month closes, after the payments).
 */
export class MoneyByNeed {
  readonly toPoor = SOURCES.map(() => 0);
  readonly toNonPoor = SOURCES.map(() => 0);
  private poorBefore = new Uint8Array(0);
  private receivedBefore: Float64Array[] = [];

  /** Call just before the model steps a month. */
  before(t: Township): void {
    this.poorBefore = t.households.poor.slice();
    this.receivedBefore = t.households.received.map((column) => column.slice());
  }

  /** Call just after the model stepped the month. */
  after(t: Township): void {
    const h = t.households;
    SOURCES.forEach((_, s) => {
      const now = h.received[s]!;
      const before = this.receivedBefore[s]!;
      for (let i = 0; i < h.count; i += 1) {
        const yuan = now[i]! - before[i]!;
        if (yuan < 0) throw new Error(`household ${i}: what it received from ${SOURCES[s]} went down by ${-yuan} yuan`);
        if (this.poorBefore[i] === 1) this.toPoor[s]! += yuan;
        else this.toNonPoor[s]! += yuan;
      }
    });
  }
}

/** Benefit incidence and CGH, counted from each household's cumulative yuan and its tenth of persons. */
export interface Incidence {
  /** Yuan received in all, from the sources counted. */
  total: number;
  /** Share of the yuan received by each tenth of persons (poorest first), or null if nothing was received. */
  shares: number[] | null;
  /** Share of yuan of the poorest `k` tenths / their share of persons, for k = 4 and k = 2. */
  cgh: number | null;
  cghPoorest20: number | null;
}

export function incidenceOf(t: Township, sources: readonly number[]): Incidence {
  const h = t.households;
  const yuan = new Array<number>(10).fill(0);
  const persons = new Array<number>(10).fill(0);
  for (let i = 0; i < h.count; i += 1) {
    const decile = h.decile[i]!;
    persons[decile]! += h.size[i]!;
    for (const s of sources) yuan[decile]! += h.received[s]![i]!;
  }
  const total = yuan.reduce((a, b) => a + b, 0);
  const everyone = persons.reduce((a, b) => a + b, 0);
  const cghOf = (k: number): number | null => {
    const poorestPersons = persons.slice(0, k).reduce((a, b) => a + b, 0);
    if (total === 0 || poorestPersons === 0) return null;
    return yuan.slice(0, k).reduce((a, b) => a + b, 0) / total / (poorestPersons / everyone);
  };
  return { total, shares: total === 0 ? null : yuan.map((y) => y / total), cgh: cghOf(4), cghPoorest20: cghOf(2) };
}

/**
 * Checks the tenths of persons against incomes before the programme (call before month 0): a
 * household with a lower per-capita market income is never in a higher tenth, and each tenth holds
 * a tenth of the persons give or take one household. Returns what is wrong, or null.
 */
export function decileProblem(t: Township): string | null {
  const h = t.households;
  const order = Array.from({ length: h.count }, (_, i) => i).sort((a, b) => h.marketIncome[a]! - h.marketIncome[b]!);
  // The highest tenth among households of strictly lower income, and one of them.
  let highestBelow = -1;
  let witness = -1;
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end < order.length && h.marketIncome[order[end]!] === h.marketIncome[order[k]!]) end += 1;
    for (let j = k; j < end; j += 1) {
      const i = order[j]!;
      if (h.decile[i]! < highestBelow) {
        return `household ${i} (income ${h.marketIncome[i]}) is in tenth ${h.decile[i]}, below household ${witness} (income ${h.marketIncome[witness]}) in tenth ${highestBelow}`;
      }
    }
    for (let j = k; j < end; j += 1) {
      if (h.decile[order[j]!]! > highestBelow) [highestBelow, witness] = [h.decile[order[j]!]!, order[j]!];
    }
    k = end;
  }
  const persons = new Array<number>(10).fill(0);
  let everyone = 0;
  let largest = 0;
  for (let i = 0; i < h.count; i += 1) {
    persons[h.decile[i]!]! += h.size[i]!;
    everyone += h.size[i]!;
    largest = Math.max(largest, h.size[i]!);
  }
  const off = persons.findIndex((p) => Math.abs(p - everyone / 10) > largest);
  return off === -1 ? null : `tenth ${off} holds ${persons[off]} of ${everyone} persons (households of at most ${largest})`;
}
