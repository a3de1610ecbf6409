/**
 * The shipped scenarios for the explorer, resolved with the CLI's own loader (node only: used by
 * the page build, scripts/build-explore.mjs).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../scenario/index.js';
import type { ShippedScenario } from './catalogue.js';

/**
 * Every `*.yaml` file directly in `packageRoot/scenarios`, baseline first, the others by name.
 *
 * @example
 * shippedScenarios('.')[0].name; // => 'baseline'
 */
export function shippedScenarios(packageRoot: string): ShippedScenario[] {
  const files = readdirSync(join(packageRoot, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort((a, b) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b)));
  return files.map((f) => {
    const s = loadScenario(join(packageRoot, 'scenarios', f));
    return { file: `scenarios/${f}`, name: s.name, description: s.description, seed: s.seed, params: s.params };
  });
}
