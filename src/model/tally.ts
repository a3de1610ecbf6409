/**
 * The township's memory of its register against need over the last 12 months: at the end of every
 * month (observed or not) the counts behind the targeting errors are kept, so that the errors can
 * be reported as their average over the last year, not only as they stand on one day of the yearly
 * cycle (they are lowest right after an adjustment and grow as incomes move).
 */
import { poorByOwnMeans } from './economy.js';
import type { MonthTally, Township, VillageColumns } from './township.js';

/** Months the targeting errors are averaged over. */
export const TALLY_MONTHS = 12;

/** The register against need in some villages: what a MonthTally counts, without the households. */
export type RegisterCounts = Omit<MonthTally, 'households'>;

/**
 * Counts the register against need now in the households of villages [from, to). A household in
 * need before the programme that is not poor by its own means thanks to what the programme gave it
 * (project capital, a renovated house) is served, not excluded, whether or not it is on the register.
 * Whole numbers: the counts of village ranges add up to the township's in any order, so ranges can
 * be counted on different threads (src/parallel).
 */
export function countRegister(t: VillageColumns, from: number, to: number): RegisterCounts {
  const h = t.households;
  let registered = 0;
  let registeredNonPoor = 0;
  let poor = 0;
  let poorNotRegistered = 0;
  const registeredColumn = h.registered;
  const poorColumn = h.poor;
  const end = t.villages.start[to]!;
  for (let i = t.villages.start[from]!; i < end; i += 1) {
    const r = registeredColumn[i]!;
    const p = poorColumn[i]!;
    registered += r;
    poor += p;
    registeredNonPoor += r & (p ^ 1);
    if (p === 1 && r === 0 && poorByOwnMeans(t, i)) poorNotRegistered += 1;
  }
  return { registered, registeredNonPoor, poor, poorNotRegistered };
}

/** Keeps this month's counts of the whole township with the 11 months before it. */
export function keepTally(t: Township, counts: RegisterCounts): void {
  const tally: MonthTally = { ...counts, households: t.households.count };
  if (t.tallies.length === TALLY_MONTHS) t.tallies.shift();
  t.tallies.push(tally);
}

/** Counts the register against need in the whole township and keeps the count ({@link countRegister}, {@link keepTally}). */
export function tallyMonth(t: Township): void {
  keepTally(t, countRegister(t, 0, t.villages.count));
}
