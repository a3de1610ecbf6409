/**
 * Hostile input files (issue 10, items 1, 2, 3, 12, 14 and validate's half of 20): FIFOs and
 * devices, directly, through `extends` and through an output folder; huge YAML; names that would
 * inject formulas or escape codes; files that are not scenarios; links that loop; and `validate`
 * on sweep files. Every case must end in one InputError line (exit 2 from the command line), and
 * the tests wait for that: a FIFO read the old way blocks forever, so the test would time out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfData } from '../../src/cli/file-kinds.js';
import { LineReader } from '../../src/experiments/csv.js';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { READ_LIMITS, readRegularFile } from '../../src/io/read.js';
import { detectOutputKind, readJson } from '../../src/output/report/read.js';
import { InputError, loadScenario, loadScenarioText, resolveScenarioObject } from '../../src/scenario/index.js';
import { isValidName } from '../../src/scenario/names.js';
import { povsim } from '../cli/helpers.js';
import { sized } from '../long.js';

const BASELINE = join(process.cwd(), 'scenarios/baseline.yaml');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'povsim-read-'));
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** The InputError thrown by `run` (fails the test if none, or another kind, is thrown). */
function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

/** Expects a one-line refusal with exit code 2 from the command line. */
function expectRefused(result: { code: number | null; stdout: string; stderr: string }, message: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('internal error');
}

const hasDevices = existsSync('/dev/zero') && existsSync('/dev/urandom');

