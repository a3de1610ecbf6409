/**
 * Process 5, supervision (monthly):
 * - Eligibility audits: each registered household is audited with probability auditRate / 12; a
 *   household that is not poor is found with probability detectionProbability and removed.
 * - Village audits: each village is audited with probability villageAuditRate / 12; diverted money
 *   not yet found is found with probability detectionProbability, and recoveryRate of it goes
 *   back to the source's budget (the rest is written off and stays diverted).
 * - Sanctions: a village whose audit found anything has its cadres sanctioned, which closes
 *   sanctionIntegrityGain of the gap to full integrity (deterrence).
 * Partner accountability acts in the partners' annual decision (partners.ts), third-party
 * evaluation at the register adjustment (identification.ts).
 */
import type { RandomStream } from '../engine/rng.js';
import { SOURCES } from './ledger.js';
import type { Township } from './township.js';

function sanction(t: Township, v: number): void {
  const gain = t.params.supervision.sanctionIntegrityGain;
  t.villages.integrity[v] = t.villages.integrity[v]! + gain * (1 - t.villages.integrity[v]!);
  t.counters.sanctions += 1;
}

export function supervise(t: Township, rng: RandomStream): void {
  const h = t.households;
  const vil = t.villages;
  const s = t.params.supervision;
  const householdRate = s.auditRate / 12;
  const villageRate = s.villageAuditRate / 12;

  for (let v = 0; v < vil.count; v += 1) {
    let found = false;
    const end = vil.start[v + 1]!;
    for (let i = vil.start[v]!; i < end; i += 1) {
      if (!h.registered[i]) continue;
      const uAudit = rng.uniform();
      const uDetect = rng.uniform();
      if (uAudit < householdRate && !h.poor[i] && uDetect < s.detectionProbability) {
        h.registered[i] = 0;
        t.counters.removedByAudit += 1;
        found = true;
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
        found = true;
      }
    }
    if (found) sanction(t, v);
  }
}
