/**
 * Hostile scenario files (issue 6): mutations of the shipped scenarios and malformed files. Every
 * invalid case must end in one InputError whose single-line message names the file (and the key
 * where there is one), with nothing thrown but InputError. A sample also goes through the command
 * line: exit code 2, one line on stderr, no stack trace, nothing written. No time is asserted (speed
 * belongs in `npm run bench`): a case that hangs fails by the suite's hang guard.
 *
 * FUZZ_CASES (default 500 in `npm test`, 5000 in `npm run test:long`) and FUZZ_SEED set the size
 * and seed of the run; `npm test` sends every fourth kind through the command line, test:long all.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { parse, stringify } from 'yaml';
import { InputError, loadScenario, parameterInfo } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';
import { sized } from '../long.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? sized(500, 5000));
/** Every CLI_EVERY-th kind of case goes through the command line (a command takes about 0.7 s). */
const CLI_EVERY = sized(4, 1);
const SEED = process.env['FUZZ_SEED'] ?? 'povsim-fuzz';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const shipped = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: f, object: parse(readFileSync(join('scenarios', f), 'utf8')) as Record<string, unknown> }));
const leaves = parameterInfo();
const numeric = leaves.filter((p) => p.kind === 'number');
const integers = numeric.filter((p) => p.integer);
const shares = numeric.filter((p) => p.min === 0 && p.max === 1);

interface Case {
  kind: string;
  /** File text to write (the scenario under test). */
  text: string;
  /** Other files to write beside it (for extends chains), name -> text. */
  siblings?: Record<string, string>;
  /** A key the message must name, when there is one. */
  key?: string;
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const [group, key] = path.split('.') as [string, string];
  const existing = object[group];
  object[group] = { ...(existing && typeof existing === 'object' ? existing : {}), [key]: value };
}

/** A base to mutate: a shipped scenario with `extends` made absolute so it resolves from a temp folder. */
function base(rng: Rng): Record<string, unknown> {
  const { object } = pick(rng, shipped);
  const copy = structuredClone(object ?? {});
  if (typeof copy['extends'] === 'string') copy['extends'] = join(process.cwd(), 'scenarios', copy['extends']);
  return copy;
}

const wrongTypes: readonly unknown[] = ['abc', [1, 2], { a: 1 }, true, null, '0.5', ''];

const generators: ((rng: Rng) => Case)[] = [
  (rng) => {
    const o = base(rng);
    const p = pick(rng, leaves);
    const candidates = wrongTypes.filter((v) =>
      p.kind === 'number' ? typeof v !== 'number' : p.kind === 'boolean' ? typeof v !== 'boolean' : typeof v !== 'string' || !(p.values ?? []).includes(v),
    );
    setPath(o, p.path, pick(rng, candidates));
    return { kind: 'wrong type', text: stringify(o), key: p.path };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, leaves);
    const [group, key] = p.path.split('.') as [string, string];
    const typo = pick(rng, [key.toLowerCase(), `${key}s`, key.slice(0, -1), `x${key}`, 'frobnicate']);
    if (typo === key) return { kind: 'unknown key', text: stringify({ ...o, nonsenseKey: 1 }), key: 'nonsenseKey' };
    setPath(o, `${group}.${typo}`, 0.5);
    return { kind: 'unknown key', text: stringify(o), key: typo };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, [...leaves.map((l) => l.path.split('.')[1]!), 'bogus']);
    o[p] = 1;
    return { kind: 'key at wrong level', text: stringify(o), key: p };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, integers);
    setPath(o, p.path, -1 - Math.floor(rng() * 1000));
    return { kind: 'negative count', text: stringify(o), key: p.path };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, shares);
    setPath(o, p.path, pick(rng, [-0.1, 1.5, 2, -1e-300, 1 + 1e-9, 100]));
    return { kind: 'share outside [0, 1]', text: stringify(o), key: p.path };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, numeric.filter((q) => q.max !== undefined && q.max < 1e300));
    setPath(o, p.path, pick(rng, [1e308, -1e308, 1e300]));
    return { kind: 'enormous number', text: stringify(o), key: p.path };
  },
  (rng) => {
    const o = base(rng);
    const p = pick(rng, numeric);
    const text = stringify(o) + `\n${p.path.split('.')[0]}_extra: ${pick(rng, ['.nan', '.inf', '-.inf'])}\n`;
    return { kind: 'NaN or infinity', text };
  },
  (rng) => {
    const o = base(rng);
    const group = pick(rng, ['supervision', 'identification', 'township', 'platforms']);
    o[group] = pick(rng, [[], '', 7, 'high']);
    return { kind: 'group of the wrong type', text: stringify(o), key: group };
  },
  (rng) => {
    const o = base(rng);
    o['extends'] = pick(rng, ['missing.yaml', '../nowhere/base.yaml', 'scenarios/none.yaml']);
    return { kind: 'missing extends target', text: stringify(o), key: 'extends' };
  },
  (rng) => {
    const other = `cycle-${Math.floor(rng() * 1e6)}.yaml`;
    return { kind: 'extends cycle', text: `extends: ${other}\n`, siblings: { [other]: 'extends: case.yaml\n' } };
  },
  (rng) => ({
    kind: 'broken YAML',
    text: pick(rng, [
      'supervision:\n  auditRate: [0.3\n',
      'supervision:\n\tauditRate: 0.3\n',
      'supervision: {auditRate: 0.3\n',
      'a: b: c\n',
      'supervision:\n  auditRate: 0.3\n auditRate: 0.4\n',
      '"unterminated\n',
      'key: value\nkey: value\n',
      '- a\nb: c\n',
    ]),
  }),
  (rng) => {
    const depth = 8 + Math.floor(rng() * 4);
    let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let d = 1; d <= depth; d += 1) text += `${String.fromCharCode(97 + d)}: &${String.fromCharCode(97 + d)} [${Array(9).fill(`*${String.fromCharCode(96 + d)}`).join(',')}]\n`;
    return { kind: 'alias bomb', text };
  },
  (rng) => {
    const bytes = Buffer.alloc(200 + Math.floor(rng() * 2000));
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(rng() * 256);
    return { kind: 'binary junk', text: bytes.toString('latin1') };
  },
  (rng) => ({ kind: 'very large file', text: `# ${'x'.repeat(1024 * 1024 + Math.floor(rng() * 1000))}\n` }),
  (rng) => ({ kind: 'not a mapping', text: pick(rng, ['- 1\n- 2\n', '42\n', '"just text"\n', 'true\n']) }),
  (rng) => {
    const o = base(rng);
    o['seed'] = pick(rng, [-1, 2 ** 32, 1.5, 'seven']);
    return { kind: 'bad seed', text: stringify(o), key: 'seed' };
  },
];

