/**
 * The explorer's view of the parameters and the shipped scenarios: plain data the page is built
 * from. The scenarios are resolved by the CLI's own loader at build time (shippedScenarios in
 * build-catalogue.ts), so the page never reads files.
 */
import type { LeafSpec } from '../model/parameter-spec.js';
import { leaves } from '../model/parameter-spec.js';
import { parameterTree, type Params } from '../model/parameters.js';

/** A scenario shipped in scenarios/, resolved (extends applied). */
export interface ShippedScenario {
  /** Path as a user types it from the package folder, e.g. `scenarios/baseline.yaml`. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly params: Params;
}

/** One control of the page: a leaf of the parameter tree. */
export interface ParameterControl {
  /** Dotted path, e.g. `supervision.auditRate`. */
  readonly path: string;
  /** Its group, the first part of the path, as `povsim describe` groups them. */
  readonly group: string;
  readonly spec: LeafSpec;
}

/** Every parameter of the tree, in declaration order, with its group. */
export function parameterControls(): ParameterControl[] {
  return leaves(parameterTree).map((leaf) => ({ path: leaf.path, group: leaf.path.split('.')[0] ?? '', spec: leaf.spec }));
}

/** The groups of the tree in declaration order, with their descriptions. */
export function parameterGroups(): { readonly name: string; readonly description: string }[] {
  return Object.entries(parameterTree.children).map(([name, spec]) => ({ name, description: spec.description }));
}

/** The value at a dotted path of a parameter set. */
export function valueAt(params: Params, path: string): number | string | boolean {
  let node: unknown = params;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as number | string | boolean;
}