describe('only regular files are read (FIFOs)', () => {
  it('refuses a FIFO as scenario, as extends target, as sweep file and as a sweep base', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'f.yaml'));
    writeFileSync(join(dir, 'a.yaml'), 'extends: f.yaml\n');
    writeFileSync(join(dir, 'sweep.yaml'), 'scenario: f.yaml\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n');
    expect(inputError(() => loadScenario(join(dir, 'f.yaml'))).message).toBe(`${join(dir, 'f.yaml')}: expected a scenario file, found a FIFO (named pipe)`);
    expect(inputError(() => loadScenario(join(dir, 'a.yaml'))).message).toBe(`${join(dir, 'f.yaml')}: expected a scenario file, found a FIFO (named pipe)`);
    expect(inputError(() => loadSweep(join(dir, 'f.yaml'))).message).toBe(`${join(dir, 'f.yaml')}: expected a sweep file, found a FIFO (named pipe)`);
    expect(inputError(() => loadSweep(join(dir, 'sweep.yaml'))).message).toBe(
      `${join(dir, 'sweep.yaml')}: scenario: expected an existing scenario file (relative to the sweep file), found "f.yaml" (a FIFO (named pipe): "${join(dir, 'f.yaml')}")`,
    );
  });

  it('refuses a FIFO among a sweep folder\'s files (results.csv read line by line, manifest.json)', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'results.csv'));
    expect(inputError(() => new LineReader(join(dir, 'results.csv'))).message).toBe(`${join(dir, 'results.csv')}: expected a regular file, found a FIFO (named pipe)`);
    mkfifo(join(dir, 'manifest.json'));
    expect(inputError(() => readJson(join(dir, 'manifest.json'))).message).toBe(`${join(dir, 'manifest.json')}: expected a regular file, found a FIFO (named pipe)`);
  });

  it('bounds a line read line by line, by the bytes read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.csv'), `a,b\n${'x'.repeat(3 * 1024 * 1024)}\n`);
    const reader = new LineReader(join(dir, 'long.csv'), 2 * 1024 * 1024);
    expect(reader.next()?.text).toBe('a,b');
    expect(inputError(() => reader.next()).message).toBe(`${join(dir, 'long.csv')}: has a line longer than 2 MiB; it was not written by povsim`);
    reader.close();
  });

  it('povsim run a.yaml, where a.yaml extends a FIFO, ends in one line and exit 2', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'f.yaml'));
    writeFileSync(join(dir, 'a.yaml'), 'extends: f.yaml\n');
    expectRefused(povsim(['run', join(dir, 'a.yaml'), '--out', join(dir, 'out')]), `povsim: ${join(dir, 'f.yaml')}: expected a scenario file, found a FIFO (named pipe)\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('povsim chart refuses a run folder whose summary.json is a FIFO', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'summary.json'));
    expectRefused(povsim(['chart', dir]), `povsim: ${join(dir, 'summary.json')}: expected a regular file, found a FIFO (named pipe)\n`);
  });
});

describe.runIf(hasDevices)('devices are refused, and reads are bounded by the bytes read', () => {
  it('refuses /dev/zero and /dev/urandom directly', () => {
    expect(inputError(() => loadScenario('/dev/zero')).message).toBe('/dev/zero: expected a scenario file, found a character device');
    expect(inputError(() => loadSweep('/dev/urandom')).message).toBe('/dev/urandom: expected a sweep file, found a character device');
  });

  it('refuses devices through extends: a path that is not .yaml is not read; a .yaml link to a device is not a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'extends: /dev/urandom\n');
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    writeFileSync(join(dir, 'b.yaml'), 'extends: zero.yaml\n');
    expect(inputError(() => loadScenario(join(dir, 'a.yaml'))).message).toBe(
      '/dev/urandom: expected a scenario file named .yaml or .yml (files reached through extends must be), found another file name',
    );
    expect(inputError(() => loadScenario(join(dir, 'b.yaml'))).message).toBe(`${join(dir, 'zero.yaml')}: expected a scenario file, found a character device`);
  });

  it('povsim chart refuses a run folder whose summary.json links to /dev/zero (exit 2, one line)', () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'summary.json'));
    expectRefused(povsim(['chart', dir]), `povsim: ${join(dir, 'summary.json')}: expected a regular file, found a character device\n`);
    const urandom = tempDir();
    symlinkSync('/dev/urandom', join(urandom, 'comparison.json'));
    expect(inputError(() => readJson(join(urandom, 'comparison.json'))).message).toContain('found a character device');
  });

  it.runIf(existsSync('/proc/self/status'))('stops after the limit even when stat says 0 bytes (/proc files)', () => {
    // /proc/self/status is a regular file whose stat size is 0 but which holds hundreds of bytes.
    expect(inputError(() => readRegularFile('/proc/self/status', 16)).message).toBe('/proc/self/status: expected a file of at most 16 bytes, found more than 16 bytes');
    expect(readRegularFile('/proc/self/status', READ_LIMITS.yaml).length).toBeGreaterThan(16);
  });
});

describe('huge YAML is refused in linear time, at the first error', () => {
  const keys = (count: number, name: (i: number) => string): string =>
    Array.from({ length: count }, (_, i) => `${name(i)}: 1\n`).join('');
  // 80,000 keys (about 9 s) under npm run test:long, where quadratic checks would take many
  // minutes; npm test checks the same messages on 8,000.
  const COUNT = sized(8_000, 80_000);

  it(
    `refuses ${COUNT.toLocaleString('en')} unknown keys naming the first one, and ${COUNT.toLocaleString('en')} repeated keys at the first repeat`,
    () => {
      const unknown = inputError(() => loadScenarioText(keys(COUNT, (i) => `k${i}`), 'many.yaml'));
      expect(unknown.message).toBe('many.yaml: k0: unknown key "k0" at top level');
      const repeated = inputError(() => loadScenarioText(keys(COUNT, () => 'seed'), 'repeated.yaml'));
      expect(repeated.message).toBe('repeated.yaml: line 2: duplicate key "seed"');
      // Unknown keys nested in a group, after a valid key: still the first in file order.
      const nested = `seed: 2\nsupervision:\n${keys(COUNT, (i) => `  z${i}`)}`;
      expect(inputError(() => loadScenarioText(nested, 'nested.yaml')).message).toBe('nested.yaml: supervision.z0: unknown key "z0" in supervision');
    },
    // A guard only (the quadratic checks took many minutes); on a quiet machine this takes seconds.
    240_000,
  );

  it('reports the first problem in file order when there are several kinds', () => {
    const text = 'seed: 2\nzzz: 1\nsupervision:\n  auditRate: 5\n';
    expect(inputError(() => loadScenarioText(text, 'x.yaml')).message).toBe('x.yaml: zzz: unknown key "zzz" at top level');
  });
});

describe('one name rule for every source of a name', () => {
  const bad = ['=cmd|calc', '+1', '-rf', '@SUM(A1)', 'tab\there', 'cr\rhere', 'new\nline', 'esc\u001b[31mred', 'csi\u009bred', 'sp ace', 'x'.repeat(65), ''];

  it('accepts names of letters, digits, ".", "_" and "-" starting with a letter or digit, up to 64 characters', () => {
    for (const name of ['baseline', 'a', 'v1.2_final-B', '9lives', 'x'.repeat(64)]) expect(isValidName(name), name).toBe(true);
    for (const name of bad) expect(isValidName(name), JSON.stringify(name)).toBe(false);
  });

  it('refuses a file name that breaks the rule when the file sets no name, in one line with no raw control character', () => {
    const dir = tempDir();
    for (const name of bad.slice(0, -2)) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, 'seed: 3\n');
      const message = inputError(() => loadScenario(file)).message;
      expect(message).toContain(': name: the scenario sets no name: and its file name gives ');
      expect(message).toContain('rename the file or set name: in it');
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it('lets a file with a bad file name set a good name, by name: or by --set name=', () => {
    const dir = tempDir();
    const file = join(dir, '=cmd.yaml');
    writeFileSync(file, 'seed: 3\n');
    expect(loadScenario(file, { overrides: ['name=fine'] }).name).toBe('fine');
    writeFileSync(file, 'name: fine\n');
    expect(loadScenario(file).name).toBe('fine');
  });

  it('applies the same rule to name:, --set name=, in-memory scenarios and sweep files', () => {
    expect(inputError(() => loadScenarioText('name: "=cmd"\n', 'x.yaml')).message).toContain('x.yaml: name: expected a name of letters, digits');
    expect(inputError(() => loadScenario(BASELINE, { overrides: ['name=-rf'] })).message).toContain('--set: name: expected a name of letters, digits');
    expect(inputError(() => resolveScenarioObject({}, '+inline')).message).toContain('+inline: name: the scenario sets no name:');
    const dir = tempDir();
    const sweep = join(dir, '=sweep.yaml');
    writeFileSync(sweep, `scenario: ${BASELINE}\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n`);
    expect(inputError(() => loadSweep(sweep)).message).toContain(`${sweep}: name: the sweep sets no name: and its file name gives "=sweep"`);
    writeFileSync(join(dir, 'named.yaml'), `name: "-x"\nscenario: ${BASELINE}\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n`);
    expect(inputError(() => loadSweep(join(dir, 'named.yaml'))).message).toContain('name: expected a name of letters, digits');
  });
});

describe('the content of a file that is not a scenario is never shown', () => {
  const SECRET = 'TOPSECRET-hunter2';

  it('extends to a secret file (any name, a .yaml link, a .yaml with YAML errors) never echoes it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shadow'), `root:$6$${SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
    symlinkSync(join(dir, 'shadow'), join(dir, 'shadow.yaml'));
    writeFileSync(join(dir, 'text.yaml'), `${SECRET}\n`);
    writeFileSync(join(dir, 'tag.yaml'), `seed: !${SECRET} 1\n`);
    writeFileSync(join(dir, 'dup.yaml'), `${SECRET}: 1\n${SECRET}: 2\n`);
    writeFileSync(join(dir, 'broken.yaml'), `a: [\n${SECRET}: x\n`);
    writeFileSync(join(dir, 'keys.yaml'), `api_${SECRET}: 1\n`);
    for (const target of [join(dir, 'shadow'), 'shadow.yaml', 'text.yaml', 'tag.yaml', 'dup.yaml', 'broken.yaml', 'keys.yaml']) {
      writeFileSync(join(dir, 'a.yaml'), `extends: ${target}\n`);
      const message = inputError(() => loadScenario(join(dir, 'a.yaml'))).message;
      expect(message, target).not.toContain('TOPSECRET');
      expect(message, target).not.toContain('hunter2');
    }
    writeFileSync(join(dir, 'a.yaml'), 'extends: shadow.yaml\n');
    expect(inputError(() => loadScenario(join(dir, 'a.yaml'))).message).toBe(
      `${join(dir, 'shadow.yaml')}: line 1: not a povsim scenario: a key at top level is neither a scenario key nor a parameter group (its text is not shown for a file reached through extends; run povsim validate on it to see it)`,
    );
  });

  it('a sweep\'s base scenario is read as an extends target is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), `${SECRET}: x\n`);
    writeFileSync(join(dir, 'secret.yaml'), `${SECRET}: x\n`);
    for (const base of ['secret', 'secret.yaml']) {
      writeFileSync(join(dir, 'sweep.yaml'), `scenario: ${base}\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n`);
      const message = inputError(() => loadSweep(join(dir, 'sweep.yaml'))).message;
      expect(message, base).toContain(join(dir, base));
      expect(message, base).not.toContain('TOPSECRET');
    }
  });

  it('a file that is a single text is described, not quoted, even when named directly', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'token.yaml'), `${SECRET}\n`);
    expect(inputError(() => loadScenario(join(dir, 'token.yaml'))).message).toBe(
      `${join(dir, 'token.yaml')}: expected a mapping of scenario keys (name, description, extends, seed, parameter groups), found a text`,
    );
  });

  it('a base scenario with a misspelt parameter still gets the full message', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'base.yaml'), 'supervision:\n  auditrate: 0.1\n');
    writeFileSync(join(dir, 'a.yaml'), 'extends: base.yaml\n');
    expect(inputError(() => loadScenario(join(dir, 'a.yaml'))).message).toBe(
      `${join(dir, 'base.yaml')}: supervision.auditrate: unknown key "auditrate" in supervision; did you mean "auditRate"?`,
    );
  });
});

