/**
 * What a calibration writes, as text built from the samplers' results (no files here):
 * posterior.csv, predictive.csv, summary.json's content and calibrated.yaml. Every number is
 * written as JavaScript prints it, so the same result gives the same bytes.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { parseOverride } from '../../scenario/index.js';
import { csvLine } from '../csv.js';
import type { HistoryMatchingResult } from './history-matching.js';
import type { Population, RejectionPopulation } from './rejection.js';
import type { SmcResult } from './smc.js';
import { sampleQuantile } from '../stats.js';
import { effectiveSampleSize, summarizePosterior, type ParameterSummary } from './summaries.js';
import type { CalibrationSpec } from './targets-file.js';

/** What a sampler gave, by method. */
export type SamplerResult =
  | { readonly kind: 'rejection'; readonly population: RejectionPopulation }
  | { readonly kind: 'smc'; readonly result: SmcResult }
  | { readonly kind: 'history-matching'; readonly result: HistoryMatchingResult };

/** The particles the posterior summaries are taken from, with their weights. */
export interface PosteriorSample {
  readonly particles: readonly (readonly number[])[];
  readonly weights: readonly number[];
}

/**
 * The posterior sample: the last generation (ABC-SMC), the accepted draws (rejection; null if none
 * met the tolerance), or the last wave's non-implausible points, equally weighted (history
 * matching; null if none survived).
 */
export function posteriorSample(result: SamplerResult): PosteriorSample | null {
  switch (result.kind) {
    case 'rejection':
      return result.population.particles.length === 0 ? null : result.population;
    case 'smc':
      return result.result.generations[result.result.generations.length - 1] as Population;
    case 'history-matching': {
      const last = result.result.waves[result.result.waves.length - 1]!;
      const particles = last.points.filter((_, i) => last.nonImplausible[i]);
      return particles.length === 0 ? null : { particles, weights: particles.map(() => 1 / particles.length) };
    }
  }
}

/** posterior.csv: every generation's particles (ABC) or every wave's points (history matching). */
export function posteriorCsv(spec: CalibrationSpec, result: SamplerResult): string {
  const params = spec.priors.map((p) => p.name);
  const targets = spec.targets.map((t) => t.name);
  if (result.kind === 'history-matching') {
    const lines = [csvLine(['wave', 'point', ...params, 'implausibility', 'non_implausible', ...targets.map((t) => `implausibility.${t}`)])];
    for (const wave of result.result.waves) {
      wave.points.forEach((point, i) => {
        lines.push(csvLine([wave.wave, i, ...point, wave.implausibility[i], wave.nonImplausible[i], ...(wave.targetImplausibility[i] ?? [])]));
      });
    }
    return lines.join('');
  }
  const generations = result.kind === 'smc' ? result.result.generations : [result.population];
  const lines = [csvLine(['generation', 'particle', ...params, 'weight', 'distance', 'tolerance', ...targets.map((t) => `simulated.${t}`)])];
  for (const g of generations) {
    g.particles.forEach((particle, i) => {
      lines.push(csvLine([g.generation, i, ...particle, g.weights[i], g.distances[i], g.tolerance, ...(g.simulatedMeans[i] ?? [])]));
    });
  }
  return lines.join('');
}

/** One posterior-predictive draw: the particle chosen, the run's seed and the targets' values. */
export interface PredictiveDraw {
  readonly particle: readonly number[];
  readonly seed: number;
  readonly values: readonly number[];
}

/** predictive.csv: one row per draw. */
export function predictiveCsv(spec: CalibrationSpec, draws: readonly PredictiveDraw[]): string {
  const head = csvLine(['draw', 'seed', ...spec.priors.map((p) => p.name), ...spec.targets.map((t) => t.name)]);
  return head + draws.map((d, i) => csvLine([i, d.seed, ...d.particle, ...d.values])).join('');
}

/** The predictive check of one target. */
export interface PredictiveCheck {
  readonly target: string;
  readonly observed: number;
  /** The standard error or tolerance of the target. */
  readonly scale: number;
  readonly draws: number;
  readonly mean: number;
  readonly median: number;
  readonly lower90: number;
  readonly upper90: number;
  /** |median - observed| <= scale: the typical simulated value is within the target's tolerance. */
  readonly medianWithinScale: boolean;
  /** The observed value lies in the simulated values' central 90% interval. */
  readonly observedIn90: boolean;
  /** Fewer than {@link FEW_PREDICTIVE_DRAWS} draws: the 90% interval's ends are close to the smallest and largest draws. */
  readonly roughInterval: boolean;
}

/** Below this many predictive draws, the 90% interval is labelled rough. */
export const FEW_PREDICTIVE_DRAWS = 20;

