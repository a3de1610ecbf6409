/**
 * Hostile sweep files (issue 6): mutations of the shipped sweeps (scenarios/sweeps/*.yaml) and of
 * generated valid sweeps of every design, and malformed files. Every case must end in one
 * InputError whose single-line message names the file (the sweep file, or the base scenario file
 * when the problem is there) and the key, with nothing thrown but InputError. A sample also goes
 * through the command line: exit code 2, one line on stderr, no stack trace, nothing written. No
 * time is asserted (speed belongs in `npm run bench`): a case that hangs fails by the hang guard.
 *
 * FUZZ_CASES (default 1000 in `npm test`, enough for every variant; 5000 in `npm run test:long`, as for the scenario fuzz:
 * 10,000 files together) and FUZZ_SEED set the size and seed of the run.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { parse, stringify } from 'yaml';
import { DESIGN_KINDS, loadSweep, SWEEP_KEYS } from '../../src/experiments/sweep-file.js';
import { metricNames } from '../../src/experiments/metrics.js';
import { InputError, parameterInfo, type ParameterInfo } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { sized } from '../long.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? sized(1000, 5000));
/** Every CLI_EVERY-th kind of case goes through the command line (a sweep command takes about 0.7 s to start). */
const CLI_EVERY = sized(9, 3);
const SEED = process.env['FUZZ_SEED'] ?? 'povsim-fuzz';

type Rng = () => number;
type Sweep = Record<string, unknown>;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, least: number, most: number): number => least + Math.floor(rng() * (most - least + 1));

const SWEEP_FILE = 'sweep.yaml';
const leaves = parameterInfo();
const numeric = leaves.filter((p) => p.kind === 'number' && p.max! > p.min! && (!p.integer || p.max! - p.min! >= 1));
const bounded = numeric.filter((p) => p.max! < 1e300);
const integers = numeric.filter((p) => p.integer);
const discrete = leaves.filter((p) => p.kind !== 'number');
const shippedScenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => resolve('scenarios', f));
const shippedSweeps = readdirSync('scenarios/sweeps')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const object = parse(readFileSync(join('scenarios/sweeps', f), 'utf8')) as Sweep;
    // The base scenario as an absolute path, so the case resolves from a temporary folder.
    return { ...object, scenario: resolve('scenarios/sweeps', object['scenario'] as string) };
  });

/** A valid range inside a numeric parameter's range (integer bounds for integer parameters). */
function validRange(rng: Rng, p: ParameterInfo): { min: number; max: number } {
  const lo = p.min!;
  const hi = Math.min(p.max!, lo + 1e6);
  let min = lo + (hi - lo) * rng() * 0.5;
  let max = min + (hi - min) * (0.2 + 0.8 * rng());
  if (p.integer) {
    min = Math.floor(min);
    max = Math.max(min + 1, Math.floor(max));
  }
  return { min, max };
}

/** A valid list of values of a parameter. */
function validList(rng: Rng, p: ParameterInfo): unknown[] {
  if (p.kind === 'boolean') return [true, false];
  if (p.kind === 'enum') return (p.values ?? []).slice(0, int(rng, 1, (p.values ?? []).length));
  const { min, max } = validRange(rng, p);
  return Array.from({ length: int(rng, 1, 3) }, (_, k) => (p.integer ? min + k : min + ((max - min) * k) / 3));
}