describe('symbolic link loops are reported as loops', () => {
  it('as the scenario and as an extends target', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'loop2.yaml'), join(dir, 'loop1.yaml'));
    symlinkSync(join(dir, 'loop1.yaml'), join(dir, 'loop2.yaml'));
    writeFileSync(join(dir, 'a.yaml'), 'extends: loop1.yaml\n');
    expect(inputError(() => loadScenario(join(dir, 'loop1.yaml'))).message).toBe(`${join(dir, 'loop1.yaml')}: a loop of symbolic links (each link leads back to another)`);
    expect(inputError(() => loadScenario(join(dir, 'a.yaml'))).message).toBe(
      `${join(dir, 'a.yaml')}: extends: expected an existing scenario file, found "loop1.yaml" (a loop of symbolic links at "${join(dir, 'loop1.yaml')}")`,
    );
    writeFileSync(join(dir, 'sweep.yaml'), 'scenario: loop1.yaml\nparameters:\n  supervision.auditRate: [0.1, 0.2]\n');
    expect(inputError(() => loadSweep(join(dir, 'sweep.yaml'))).message).toContain('(a loop of symbolic links at ');
    expect(inputError(() => detectOutputKind(join(dir, 'loop1.yaml'))).message).toBe(`${join(dir, 'loop1.yaml')}: a loop of symbolic links (each link leads back to another)`);
  });
});