/**
 * The predictive check of each target: the draws' mean, median and central 90% interval, with
 * the sample quantiles of stats.ts (type 7, as everywhere in povsim: the median of an even
 * number of draws is the mean of the middle two).
 */
export function predictiveChecks(spec: CalibrationSpec, draws: readonly PredictiveDraw[]): PredictiveCheck[] {
  if (draws.length === 0) return [];
  return spec.targets.map((t, j) => {
    const values = draws.map((d) => d.values[j] as number);
    const median = sampleQuantile(values, 0.5);
    const lower90 = sampleQuantile(values, 0.05);
    const upper90 = sampleQuantile(values, 0.95);
    return {
      target: t.name,
      observed: t.observed,
      scale: t.scale,
      draws: values.length,
      mean: values.reduce((a, b) => a + b, 0) / values.length,
      median,
      lower90,
      upper90,
      medianWithinScale: Math.abs(median - t.observed) <= t.scale,
      observedIn90: t.observed >= lower90 && t.observed <= upper90,
      roughInterval: values.length < FEW_PREDICTIVE_DRAWS,
    };
  });
}

/** Per generation (or wave): its tolerance or cut-off, acceptance and runs. */
function stages(result: SamplerResult): Record<string, unknown>[] {
  if (result.kind === 'history-matching') {
    return result.result.waves.map((w) => ({ wave: w.wave, points: w.points.length, nonImplausibleShare: w.nonImplausibleShare, runs: w.simulations }));
  }
  const generations = result.kind === 'smc' ? result.result.generations : [result.population];
  return generations.map((g) => ({
    generation: g.generation,
    tolerance: g.tolerance,
    proposals: g.proposals,
    runs: g.simulations,
    acceptanceRate: g.acceptanceRate,
    effectiveSampleSize: g.weights.length === 0 ? null : effectiveSampleSize(g.weights),
    ...(result.kind === 'rejection' ? { nearestDistance: result.population.nearestDistance } : {}),
  }));
}

/** Model runs the sampler counted (discarded runs of a dropped last generation included). */
export function samplerRuns(result: SamplerResult): number {
  return result.kind === 'rejection' ? result.population.simulations : result.result.simulations;
}

/** summary.json of a calibration folder (documented in docs/calibration.md). */
export function summaryJson(spec: CalibrationSpec, result: SamplerResult, checks: readonly PredictiveCheck[], predictiveRuns: number): Record<string, unknown> {
  const sample = posteriorSample(result);
  const summary = sample === null ? null : summarizePosterior(spec.priors, sample.particles, sample.weights);
  const parameters = spec.priors.map((prior, k) => {
    const s: ParameterSummary | undefined = summary?.parameters[k];
    return { ...prior, mean: s?.mean ?? null, median: s?.median ?? null, lower90: s?.lower90 ?? null, upper90: s?.upper90 ?? null };
  });
  return {
    name: spec.name,
    method: spec.method,
    seed: spec.seed,
    replicates: spec.replicates,
    seeds: spec.seeding,
    stopReason: result.kind !== 'rejection' ? result.result.stopReason : sample === null ? 'none-accepted' : 'draws',
    particles: sample?.particles.length ?? 0,
    effectiveSampleSize: summary?.effectiveSampleSize ?? null,
    parameters,
    stages: stages(result),
    runs: {
      sampler: samplerRuns(result),
      discarded: result.kind === 'smc' ? result.result.discardedSimulations : 0,
      predictive: predictiveRuns,
      total: samplerRuns(result) + predictiveRuns,
    },
    targets: spec.targets.map((t) => ({ name: t.name, source: t.source, observed: t.observed, [t.uncertainty]: t.scale })),
    predictive: checks,
  };
}

/** Sets `value` at a dotted `path` of a nested object. */
function setPath(tree: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = tree;
  keys.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] as string] = value;
}

/**
 * calibrated.yaml: a scenario that extends the starting one (path relative to the output folder)
 * with the file's and the command line's changes and the posterior medians.
 */
export function calibratedYaml(spec: CalibrationSpec, medians: readonly number[], outDir: string): string {
  const tree: Record<string, unknown> = {
    name: `${spec.name}-calibrated`.slice(0, 64),
    description: `${spec.base.name} with the posterior medians of povsim calibrate ${spec.file} (${spec.method.kind})`,
    extends: path.relative(outDir, spec.base.file).split(path.sep).join('/'),
  };
  for (const text of spec.base.overrides) {
    const a = parseOverride(text);
    setPath(tree, a.path, a.value);
  }
  spec.priors.forEach((prior, k) => setPath(tree, prior.name.split('.'), medians[k]));
  const header = `# Written by povsim calibrate ${spec.file}: ${spec.base.file} with the posterior medians.\n# Run it with: povsim run ${path.join(outDir, 'calibrated.yaml')}\n`;
  return header + stringify(tree);
}
