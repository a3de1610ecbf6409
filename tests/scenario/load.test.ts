import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaves } from '../../src/model/parameter-spec.js';
import { defaultParams, parameterTree, type Params } from '../../src/model/parameters.js';
import {
  applyParameterValues,
  InputError,
  loadScenario,
  loadScenarioText,
  resolveScenarioObject,
} from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
/** Fixtures as a path relative to the working directory, the way a user types it. */
const F = path.relative(process.cwd(), path.join(here, 'fixtures'));
const SCENARIOS = path.join(root, 'scenarios');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'povsim-scenario-'));
}

describe('loadScenario: defaults', () => {
  it('an empty file is a valid scenario: all defaults, seed 1, name from the file name', () => {
    const s = loadScenario(`${F}/empty.yaml`);
    expect(s.params).toEqual(defaultParams);
    expect(s.seed).toBe(1);
    expect(s.name).toBe('empty');
    expect(s.description).toBe('');
    expect(s.file).toBe(`${F}/empty.yaml`);
    expect(s.chain).toEqual([`${F}/empty.yaml`]);
    expect(s.overrides).toEqual([]);
  });

  it('a file with only comments is the same as an empty file', () => {
    const s = loadScenario(`${F}/comments-only.yaml`);
    expect(s.params).toEqual(defaultParams);
    expect(s.name).toBe('comments-only');
  });
});

describe('loadScenario: extends chains', () => {
  const child = `${F}/chain/sub/child.yaml`;

  it('merges grandparent, parent and child at leaf level, nearest file winning', () => {
    const s = loadScenario(child);
    // Expected params: defaults, then grandparent, then parent, then child, leaf by leaf.
    const expected = structuredClone(defaultParams) as unknown as {
      supervision: Record<string, unknown>;
      identification: Record<string, unknown>;
      township: Record<string, unknown>;
    };
    expected.supervision['auditRate'] = 0.2; // grandparent 0.1, parent 0.2
    expected.supervision['villageAuditRate'] = 0.2; // grandparent only
    expected.supervision['detectionProbability'] = 0.9; // child only
    expected.identification['method'] = 'hybrid'; // grandparent pmt, parent hybrid
    expected.identification['quota'] = 0.15; // grandparent 0.2, child 0.15
    expected.township['households'] = 300; // parent only
    expect(s.params).toEqual(expected);
    expect(s.chain).toEqual([
      path.join(F, 'chain/grandparent.yaml'),
      path.join(F, 'chain/parent.yaml'),
      child,
    ]);
  });

  it('does not inherit name or description, but inherits the seed', () => {
    const s = loadScenario(child);
    expect(s.name).toBe('child-scenario'); // its own name
    expect(s.description).toBe(''); // grandparent's description is not inherited
    expect(s.seed).toBe(42); // from the grandparent

    const parent = loadScenario(`${F}/chain/parent.yaml`);
    expect(parent.name).toBe('parent'); // file name, not the grandparent's name
    expect(parent.description).toBe('');
    expect(parent.seed).toBe(42);

    const grandparent = loadScenario(`${F}/chain/grandparent.yaml`);
    expect(grandparent.name).toBe('grandparent');
    expect(grandparent.description).toBe('The base of the chain.');
  });

  it('a seed set in the file wins over the inherited one', () => {
    expect(loadScenario(`${F}/chain/reseed.yaml`).seed).toBe(7);
  });

  it('never modifies defaultParams and returns frozen params', () => {
    const before = JSON.stringify(defaultParams);
    const s = loadScenario(child);
    expect(JSON.stringify(defaultParams)).toBe(before);
    expect(Object.isFrozen(s.params)).toBe(true);
    expect(Object.isFrozen(s.params.supervision)).toBe(true);
  });

  it('loads every shipped scenario', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const s = loadScenario(path.join(SCENARIOS, file));
      expect(s.name).toBe(path.parse(file).name);
    }
  });

  it('loads the baseline to the same scenario every time once the validator is compiled (its speed is in npm run bench)', () => {
    const file = path.join(SCENARIOS, 'baseline.yaml');
    const first = loadScenario(file);
    for (let i = 0; i < 5; i++) expect(loadScenario(file)).toEqual(first);
  });
});

