/**
 * The township's memory of its register against need over the last 12 months: at the end of every
 * month (observed or not) the counts behind the targeting errors are kept, so that the errors can
 * be reported as their average over the last year, not only as they stand on one day of the yearly
 * cycle (they are lowest right after an adjustment and grow as incomes move).
 */
import { poorByOwnMeans } from './economy.js';
import type { MonthTally, Township } from './township.js';

/** Months the targeting errors are averaged over. */
export const TALLY_MONTHS = 12;

/**
 * Counts the register against need now and keeps the count with the 11 before it. A household in
 * need before the programme that is not poor by its own means thanks to what the programme gave it
 * (project capital, a renovated house) is served, not excluded, whether or not it is on the register.
 */
export function tallyMonth(t: Township): void {
  const h = t.households;
  let registered = 0;
  let registeredNonPoor = 0;
  let poor = 0;
  let poorNotRegistered = 0;
  const registeredColumn = h.registered;
  const poorColumn = h.poor;
  for (let i = 0; i < h.count; i += 1) {
    const r = registeredColumn[i]!;
    const p = poorColumn[i]!;
    registered += r;
    poor += p;
    registeredNonPoor += r & (p ^ 1);
    if (p === 1 && r === 0 && poorByOwnMeans(t, i)) poorNotRegistered += 1;
  }
  const tally: MonthTally = { registered, registeredNonPoor, poor, poorNotRegistered, households: h.count };
  if (t.tallies.length === TALLY_MONTHS) t.tallies.shift();
  t.tallies.push(tally);
}
