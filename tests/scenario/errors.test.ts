import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, loadScenario, loadScenarioText, MAX_CHAIN_LENGTH } from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const F = path.relative(process.cwd(), path.join(here, 'fixtures'));
const E = `${F}/errors`;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'povsim-scenario-'));
}

/** The InputError thrown by `run` (fails the test if none, or another kind, is thrown). */
function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

function loadError(file: string): InputError {
  return inputError(() => loadScenario(file));
}

const SHARE = 'a number from 0 to 1 (share of registered households per year)';

/** [fixture, exact message after "<file>: "]. */
const exactMessages: ReadonlyArray<readonly [string, string]> = [
  ['typo.yaml', 'supervision.auditrate: unknown key "auditrate" in supervision; did you mean "auditRate"?'],
  ['wrong-group.yaml', 'identification.auditRate: unknown key "auditRate" in identification; did you mean "supervision.auditRate"?'],
  ['top-level-leaf.yaml', 'auditRate: unknown key "auditRate" at top level; did you mean "supervision.auditRate"?'],
  ['dotted.yaml', 'supervision.auditRate: unknown key "supervision.auditRate" at top level; dotted keys are only for --set; in a file write "auditRate" indented under "supervision"'],
  ['quoted-number.yaml', `supervision.auditRate: expected ${SHARE}, found "0.3" (text in quotes; write the number without quotes)`],
  ['nan.yaml', `supervision.auditRate: expected ${SHARE}, found .nan`],
  ['infinity.yaml', 'township.povertyLine: expected a number from 1 to 1000000 (yuan per capita per year), found 1e400'],
  ['null.yaml', `supervision.auditRate: expected ${SHARE}, found nothing`],
  ['list.yaml', `supervision.auditRate: expected ${SHARE}, found a list`],
  // The first error in file order (line 4), not detectionProbability on line 5.
  ['out-of-range.yaml', 'supervision.villageAuditRate: expected a number from 0 to 1 (share of villages per year), found -0.2'],
  ['not-integer.yaml', 'simulation.months: expected an integer from 1 to 600 (months), found 2.5'],
  ['bad-enum.yaml', 'identification.method: expected one of pmt, community, hybrid, verification, found "high"'],
  ['bad-bool.yaml', 'township.housingFloor: expected true or false, found "yes" (write true or false)'],
  ['group-scalar.yaml', 'supervision: expected a mapping of supervision parameters, found 0.3'],
  ['top-list.yaml', 'expected a mapping of scenario keys (name, description, extends, seed, parameter groups), found a list'],
  ['seed.yaml', 'seed: expected an integer from 0 to 4294967295, found -1'],
  ['name.yaml', 'name: expected a name of letters, digits, ".", "_" and "-" starting with a letter or digit (at most 64 characters), found "two words"'],
  ['syntax.yaml', 'line 3: all mapping items must start at the same column'],
  ['duplicate.yaml', 'line 2: duplicate key "seed"'],
  ['tag.yaml', 'line 1: tags are not allowed (found "!!binary"); write plain values'],
  ['multiple-documents.yaml', 'line 2: expected one YAML document, found a second one (a line ---)'],
  ['bomb.yaml', 'too many alias expansions (more than 100); aliases that expand exponentially are refused'],
  ['missing-extends.yaml', `extends: expected an existing scenario file, found "nowhere/base.yaml" (no file "${E}/nowhere/base.yaml")`],
  ['long-value.yaml', 'identification.method: expected one of pmt, community, hybrid, verification, found "this is a very long value that goes o..."'],
  ['newline-value.yaml', 'identification.method: expected one of pmt, community, hybrid, verification, found "line one\\nline two"'],
];

describe('messages: one line, file, key, expected and found', () => {
  it.each(exactMessages)('%s', (fixture, message) => {
    const file = `${E}/${fixture}`;
    const error = loadError(file);
    expect(error.message).toBe(`${file}: ${message}`);
    expect(error.message).not.toMatch(/[\n\r]/);
    expect(error.file).toBe(file);
  });

  it('keeps the parts in fields for the CLI', () => {
    const error = loadError(`${E}/quoted-number.yaml`);
    expect(error.key).toBe('supervision.auditRate');
    expect(error.expected).toBe(SHARE);
    expect(error.found).toBe('"0.3" (text in quotes; write the number without quotes)');
    expect(error.line).toBe(3);
    expect(error.name).toBe('InputError');
  });

  it('names the ancestor that has the error, not the file loaded', () => {
    const error = loadError(`${E}/bad-parent.yaml`);
    expect(error.message).toBe(`${E}/typo.yaml: supervision.auditrate: unknown key "auditrate" in supervision; did you mean "auditRate"?`);
  });

  it('suggests nothing when no key is close', () => {
    const error = inputError(() => loadScenarioText('supervision:\n  zzzzzz: 1\n', 'x.yaml'));
    expect(error.message).toBe('x.yaml: supervision.zzzzzz: unknown key "zzzzzz" in supervision');
  });

  it('lists every group a misplaced shared name could belong to', () => {
    const error = inputError(() => loadScenarioText('adminshare: 0.1\n', 'x.yaml'));
    expect(error.message).toBe(
      'x.yaml: adminshare: unknown key "adminshare" at top level; did you mean "government.adminShare", "enterprises.adminShare" or "socialOrganisations.adminShare"?',
    );
  });

  it('suggests a top-level group put inside another group', () => {
    const error = inputError(() => loadScenarioText('supervision:\n  disclosure:\n    postingShare: 1\n', 'x.yaml'));
    expect(error.message).toBe('x.yaml: supervision.disclosure: unknown key "disclosure" in supervision; did you mean "disclosure" at top level?');
  });

  it('suggests the enum value for a wrong case', () => {
    const error = inputError(() => loadScenarioText('identification:\n  method: PMT\n', 'x.yaml'));
    expect(error.message).toBe('x.yaml: identification.method: expected one of pmt, community, hybrid, verification, found "PMT"; did you mean "pmt"?');
  });

  it('treats a __proto__ key as an unknown key, polluting nothing', () => {
    const error = inputError(() => loadScenarioText('supervision:\n  __proto__:\n    polluted: 1\n', 'x.yaml'));
    expect(error.message).toBe('x.yaml: supervision.__proto__: unknown key "__proto__" in supervision');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses keys that are not names', () => {
    expect(inputError(() => loadScenarioText('[a, b]: 1\n', 'x.yaml')).message).toBe('x.yaml: line 1: expected a name as key, found a list');
    expect(inputError(() => loadScenarioText('1: 1\n', 'x.yaml')).message).toBe('x.yaml: line 1: expected a name as key, found 1 (not a name)');
  });

  it('treats YAML 1.1 merge keys as unknown keys', () => {
    expect(inputError(() => loadScenarioText('<<: {seed: 1}\n', 'x.yaml')).message).toBe('x.yaml: <<: unknown key "<<" at top level');
  });

  it('cuts very long keys and values', () => {
    const key = 'k'.repeat(5000);
    const error = inputError(() => loadScenarioText(`${key}: ${'v'.repeat(5000)}\n`, 'x.yaml'));
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).not.toMatch(/[\n\r]/);
  });
});

