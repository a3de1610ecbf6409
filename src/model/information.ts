/**
 * Process 2, information: policy awareness rises with the communication platform, public posting
 * and word of mouth, and decays without them. No randomness: awareness is a share of what there is
 * to know, and it moves deterministically. Word of mouth is the imitation term of Bass (1969)
 * diffusion: what a household does not yet know, it learns from neighbours at a rate proportional
 * to how much its village knows.
 *
 *   a' = a + (communication * platformGain + posting_v * postingGain + neighbourInfluence * mean_v) * (1 - a)
 *          - decay * a,  clipped to [0, 1]
 */
import type { Township, VillageColumns } from './township.js';

/** Mean awareness of the households of villages [from, to), into `villages.meanAwareness`. */
export function updateVillageAwareness(t: VillageColumns, from: number, to: number): void {
  const h = t.households;
  const vil = t.villages;
  for (let v = from; v < to; v += 1) {
    const start = vil.start[v]!;
    const end = vil.start[v + 1]!;
    let sum = 0;
    for (let i = start; i < end; i += 1) sum += h.awareness[i]!;
    vil.meanAwareness[v] = end > start ? sum / (end - start) : 0;
  }
}

/** The month's information for the whole township ({@link informVillages} over every village). */
export function inform(t: Township): void {
  informVillages(t, 0, t.villages.count);
}

/**
 * The month's awareness update of villages [from, to). Each village's households read only their
 * village's mean, so village ranges can run on different threads (src/parallel) with the same result.
 */
export function informVillages(t: VillageColumns, from: number, to: number): void {
  const h = t.households;
  const vil = t.villages;
  const info = t.params.information;
  const platform = t.params.platforms.communication * info.platformGain;
  const awareness = h.awareness;
  const { neighbourInfluence, decay } = info;
  // Village by village: the mean from the village's awareness before the update, then the update,
  // while the village's households are in cache.
  for (let v = from; v < to; v += 1) {
    const start = vil.start[v]!;
    const end = vil.start[v + 1]!;
    updateVillageAwareness(t, v, v + 1);
    const mean = vil.meanAwareness[v]!;
    const gain = platform + (vil.posting[v] ? info.postingGain : 0) + neighbourInfluence * mean;
    for (let i = start; i < end; i += 1) {
      const a = awareness[i]!;
      const next = a + gain * (1 - a) - decay * a;
      awareness[i] = next < 0 ? 0 : next > 1 ? 1 : next;
    }
  }
}
