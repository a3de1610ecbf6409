/**
 * Calibration samplers for `povsim calibrate`: priors, rejection ABC, ABC-SMC, history matching and
 * posterior summaries. Pure: no files, no terminal; randomness only from streams derived from the
 * calibration's seed. The simulator is supplied by the caller.
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
