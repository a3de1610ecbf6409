/**
 * The annual decisions of enterprises and social organisations (at the start of each year, after
 * the register is adjusted): whether to take part, which villages enterprises partner with, whom
 * the organisations' own platform counts as poor, who gets the enterprise jobs, and how the year's
 * infrastructure money is split among villages. All draws come from the `partners` stream; with
 * simulation.streams 'village' the households' own draws (the platform's assessment, the hiring
 * noise and the platform's queue) come from their village's partners stream instead, so that those
 * passes can run village by village on threads.
 */
import type { RandomStream } from '../engine/rng.js';
import { DISABLED, type Scratch, type Township, type VillageColumns } from './township.js';
import { logIncome } from './pmt.js';
import { rankOrder } from '../metrics/index.js';

/** SD of the noise in employers' view of a worker's productivity (log earnings). */
const HIRING_NOISE = 0.2;

/** Chance a partner takes part this year: base, raised by rewards, and enforced by accountability. */
function takesPart(base: number, reward: number, accountability: number, rng: RandomStream): boolean {
  const uJoin = rng.uniform();
  const uHeld = rng.uniform();
  const probability = base + (1 - base) * reward;
  return uJoin < probability || uHeld < accountability;
}

export function decideParticipation(t: Township, rng: RandomStream): void {
  const reward = t.params.incentives.partnerReward;
  const accountability = t.params.supervision.partnerAccountability;
  for (const enterprise of t.enterprises) {
    enterprise.participating = takesPart(t.params.enterprises.participation, reward, accountability, rng);
  }
  for (const organisation of t.socialOrganisations) {
    organisation.participating = takesPart(t.params.socialOrganisations.participation, reward, accountability, rng);
  }
}

function registeredPerVillage(t: Township): Float64Array {
  const vil = t.villages;
  const registered = t.households.registered;
  const counts = new Float64Array(vil.count);
  for (let v = 0; v < vil.count; v += 1) {
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) counts[v]! += registered[i]!;
  }
  return counts;
}

/**
 * Each enterprise picks its partner villages once, at month 0, by weighted sampling without
 * replacement (Efraimidis-Spirakis keys): weight exp(2 x capacity) under `capacity`, registered
 * households under `need`, equal under `random`.
 */
export function choosePartnerVillages(t: Township, rng: RandomStream): void {
  const vil = t.villages;
  const rule = t.params.enterprises.partnerSelection;
  const registered = registeredPerVillage(t);
  const k = Math.min(t.params.enterprises.partnerVillages, vil.count);
  for (const enterprise of t.enterprises) {
    const keys: { v: number; key: number }[] = [];
    for (let v = 0; v < vil.count; v += 1) {
      const u = rng.uniform();
      const weight = rule === 'capacity' ? Math.exp(2 * vil.capacity[v]!) : rule === 'need' ? registered[v]! + 1e-6 : 1;
      keys.push({ v, key: -Math.log(1 - u) / weight });
    }
    keys.sort((a, b) => a.key - b.key || a.v - b.v);
    enterprise.partnerVillages.length = 0;
    for (let j = 0; j < k; j += 1) enterprise.partnerVillages.push(keys[j]!.v);
    enterprise.partnerVillages.sort((a, b) => a - b);
  }
}

/** The organisations' own platform for the whole township from one stream: {@link assessVillages}. */
export function assessByPlatform(t: Township, rng: RandomStream): void {
  assessVillages(t, 0, t.villages.count, rng, null);
}

/**
 * The organisations' own platform: a noisy income assessment of every household of villages
 * [from, to) (one normal draw each). Draws from `rng` in household order, or, with `states`
 * (simulation.streams 'village', 4 words per village), each village from its own partners stream.
 */
export function assessVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): void {
  const h = t.households;
  const vil = t.villages;
  const noise = t.params.socialOrganisations.ownNoise;
  const line = Math.log(t.params.township.povertyLine);
  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      const estimate = logIncome(h.marketIncome[i]!) + noise * rng.normal();
      h.platformTarget[i] = estimate < line ? 1 : 0;
    }
    if (states !== null) rng.saveState(states, 4 * v);
  }
}

/**
 * Hiring's working memory, in the township's scratch (free at the year's end, when hiring runs):
 * what {@link drawHiringVillages} leaves for {@link hireWorkers}. On the column maker's memory, so
 * village threads can write it. A class, not an object literal, for the reason township.ts gives.
 */
export class HiringColumns {
  /** Minus each household's productivity as employers see it: the scratch values. */
  readonly negativeProductivity: Float64Array;
  /** Each household's place in the platform's queue (uniform): the ranking's work buffer, read before the ranking. */
  readonly queueKey: Float32Array;

  /** Hiring's memory in `scratch` (no new memory). */
  constructor(scratch: Scratch) {
    const work = scratch.rank.work;
    this.negativeProductivity = scratch.values;
    this.queueKey = new Float32Array(work.buffer, work.byteOffset, scratch.values.length);
  }
}

/** Hiring's memory in `scratch` (no new memory). */
export function allocateHiringColumns(scratch: Scratch): HiringColumns {
  return new HiringColumns(scratch);
}

/**
 * Hiring's draws for the households of villages [from, to): every household draws the same two
 * values every year (hiring noise, then place in the platform's queue), so the stream stays aligned
 * across scenarios; nobody is employed until {@link hireWorkers} hires. Draws from `rng` in
 * household order, or, with `states`, each village from its own partners stream.
 */