describe('hash', () => {
  it('is stable for the same inputs and equals sourceHash without overrides', () => {
    const a = loadScenario(`${F}/chain/sub/child.yaml`);
    const b = loadScenario(`${F}/chain/sub/child.yaml`);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toBe(a.sourceHash);
  });

  it('depends on the file contents, not on where the files are', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    for (const f of ['grandparent.yaml', 'parent.yaml', 'sub/child.yaml']) {
      copyFileSync(path.join(F, 'chain', f), path.join(dir, f));
    }
    const original = loadScenario(`${F}/chain/sub/child.yaml`);
    expect(loadScenario(path.join(dir, 'sub/child.yaml')).hash).toBe(original.hash);

    // A change in the grandparent (even a comment) changes the child's hash.
    writeFileSync(path.join(dir, 'grandparent.yaml'), '# changed\nseed: 42\n');
    const changed = loadScenario(path.join(dir, 'sub/child.yaml'));
    expect(changed.hash).not.toBe(original.hash);
  });

  it('changes with overrides and with their order', () => {
    const file = `${F}/chain/parent.yaml`;
    const plain = loadScenario(file);
    const one = loadScenario(file, { overrides: ['seed=1', 'seed=2'] });
    const other = loadScenario(file, { overrides: ['seed=2', 'seed=1'] });
    expect(one.hash).not.toBe(plain.hash);
    expect(one.sourceHash).toBe(plain.hash);
    expect(one.hash).not.toBe(other.hash);
    expect(one.seed).toBe(2); // last wins
    expect(other.seed).toBe(1);
  });
});

describe('overrides in loadScenario', () => {
  it('apply after the chain, last wins, and are recorded', () => {
    const s = loadScenario(`${F}/chain/sub/child.yaml`, {
      overrides: ['supervision.auditRate=0.3', 'identification.method=pmt', 'seed=7', 'township.housingFloor=false', 'name=run-1', 'supervision.auditRate=0.4'],
    });
    expect(s.params.supervision.auditRate).toBe(0.4);
    expect(s.params.identification.method).toBe('pmt');
    expect(s.params.township.housingFloor).toBe(false);
    expect(s.params.supervision.detectionProbability).toBe(0.9); // from the child, untouched
    expect(s.seed).toBe(7);
    expect(s.name).toBe('run-1');
    expect(s.overrides).toEqual([
      'supervision.auditRate=0.3',
      'identification.method=pmt',
      'seed=7',
      'township.housingFloor=false',
      'name=run-1',
      'supervision.auditRate=0.4',
    ]);
  });
});

describe('resolveScenarioObject and loadScenarioText', () => {
  it('resolve in-memory scenarios with extends relative to baseDir', () => {
    const s = resolveScenarioObject(
      { extends: 'parent.yaml', supervision: { auditRate: 0.5 } },
      'inline',
      { baseDir: path.join(F, 'chain'), overrides: ['seed=3'] },
    );
    expect(s.params.supervision.auditRate).toBe(0.5);
    expect(s.params.identification.method).toBe('hybrid'); // from parent
    expect(s.seed).toBe(3);
    expect(s.name).toBe('inline');
    expect(s.chain).toEqual([path.join(F, 'chain/grandparent.yaml'), path.join(F, 'chain/parent.yaml'), 'inline']);

    const t = loadScenarioText('extends: parent.yaml\nsupervision:\n  auditRate: 0.5\n', 'text.yaml', {
      baseDir: path.join(F, 'chain'),
    });
    expect(t.params).toEqual(s.params);
    expect(t.name).toBe('text');
  });

  it('null and {} are all defaults; key order does not change the hash', () => {
    expect(resolveScenarioObject(null, 'x').params).toEqual(defaultParams);
    const a = resolveScenarioObject({ seed: 2, supervision: { auditRate: 0.1, recoveryRate: 0.2 } }, 'x');
    const b = resolveScenarioObject({ supervision: { recoveryRate: 0.2, auditRate: 0.1 }, seed: 2 }, 'x');
    expect(a.hash).toBe(b.hash);
  });

  it('validate in-memory objects like files', () => {
    expect(() => resolveScenarioObject({ supervision: { auditRate: '0.3' } }, 'sweep.yaml')).toThrow(
      'sweep.yaml: supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "0.3" (text in quotes; write the number without quotes)',
    );
    expect(() => resolveScenarioObject({ supervision: { auditRate: Number.NaN } }, 'x')).toThrow(/found \.nan$/);
    expect(() => resolveScenarioObject({ seed: 1.5 }, 'x')).toThrow('x: seed: expected an integer from 0 to 4294967295, found 1.5');
  });
});

