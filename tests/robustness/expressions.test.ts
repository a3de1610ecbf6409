/**
 * Scenario values are data, never expressions (issue 6): povsim does not evaluate anything a user
 * writes. `0.1 * 2`, `sqrt(4)` or an attempt to reach mathjs's parser (`import(...)`,
 * `evaluate(...)`, `createUnit(...)`) is text where a number is expected: a type error whose one
 * line says the value is an expression and is not evaluated. mathjs is used only inside povsim
 * (quantiles, means and standard deviations of results), never on input; a test keeps it so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiments/sweep-file.js';
import { InputError, loadScenario, parseOverride } from '../../src/scenario/index.js';
import { povsim, tempDir } from '../cli/helpers.js';

const dir = tempDir('povsim-expressions-');
const HINT = '(an expression: values are never evaluated; write the number itself)';
const COST = 'economy.medicalCost: expected a number from 0 to 10000000 (yuan per episode (mean)), found';

function errorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

function scenarioError(text: string): string {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return errorOf(() => loadScenario(file)).message.replace(`${file}: `, '');
}

describe('an expression where a value is expected is a type error, never evaluated', () => {
  it.each([
    ['supervision:\n  auditRate: 0.1 * 2\n', 'supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "0.1 * 2"'],
    ['supervision:\n  auditRate: sqrt(4)\n', 'supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "sqrt(4)"'],
    ['supervision:\n  auditRate: 1/2\n', 'supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "1/2"'],
    ['township:\n  households: 10^3\n', 'township.households: expected an integer from 1 to 20000000 (households), found "10^3"'],
    ['seed: 2 + 2\n', 'seed: expected an integer from 0 to 4294967295, found "2 + 2"'],
    // Escape attempts known from expression evaluators: they stay text.
    ['economy:\n  medicalCost: \'import({"x": 1}, {override: true})\'\n', `${COST} "import({\\"x\\": 1}, {override: true})"`],
    ['economy:\n  medicalCost: evaluate("1e6")\n', `${COST} "evaluate(\\"1e6\\")"`],
    ['economy:\n  medicalCost: createUnit("yuan")\n', `${COST} "createUnit(\\"yuan\\")"`],
    ['economy:\n  medicalCost: parse("2").compile().evaluate()\n', `${COST} "parse(\\"2\\").compile().evaluate()"`],
  ])('%j', (text, message) => {
    expect(scenarioError(text)).toBe(`${message} ${HINT}`);
  });

  it('unquoted braces are YAML flow syntax: a syntax error with its line, still nothing evaluated', () => {
    expect(scenarioError('economy:\n  medicalCost: import({"x": 1}, {override: true})\n')).toBe('line 2: nested mappings are not allowed in compact mappings');
  });

  it('a percentage gets its own hint; an expression for a choice is just an unknown choice', () => {
    expect(scenarioError('supervision:\n  auditRate: 30%\n')).toBe(
      'supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "30%" (a percentage: write shares as fractions, e.g. 0.3)',
    );
    expect(scenarioError('identification:\n  method: evaluate("pmt")\n')).toBe(
      'identification.method: expected one of pmt, community, hybrid, verification, found "evaluate(\\"pmt\\")"',
    );
  });

  it('in --set overrides and in sweep files alike', () => {
    expect(errorOf(() => parseOverride('supervision.auditRate=0.1*2')).message).toBe(
      `--set: supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "0.1*2" ${HINT}`,
    );
    const sweep = join(dir, 'sweep.yaml');
    const base = join(process.cwd(), 'scenarios/baseline.yaml');
    writeFileSync(sweep, `scenario: ${base}\nparameters:\n  supervision.auditRate: [0.1, 0.1 * 2]\n`);
    expect(errorOf(() => loadSweep(sweep)).message).toBe(
      `${sweep}: parameters.supervision.auditRate[1]: expected a number from 0 to 1 (share of registered households per year), found "0.1 * 2" ${HINT}`,
    );
    writeFileSync(sweep, `scenario: ${base}\nparameters:\n  supervision.auditRate: { min: sqrt(0), max: 1 }\n`);
    expect(errorOf(() => loadSweep(sweep)).message).toMatch(/parameters\.supervision\.auditRate\.min: expected a number from 0 to 1 .*found "sqrt\(0\)"/);
  });

  it('through the command line: exit 2, one line, nothing written', () => {
    const out = join(dir, 'out');
    const result = povsim(['run', '--set', 'supervision.auditRate=sqrt(0.04)', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: --set: supervision.auditRate: expected a number from 0 to 1 (share of registered households per year), found "sqrt(0.04)" ${HINT}\n`);
  });
});

describe('mathjs is used only internally, on numbers povsim computed', () => {
  it('only src/experiments/stats.ts imports it, and only mean, quantileSeq and std (no parser)', () => {
    const files = (readdirSync('src', { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts'));
    const imports = files.flatMap((f) => {
      const text = readFileSync(join('src', f), 'utf8');
      return [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'mathjs'|import\(\s*'mathjs'\s*\)|from\s+'mathjs'/g)].map((m) => ({
        file: f,
        names: (m[1] ?? '*').split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!).filter((n) => n !== ''),
      }));
    });
    expect(imports.map((i) => i.file)).toEqual([join('experiments', 'stats.ts')]);
    expect(imports[0]!.names.sort()).toEqual(['mean', 'quantileSeq', 'std']);
    // It is loaded on first use through require (issue 10, item 16), keeping those three only.
    const required = files.filter((f) => /\(\s*'mathjs'\s*\)/.test(readFileSync(join('src', f), 'utf8')));
    expect(required).toEqual([join('experiments', 'stats.ts')]);
    expect(readFileSync(join('src', 'experiments', 'stats.ts'), 'utf8')).toMatch(/const \{ mean, quantileSeq, std \} = createRequire\(import\.meta\.url\)\('mathjs'\)/);
  });
});
