/**
 * Process 5, supervision (monthly):
 * - Eligibility audits: each registered household is audited with probability auditRate / 12; a
 *   household that is not in need is found with probability detectionProbability and removed. If it
 *   was not in need when the cadres registered it, the entry was their wrong decision and they are
 *   sanctioned; a household whose income rose after it was listed is removed without a sanction.
 * - Village audits: each village is audited with probability villageAuditRate / 12; diverted money
 *   not yet found is found with probability detectionProbability, the cadres are sanctioned, and
 *   recoveryRate of it goes back to the source's budget (the rest is written off and stays diverted).
 * - Integrity: a sanction closes sanctionIntegrityGain of the gap to full integrity; the gain fades
 *   with half-life sanctionHalfLife back toward the integrity the cadres settle at under the
 *   township's detection risk (population.ts: detectionRisk, supervision.deterrence). So integrity
 *   rises after sanctions and falls again when none come.
 * Third-party evaluation acts at the register adjustment (identification.ts), partner
 * accountability in the partners' annual decision (partners.ts).
 *
 * Draws, village after village: two uniforms per registered household, then the village audit's
 * two, from the township's supervision stream or (simulation.streams 'village') the village's own.
 * The household audits go village by village (auditVillages), so they can run on village threads;
 * the village audits, recoveries and sanctions follow in village order in the main thread.
 */
import type { RandomStream } from '../engine/rng.js';
import { SOURCES } from './ledger.js';
import { ENTERED_POOR, type Township, type VillageColumns } from './township.js';

/** Sanctions the cadres of village v for a wrong decision of their own: integrity jumps up. */
export function sanction(t: Township, v: number): void {
  raiseIntegrity(t, v);
  t.counters.sanctions += 1;
}

/** What a sanction does to village v's cadres (the caller counts it): their integrity jumps up. */
export function raiseIntegrity(t: VillageColumns, v: number): void {
  const gain = t.params.supervision.sanctionIntegrityGain;
  t.villages.integrity[v] = t.villages.integrity[v]! + gain * (1 - t.villages.integrity[v]!);
}

/** Lets each village's integrity relax for one month toward the integrity its cadres settle at. */
function relaxIntegrity(t: Township): void {
  const vil = t.villages;
  const keep = Math.pow(0.5, 1 / t.params.supervision.sanctionHalfLife);
  for (let v = 0; v < vil.count; v += 1) {
    const settled = vil.settledIntegrity[v]!;
    vil.integrity[v] = settled + keep * (vil.integrity[v]! - settled);
  }
}

/**
 * The month's supervision in this thread, every household drawing from `rng` (the township's
 * stream): the household audits ({@link auditVillages}), then {@link auditVillagesAndSanction}.
 */
export function supervise(t: Township, rng: RandomStream): void {
  t.counters.removedByAudit += auditVillages(t, 0, t.villages.count, rng, null);
  auditVillagesAndSanction(t);
}

/**
 * The rest of the month's supervision once the households are audited ({@link auditVillages}, in
 * this thread or on village threads): integrity relaxes, then, in village order, each village's
 * audit (from the draws auditVillages kept) and the sanctions, at most one a village a month.
 */
export function auditVillagesAndSanction(t: Township): void {
  const vil = t.villages;
  const s = t.params.supervision;
  const villageRate = s.villageAuditRate / 12;

  relaxIntegrity(t);
  for (let v = 0; v < vil.count; v += 1) {
    let wrongDecisionFound = vil.auditFound[v] === 1;
    const uAudit = vil.auditDraws[2 * v]!;
    const uDetect = vil.auditDraws[2 * v + 1]!;
    if (uAudit < villageRate) {
      let hidden = 0;
      for (let source = 0; source < SOURCES.length; source += 1) hidden += vil.hiddenDiversion[source]![v]!;
      if (hidden > 0 && uDetect < s.detectionProbability) {
        for (let source = 0; source < SOURCES.length; source += 1) {
          const amount = vil.hiddenDiversion[source]![v]! * s.recoveryRate;
          if (amount > 0) t.ledger.recover(source, amount);
          t.counters.recovered += amount;
          vil.hiddenDiversion[source]![v] = 0;
        }
        wrongDecisionFound = true;
      }
    }
    if (wrongDecisionFound) sanction(t, v);
  }
}

/**
 * The eligibility audits of the households of villages [from, to): each registered household draws
 * two uniforms (audit, detection), and a household found not in need is removed; then the village
 * draws the two uniforms of its own audit, kept in `villages.auditDraws` for
 * {@link auditVillagesAndSanction}, and
 * whether a household audit found a wrong decision of its cadres goes in `villages.auditFound`.
 * The draws come from `rng` in village order, or, with `states` (simulation.streams 'village', 4
 * words per village), each village's from its own stream, so village ranges can run on different
 * threads. Returns the households removed (a whole number: the ranges' counts add up in any order).
 */
export function auditVillages(t: VillageColumns, from: number, to: number, rng: RandomStream, states: Int32Array | null): number {
  const h = t.households;
  const vil = t.villages;
  const s = t.params.supervision;
  const householdRate = s.auditRate / 12;
  const detection = s.detectionProbability;
  const registered = h.registered;
  const poor = h.poor;
  const history = h.history;
  let removed = 0;
  for (let v = from; v < to; v += 1) {
    if (states !== null) rng.loadState(states, 4 * v);
    let wrongDecisionFound = false;
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      if (!registered[i]) continue;
      const uAudit = rng.uniform();
      const uDetect = rng.uniform();
      if (uAudit < householdRate && !poor[i] && uDetect < detection) {
        registered[i] = 0;
        removed += 1;
        if ((history[i]! & ENTERED_POOR) === 0) wrongDecisionFound = true;
      }
    }
    vil.auditFound[v] = wrongDecisionFound ? 1 : 0;
    vil.auditDraws[2 * v] = rng.uniform();
    vil.auditDraws[2 * v + 1] = rng.uniform();
    if (states !== null) rng.saveState(states, 4 * v);
  }
  return removed;
}
