/**
 * A fingerprint of the model's behaviour: the SHA-256 of a tiny fixed run's results. Two builds of
 * povsim that would give different numbers have different fingerprints, whatever their version
 * string says; resuming or merging a sweep across them is refused.
 */
import { createHash } from 'node:crypto';
import { defaultParams, type Params } from './parameters.js';
import { simulateParams } from './simulate.js';

let cached: string | null = null;

/** SHA-256 (hex) of the results of 200 default households over 14 months, seed 1 (a few ms). */
export function modelFingerprint(): string {
  if (cached === null) {
    const params: Params = {
      ...defaultParams,
      township: { ...defaultParams.township, households: 200, villages: 4 },
      simulation: { ...defaultParams.simulation, months: 14 },
    };
    const result = simulateParams(params, { seed: 1 });
    cached = createHash('sha256').update(JSON.stringify(result.series)).digest('hex');
  }
  return cached;
}
