/**
 * Hostile study files (`povsim robust`, issue 13): random mutations of the shipped study
 * (scenarios/studies/reforms-under-uncertainty.yaml): values replaced by junk of every type, keys
 * deleted, unknown keys added, at every level. Every case must load or end in one InputError whose
 * single-line message names the study (or scenario) file; nothing is thrown but InputError. A few go
 * through the command line: exit code 2, one line on stderr, nothing written. No run is made.
 *
 * FUZZ_CASES (default 300 in `npm test`, 1500 in `npm run test:long`) and FUZZ_SEED set the size and seed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadStudy } from '../../src/experiments/study-file.js';
import { InputError } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { sized } from '../long.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? sized(300, 1500));
const SEED = process.env['FUZZ_SEED'] ?? 'povsim-study-fuzz';
const SHIPPED = 'scenarios/studies/reforms-under-uncertainty.yaml';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** The shipped study with its policies' paths made absolute (the mutated file lives elsewhere). */
function shipped(): Record<string, unknown> {
  const study = parse(readFileSync(SHIPPED, 'utf8')) as Record<string, unknown>;
  study['policies'] = (study['policies'] as string[]).map((p) => resolve('scenarios/studies', p));
  return study;
}

const JUNK: readonly unknown[] = [
  null, 0, -1, 1.5, 1e308, -1e308, 2 ** 53, true, '', 'x', 'minimize', '../baseline.yaml', '/dev/zero', '/etc',
  [], [1, 2], ['a'], [null], {}, { min: 0, max: 1 }, { min: 1, max: 0 }, { direction: 'maximize' }, { direction: 'minimize', threshold: 'low' },
  { name: 'x', scenario: '/nowhere.yaml' }, { name: 'bad name!', scenario: resolve('scenarios/baseline.yaml') }, 'a'.repeat(500),
];

/** Every [path] of the object's keys and list items, nested. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  change(node, path.at(-1)!);
}

/** One mutation of the shipped study: junk at a path, a deleted key, or an unknown key. */
function mutate(rng: Rng): Record<string, unknown> {
  const study = shipped();
  const all = paths(study).filter((p) => p.length > 0);
  const times = 1 + Math.floor(rng() * 3);
  for (let t = 0; t < times; t += 1) {
    const path = pick(rng, all);
    const kind = pick(rng, ['junk', 'junk', 'delete', 'unknown']);
    try {
      setAt(study, path, (parent, key) => {
        if (kind === 'junk') parent[key] = pick(rng, JUNK);
        else if (kind === 'delete' && !Array.isArray(parent)) delete parent[key];
        else if (!Array.isArray(parent)) parent[`${String(key)}x`] = pick(rng, JUNK);
      });
    } catch {
      // an earlier mutation replaced a parent of this path: skip it
    }
  }
  return study;
}

describe('study files: hostile mutations of the shipped study', () => {
  const dir = tempDir('povsim-study-fuzz-');
  const rng = seedrandom(SEED);

  it(`end in one InputError line naming the file, or load (${CASES} cases)`, () => {
    let refused = 0;
    for (let k = 0; k < CASES; k += 1) {
      const file = join(dir, `study-${k}.yaml`);
      writeFileSync(file, stringify(mutate(rng)));
      try {
        loadStudy(file);
      } catch (error) {
        if (!(error instanceof InputError)) throw new Error(`case ${k} (${file}): ${String(error)}`);
        expect(error.message.includes('\n'), `case ${k}: ${error.message}`).toBe(false);
        expect(error.message.startsWith(file) || error.message.includes('scenarios/'), `case ${k}: ${error.message}`).toBe(true);
        refused += 1;
      }
    }
    // Most mutations break the file; the test must have seen refusals to mean anything.
    expect(refused).toBeGreaterThan(CASES / 3);
  });

  it('through the command line: exit 2, one line, nothing written', () => {
    for (let k = 0; k < 3; k += 1) {
      const file = join(dir, `cli-${k}.yaml`);
      let study = mutate(rng);
      for (let tries = 0; ; tries += 1) {
        writeFileSync(file, stringify(study));
        try {
          loadStudy(file);
        } catch {
          break; // a refused file: the one to run
        }
        study = mutate(rng);
        if (tries > 50) throw new Error('no refused mutation in 50 tries');
      }
      const out = join(dir, `out-${k}`);
      const run = povsim(['robust', file, '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('an empty file, a list, binary junk: one line each', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.yaml', '', /the study file is empty/],
      ['list.yaml', '- a\n- b\n', /top level: expected a mapping of study keys/],
      ['binary.yaml', Buffer.from([0, 1, 2, 255, 254, 0]), /binary|not text|UTF-8/i],
    ];
    for (const [name, text, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      expect(() => loadStudy(file)).toThrow(message);
    }
  });
});