/** A generated valid sweep of any design: 1 to 3 parameters, a shipped base scenario. */
function generatedSweep(rng: Rng): Sweep {
  const design = pick(rng, DESIGN_KINDS);
  const rangesOnly = design === 'sobol' || design === 'morris';
  const pool = rangesOnly ? numeric : [...numeric, ...discrete];
  const parameters: Record<string, unknown> = {};
  for (let k = int(rng, 1, 3); k > 0; k -= 1) {
    const p = pick(rng, pool);
    parameters[p.path] = p.kind === 'number' && (rangesOnly || rng() < 0.5) ? validRange(rng, p) : validList(rng, p);
  }
  const sweep: Sweep = { scenario: pick(rng, shippedScenarios), design, replicates: int(rng, 1, 3), seed: int(rng, 0, 1000), parameters };
  if (design === 'random' || design === 'lhs') sweep['samples'] = int(rng, 1, 20);
  if (design === 'sobol') sweep['baseSamples'] = int(rng, 2, 16);
  if (design === 'morris') sweep['trajectories'] = int(rng, 2, 8);
  if (design === 'grid' && rng() < 0.3) sweep['levels'] = int(rng, 2, 6);
  if (rng() < 0.3 && parameters['township.households'] === undefined) sweep['set'] = { 'township.households': int(rng, 1, 500) };
  return sweep;
}

/** A base to mutate: a shipped sweep or a generated one. */
const base = (rng: Rng): Sweep => structuredClone(rng() < 0.3 ? pick(rng, shippedSweeps) : generatedSweep(rng));
const factorsOf = (s: Sweep): Record<string, unknown> => s['parameters'] as Record<string, unknown>;
const firstParameter = (s: Sweep): string => Object.keys(factorsOf(s))[0]!;
const info = (path: string): ParameterInfo => leaves.find((p) => p.path === path)!;

interface Case {
  kind: string;
  /** Text of sweep.yaml (UTF-8; bytes 0-255 as they are when `binary`). */
  text: string;
  binary?: boolean;
  /** Other files beside it (a base scenario, an extends cycle), name -> text. */
  siblings?: Record<string, string>;
  /** The key the message must name, as it names it (e.g. `parameters.supervision.auditRate.max`). */
  key?: string;
  /** File names one of which the message must name (default sweep.yaml). */
  files?: readonly string[];
}

const yaml = (s: Sweep): string => stringify(s);

/** Wrong values for top-level keys, by key. */
const WRONG: Readonly<Record<string, readonly unknown[]>> = {
  name: [7, ['a'], { a: 1 }, true, 'a/b', '', ' x', 'x'.repeat(65), 'über'],
  description: [7, ['a'], { a: 1 }, true],
  design: ['grd', 'anova', 'Grid', 3, [], { kind: 'grid' }, true],
  replicates: [0, -1, 1.5, 'three', [2], { n: 2 }, true, 1e300, '2'],
  seed: [-1, 2 ** 32, 1.5, 'seven', [1], true, '1'],
  scenario: [7, ['a.yaml'], { file: 'a.yaml' }, true, ''],
  parameters: ['supervision.auditRate', 7, [1, 2], {}, [], true],
  set: ['township.households=3', 7, [1], true],
};

