/**
 * No-regression snapshot of the model's exact output: a SHA-256 of the JSON of whole runs (every
 * monthly record, the ledger, counters) for a few configurations that between them take every
 * branch of the rules (each identification method, quota and threshold, register and platform
 * targeting, partners, housing floor, need-based allocation, a village with few households, and a
 * household count that is not a multiple of 10, so that tenths of persons and village sizes are
 * uneven and a household straddles each decile boundary).
 *
 * It exists so that work on speed cannot change a number unnoticed. When the model is changed ON
 * PURPOSE, update them (`npx vitest run tests/model/golden.test.ts -u`) and say so in the commit
 * (the last time: issue 14's sixth step, whose faster exponential moved last bits and fixed a
 * rounding residue counted as cash; docs/validation.md says what changed each time).
 * JSON prints each double exactly (shortest round trip), and V8's Math functions are its own
 * software ones, so the fingerprints are the same on every machine.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulateParams } from '../../src/model/simulate.js';
import { params, type ParamChanges } from './helpers.js';

const small = { township: { households: 700, villages: 7 }, simulation: { months: 26 } } as const;

const configurations: Record<string, ParamChanges> = {
  defaults: small,
  community_quota_exit_pressure: {
    ...small,
    identification: { method: 'community', selection: 'quota', quota: 0.1 },
    incentives: { cadreEvaluation: 'exitCounts', evaluationPressure: 0.8 },
    cadres: { meanIntegrity: 0.5 },
  },
  verification_threshold_platforms: {
    ...small,
    identification: { method: 'verification', selection: 'threshold', applicationRequired: false, verificationCost: 80 },
    platforms: { communication: 0.8, mutualAid: 1, opportunities: 0.5, training: 0.8 },
    socialOrganisations: { targeting: 'ownPlatform', budgetPerHousehold: 200 },
    enterprises: { hiring: 'registeredFirst', partnerSelection: 'need', budgetPerHousehold: 200 },
    government: { infrastructureAllocation: 'need' },
  },
  pmt_threshold_housing_floor: {
    township: { households: 650, villages: 5, housingFloor: true },
    simulation: { months: 26 },
    identification: { method: 'pmt', selection: 'threshold' },
    supervision: { auditRate: 0.5, villageAuditRate: 0.5, detectionProbability: 0.9 },
    disclosure: { postingShare: 1, challengeProbability: 0.6 },
  },
  hybrid_quota_register_partners: {
    township: { households: 500, villages: 9 },
    simulation: { months: 26 },
    identification: { method: 'hybrid', selection: 'quota' },
    socialOrganisations: { targeting: 'register', budgetPerHousehold: 150, mutualAidShare: 0.3, trainingShare: 0.3 },
    enterprises: { partnerSelection: 'random', budgetPerHousehold: 100 },
    government: { infrastructureAllocation: 'equal' },
  },
  // Recorded on 52c7b91, before the payout-list handouts were written out (issue 14, second step):
  // many tied households on the payout list, loan capture, and every partner paying by the register.
  payout_list_capital_favours: {
    township: { households: 600, villages: 4 },
    simulation: { months: 26 },
    population: { connectedShare: 0.4 },
    cadres: { handoutCapture: 0.6, listingFavouritism: 0.3, meanIntegrity: 0.4 },
    government: { industryShare: 0.6, loanCapture: 0.5 },
    enterprises: { budgetPerHousehold: 150 },
    socialOrganisations: { targeting: 'register', budgetPerHousehold: 150 },
  },
  uneven_deciles_433_households: {
    township: { households: 433, villages: 6 },
    simulation: { months: 14 },
    socialOrganisations: { budgetPerHousehold: 120 },
  },
};

function fingerprint(changes: ParamChanges, seed: number): string {
  return createHash('sha256').update(JSON.stringify(simulateParams(params(changes), { seed }))).digest('hex');
}

describe('exact output (no-regression fingerprints)', () => {
  it.each(Object.keys(configurations))('%s: same fingerprint as when recorded', (name) => {
    const prints = [1, 2].map((seed) => fingerprint(configurations[name]!, seed));
    expect(prints[0]).not.toBe(prints[1]); // the seed matters: the fingerprint is not vacuous
    expect(prints).toMatchSnapshot();
  });
});