describe('povsim validate recognises the kind of each file', () => {
  it('tells sweep files from scenarios by their keys', () => {
    expect(kindOfData({ scenario: 'baseline.yaml', parameters: {} }).kind).toBe('sweep');
    expect(kindOfData({ name: 'x', design: 'grid' }).kind).toBe('sweep');
    expect(kindOfData({ name: 'x', supervision: { auditRate: 0.3 } }).kind).toBe('scenario');
    expect(kindOfData(null).kind).toBe('scenario');
    expect(kindOfData(['a']).kind).toBe('scenario');
  });

  it('validates the shipped sweep files and scenarios together (exit 0)', () => {
    const result = povsim(['validate', 'scenarios/sweeps/audit-by-noise.yaml', 'scenarios/sweeps/sensitivity.yaml', 'scenarios/baseline.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {4}scenarios\/sweeps\/audit-by-noise\.yaml \(sweep audit-by-noise: grid design, \d+ points x \d+ replicates = \d+ runs, base scenarios\/baseline\.yaml\)$/m);
    expect(result.stdout).toMatch(/^ok {4}scenarios\/sweeps\/sensitivity\.yaml \(sweep sensitivity: sobol design, /m);
    expect(result.stdout).toMatch(/^ok {4}scenarios\/baseline\.yaml \(baseline\)$/m);
  });

  it('reports a sweep file\'s own error, not a scenario error', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sweeps'));
    const file = join(dir, 'sweeps', 'typo.yaml');
    writeFileSync(file, `scenario: ${BASELINE}\nparamters:\n  supervision.auditRate: [0.1, 0.2]\n`);
    const result = povsim(['validate', file, BASELINE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: ${file}: paramters: unknown key "paramters" at top level; did you mean "parameters"?\npovsim: 1 of 2 files are not valid\n`);
    expect(result.stdout).toBe(`ok    ${BASELINE} (baseline)\n`);
  });
});
