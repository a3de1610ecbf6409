/**
 * No NaN or Infinity in any output file (issue 6): random valid scenarios (helpers.ts; among them a
 * township with no money at all, where every money ratio is undefined) go through `povsim run`,
 * `compare` and `sweep` (grid and sobol), and every JSON and CSV file they write is parsed and
 * checked: numbers are finite, an undefined value is null (JSON) or an empty field (CSV).
 * compare and sweep run with 2 workers; under `npm run test:long` also with 1, giving byte-identical
 * files (`npm test` checks that on other comparisons and sweeps: tests/cli-experiments/experiments-cli.test.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { povsim, tempDir } from '../cli/helpers.js';
import { LONG, sized } from '../long.js';
import { checkCsv, expectFiniteDeep, PROPERTY_SEED, randomScenario, scenarioYaml, type RandomScenario } from './helpers.js';

const root = tempDir('povsim-output-files-');

/** Three random scenarios (small: at most 150 households and 14 months) and one without money. */
const random = fc.sample(randomScenario({ maxHouseholds: 150, maxMonths: 14, maxChanges: 25 }), { seed: PROPERTY_SEED, numRuns: 3 });
const penniless: RandomScenario = {
  base: 'scenarios/baseline.yaml',
  households: 120,
  villages: 4,
  months: 13,
  changes: [
    ['government.budgetPerHousehold', 0],
    ['enterprises.budgetPerHousehold', 0],
    ['socialOrganisations.budgetPerHousehold', 0],
    ['collective.incomePerHousehold', 0],
  ],
  seed: 5,
};
const scenarios = [...random, penniless].map((s, k) => {
  const file = join(root, `scenario-${k}.yaml`);
  writeFileSync(file, scenarioYaml(s, `scenario-${k}`));
  return file;
});

/** Reads and checks every JSON and CSV file in a folder; `text` names the CSV columns holding text. */
function checkFolder(dir: string, text: readonly string[]): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.csv')).sort();
  for (const file of files) {
    const content = readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.json')) {
      expect(content, `${dir}/${file}`).not.toMatch(/\bNaN\b|\bInfinity\b/);
      expectFiniteDeep(JSON.parse(content), file);
    } else {
      checkCsv(content, `${dir}/${file}`, (column) => !text.includes(column));
    }
  }
  return files;
}

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

/** The workers compare and sweep run with: the first run's files are checked, the others must equal them. */
const WORKERS = sized([2], [2, 1]);
const SAME = LONG ? ', the same with 1 and 2 workers' : ' (2 workers)';

describe('every number in every output file is finite; undefined values are null or empty', () => {
  it('povsim run', () => {
    for (const [k, file] of scenarios.entries()) {
      const out = join(root, `run-${k}`);
      const result = povsim(['run', file, '--no-charts', '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(checkFolder(out, ['metric'])).toEqual(['manifest.json', 'summary.json', 'timeseries.csv']);
    }
    // The township without money reports its undefined ratios as null and empty fields.
    const summary = JSON.parse(read(join(root, `run-${scenarios.length - 1}`), 'summary.json'));
    expect(summary.metrics.leakage).toBeNull();
    expect(read(join(root, `run-${scenarios.length - 1}`), 'timeseries.csv')).toMatch(/^12,leakage,$/m);
  });

  it(`povsim compare${SAME}`, () => {
    const dirs = WORKERS.map((workers) => {
      const out = join(root, `compare-${workers}`);
      const result = povsim(['compare', ...scenarios, '--replicates', '3', '--workers', String(workers), '--no-charts', '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      return out;
    });
    const files = checkFolder(dirs[0]!, ['scenario', 'metric']);
    expect(files).toEqual(['comparison.csv', 'comparison.json', 'manifest.json', 'replicates.csv', 'timeseries.csv']);
    for (const dir of dirs.slice(1)) {
      for (const file of files.filter((f) => f !== 'manifest.json')) expect(read(dir, file), file).toBe(read(dirs[0]!, file));
    }
    // Means of undefined metrics are empty fields, never NaN.
    expect(read(dirs[0]!, 'comparison.csv')).toMatch(/^scenario-3,leakage,0,,,,,/m);
  });

  it(`povsim sweep, grid and sobol designs${SAME}`, () => {
    const grid = join(root, 'grid.yaml');
    writeFileSync(grid, `scenario: ${scenarios[0]}\nseed: 4\nreplicates: 2\nparameters:\n  supervision.auditRate: [0, 1]\n  identification.method: [pmt, verification]\n  government.budgetPerHousehold: { min: 0, max: 1000000 }\nlevels: 2\n`);
    const sobol = join(root, 'sobol.yaml');
    writeFileSync(sobol, `scenario: ${scenarios.at(-1)}\nseed: 4\ndesign: sobol\nbaseSamples: 3\nbootstrap: 20\nparameters:\n  supervision.auditRate: { min: 0, max: 1 }\n  identification.pmtNoise: { min: 0, max: 5 }\n`);
    for (const [name, file, text] of [['grid', grid, ['status', 'error', 'check', 'identification.method']], ['sobol', sobol, ['status', 'error', 'check', 'output', 'parameter']]] as const) {
      const dirs = WORKERS.map((workers) => {
        const out = join(root, `sweep-${name}-${workers}`);
        const result = povsim(['sweep', file, '--workers', String(workers), '--no-charts', '--out', out]);
        expect(result.code, result.stderr).toBe(0);
        return out;
      });
      const files = checkFolder(dirs[0]!, text);
      expect(files).toEqual(name === 'sobol' ? ['design.csv', 'manifest.json', 'results.csv', 'sensitivity.csv'] : ['design.csv', 'manifest.json', 'results.csv']);
      for (const dir of dirs.slice(1)) {
        for (const f of files.filter((x) => x !== 'manifest.json')) expect(read(dir, f), `${name} ${f}`).toBe(read(dirs[0]!, f));
      }
    }
    // The sweep without money cannot analyse leakage (undefined everywhere): skipped with a reason.
    const manifest = JSON.parse(read(join(root, 'sweep-sobol-2'), 'manifest.json'));
    expect(manifest.sensitivity.skipped.map((s: { output: string }) => s.output)).toContain('leakage');
  });
});
