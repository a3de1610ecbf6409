/**
 * The kinds of input file povsim reads, and how `povsim validate` tells them apart: each kind
 * names the top-level keys only it has (its signature) and how to check a file of that kind. A
 * new kind (calibration targets, robustness studies) is one more entry in {@link FILE_KINDS}.
 *
 * A file is of the kind whose signature keys it uses most (the first kind on a tie); a file that
 * uses no signature key is a scenario, the kind every other file builds on.
 */
import { parameterTree } from '../model/parameters.js';
import { loadScenario, readYamlFile, SCENARIO_KEYS } from '../scenario/index.js';

/** One kind of input file. */
export interface FileKind {
  /** Its name in messages: "scenario", "sweep". */
  readonly kind: string;
  /** Top-level keys only this kind has (none for scenarios, the default kind). */
  readonly signature: readonly string[];
  /**
   * Checks a file of this kind completely (as the command that reads it would) and says in a few
   * words what it holds, e.g. `baseline` or `sweep audit-by-noise: 45 runs`.
   * @throws {InputError} for the first problem.
   */
  readonly check: (file: string) => Promise<string>;
}

const scenarioKind: FileKind = {
  kind: 'scenario',
  signature: [],
  check: async (file) => {
    const scenario = loadScenario(file);
    return `${scenario.name}${scenario.chain.length > 1 ? `, extends ${scenario.chain.slice(0, -1).join(' <- ')}` : ''}`;
  },
};

const sweepKind: FileKind = {
  kind: 'sweep',
  signature: ['scenario', 'design', 'replicates', 'seeds', 'levels', 'samples', 'baseSamples', 'bootstrap', 'trajectories', 'parameters', 'outputs', 'set'],
  check: async (file) => {
    const { loadSweep } = await import('../experiments/sweep-file.js');
    const sweep = loadSweep(file);
    const runs = `${sweep.runs} run${sweep.runs === 1 ? '' : 's'}`;
    return `sweep ${sweep.name}: ${sweep.design.kind} design, ${sweep.points} points x ${sweep.replicates} replicates = ${runs}, base ${sweep.base.file}`;
  },
};

const studyKind: FileKind = {
  kind: 'study',
  signature: ['policies', 'uncertainties', 'objectives', 'sampling', 'discovery'],
  check: async (file) => {
    const { loadStudy } = await import('../experiments/study-file.js');
    const { metricInfo } = await import('../output/report/metrics.js');
    const { sweep, record } = loadStudy(file, { better: (metric) => metricInfo(metric).better });
    return `study ${sweep.name}: ${record.policies.length} policies x ${record.conditions} conditions x ${sweep.replicates} replicate${sweep.replicates === 1 ? '' : 's'} = ${sweep.runs} runs, ${record.objectives.length} objective${record.objectives.length === 1 ? '' : 's'}`;
  },
};

const targetsKind: FileKind = {
  kind: 'targets',
  signature: ['scenario', 'set', 'replicates', 'seeds', 'parameters', 'targets', 'method', 'settings', 'predictive'],
  check: async (file) => {
    const { loadTargets } = await import('../experiments/calibration/targets-file.js');
    const spec = loadTargets(file);
    return `targets ${spec.name}: ${spec.method.kind}, ${spec.priors.length} parameters, ${spec.targets.length} targets, base ${spec.base.file}`;
  },
};

/** Every kind of input file `validate` knows, the default (scenario) first. */
export const FILE_KINDS: readonly FileKind[] = [scenarioKind, sweepKind, studyKind, targetsKind];

/**
 * The kind of the YAML data at the top of a file (see the module comment).
 *
 * @example
 * kindOfData({ scenario: 'baseline.yaml', parameters: {} }).kind; // => 'sweep'
 * kindOfData({ supervision: { auditRate: 0.3 } }).kind; // => 'scenario'
 */
export function kindOfData(value: unknown): FileKind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return scenarioKind;
  const keys = Object.keys(value);
  let best = scenarioKind;
  let bestCount = 0;
  for (const kind of FILE_KINDS) {
    const count = keys.filter((key) => kind.signature.includes(key)).length;
    if (count > bestCount) [best, bestCount] = [kind, count];
  }
  return best;
}

/**
 * The kind of a YAML input file, read safely (a regular file of at most 1 MiB).
 * @throws {InputError} when the file cannot be read or is not valid YAML.
 */
export function kindOfFile(file: string): FileKind {
  return kindOfData(readYamlFile(file, { expected: 'a scenario, sweep, study or targets file' }).parsed.value);
}

// A signature key must not be a key a scenario may have, or scenarios would be taken for another kind.
const scenarioKeys = new Set<string>([...SCENARIO_KEYS, ...Object.keys(parameterTree.children)]);
for (const kind of FILE_KINDS) {
  for (const key of kind.signature) {
    if (scenarioKeys.has(key)) throw new Error(`file kind ${kind.kind}: signature key ${key} is also a scenario key`);
  }
}
