/**
 * Experimental designs: which parameter combinations a sweep runs.
 *
 *   factors.ts  Factor, DesignPoint, DesignError, validation, unit -> value mapping
 *   grid.ts     full factorial grid
 *   random.ts   independent random draws
 *   lhs.ts      Latin hypercube
 *   sobol.ts    Saltelli sampling + first/total-order Sobol' indices
 *   morris.ts   Morris trajectories + elementary-effects measures (mu*, mu, sigma)
 *
 * `designSize`, `designPoints` and `generateDesign` take one `DesignSpec` (the design block of a
 * sweep file after loading), so a sweep can report the run count before running, and stream the
 * points (`designPoints`, for sweeps of any size) or build the whole design (`generateDesign`).
 */
import { grid, gridPoints, gridSize } from './grid.js';
import { lhs, lhsPoints, lhsSize } from './lhs.js';
import { morris, morrisPoints, morrisSize } from './morris.js';
import { random, randomPoints, randomSize } from './random.js';
import { sobol, sobolPoints, sobolSize } from './sobol.js';
import { DesignError } from './factors.js';
import type { DesignPoint, Factor } from './factors.js';
import type { GridOptions } from './grid.js';
import type { LhsOptions } from './lhs.js';
import type { MorrisDesign, MorrisOptions } from './morris.js';
import type { RandomOptions } from './random.js';
import type { SobolDesign, SobolOptions } from './sobol.js';

export * from './factors.js';
export * from './grid.js';
export * from './random.js';
export * from './lhs.js';
export * from './sobol.js';
export * from './morris.js';

/** A complete design request: kind, factors and that kind's options. */
export type DesignSpec =
  | ({ readonly kind: 'grid'; readonly factors: readonly Factor[] } & GridOptions)
  | ({ readonly kind: 'random'; readonly factors: readonly Factor[] } & RandomOptions)
  | ({ readonly kind: 'lhs'; readonly factors: readonly Factor[] } & LhsOptions)
  | ({ readonly kind: 'sobol'; readonly factors: readonly Factor[] } & SobolOptions)
  | ({ readonly kind: 'morris'; readonly factors: readonly Factor[] } & MorrisOptions);

/** Kinds of design. */
export type DesignKind = DesignSpec['kind'];

/** A generated design: its points, plus the analysis structure for sobol and morris. */
export type GeneratedDesign =
  | { readonly kind: 'grid' | 'random' | 'lhs'; readonly points: DesignPoint[] }
  | SobolDesign
  | MorrisDesign;

/** Exhaustiveness guard; still reached at run time if unvalidated input names another kind. */
function unknownKind(spec: never): never {
  const kind: unknown = (spec as { kind?: unknown }).kind;
  throw new DesignError(`unknown design kind ${JSON.stringify(kind)}; expected grid, random, lhs, sobol or morris`);
}

/**
 * Number of design points (runs per replicate) the spec will produce, without generating them:
 * grid = product of level counts, random and lhs = samples, sobol = N (k + 2), morris = r (k + 1).
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * designSize({ kind: 'sobol', factors: [{ name: 'a', min: 0, max: 1 }], baseSamples: 100, seed: 1 }); // 300
 */
export function designSize(spec: DesignSpec): number {
  switch (spec.kind) {
    case 'grid':
      return gridSize(spec.factors, spec);
    case 'random':
      return randomSize(spec.factors, spec);
    case 'lhs':
      return lhsSize(spec.factors, spec);
    case 'sobol':
      return sobolSize(spec.factors, spec);
    case 'morris':
      return morrisSize(spec.factors, spec);
    default:
      return unknownKind(spec);
  }
}

/**
 * Generates the design the spec describes (deterministic given the spec, seed included).
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * generateDesign({ kind: 'grid', factors: [{ name: 'a', values: [1, 2] }] }).points.length; // 2
 */
export function generateDesign(spec: DesignSpec): GeneratedDesign {
  switch (spec.kind) {
    case 'grid':
      return { kind: 'grid', points: grid(spec.factors, spec) };
    case 'random':
      return { kind: 'random', points: random(spec.factors, spec) };
    case 'lhs':
      return { kind: 'lhs', points: lhs(spec.factors, spec) };
    case 'sobol':
      return sobol(spec.factors, spec);
    case 'morris':
      return morris(spec.factors, spec);
    default:
      return unknownKind(spec);
  }
}

/**
 * The points of the design the spec describes, generated one at a time in index order: the same
 * points as `generateDesign(spec).points`, without holding them all. What stays in memory: grid,
 * the level lists; random, sobol and morris, a few generators (morris one trajectory); lhs, one
 * permutation of the n strata per factor. Validation happens when this is called.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * [...designPoints({ kind: 'grid', factors: [{ name: 'a', values: [1, 2] }] })].length; // 2
 */
export function designPoints(spec: DesignSpec): Iterable<DesignPoint> {
  switch (spec.kind) {
    case 'grid':
      return gridPoints(spec.factors, spec);
    case 'random':
      return randomPoints(spec.factors, spec);
    case 'lhs':
      return lhsPoints(spec.factors, spec);
    case 'sobol':
      return sobolPoints(spec.factors, spec);
    case 'morris':
      return morrisPoints(spec.factors, spec);
    default:
      return unknownKind(spec);
  }
}
