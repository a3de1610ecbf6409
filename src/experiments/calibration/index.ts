/**
 * `povsim calibrate`: the samplers (priors, rejection ABC, ABC-SMC, history matching, posterior
 * summaries; pure: no files, no terminal, randomness only from streams derived from the
 * calibration's seed, the simulator supplied by the caller), the targets file, and the driver that
 * runs them on the worker pool into an output folder (calibrate.ts, journal.ts).
 */
export * from './priors.js';
export * from './problem.js';
export * from './rejection.js';
export * from './kernel.js';
export * from './smc.js';
export * from './history-matching.js';
export * from './summaries.js';
export * from './targets-file.js';
export * from './target-values.js';
export * from './outputs.js';
export * from './calibrate.js';