const generators: ((rng: Rng) => Case)[] = [
  (rng) => {
    const s = base(rng);
    const known = pick(rng, SWEEP_KEYS);
    const candidates = [`${known}s`, known.toLowerCase() === known ? `${known}X` : known.toLowerCase(), known.slice(0, -1), 'frobnicate', 'parameter', 'replicate'];
    // A typo of one key can be another key ('seeds' without its s is 'seed'): those are not unknown.
    const typo = pick(rng, candidates.filter((c) => !(SWEEP_KEYS as readonly string[]).includes(c)));
    s[typo] = 1;
    return { kind: 'unknown top-level key', text: yaml(s), key: typo };
  },
  (rng) => {
    const s = base(rng);
    const key = pick(rng, Object.keys(WRONG));
    s[key] = pick(rng, WRONG[key]!);
    return { kind: 'wrong type or value at top level', text: yaml(s), key };
  },
  (rng) => {
    const s = base(rng);
    const key = pick(rng, [...SWEEP_KEYS.filter((k) => k !== 'parameters' && k !== 'scenario')]);
    s[key] = null;
    return { kind: 'key without a value', text: yaml(s), key };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, leaves).path;
    const [group, name] = p.split('.') as [string, string];
    const wrong = pick(rng, [`${group}.${name}x`, `${group}.${name.toLowerCase()}X`, `${group}s.${name}`, group, `${p}.deeper`, 'nonsense.key', `x${name}`]);
    factorsOf(s)[wrong] = [1];
    return { kind: 'unknown parameter, a group or a bare name', text: yaml(s), key: `parameters.${wrong}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, ['seed', 'name', 'description', 'extends', '', '.', 'supervision.', '.auditRate']);
    factorsOf(s)[p] = [1];
    return { kind: 'scenario key or empty path as a parameter', text: yaml(s), key: `parameters.${p}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, numeric);
    const { min, max } = validRange(rng, p);
    factorsOf(s)[p.path] = pick(rng, [{ min: max, max: min }, { min, max: min }, { min: max, max: max }]);
    return { kind: 'range with min >= max', text: yaml(s), key: `parameters.${p.path}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, bounded);
    const side = pick(rng, ['min', 'max'] as const);
    const outside = side === 'max' ? p.max! + pick(rng, [1e-9 * Math.max(1, p.max!), 1, p.max! + 1, 1e300]) : p.min! - pick(rng, [1, 1e-6, 1e300]);
    factorsOf(s)[p.path] = side === 'max' ? { min: p.min, max: outside } : { min: outside, max: p.max };
    return { kind: "range outside the parameter's range", text: yaml(s), key: `parameters.${p.path}.${side}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, numeric);
    const range: Record<string, unknown> = { ...validRange(rng, p) };
    const mutation = pick(rng, ['misspelt', 'missing min', 'missing max', 'distribution', 'integer']);
    let key = `parameters.${p.path}`;
    if (mutation === 'misspelt') {
      range['maxx'] = range['max'];
      delete range['max'];
      key += '.maxx';
    } else if (mutation === 'missing min') {
      delete range['min'];
      key += '.min';
    } else if (mutation === 'missing max') {
      delete range['max'];
      key += '.max';
    } else if (mutation === 'distribution') {
      range['distribution'] = pick(rng, ['normal', 'log', 7, true, null]);
      key += '.distribution';
    } else {
      range['integer'] = pick(rng, ['yes', 1, 'true', null]);
      key += '.integer';
    }
    factorsOf(s)[p.path] = range;
    return { kind: `range: ${mutation}`, text: yaml(s), key };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, leaves);
    factorsOf(s)[p.path] = pick(rng, [[], null, 'abc', 7, true]);
    return { kind: 'empty list or no list', text: yaml(s), key: `parameters.${p.path}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, bounded);
    const list = validList(rng, p);
    const at = int(rng, 0, list.length);
    list.splice(at, 0, pick(rng, ['abc', p.max! + 1, p.min! - 1, null, [1], { a: 1 }, true, '0.1 * 2', 'sqrt(4)', '50%', ...(p.integer ? [p.min! + 0.5] : [])]));
    factorsOf(s)[p.path] = list;
    return { kind: 'bad value in a list', text: yaml(s), key: `parameters.${p.path}[${at}]` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, discrete);
    factorsOf(s)[p.path] = { min: 0, max: 1 };
    return { kind: 'range for an enum or switch', text: yaml(s), key: `parameters.${p.path}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, integers);
    const { min, max } = validRange(rng, p);
    const mutation = pick(rng, ['fractional', 'integer false']);
    factorsOf(s)[p.path] = mutation === 'fractional' ? { min: min + 0.5, max: max + 1 } : { min, max, integer: false };
    return { kind: `integer parameter: ${mutation}`, text: yaml(s), key: `parameters.${p.path}.${mutation === 'fractional' ? 'min' : 'integer'}` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, numeric.filter((q) => q.min === 0));
    factorsOf(s)[p.path] = { min: 0, max: p.integer ? p.min! + 1 : p.max, distribution: 'loguniform' };
    return { kind: 'loguniform from 0', text: yaml(s), key: `parameters.${p.path}.min` };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, numeric);
    const side = pick(rng, ['min', 'max'] as const);
    const range = validRange(rng, p);
    const text = yaml({ ...s, parameters: { ...factorsOf(s), [p.path]: { ...range, [side]: 12345.678 } } }).replace('12345.678', pick(rng, ['.nan', '.inf', '-.inf', '"0.1 * 2"', 'sqrt(4)', '1e999']));
    return { kind: 'NaN, infinity or an expression in a range', text, key: `parameters.${p.path}.${side}` };
  },
  (rng) => {
    // A key of another design, or a missing, too small or fractional size.
    const s = base(rng);
    const design = (s['design'] as string | undefined) ?? 'grid';
    const foreign: Record<string, string> = { grid: 'samples', random: 'baseSamples', lhs: 'trajectories', sobol: 'samples', morris: 'baseSamples' };
    const size: Record<string, string | null> = { grid: null, random: 'samples', lhs: 'samples', sobol: 'baseSamples', morris: 'trajectories' };
    const own = size[design] ?? null;
    if (own === null || rng() < 0.5) {
      s[foreign[design]!] = 4;
      return { kind: 'design with a foreign key', text: yaml(s), key: foreign[design]! };
    }
    if (rng() < 0.3) delete s[own];
    else s[own] = pick(rng, own === 'samples' ? [0, -3, 2.5, 'ten'] : [0, 1, -3, 2.5, 'ten']);
    return { kind: 'design size missing or invalid', text: yaml(s), key: own };
  },
  (rng) => {
    const s = base(rng);
    const design = pick(rng, ['sobol', 'morris'] as const);
    const p = pick(rng, numeric);
    const sweep: Sweep = { ...s, design, parameters: { [p.path]: validList(rng, p) } };
    for (const k of ['samples', 'levels', 'baseSamples', 'trajectories', 'outputs', 'bootstrap', 'set']) delete sweep[k];
    sweep[design === 'sobol' ? 'baseSamples' : 'trajectories'] = 4;
    return { kind: 'sobol or morris with a list of values', text: yaml(sweep), key: `parameters.${p.path}` };
  },
  (rng) => {
    const s = base(rng);
    const sweep: Sweep = { scenario: s['scenario'], design: 'morris', trajectories: 3, levels: pick(rng, [3, 5, 1, 0, 2.5]), parameters: { 'supervision.auditRate': { min: 0, max: 1 } } };
    return { kind: 'morris levels', text: yaml(sweep), key: 'levels' };
  },
  (rng) => {
    const s = base(rng);
    const design = (s['design'] as string | undefined) ?? 'grid';
    const analysed = design === 'sobol' || design === 'morris';
    s['outputs'] = analysed ? pick(rng, [['lekage'], ['leakage', 'leakage'], [], 'leakage', [7], ['headcount', 'nothing']]) : ['leakage'];
    const list = s['outputs'];
    const bad = Array.isArray(list) && list.length > 0 ? list.findIndex((m, i) => typeof m !== 'string' || !metricNames().includes(m) || list.indexOf(m) !== i) : -1;
    return { kind: 'outputs', text: yaml(s), key: bad >= 0 ? `outputs[${bad}]` : 'outputs' };
  },
  (rng) => {
    const s = base(rng);
    const mutation = pick(rng, ['unknown', 'invalid', 'seed', 'varied', 'extends']);
    const varied = firstParameter(s);
    const set: Record<string, unknown> = {
      unknown: { 'township.househlds': 3 },
      invalid: { 'supervision.auditRate': 2 },
      seed: { seed: 3 },
      varied: { [varied]: (validList(rng, info(varied))[0] ?? 1) },
      extends: { extends: 'a.yaml' },
    }[mutation] as Record<string, unknown>;
    const key = `set.${Object.keys(set)[0]}`;
    s['set'] = set;
    return { kind: `set: ${mutation}`, text: yaml(s), key: mutation === 'unknown' ? 'set.township.househlds' : key };
  },
  (rng) => {
    const s = base(rng);
    const mutation = pick(rng, ['missing', 'no such file', 'a folder']);
    if (mutation === 'missing') delete s['scenario'];
    else s['scenario'] = mutation === 'a folder' ? resolve('scenarios') : pick(rng, ['nothere.yaml', '../nowhere/base.yaml', 'scenarios/none.yaml']);
    return { kind: `scenario: ${mutation}`, text: yaml(s), key: 'scenario' };
  },
  (rng) => {
    const s = base(rng);
    const other = `cycle-${int(rng, 0, 1e6)}.yaml`;
    return {
      kind: 'extends cycle in the base scenario',
      text: yaml({ ...s, scenario: 'base.yaml' }),
      siblings: { 'base.yaml': `extends: ${other}\n`, [other]: 'extends: base.yaml\n' },
      key: 'extends',
      files: ['base.yaml', other],
    };
  },
  (rng) => {
    const s = base(rng);
    const p = pick(rng, bounded.filter((q) => q.min === 0 && q.max === 1));
    const [group, key] = p.path.split('.') as [string, string];
    const scenario = stringify({ extends: pick(rng, shippedScenarios), [group]: { [key]: pick(rng, [2, -1, 'high', '0.1 * 2']) } });
    return { kind: 'invalid base scenario', text: yaml({ ...s, scenario: 'base.yaml' }), siblings: { 'base.yaml': scenario }, key: p.path, files: ['base.yaml'] };
  },
  (rng) => {
    const s = base(rng);
    const sweep: Sweep = { scenario: s['scenario'], replicates: 2 ** 52, parameters: { 'identification.method': ['pmt', 'community', 'hybrid'], ...(rng() < 0.5 ? { 'supervision.auditRate': [0.1, 0.2] } : {}) } };
    return { kind: 'too many runs', text: yaml(sweep), key: 'replicates' };
  },
  (rng) => ({
    kind: 'broken YAML',
    text: pick(rng, [
      'parameters:\n  supervision.auditRate: [0.1\n',
      'parameters:\n\tsupervision.auditRate: [0.1]\n',
      'design: grid\ndesign: lhs\n',
      'parameters: {supervision.auditRate: [0.1]\n',
      'scenario: a.yaml\n  parameters: 1\n',
      '"unterminated\n',
      'parameters:\n  - supervision.auditRate\n  x: 1\n',
      'scenario: !!binary aGVsbG8=\n',
      'design: !custom grid\n',
      '---\ndesign: grid\n---\ndesign: lhs\n',
      'parameters: &p {a: *p}\n',
      '? [a, b]\n: c\n',
    ]),
  }),
  (rng) => {
    const depth = 8 + int(rng, 0, 3);
    let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let d = 1; d <= depth; d += 1) text += `${String.fromCharCode(97 + d)}: &${String.fromCharCode(97 + d)} [${Array(9).fill(`*${String.fromCharCode(96 + d)}`).join(',')}]\n`;
    return { kind: 'alias bomb', text: `${text}parameters:\n  supervision.auditRate: *${String.fromCharCode(97 + depth)}\n` };
  },
  (rng) => {
    const bytes = Buffer.alloc(int(rng, 1, 3000));
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(rng() * 256);
    return { kind: 'binary junk', text: bytes.toString('latin1'), binary: true };
  },
  (rng) => ({ kind: 'very large file', text: `# ${'x'.repeat(1024 * 1024 + int(rng, 0, 1000))}\n` }),
  (rng) => ({ kind: 'empty file', text: pick(rng, ['', '\n', '# only a comment\n', '   \n\n', '~\n', 'null\n']) }),
  (rng) => ({ kind: 'not a mapping', text: pick(rng, ['- 1\n- 2\n', '42\n', '"just text"\n', 'true\n', '[scenario, parameters]\n']) }),
];

