import { defaultParams, type Params } from '../../src/model/parameters.js';

type DeepPartial<T> = { -readonly [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ParamChanges = DeepPartial<Params>;

/** Default parameters with `changes` applied, group by group (tests only; files go through the loader). */
export function params(changes: ParamChanges = {}): Params {
  const out = structuredClone(defaultParams) as unknown as Record<string, Record<string, unknown>>;
  for (const [group, values] of Object.entries(changes)) {
    out[group] = { ...out[group], ...(values as Record<string, unknown>) };
  }
  return out as unknown as Params;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
