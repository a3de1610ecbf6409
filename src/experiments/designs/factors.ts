/**
 * Factors (the parameters a design varies), design points, validation and the mapping from the
 * unit interval to a factor's values. Shared by every design in this folder.
 *
 * A factor is either a discrete list of values or a numeric range with a distribution. Designs work
 * in unit coordinates u in [0, 1] and map them to values with `valueAtUnit`, so that every design
 * treats distributions and integer ranges the same way.
 */

/** A value a factor can take: a number, an enum string or a switch. */
export type FactorValue = number | string | boolean;

/** A factor taking one of a listed set of values, e.g. `{ name: 'targeting.method', values: ['pmt', 'community'] }`. */
export interface ListFactor {
  /** Dotted parameter path, e.g. 'supervision.auditRate'. */
  readonly name: string;
  readonly values: readonly FactorValue[];
}

/**
 * A numeric factor on [min, max]. `distribution` 'uniform' (default) spreads values evenly on the
 * linear scale, 'loguniform' evenly on the log scale (needs min > 0). `integer: true` restricts the
 * factor to the integers min..max (both must be integers).
 */
export interface RangeFactor {
  /** Dotted parameter path, e.g. 'supervision.auditRate'. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly distribution?: 'uniform' | 'loguniform';
  readonly integer?: boolean;
}

export type Factor = ListFactor | RangeFactor;

/** One parameter combination of a design; `index` is its position in the design, from 0. */
export interface DesignPoint {
  readonly index: number;
  /** Factor name (dotted parameter path) -> value. */
  readonly values: Record<string, FactorValue>;
}

/**
 * An invalid design request (no factors, empty value list, min >= max, ...). The message is one
 * line naming the factor where there is one; the sweep-file loader turns it into a user error.
 */
export class DesignError extends Error {
  /** Name of the offending factor, or null when the error is about the design as a whole. */
  readonly factor: string | null;

  constructor(message: string, factor: string | null = null) {
    super(message);
    this.name = 'DesignError';
    this.factor = factor;
  }
}

/** True for a factor given as a list of values. */
export function isListFactor(factor: Factor): factor is ListFactor {
  return 'values' in factor;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function validateFactor(factor: Factor): void {
  const name: unknown = factor.name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new DesignError(`a factor has no name (got ${describe(name)})`);
  }
  if (isListFactor(factor)) {
    if (!Array.isArray(factor.values)) {
      throw new DesignError(`factor '${name}': values must be a list`, name);
    }
    if (factor.values.length === 0) {
      throw new DesignError(`factor '${name}': values list is empty`, name);
    }
    for (const v of factor.values) {
      const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw new DesignError(`factor '${name}': value ${describe(v)} is not a finite number, string or boolean`, name);
    }
    return;
  }
  const { min, max, distribution, integer } = factor;
  if (typeof min !== 'number' || !Number.isFinite(min) || typeof max !== 'number' || !Number.isFinite(max)) {
    throw new DesignError(`factor '${name}': needs either a values list or finite numbers min and max`, name);
  }
  if (min >= max) {
    throw new DesignError(`factor '${name}': min (${min}) must be less than max (${max})`, name);
  }
  if (distribution !== undefined && distribution !== 'uniform' && distribution !== 'loguniform') {
    throw new DesignError(`factor '${name}': distribution must be 'uniform' or 'loguniform', got ${describe(distribution)}`, name);
  }
  if (distribution === 'loguniform' && min <= 0) {
    throw new DesignError(`factor '${name}': loguniform needs min > 0, got min ${min}`, name);
  }
  if (integer === true && (!Number.isInteger(min) || !Number.isInteger(max))) {
    throw new DesignError(`factor '${name}': integer factor needs integer min and max, got ${min} and ${max}`, name);
  }
}

/**
 * Checks a factor list: at least one factor, unique non-empty names, non-empty value lists, finite
 * min < max, min > 0 for loguniform, integer bounds for integer factors.
 *
 * @throws DesignError naming the first offending factor.
 * @example
 * validateFactors([{ name: 'a', min: 1, max: 1 }]); // throws "factor 'a': min (1) must be less than max (1)"
 */
export function validateFactors(factors: readonly Factor[]): void {
  if (!Array.isArray(factors) || factors.length === 0) {
    throw new DesignError('design needs at least one factor');
  }
  const seen = new Set<string>();
  for (const factor of factors) {
    validateFactor(factor);
    if (seen.has(factor.name)) {
      throw new DesignError(`factor '${factor.name}' is listed twice`, factor.name);
    }
    seen.add(factor.name);
  }
}

/**
 * Checks that every factor is a range factor (for Sobol and Morris designs, which need a
 * continuous unit hypercube) and narrows the type.
 *
 * @throws DesignError naming the first list factor.
 */
export function requireRangeFactors(factors: readonly Factor[], designName: string): readonly RangeFactor[] {
  validateFactors(factors);
  const ranges: RangeFactor[] = [];
  for (const factor of factors) {
    if (isListFactor(factor)) {
      throw new DesignError(
        `factor '${factor.name}': the ${designName} design needs a range (min, max), not a values list`,
        factor.name,
      );
    }
    ranges.push(factor);
  }
  return ranges;
}

/**
 * Checks a count option (samples, base samples, trajectories, levels): an integer >= `least`.
 *
 * @throws DesignError with the option's name.
 */
export function requireCount(value: number, what: string, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new DesignError(`${what} must be an integer >= ${least}, got ${String(value)}`);
  }
}

/**
 * Maps a unit coordinate u in [0, 1] to a value of a range factor:
 * - uniform: min + u (max - min);
 * - loguniform: exp(ln min + u (ln max - ln min));
 * - integer: the same map onto [min, max + 1), floored and capped at max, so that each integer
 *   gets an equal share of the unit interval (uniform) or the share ln((k+1)/k)/ln((max+1)/min)
 *   (loguniform; the discrete log-uniform law).
 * u = 0 gives min and u = 1 gives max exactly.
 *
 * @example
 * rangeValueAtUnit({ name: 'x', min: 1, max: 100, distribution: 'loguniform' }, 0.5); // 10 (up to rounding)
 * rangeValueAtUnit({ name: 'k', min: 0, max: 2, integer: true }, 0.5); // 1
 */
export function rangeValueAtUnit(factor: RangeFactor, u: number): number {
  const { min, max } = factor;
  const integer = factor.integer === true;
  const top = integer ? max + 1 : max;
  let x: number;
  if (u <= 0) x = min;
  else if (u >= 1) x = top;
  else if (factor.distribution === 'loguniform') x = Math.exp(Math.log(min) + u * (Math.log(top) - Math.log(min)));
  else x = min + u * (top - min);
  if (!integer) return Math.min(Math.max(x, min), max);
  return Math.min(Math.max(Math.floor(x), min), max);
}

/**
 * Maps a unit coordinate u in [0, 1] to a factor value: `rangeValueAtUnit` for a range factor;
 * for a list of m values, the value at index floor(u m) (capped at m - 1), each value taking an
 * equal share of the unit interval.
 *
 * @example
 * valueAtUnit({ name: 'm', values: ['a', 'b', 'c'] }, 0.5); // 'b'
 */
export function valueAtUnit(factor: Factor, u: number): FactorValue {
  if (!isListFactor(factor)) return rangeValueAtUnit(factor, u);
  const m = factor.values.length;
  const i = Math.min(Math.max(Math.floor(u * m), 0), m - 1);
  return factor.values[i];
}
