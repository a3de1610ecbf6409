/**
 * Builds the township at month 0: households, villages, enterprises and social organisations.
 *
 * Draw discipline (common random numbers): the `population` stream draws the same number of
 * values whatever the policy parameters are, so two scenarios on one seed start from the same
 * households. Village institutions (integrity, posting, platforms) come from the `villages`
 * stream and partners' choices from the `partners` stream.
 */
import type { Params } from './parameters.js';
import type { RandomStream, Streams } from '../engine/rng.js';
import { allocateRoundColumns } from './identification.js';
import { allocateHiringColumns } from './partners.js';
import {
  CHRONIC,
  DISABLED,
  HEALTHY,
  allocateHouseholds,
  allocatePayouts,
  allocateScratch,
  giniPartCount,
  allocateVillages,
  type Enterprise,
  type Households,
  type SocialOrganisation,
  Township,
  type Villages,
} from './township.js';

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Indices 0..n-1 in a random order. */
function randomOrder(n: number, rng: RandomStream): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  return rng.shuffle(order);
}

/**
 * The yearly chance that a cadre's wrongdoing is found: by a village audit of the accounts or by an
 * eligibility audit of the register, each finding what is there with detectionProbability.
 */
export function detectionRisk(params: Params): number {
  const s = params.supervision;
  return 1 - (1 - s.villageAuditRate * s.detectionProbability) * (1 - s.auditRate * s.detectionProbability);
}

function buildVillages(params: Params, householdCount: number, streams: Streams, sharedMemory: boolean): Villages {
  const count = Math.max(1, Math.min(params.township.villages, householdCount));
  const villages = allocateVillages(count, sharedMemory);
  for (let v = 0; v <= count; v += 1) villages.start[v] = Math.floor((v * householdCount) / count);

  const rng = streams.villages;
  const { meanIntegrity, integritySd, firstSecretaryShare, firstSecretaryIntegrity } = params.cadres;
  for (let v = 0; v < count; v += 1) {
    villages.capacity[v] = rng.normal();
    villages.integrity[v] = clamp01(meanIntegrity + integritySd * rng.normal());
  }
  // First secretaries go to the villages with the least capacity (the poor villages).
  const byCapacity = Array.from({ length: count }, (_, v) => v).sort(
    (a, b) => villages.capacity[a]! - villages.capacity[b]! || a - b,
  );
  const secretaries = Math.round(firstSecretaryShare * count);
  for (let k = 0; k < secretaries; k += 1) {
    const v = byCapacity[k]!;
    villages.firstSecretary[v] = 1;
    villages.integrity[v] = clamp01(villages.integrity[v]! + firstSecretaryIntegrity);
  }
  // Cadres start at the integrity they settle at under the township's detection risk.
  const risk = detectionRisk(params);
  for (let v = 0; v < count; v += 1) {
    const own = villages.integrity[v]!;
    villages.settledIntegrity[v] = own + (1 - own) * params.supervision.deterrence * risk;
    villages.integrity[v] = villages.settledIntegrity[v]!;
  }
  // Exact shares of villages posting lists and with a mutual-aid platform, chosen at random.
  const postingOrder = randomOrder(count, rng);
  const postingCount = Math.round(params.disclosure.postingShare * count);
  for (let k = 0; k < postingCount; k += 1) villages.posting[postingOrder[k]!] = 1;
  const aidOrder = randomOrder(count, rng);
  const aidCount = Math.round(params.platforms.mutualAid * count);
  for (let k = 0; k < aidCount; k += 1) villages.mutualAidPlatform[aidOrder[k]!] = 1;
  return villages;
}

