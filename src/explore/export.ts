/**
 * What the explorer hands back to the command line: the current settings as a self-contained
 * scenario file, and the `povsim run` / `povsim compare` commands that reproduce its numbers
 * exactly (same parameters, same seeds, same code).
 */
import { stringify } from 'yaml';
import { defaultParams, type Params } from '../model/parameters.js';
import { parameterControls, valueAt, type ShippedScenario } from './catalogue.js';
import { applyChanges, type Changes, type ExploreState } from './state.js';

/** Longest scenario name (the schema's limit). */
const MAX_NAME = 64;

/**
 * Name of the exported scenario: the scenario's name and `-explore` (never the scenario's own
 * name, which `povsim compare` would refuse as a duplicate).
 *
 * @example
 * exportName({ scenario: baseline, changes: { 'supervision.auditRate': 0.3 } }); // => 'baseline-explore'
 */
export function exportName(state: ExploreState): string {
  return `${state.scenario.name.slice(0, MAX_NAME - '-explore'.length)}-explore`;
}

/** File name offered for the exported scenario. */
export function exportFileName(state: ExploreState): string {
  return `${exportName(state)}.yaml`;
}

/**
 * The current settings as a scenario file that needs no other file: every parameter whose value
 * differs from povsim's defaults, with the scenario's seed. `povsim run` on it gives the page's run;
 * its header names the page's comparison (`compare`: the chosen reference and replicate count), the
 * same command as {@link compareCommand}.
 */
export function scenarioYaml(
  state: ExploreState,
  version: string,
  compare: { readonly reference: ShippedScenario; readonly replicates: number },
): string {
  const params: Params = applyChanges(state.scenario.params, state.changes);
  const body: Record<string, unknown> = {
    name: exportName(state),
    description: describeExport(state),
    seed: state.scenario.seed,
  };
  for (const control of parameterControls()) {
    const value = valueAt(params, control.path);
    if (value === valueAt(defaultParams, control.path)) continue;
    const [group, key] = control.path.split('.') as [string, string];
    body[group] ??= {};
    (body[group] as Record<string, unknown>)[key] = value;
  }
  const changed = Object.keys(state.changes);
  const header = [
    `# Made by povsim ${version} explore from ${state.scenario.file}${changed.length > 0 ? `, changing ${changed.join(', ')}` : ''}.`,
    '# Every value that differs from povsim\'s defaults is written out, so this file needs no other.',
    `# Reproduce the page: povsim run ${exportFileName(state)}`,
    `#   and its comparison: ${compareCommand(compare.reference, state, compare.replicates)}`,
  ];
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

function describeExport(state: ExploreState): string {
  const changes = Object.entries(state.changes).map(([path, value]) => `${path} = ${String(value)}`);
  return changes.length === 0 ? state.scenario.description : `${state.scenario.name} with ${changes.join(', ')}`;
}

/** Shell words of `--set` options for the changes. */
function setOptions(changes: Changes): string[] {
  return Object.entries(changes).map(([path, value]) => `--set ${path}=${String(value)}`);
}

/**
 * `povsim run` on the shipped scenario file with the changes as `--set` options (run from the
 * povsim package folder, where scenarios/ is).
 *
 * @example
 * runCommand({ scenario: baseline, changes: { 'supervision.auditRate': 0.3 } }); // => 'povsim run scenarios/baseline.yaml --set supervision.auditRate=0.3'
 */
export function runCommand(state: ExploreState): string {
  return ['povsim run', state.scenario.file, ...setOptions(state.changes)].join(' ');
}

/**
 * `povsim compare` of the reference scenario with the exported file, on the same replicates as
 * the page: `--set` would change both scenarios, so the changes travel in the exported file.
 *
 * @example
 * compareCommand(baseline, state, 20); // => 'povsim compare scenarios/baseline.yaml baseline-explore.yaml --replicates 20'
 */
export function compareCommand(reference: ShippedScenario, state: ExploreState, replicates: number): string {
  return `povsim compare ${reference.file} ${exportFileName(state)} --replicates ${replicates}`;
}