export function drawHiringVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): void {
  const h = t.households;
  const vil = t.villages;
  const skillReturn = t.params.economy.skillReturn;
  const { negativeProductivity, queueKey } = t.hiring;
  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      const productivity = skillReturn * h.skill[i]! + h.ability[i]! + HIRING_NOISE * rng.normal();
      queueKey[i] = rng.uniform();
      negativeProductivity[i] = -productivity;
      h.employer[i] = -1;
    }
    if (states !== null) rng.saveState(states, 4 * v);
  }
}

/**
 * Fills every enterprise job for the year. Job seekers are households with a labourer at home and
 * no disabled member. A share `platforms.opportunities` of each enterprise's jobs goes through the
 * job-matching platform (platform-assessed poor households first, in random order); the rest by
 * the enterprise's rule: by productivity (skill and ability as employers see them), or, for a
 * participating enterprise hiring `registeredFirst`, registered households first.
 *
 * Employers see productivity = skillReturn x skill + ability + noise and take the most productive
 * first, ties to the lower household index. The ranking is one rankOrder of -productivity over all
 * households (ascending, ties by index: exactly that order), walked past non-seekers; it uses the
 * township's scratch memory, free at the year's end.
 *
 * @param draw - fills HiringColumns for every household ({@link drawHiringVillages} over every
 *   village, in this thread or on village threads); by default from `rng` in household order.
 */
export function hireWorkers(
  t: Township,
  month: number,
  rng: RandomStream,
  draw: () => void = () => drawHiringVillages(t, 0, t.villages.count, rng, null),
): void {
  const h = t.households;
  const n = h.count;
  const negativeProductivity = t.hiring.negativeProductivity;
  const platformSeekers = t.scratch.rank.work; // free once the ranking below is done
  draw();
  // Copied out before the ranking, which uses the memory the queue keys were drawn into.
  const queueKey = t.hiring.queueKey.slice(0, n);
  let platformCount = 0;
  const byProductivity = rankOrder(negativeProductivity.subarray(0, n), t.scratch.rank);
  for (let i = 0; i < n; i += 1) if (isSeeker(t, i) && h.platformTarget[i]) platformSeekers[platformCount++] = i;
  // The platform's queue: its poor job seekers in random order, by queue key, ties to the lower
  // household index. The seekers are listed in index order, so rankOrder of their keys (ties by
  // position) gives exactly that order, without a comparator called a million times at scale.
  const seekerKeys = negativeProductivity.subarray(0, platformCount); // free once byProductivity is ranked
  for (let k = 0; k < platformCount; k += 1) seekerKeys[k] = queueKey[platformSeekers[k]!]!;
  const queueOrder = rankOrder(seekerKeys);
  const platformQueue = new Uint32Array(platformCount);
  for (let k = 0; k < platformCount; k += 1) platformQueue[k] = platformSeekers[queueOrder[k]!]!;

  let platformCursor = 0;
  let registeredCursor = 0;
  let allCursor = 0;
  const hire = (i: number, enterprise: number): boolean => {
    if (h.employer[i] !== -1) return false;
    h.employer[i] = enterprise;
    return true;
  };
  const fromPlatform = (enterprise: number): boolean => {
    while (platformCursor < platformCount) if (hire(platformQueue[platformCursor++]!, enterprise)) return true;
    return false;
  };
  const fromRegistered = (enterprise: number): boolean => {
    while (registeredCursor < n) {
      const i = byProductivity[registeredCursor++]!;
      if (isSeeker(t, i) && h.registered[i] && hire(i, enterprise)) return true;
    }
    return false;
  };
  const fromAll = (enterprise: number): boolean => {
    while (allCursor < n) {
      const i = byProductivity[allCursor++]!;
      if (isSeeker(t, i) && hire(i, enterprise)) return true;
    }
    return false;
  };

  const opportunities = t.params.platforms.opportunities;
  t.enterprises.forEach((enterprise, index) => {
    const viaPlatform = Math.round(opportunities * enterprise.jobs);
    let hired = 0;
    while (hired < viaPlatform && fromPlatform(index)) hired += 1;
    const registeredFirst = enterprise.participating && t.params.enterprises.hiring === 'registeredFirst';
    while (hired < enterprise.jobs && registeredFirst && fromRegistered(index)) hired += 1;
    while (hired < enterprise.jobs && fromAll(index)) hired += 1;
  });
}

/** A job seeker: a labourer at home and no disabled member. */
function isSeeker(t: Township, i: number): boolean {
  return t.households.labourers[i] !== 0 && t.households.health[i] !== DISABLED;
}

/** This year's split of infrastructure money among villages (weights summing to 1). */
export function weighInfrastructure(t: Township): void {
  const vil = t.villages;
  const rule = t.params.government.infrastructureAllocation;
  const registered = rule === 'need' ? registeredPerVillage(t) : null;
  let total = 0;
  for (let v = 0; v < vil.count; v += 1) {
    const households = vil.start[v + 1]! - vil.start[v]!;
    const w = rule === 'capacity' ? households * Math.exp(vil.capacity[v]!) : registered ? registered[v]! : households;
    vil.infrastructureWeight[v] = w;
    total += w;
  }
  if (total <= 0) {
    // No registered household anywhere: fall back to population.
    for (let v = 0; v < vil.count; v += 1) vil.infrastructureWeight[v] = vil.start[v + 1]! - vil.start[v]!;
    total = vil.start[vil.count]!;
  }
  for (let v = 0; v < vil.count; v += 1) vil.infrastructureWeight[v] = vil.infrastructureWeight[v]! / total;
}
