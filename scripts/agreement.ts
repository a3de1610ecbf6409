/**
 * Do two builds of the model agree in distribution? The default township (scenarios/baseline.yaml)
 * run on the same seeds by a "before" build (a built copy of an earlier commit) and by this tree;
 * for every headline metric (src/output/report/metrics.ts: METRICS, final month) the means with 95%
 * t-intervals and a two-sample Kolmogorov-Smirnov test. Made for changes that alter every draw but
 * must not alter the model's statistics (issue 14: ziggurat normals, binned Gini).
 *
 *   git -C /work/main worktree add ../speed-base 73ddaa0 && (cd ../speed-base && npm ci && npx tsc -p tsconfig.json)
 *   npx tsx scripts/agreement.ts --before ../speed-base [--seeds 50]          # print the table
 *   npx tsx scripts/agreement.ts --before ../speed-base --scenario full-reform.yaml   # another scenario, printed
 *   npx tsx scripts/agreement.ts --before ../speed-base --write docs/validation.md
 *                          # replace it between <!-- agreement:start --> and <!-- agreement:end -->
 *   npx tsx scripts/agreement.ts --village --write docs/validation.md
 *                          # this model's township stream against village streams (simulation.streams),
 *                          # between <!-- village-streams:start --> and <!-- village-streams:end -->
 *
 * Same seeds on both sides: the changed generator desynchronises the streams from the first normal
 * draw on, so the two samples are, in effect, independent draws of the model's distribution.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jStatPkg from 'jstat';
import * as after from '../src/index.js';
import { METRICS } from '../src/output/report/metrics.js';
import { printOrWrite } from './parameter-tables.js';

const { jStat } = jStatPkg;

export const AGREEMENT_START = '<!-- agreement:start -->';
export const AGREEMENT_END = '<!-- agreement:end -->';
export const VILLAGE_START = '<!-- village-streams:start -->';
export const VILLAGE_END = '<!-- village-streams:end -->';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');

type Library = Pick<typeof after, 'loadScenario' | 'simulateParams' | 'flattenMetrics'>;

/** Final-month metrics of `scenario` (default: the default township, with `overrides`) for each seed, by metric name. */
function finalMetrics(
  lib: Library,
  seeds: readonly number[],
  overrides: readonly string[] = [],
  scenario: string = BASELINE,
): Map<string, (number | null)[]> {
  const params = lib.loadScenario(scenario, { overrides: [...overrides] }).params;
  const out = new Map<string, (number | null)[]>();
  for (const seed of seeds) {
    const result = lib.simulateParams(params, { seed, observe: 'last' });
    for (const [name, value] of lib.flattenMetrics(result.metrics)) {
      const values = out.get(name) ?? [];
      values.push(value);
      out.set(name, values);
    }
  }
  return out;
}

/**
 * P(D >= d) for the two-sample Kolmogorov-Smirnov statistic of samples of sizes m and n under the
 * null of one continuous distribution: exact, by counting the lattice paths from (0, 0) to (m, n)
 * that stay inside |i/m - j/n| < d (Hodges 1957), as probabilities to avoid overflow. With ties
 * (counts) the test is conservative.
 */
export function ksPValue(d: number, m: number, n: number): number {
  if (d <= 0) return 1;
  const inside = (i: number, j: number): boolean => Math.abs(i / m - j / n) < d - 1e-12;
  // u[j]: the paths from (0, 0) to (i, j) that stay inside over all such paths, C(i+j, i).
  let u = new Float64Array(n + 1);
  u[0] = 1;
  for (let j = 1; j <= n; j += 1) u[j] = inside(0, j) ? u[j - 1]! : 0;
  for (let i = 1; i <= m; i += 1) {
    const next = new Float64Array(n + 1);
    // Transition probabilities of a uniformly random path: from (i-1, j) right with ratio i/(i+j), from (i, j-1) up with j/(i+j).
    next[0] = inside(i, 0) ? u[0]! : 0;
    for (let j = 1; j <= n; j += 1) {
      next[j] = inside(i, j) ? (u[j]! * i + next[j - 1]! * j) / (i + j) : 0;
    }
    u = next;
  }
  return Math.min(1, Math.max(0, 1 - u[n]!));
}

/** The two-sample Kolmogorov-Smirnov statistic: the largest gap between the empirical CDFs. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i += 1;
    while (j < y.length && y[j]! <= v) j += 1;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** "mean [low, high]": the mean and its 95% t-interval. */
function meanInterval(values: readonly number[]): string {
  const n = values.length;
  const m = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const half = jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n));
  return `${figure(m)} [${figure(m - half)}, ${figure(m + half)}]`;
}

function figure(x: number): string {
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 10 ? 2 : 4;
  return (Object.is(x, -0) ? 0 : x).toFixed(digits);
}