function generate(count: number): Case[] {
  const rng = seedrandom(String(SEED));
  return Array.from({ length: count }, (_, k) => generators[k % generators.length]!(rng));
}

describe(`hostile scenario files (${CASES} cases, seed ${SEED})`, () => {
  it('each ends in one clear InputError naming the file (and the key)', () => {
    const dir = tempDir('povsim-fuzz-');
    const failures: string[] = [];
    const counts = new Map<string, number>();
    generate(CASES).forEach((c, k) => {
      const caseDir = join(dir, String(k % 64));
      mkdirSync(caseDir, { recursive: true });
      const file = join(caseDir, 'case.yaml');
      writeFileSync(file, c.text, 'latin1');
      for (const [name, text] of Object.entries(c.siblings ?? {})) writeFileSync(join(caseDir, name), text);
      counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
      try {
        loadScenario(file);
        failures.push(`${c.kind}: accepted\n${c.text.slice(0, 200)}`);
      } catch (error) {
        if (!(error instanceof InputError)) failures.push(`${c.kind}: threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
        else {
          const message = error.message;
          if (message.includes('\n')) failures.push(`${c.kind}: message has several lines: ${message}`);
          if (!message.includes('case.yaml') && !message.includes('cycle-')) failures.push(`${c.kind}: message does not name the file: ${message}`);
          const key = c.key?.split('.').at(-1);
          if (key && !message.includes(key)) failures.push(`${c.kind}: message does not name the key ${c.key}: ${message}`);
        }
      }
    });
    expect(failures.slice(0, 10)).toEqual([]);
    expect(counts.size).toBe(generators.length);
  });

  it('through the command line: exit 2, one line, no stack trace, nothing written', () => {
    const dir = tempDir('povsim-fuzz-cli-');
    // One case of each kind (of every CLI_EVERY-th kind in npm test).
    const sample = generate(generators.length).filter((_, k) => k % CLI_EVERY === 0);
    expect(sample.length).toBeGreaterThanOrEqual(4);
    sample.forEach((c, k) => {
      const caseDir = join(dir, String(k));
      mkdirSync(caseDir, { recursive: true });
      const file = join(caseDir, 'case.yaml');
      writeFileSync(file, c.text, 'latin1');
      for (const [name, text] of Object.entries(c.siblings ?? {})) writeFileSync(join(caseDir, name), text);
      const out = join(caseDir, 'out');
      const result = povsim(['run', file, '--out', out, '--no-charts']);
      expect(result.code, `${c.kind}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n'), c.kind).toHaveLength(1);
      expect(result.stderr).toMatch(/^povsim: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out), c.kind).toBe(false);
    });
  });
});
