/**
 * How a model parameter is described: its type, unit, range, default, meaning and the source of
 * the default. The whole parameter tree (`parameters.ts`) is plain data built from these specs, in
 * the manner of OpenFisca's parameter files: code computes, data says what the policy is.
 *
 * The TypeScript type of a resolved scenario (`Params`) is derived from the tree, so a parameter is
 * declared in exactly one place.
 */

export interface NumberSpec {
  readonly kind: 'number';
  /** Unit in words, e.g. "yuan per capita per year", "share (0-1)", "months". */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly default: number;
  readonly description: string;
  /** Where the default comes from: a study, a statistic, or "modelling choice" with the reason. */
  readonly source: string;
}

export interface BooleanSpec {
  readonly kind: 'boolean';
  readonly default: boolean;
  readonly description: string;
  readonly source: string;
}

export interface EnumSpec<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
  readonly default: V;
  readonly description: string;
  readonly source: string;
  /** One line per value, same order as `values`. */
  readonly valueDescriptions: readonly string[];
}

export type LeafSpec = NumberSpec | BooleanSpec | EnumSpec;

export interface GroupSpec<C extends Record<string, Spec> = Record<string, Spec>> {
  readonly kind: 'group';
  readonly description: string;
  readonly children: C;
}

export type Spec = LeafSpec | GroupSpec;

/** The value type a spec describes. */
export type ValueOf<S> = S extends NumberSpec
  ? number
  : S extends BooleanSpec
    ? boolean
    : S extends EnumSpec<infer V>
      ? V
      : S extends GroupSpec<infer C>
        ? { readonly [K in keyof C]: ValueOf<C[K]> }
        : never;

type NumberOptions = Omit<NumberSpec, 'kind' | 'integer'> & { readonly integer?: boolean };

export function num(options: NumberOptions): NumberSpec {
  return { kind: 'number', integer: options.integer ?? false, ...options };
}

export function int(options: Omit<NumberOptions, 'integer'>): NumberSpec {
  return { kind: 'number', ...options, integer: true };
}

/** A share or probability in [0, 1]. */
export function share(options: Omit<NumberOptions, 'unit' | 'min' | 'max'> & { unit?: string }): NumberSpec {
  return { kind: 'number', integer: false, min: 0, max: 1, unit: options.unit ?? 'share (0-1)', ...options };
}

export function bool(options: Omit<BooleanSpec, 'kind'>): BooleanSpec {
  return { kind: 'boolean', ...options };
}

export function oneOf<const V extends string>(
  options: {
    readonly default: NoInfer<V>;
    readonly description: string;
    readonly source: string;
    readonly values: Readonly<Record<V, string>>;
  },
): EnumSpec<V> {
  const values = Object.keys(options.values) as V[];
  return {
    kind: 'enum',
    default: options.default,
    description: options.description,
    source: options.source,
    values,
    valueDescriptions: values.map((v) => options.values[v]),
  };
}

export function group<const C extends Record<string, Spec>>(description: string, children: C): GroupSpec<C> {
  return { kind: 'group', description, children };
}

/** A leaf with its dotted path, e.g. `identification.pmtNoise`. */
export interface LeafEntry {
  readonly path: string;
  readonly spec: LeafSpec;
}

/** Every leaf of a tree, depth first, in declaration order. */
export function leaves(spec: GroupSpec, prefix = ''): LeafEntry[] {
  const out: LeafEntry[] = [];
  for (const [key, child] of Object.entries(spec.children)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.kind === 'group') out.push(...leaves(child, path));
    else out.push({ path, spec: child });
  }
  return out;
}

/** The defaults of a tree as a plain nested object. */
export function defaultsOf<G extends GroupSpec>(spec: G): ValueOf<G> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(spec.children)) {
    out[key] = child.kind === 'group' ? defaultsOf(child) : child.default;
  }
  return out as ValueOf<G>;
}