/** The markdown table: one row per headline metric defined in every run on both sides. */
export function agreementTable(beforeDir: string, seeds: readonly number[], scenarioName = 'baseline.yaml'): string {
  const commit = execFileSync('git', ['-C', beforeDir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const scenario = join(ROOT, 'scenarios', scenarioName);
  const what = scenarioName === 'baseline.yaml' ? 'The default township (`scenarios/baseline.yaml`, final month)' : `\`scenarios/${scenarioName}\` (final month)`;
  const intro =
    `${what}, seeds ${seeds[0]} to ${seeds[seeds.length - 1]} ` +
    `(${seeds.length} runs a side): before = commit ${commit}, after = this model. Mean [95% t-interval]; ` +
    'KS = two-sample Kolmogorov-Smirnov statistic D and its exact p-value (conservative for counts, which have ties). ' +
    `Generated by \`npx tsx scripts/agreement.ts --before DIR${scenarioName === 'baseline.yaml' ? ' --write FILE' : ` --scenario ${scenarioName}`}\`.`;
  return comparisonTable(intro, ['before', 'after'], finalMetrics(importBefore(beforeDir), seeds, [], scenario), finalMetrics(after, seeds, [], scenario));
}

/**
 * The same table for this model's two kinds of household streams (simulation.streams): the township
 * streams against streams per village, on the same seeds.
 */
export function villageStreamsTable(seeds: readonly number[]): string {
  const intro =
    `The default township (\`scenarios/baseline.yaml\`, final month), seeds ${seeds[0]} to ${seeds[seeds.length - 1]} ` +
    `(${seeds.length} runs a side), this model with \`simulation.streams: township\` (the default) and with ` +
    '`village` (the households\' draws in the economy, in supervision, at the register adjustment and in the partners\' yearly decisions from streams per village, what `--threads` needs). Mean [95% t-interval]; ' +
    'KS = two-sample Kolmogorov-Smirnov statistic D and its exact p-value (conservative for counts, which have ties). ' +
    'Generated by `npx tsx scripts/agreement.ts --village --write FILE`.';
  return comparisonTable(intro, ['township', 'village'], finalMetrics(after, seeds), finalMetrics(after, seeds, ['simulation.streams=village']));
}

function comparisonTable(
  intro: string,
  labels: readonly [string, string],
  before: Map<string, (number | null)[]>,
  now: Map<string, (number | null)[]>,
): string {
  const rows: string[] = [];
  let tested = 0;
  let below05 = 0;
  let lowest = 1;
  for (const { name } of METRICS) {
    const a = before.get(name);
    const b = now.get(name);
    if (!a || !b || a.some((v) => v === null) || b.some((v) => v === null)) {
      rows.push(`| ${name} | undefined in some runs | | | |`);
      continue;
    }
    const x = a as number[];
    const y = b as number[];
    const d = ksStatistic(x, y);
    const p = ksPValue(d, x.length, y.length);
    tested += 1;
    if (p < 0.05) below05 += 1;
    lowest = Math.min(lowest, p);
    rows.push(`| ${name} | ${meanInterval(x)} | ${meanInterval(y)} | ${d.toFixed(2)} | ${p.toFixed(3)} |`);
  }
  return [
    intro,
    '',
    `| metric | ${labels[0]}: mean [95% CI] | ${labels[1]}: mean [95% CI] | KS D | p |`,
    '|---|---|---|---|---|',
    ...rows,
    '',
    `${tested} metrics tested; ${below05} with p < 0.05 (about ${(0.05 * tested).toFixed(1)} expected by chance when ` +
      `the distributions agree); smallest p ${lowest.toFixed(3)}` +
      ` (Bonferroni threshold for ${tested} tests at the 5% level: ${(0.05 / tested).toFixed(4)}).`,
    '',
  ].join('\n');
}

function importBefore(dir: string): Library {
  const entry = pathToFileURL(join(resolve(dir), 'dist', 'src', 'index.js')).href;
  const lib = BEFORE.get(entry);
  if (!lib) throw new Error(`load ${entry} first (loadBefore)`);
  return lib;
}

const BEFORE = new Map<string, Library>();

/** Loads the before build's library (ESM import is asynchronous; the table is not). */
export async function loadBefore(dir: string): Promise<void> {
  const entry = pathToFileURL(join(resolve(dir), 'dist', 'src', 'index.js')).href;
  BEFORE.set(entry, (await import(entry)) as Library);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
/**
 * The command: `--before DIR` or `--village`, `--seeds N` (default 50), then print or `--write FILE`;
 * with `--before`, `--scenario NAME` compares another of scenarios/ (printed only: the file's table
 * is the default township's).
 */
async function main(args: readonly string[]): Promise<void> {
  const seedsAt = args.indexOf('--seeds');
  const count = seedsAt >= 0 ? Number(args[seedsAt + 1]) : 50;
  const seeds = Array.from({ length: count }, (_, k) => k + 1);
  if (args.includes('--village')) {
    printOrWrite(args, () => villageStreamsTable(seeds), VILLAGE_START, VILLAGE_END, 'village streams table');
    return;
  }
  const beforeAt = args.indexOf('--before');
  const beforeDir = beforeAt >= 0 ? args[beforeAt + 1] : undefined;
  if (!beforeDir) throw new Error('--before DIR (a built copy of the earlier commit) or --village is needed');
  const scenarioAt = args.indexOf('--scenario');
  const scenarioName = scenarioAt >= 0 ? args[scenarioAt + 1] : 'baseline.yaml';
  if (!scenarioName) throw new Error('--scenario NAME: a file of scenarios/, e.g. full-reform.yaml');
  if (scenarioName !== 'baseline.yaml' && args.includes('--write')) throw new Error('--write writes the default township\'s table; --scenario only prints');
  await loadBefore(beforeDir);
  printOrWrite(args, () => agreementTable(beforeDir, seeds, scenarioName), AGREEMENT_START, AGREEMENT_END, 'agreement table');
}

if (invokedDirectly) void main(process.argv.slice(2));
