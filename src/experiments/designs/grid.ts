/**
 * Full factorial grid design: every combination of every factor's levels.
 */
import { DesignError, isListFactor, requireCount, validateFactors } from './factors.js';
import type { DesignPoint, Factor, FactorValue, RangeFactor } from './factors.js';

export interface GridOptions {
  /** Number of evenly spaced levels for each range factor (>= 2); default 5. List factors use their values. */
  readonly levels?: number;
}

/** Default number of levels of a range factor in a grid. */
export const DEFAULT_GRID_LEVELS = 5;

/**
 * The levels of a range factor in a grid: `levels` values evenly spaced from min to max inclusive
 * (log-spaced for loguniform), endpoints exactly min and max. For an integer factor the values are
 * rounded to the nearest integer and duplicates dropped, so an integer range with fewer integers
 * than `levels` gives each integer once.
 *
 * @example
 * rangeLevels({ name: 'x', min: 0, max: 1 }, 5); // [0, 0.25, 0.5, 0.75, 1]
 * rangeLevels({ name: 'x', min: 1, max: 100, distribution: 'loguniform' }, 3); // [1, 10, 100] (10 up to rounding)
 * rangeLevels({ name: 'k', min: 1, max: 3, integer: true }, 5); // [1, 2, 3]
 */
export function rangeLevels(factor: RangeFactor, levels: number): number[] {
  const { min, max } = factor;
  const out: number[] = [];
  for (let i = 0; i < levels; i += 1) {
    const t = i / (levels - 1);
    let x: number;
    if (i === 0) x = min;
    else if (i === levels - 1) x = max;
    else if (factor.distribution === 'loguniform') x = Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min)));
    else x = min + t * (max - min);
    out.push(x);
  }
  if (factor.integer !== true) return out;
  const rounded: number[] = [];
  for (const x of out) {
    const r = Math.round(x);
    if (rounded[rounded.length - 1] !== r) rounded.push(r);
  }
  return rounded;
}

function factorLevels(factors: readonly Factor[], options: GridOptions): FactorValue[][] {
  validateFactors(factors);
  const levels = options.levels ?? DEFAULT_GRID_LEVELS;
  requireCount(levels, 'grid levels', 2);
  return factors.map((f) => (isListFactor(f) ? [...f.values] : rangeLevels(f, levels)));
}

/**
 * Number of points of the grid design: the product of the factors' level counts.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * gridSize([{ name: 'a', values: [1, 2, 3] }, { name: 'b', min: 0, max: 1 }], { levels: 4 }); // 12
 */
export function gridSize(factors: readonly Factor[], options: GridOptions = {}): number {
  return factorLevels(factors, options).reduce((size, ls) => size * ls.length, 1);
}

/**
 * Full factorial design over the factors: list factors take each of their values, range factors
 * `levels` evenly spaced values (`rangeLevels`). Points are in row-major order: the LAST factor
 * varies fastest, as in nested loops with the first factor outermost. Deterministic; no seed.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * grid([{ name: 'a', values: ['x', 'y'] }, { name: 'b', values: [1, 2] }]);
 * // [{index 0, a 'x', b 1}, {index 1, a 'x', b 2}, {index 2, a 'y', b 1}, {index 3, a 'y', b 2}]
 */
export function grid(factors: readonly Factor[], options: GridOptions = {}): DesignPoint[] {
  return Array.from(gridPoints(factors, options));
}

/**
 * The points of `grid(factors, options)`, one at a time: point `index` is computed from its
 * mixed-radix digits, so only the level lists are held in memory, whatever the grid's size.
 * Validation happens when this is called, before the first point is asked for.
 *
 * @throws DesignError on invalid factors or options.
 * @example
 * [...gridPoints([{ name: 'a', values: [1, 2, 3] }])].length; // 3
 */
export function gridPoints(factors: readonly Factor[], options: GridOptions = {}): Iterable<DesignPoint> {
  const levelLists = factorLevels(factors, options);
  const size = levelLists.reduce((s, ls) => s * ls.length, 1);
  if (!Number.isSafeInteger(size)) throw new DesignError(`grid has too many points (${size})`);
  const k = factors.length;
  return {
    *[Symbol.iterator]() {
      const digits = new Array<number>(k);
      for (let index = 0; index < size; index += 1) {
        // Mixed-radix digits of `index`, last factor least significant.
        let rest = index;
        for (let d = k - 1; d >= 0; d -= 1) {
          digits[d] = rest % levelLists[d].length;
          rest = Math.floor(rest / levelLists[d].length);
        }
        const values: Record<string, FactorValue> = {};
        for (let d = 0; d < k; d += 1) values[factors[d].name] = levelLists[d][digits[d]];
        yield { index, values };
      }
    },
  };
}

