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

export function supervise(t: Township, rng: RandomStream): void {
  const h = t.households;
  const vil = t.villages;
  const s = t.params.supervision;
  const householdRate = s.auditRate / 12;
  const villageRate = s.villageAuditRate / 12;

  relaxIntegrity(t);
  for (let v = 0; v < vil.count; v += 1) {
    let wrongDecisionFound = false;
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      if (!h.registered[i]) continue;
      const uAudit = rng.uniform();
      const uDetect = rng.uniform();
      if (uAudit < householdRate && !h.poor[i] && uDetect < s.detectionProbability) {
        h.registered[i] = 0;
        t.counters.removedByAudit += 1;
        if ((h.history[i]! & ENTERED_POOR) === 0) wrongDecisionFound = true;
      }
    }

    const uAudit = rng.uniform();
    const uDetect = rng.uniform();
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