describe('applyParameterValues', () => {
  const base = loadScenario(`${F}/chain/sub/child.yaml`, { overrides: ['seed=5'] });

  it('sets values by dotted path and does not modify its input', () => {
    const s = applyParameterValues(base, { 'supervision.auditRate': 0.35, 'identification.method': 'verification', seed: 9 }, 'design');
    expect(s.params.supervision.auditRate).toBe(0.35);
    expect(s.params.identification.method).toBe('verification');
    expect(s.seed).toBe(9);
    expect(s.overrides).toEqual(['seed=5', 'supervision.auditRate=0.35', 'identification.method=verification', 'seed=9']);
    expect(base.params.supervision.auditRate).toBe(0.2);
    expect(base.seed).toBe(5);
    expect(Object.isFrozen(s.params)).toBe(true);
  });

  it('validates exactly like a file, naming the source', () => {
    expect(() => applyParameterValues(base, { 'supervision.auditRate': 1.5 }, 'design.yaml')).toThrow(
      'design.yaml: supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found 1.5',
    );
    expect(() => applyParameterValues(base, { 'supervision.auditrate': 0.5 }, 'design.yaml')).toThrow(
      'design.yaml: supervision.auditrate: unknown key "auditrate" in supervision; did you mean "auditRate"?',
    );
    expect(() => applyParameterValues(base, { 'simulation.months': '12' }, 'd')).toThrow(InputError);
  });

  it('gives the same scenario, hash included, as loading with the same overrides (random values)', () => {
    const numberLeaves = leaves(parameterTree).filter((l) => l.spec.kind === 'number');
    const enumLeaves = leaves(parameterTree).filter((l) => l.spec.kind === 'enum');
    const numberValue = fc.constantFrom(...numberLeaves).chain((leaf) => {
      const spec = leaf.spec.kind === 'number' ? leaf.spec : undefined;
      if (spec === undefined) throw new Error('unreachable');
      const value = spec.integer
        ? fc.integer({ min: spec.min, max: spec.max })
        : fc.double({ min: spec.min, max: spec.max, noNaN: true, noDefaultInfinity: true });
      return value.map((v): [string, number | string] => [leaf.path, Object.is(v, -0) ? 0 : v]);
    });
    const enumValue = fc.constantFrom(...enumLeaves).chain((leaf) => {
      const values = leaf.spec.kind === 'enum' ? leaf.spec.values : [];
      return fc.constantFrom(...values).map((v): [string, number | string] => [leaf.path, v]);
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(numberValue, enumValue), { minLength: 1, maxLength: 6 }), (pairs) => {
        const values = Object.fromEntries(pairs);
        const applied = applyParameterValues(base, values, 'design');
        const texts = applied.overrides.slice(base.overrides.length);
        const loaded = loadScenario(`${F}/chain/sub/child.yaml`, { overrides: [...base.overrides, ...texts] });
        expect(loaded.params).toEqual(applied.params);
        expect(loaded.hash).toBe(applied.hash);
        for (const [key, value] of Object.entries(values)) {
          const [group, name] = key.split('.') as [keyof Params, string];
          expect((applied.params[group] as Record<string, unknown>)[name]).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });
});