describe('extends problems', () => {
  it('reports a cycle of two files, listing it', () => {
    const a = `${F}/cycle/a.yaml`;
    const b = `${F}/cycle/b.yaml`;
    expect(loadError(a).message).toBe(`${b}: extends: cycle ${a} -> ${b} -> ${a}`);
  });

  it('reports a file that extends itself', () => {
    const self = `${F}/cycle/self.yaml`;
    expect(loadError(self).message).toBe(`${self}: extends: cycle ${self} -> ${self}`);
  });

  it(`refuses chains longer than ${MAX_CHAIN_LENGTH} files`, () => {
    const dir = tempDir();
    // s0 extends s1 extends ... s40; s40 extends nothing.
    for (let i = 0; i <= 40; i++) {
      writeFileSync(path.join(dir, `s${i}.yaml`), i < 40 ? `extends: s${i + 1}.yaml\n` : 'seed: 3\n');
    }
    const error = loadError(path.join(dir, 's0.yaml'));
    expect(error.message).toBe(`${path.join(dir, `s${MAX_CHAIN_LENGTH - 1}.yaml`)}: extends: chain of extends longer than ${MAX_CHAIN_LENGTH} files`);
    // 32 files are fine: s8 ... s40 is 33 files, s9 ... s40 is 32.
    expect(loadScenario(path.join(dir, 's9.yaml')).seed).toBe(3);
  });

  it('refuses an empty extends', () => {
    expect(inputError(() => loadScenarioText('extends: ""\n', 'x.yaml')).message).toBe(
      'x.yaml: extends: expected a path to a scenario file, relative to this file, found ""',
    );
  });
});

describe('hostile and broken files', () => {
  // No time is asserted (speed belongs in npm run bench); a file that hung would fail by the hang guard.
  it('fails on an alias bomb', () => {
    const error = loadError(`${E}/bomb.yaml`);
    expect(error.message).toMatch(/too many alias expansions/);
  });

  it('fails on a megabyte of nested brackets', () => {
    const dir = tempDir();
    const file = path.join(dir, 'deep.yaml');
    writeFileSync(file, `a: ${'['.repeat(1_000_000)}\n`);
    expect(loadError(file).message).toBe(`${file}: line 1: YAML nested too deeply (more than 64 levels of [ or {)`);
  });

  it('refuses binary junk before parsing it', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.yaml');
    // Bytes 0xff and 0xfe never occur in UTF-8.
    writeFileSync(junk, Buffer.from([0x73, 0x65, 0x65, 0x64, 0xff, 0xfe, 0x00, 0x01]));
    expect(loadError(junk).message).toBe(`${junk}: expected a UTF-8 text file, found binary data (not valid UTF-8)`);

    const nul = path.join(dir, 'nul.yaml');
    writeFileSync(nul, 'seed: 1\n\u0000\u0000\n');
    expect(loadError(nul).message).toBe(`${nul}: expected a YAML text file, found binary data (control character 0x00 at character 8)`);
  });

  it('refuses a file over 1 MiB without reading it', () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.yaml');
    writeFileSync(huge, `seed: 1\n${'#'.repeat(2 * 1024 * 1024)}\n`);
    expect(loadError(huge).message).toBe(`${huge}: expected a file of at most 1 MiB, found 2 MiB`);
  });

  it('reports a missing file and a directory', () => {
    expect(loadError(`${F}/no-such.yaml`).message).toBe(`${F}/no-such.yaml: no such file`);
    expect(loadError(F).message).toBe(`${F}: expected a scenario file, found a directory`);
  });

  it('any text gives a scenario or a one-line InputError, never another error', () => {
    const yamlish = fc.array(
      fc.constantFrom('supervision', ':', ' ', '\n', '  ', '-', '[', ']', '{', '}', '&a', '*a', '!!', '"', "'", '#', 'auditRate', '0.3', 'seed', '.nan', 'true', ',', '?', '|', '>'),
      { maxLength: 40 },
    ).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        try {
          loadScenarioText(text, 'x.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).not.toMatch(/[\n\r\u2028\u2029]/);
          expect((error as Error).message.startsWith('x.yaml')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