function buildHouseholds(params: Params, streams: Streams, sharedMemory: boolean): Households {
  const n = params.township.households;
  const h = allocateHouseholds(n, sharedMemory);
  const rng = streams.population;
  const pop = params.population;
  const eco = params.economy;
  const abilitySd = eco.abilitySd;
  const tieIntercept = logit(Math.min(Math.max(pop.connectedShare, 1e-9), 1 - 1e-9));

  for (let i = 0; i < n; i += 1) {
    // How many values a household draws depends only on population parameters (never on policy).
    const uElderly = rng.uniform();
    const sizeDraw = rng.poisson(Math.max(0, pop.meanHouseholdSize - 1));
    const uCouple = rng.uniform();
    const uHealth = rng.uniform();
    const zSkill = rng.normal();
    const zAbility = rng.normal();
    const zAssets = rng.normal();
    const uTie = rng.uniform();
    const zAware = rng.normal();
    const zShock = rng.normal();
    const zRecord = rng.normal();
    const zReputation = rng.normal();
    const zConcealment = rng.normal();

    const elderly = uElderly < pop.elderlyShare;
    h.elderly[i] = elderly ? 1 : 0;
    let size: number;
    let labourers = 0;
    let migrants = 0;
    if (elderly) {
      size = uCouple < 0.6 ? 2 : 1;
    } else {
      size = 1 + Math.min(8, sizeDraw);
      // At least one working-age member; the others are labourers with probability labourShare.
      labourers = 1;
      for (let k = 1; k < size; k += 1) if (rng.uniform() < pop.labourShare) labourers += 1;
      for (let k = 0; k < labourers; k += 1) if (rng.uniform() < pop.migrantShare) migrants += 1;
      labourers -= migrants;
    }
    h.size[i] = size;
    h.labourers[i] = labourers;
    h.migrants[i] = migrants;

    const chronicShare = elderly ? Math.min(1, 2 * pop.chronicIllnessShare) : pop.chronicIllnessShare;
    h.health[i] = uHealth < pop.disabilityShare ? DISABLED : uHealth < pop.disabilityShare + chronicShare ? CHRONIC : HEALTHY;

    h.skill[i] = zSkill - (elderly ? 0.5 : 0);
    h.ability[i] = abilitySd * zAbility;
    h.familyFactor[i] = Math.exp(0.5 * h.ability[i]!);
    // Assets reflect earning ability and schooling imperfectly: what an official can see.
    h.assets[i] = 0.6 * zAbility + 0.2 * zSkill + 0.75 * zAssets;
    h.connected[i] = uTie < logistic(tieIntercept + pop.tieWealthGradient * zAbility) ? 1 : 0;
    h.awareness[i] = clamp01(pop.initialAwareness + pop.awarenessGradient * zSkill - (elderly ? 0.1 : 0) + 0.1 * zAware);
    h.effort[i] = 1;
    h.shock[i] = eco.individualShockSd * zShock;
    h.pmtRecordError[i] = zRecord;
    h.reputation[i] = zReputation;
    h.concealment[i] = zConcealment;
    h.employer[i] = -1;
    h.lastTrained[i] = -1000;
    h.registeredMonth[i] = -1;
  }
  return h;
}

/**
 * Unsafe housing: the share `unsafeHousingShare` of households with the fewest assets. Called by
 * createTownship after buildHouseholds, not at the end of it: V8 compiles buildHouseholds' loop
 * while it runs (on-stack replacement), before any code after the loop has run, and the compiled
 * loop bailed out at that code in every township a process built (bench/README.md, "Speed, ninth
 * step").
 */
function markUnsafeHousing(h: Households, unsafeHousingShare: number): void {
  const n = h.count;
  const unsafe = Math.round(unsafeHousingShare * n);
  if (unsafe <= 0) return;
  const sortedAssets = Float32Array.from(h.assets).sort();
  const cutoff = sortedAssets[Math.min(n - 1, unsafe - 1)]!;
  let marked = 0;
  for (let i = 0; i < n && marked < unsafe; i += 1) {
    if (h.assets[i]! <= cutoff) {
      h.unsafeHousing[i] = 1;
      marked += 1;
    }
  }
}

/** Splits `total` items as evenly as possible over `parts`: the first ones get one more. */
function evenSplit(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

function buildPartners(params: Params, householdCount: number, villageCount: number, streams: Streams) {
  const rng = streams.partners;
  const enterpriseCount = params.enterprises.count;
  const jobs = Math.round(params.enterprises.jobsPerHousehold * householdCount);
  const enterprises: Enterprise[] = [];
  for (let e = 0; e < enterpriseCount; e += 1) {
    enterprises.push({ partnerVillages: [], jobs: evenSplit(jobs, enterpriseCount, e), participating: false });
  }
  const socialOrganisations: SocialOrganisation[] = [];
  const perOrganisation = Math.min(params.socialOrganisations.villagesEach, villageCount);
  for (let s = 0; s < params.socialOrganisations.count; s += 1) {
    const order = randomOrder(villageCount, rng);
    socialOrganisations.push({ villages: Array.from(order.subarray(0, perOrganisation)).sort((a, b) => a - b), participating: false });
  }
  return { enterprises, socialOrganisations };
}

/**
 * A new township at month 0, before the burn-in of the economy and the first registration. With
 * `sharedMemory` the household and village columns, the handouts' buffers and the scratch (its
 * values, ranking buffers and Gini bins) are on SharedArrayBuffers, for worker threads
 * (src/parallel); same values either way.
 */
export function createTownship(params: Params, streams: Streams, sharedMemory = false): Township {
  const villages = buildVillages(params, params.township.households, streams, sharedMemory);
  const households = buildHouseholds(params, streams, sharedMemory);
  markUnsafeHousing(households, params.population.unsafeHousingShare);
  const { enterprises, socialOrganisations } = buildPartners(params, households.count, villages.count, streams);
  const scratch = allocateScratch(households.count, giniPartCount(params), sharedMemory);
  return new Township({
    params,
    households,
    villages,
    enterprises,
    socialOrganisations,
    scratch,
    payouts: allocatePayouts(villages.count, scratch, sharedMemory),
    adjustment: allocateRoundColumns(scratch, sharedMemory),
    hiring: allocateHiringColumns(scratch),
  });
}