function generate(count: number): Case[] {
  const rng = seedrandom(`sweep/${SEED}`);
  return Array.from({ length: count }, (_, k) => generators[k % generators.length]!(rng));
}

/** Writes a case into `dir`; returns the sweep file. */
function writeCase(dir: string, c: Case): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SWEEP_FILE);
  writeFileSync(file, c.text, c.binary === true ? 'latin1' : 'utf8');
  for (const [name, text] of Object.entries(c.siblings ?? {})) writeFileSync(join(dir, name), text);
  return file;
}

describe(`hostile sweep files (${CASES} cases, seed ${SEED})`, () => {
  it('the bases the mutations start from are valid sweeps (shipped and generated, every design)', () => {
    const rng = seedrandom(`sweep-bases/${SEED}`);
    const kinds = new Set<string>();
    for (let k = 0; k < 200; k += 1) {
      const s = base(rng);
      const dir = tempDir('povsim-sweep-base-');
      const sweep = loadSweep(writeCase(dir, { kind: 'valid', text: yaml(s) }));
      kinds.add(sweep.design.kind);
      expect(sweep.runs).toBeGreaterThan(0);
      rmSync(dir, { recursive: true, force: true });
    }
    expect([...kinds].sort()).toEqual([...DESIGN_KINDS].sort());
  });

  it('each ends in one clear InputError naming the file and the key', () => {
    const dir = tempDir('povsim-sweep-fuzz-');
    // One example and a count per kind of failure, so a regression reads as a short list.
    const failures = new Map<string, { count: number; example: string }>();
    const fail = (c: Case, problem: string, detail: string): void => {
      const key = `${c.kind}: ${problem}`;
      const seen = failures.get(key);
      failures.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? `${detail}\n${c.text.slice(0, 300)}` });
    };
    const counts = new Map<string, number>();
    generate(CASES).forEach((c, k) => {
      const caseDir = join(dir, String(k % 64));
      rmSync(caseDir, { recursive: true, force: true });
      const file = writeCase(caseDir, c);
      counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
      try {
        loadSweep(file);
        fail(c, 'accepted', '');
      } catch (error) {
        if (!(error instanceof InputError)) fail(c, `threw ${(error as Error)?.name}`, (error as Error)?.message);
        else {
          const message = error.message;
          if (message.includes('\n')) fail(c, 'message has several lines', message);
          if (!(c.files ?? [SWEEP_FILE]).some((f) => message.includes(f))) fail(c, 'message does not name the file', message);
          if (c.key !== undefined && !message.includes(c.key)) fail(c, 'message does not name the key', `${c.key}: ${message}`);
        }
      }
    });
    expect([...failures].map(([what, { count, example }]) => `${what} (${count} cases), e.g. ${example}`)).toEqual([]);
    // Every generator, and the variants inside them (range: missing min, set: seed, ...), ran.
    if (CASES >= 1000) expect(counts.size).toBe(41);
  });

  it('through the command line: exit 2, one line naming the file and the key, no stack trace, nothing written', () => {
    const dir = tempDir('povsim-sweep-fuzz-cli-');
    // A case of every CLI_EVERY-th generator (a sweep command takes about 0.7 s to start), from
    // unknown keys to binary junk.
    const sample = generate(generators.length).filter((_, k) => k % CLI_EVERY === 0);
    expect(sample.length).toBeGreaterThanOrEqual(4);
    sample.forEach((c, k) => {
      const caseDir = join(dir, String(k));
      const file = writeCase(caseDir, c);
      const out = join(caseDir, 'out');
      const result = povsim(['sweep', file, '--out', out, '--workers', '1', '--no-charts']);
      expect(result.code, `${c.kind}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n'), c.kind).toHaveLength(1);
      expect(result.stderr).toMatch(/^povsim: /);
      expect((c.files ?? [SWEEP_FILE]).some((f) => result.stderr.includes(f)), `${c.kind}: ${result.stderr}`).toBe(true);
      if (c.key !== undefined) expect(result.stderr, c.kind).toContain(c.key);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
      expect(existsSync(out), c.kind).toBe(false);
    });
  });
});
