import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, InputError, parseOverride } from '../../src/scenario/index.js';
import { parseYaml } from '../../src/scenario/yaml.js';

function message(text: string): string {
  try {
    parseOverride(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const m = (error as Error).message;
    expect(m).not.toMatch(/[\n\r]/);
    return m;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const SHARE = 'a number from 0 to 1 (share of registered households per year)';

describe('parseOverride: values are YAML scalars, never coerced', () => {
  it.each([
    ['supervision.auditRate=0.3', ['supervision', 'auditRate'], 0.3, 'supervision.auditRate=0.3'],
    ['  supervision.auditRate = 0.30 ', ['supervision', 'auditRate'], 0.3, 'supervision.auditRate=0.3'],
    ['identification.method=pmt', ['identification', 'method'], 'pmt', 'identification.method=pmt'],
    ['township.housingFloor=false', ['township', 'housingFloor'], false, 'township.housingFloor=false'],
    ['simulation.months=120', ['simulation', 'months'], 120, 'simulation.months=120'],
    ['seed=7', ['seed'], 7, 'seed=7'],
    ['name=run-1', ['name'], 'run-1', 'name=run-1'],
    ['description=a=b, c', ['description'], 'a=b, c', 'description=a=b, c'],
    ['description="true"', ['description'], 'true', 'description="true"'],
  ] as const)('%s', (text, path, value, canonical) => {
    const a = parseOverride(text);
    expect(a.path).toEqual(path);
    expect(a.value).toBe(value);
    expect(a.text).toBe(canonical);
  });
});

describe('parseOverride: messages name --set, the key, expected and found', () => {
  it.each([
    ['supervision.auditRat=0.3', '--set: supervision.auditRat: unknown key "auditRat" in supervision; did you mean "auditRate"?'],
    ['auditRate=0.3', '--set: auditRate: unknown key "auditRate" at top level; did you mean "supervision.auditRate"?'],
    ['identification.auditRate=0.3', '--set: identification.auditRate: unknown key "auditRate" in identification; did you mean "supervision.auditRate"?'],
    ['supervison.auditRate=0.3', '--set: supervison: unknown key "supervison" at top level; did you mean "supervision"?'],
    ['supervision.auditRate="0.3"', `--set: supervision.auditRate: expected ${SHARE}, found "0.3" (text in quotes; write the number without quotes)`],
    ['supervision.auditRate=-0.2', `--set: supervision.auditRate: expected ${SHARE}, found -0.2`],
    ['supervision.auditRate=.inf', `--set: supervision.auditRate: expected ${SHARE}, found .inf`],
    ['supervision.auditRate=', `--set: supervision.auditRate: expected ${SHARE}, found nothing`],
    ['supervision.auditRate=[1, 2]', `--set: supervision.auditRate: expected ${SHARE}, found a list`],
    ['supervision.auditRate=[1', `--set: supervision.auditRate: expected a single value (number, true/false or text), found "[1"`],
    ['simulation.months=2.5', '--set: simulation.months: expected an integer from 1 to 600 (months), found 2.5'],
    ['township.housingFloor=1', '--set: township.housingFloor: expected true or false, found 1'],
    ['identification.method=high', '--set: identification.method: expected one of pmt, community, hybrid, verification, found "high"'],
    ['seed=-1', '--set: seed: expected an integer from 0 to 4294967295, found -1'],
    ['supervision=0.3', '--set: supervision: expected a parameter such as supervision.auditRate, found a group of parameters'],
    ['supervision.auditRate.x=1', '--set: supervision.auditRate.x: supervision.auditRate is a parameter, not a group'],
    ['seed.x=1', '--set: seed.x: seed is a single value, not a group'],
    ['supervision..auditRate=1', '--set: supervision..auditRate: expected a dotted key such as supervision.auditRate, found "supervision..auditRate"'],
    ['extends=base.yaml', '--set: extends: cannot be overridden; write a scenario file that extends the other instead'],
    ['supervision.auditRate', '--set: expected KEY=VALUE such as supervision.auditRate=0.3, found "supervision.auditRate"'],
    ['=0.3', '--set: expected KEY=VALUE such as supervision.auditRate=0.3, found "=0.3"'],
    ['', '--set: expected KEY=VALUE such as supervision.auditRate=0.3, found nothing'],
  ])('%s', (text, expected) => {
    expect(message(text)).toBe(expected);
  });

  it('uses the given source name', () => {
    expect(() => parseOverride('seed=x', 'sweep.yaml')).toThrow('sweep.yaml: seed: expected an integer from 0 to 4294967295, found "x"');
  });
});

describe('formatValue', () => {
  it('writes values so that YAML reads them back unchanged (random strings, numbers, booleans)', () => {
    const value = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
      fc.constantFrom('true', 'null', '0.3', '~', '- a', 'a: b', '#x', ' lead', '"q"', "'"),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
      fc.boolean(),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(parseYaml(formatValue(v), 'x').value).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });
});
