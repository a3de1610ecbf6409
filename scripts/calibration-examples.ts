/**
 * The figures of docs/calibration.md and the observed values of scenarios/calibration/recover.yaml,
 * made by running povsim, so that they follow the model when it changes:
 *
 *   npx tsx scripts/calibration-examples.ts --write-recover scenarios/calibration/recover.yaml
 *       the recovery targets: each target's mean over seeds 1-8 at the true values, and as its
 *       standard error the standard deviation of single runs (at least 0.005)
 *   npx tsx scripts/calibration-examples.ts --write docs/calibration.md
 *       the china-lookback results and the recovery measurements (ABC-SMC vs rejection ABC),
 *       between <!-- calibration-results:start --> and <!-- calibration-results:end -->
 *       (several minutes on one core)
 *   npx tsx scripts/calibration-examples.ts     print what --write would write
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTargets, runCalibration, targetValue, type CalibrationSpec, type MethodSpec } from '../src/experiments/calibration/index.js';
import { runParams } from '../src/experiments/run-params.js';
import { applyParameterValues } from '../src/scenario/index.js';
import { printOrWrite } from './parameter-tables.js';

export const RESULTS_START = '<!-- calibration-results:start -->';
export const RESULTS_END = '<!-- calibration-results:end -->';
const RECOVER_START = '  # recover:start';
const RECOVER_END = '  # recover:end';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const RECOVER_FILE = join(root, 'scenarios/calibration/recover.yaml');
const CHINA_FILE = join(root, 'scenarios/calibration/china-lookback.yaml');

/** The true values recover.yaml's targets were made at. */
export const RECOVER_TRUTH: Readonly<Record<string, number>> = {
  'identification.communityNoise': 1.2,
  'cadres.meanIntegrity': 0.7,
  'population.initialAwareness': 0.5,
};
/** Seeds of the runs at the true values. */
const TRUTH_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Each target's mean over TRUTH_SEEDS at RECOVER_TRUTH and the standard deviation of single runs. */
export function recoverTargets(spec: CalibrationSpec = loadTargets(RECOVER_FILE)): { name: string; observed: number; se: number }[] {
  const scenario = applyParameterValues(spec.base, RECOVER_TRUTH, 'recover truth');
  const runs = TRUTH_SEEDS.map((seed) => runParams(scenario.params, seed, true));
  return spec.targets.map((t) => {
    const values = runs.map((r) => targetValue(t, r) as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    return { name: t.name, observed: Number(mean.toPrecision(3)), se: Math.max(0.005, Number(sd.toPrecision(2))) };
  });
}

/** recover.yaml's target lines (between its markers). */
export function recoverBlock(spec: CalibrationSpec = loadTargets(RECOVER_FILE)): string {
  return recoverTargets(spec)
    .map((t, j) => {
      const source = spec.targets[j]!.source;
      const what = source.kind === 'events' ? `events: ${source.event}` : `metric: ${source.metric}`;
      return `  - { ${what}, observed: ${t.observed}, se: ${t.se} }\n`;
    })
    .join('');
}

interface Measured {
  readonly runs: number;
  readonly width: number;
  readonly summary: { parameters: { name: string; median: number; lower90: number; upper90: number; lower: number; upper: number }[]; effectiveSampleSize: number; stopReason: string; predictive: { target: string; observed: number; median: number; lower90: number; upper90: number; medianWithinScale: boolean }[]; runs: { sampler: number; total: number } };
}

/** Runs `spec` with `method` into a temporary folder (one worker) and returns its summary. */
async function measure(spec: CalibrationSpec, method: MethodSpec): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'povsim-calibration-'));
  try {
    const report = await runCalibration({ ...spec, method }, { out: join(dir, 'out'), workers: 1 });
    const summary = report.summary as unknown as Measured['summary'];
    const width = summary.parameters.reduce((s, p) => s + (p.upper90 - p.lower90) / (p.upper - p.lower), 0) / summary.parameters.length;
    return { runs: summary.runs.sampler, width, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const g = (x: number): string => Number(x.toPrecision(3)).toString();
const count = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

function posteriorTable(m: Measured, truth: Readonly<Record<string, number>> | null): string {
  const head = truth === null ? '| Parameter | Prior range | Median | 90% interval |\n|---|---|---|---|\n' : '| Parameter | True value | Prior range | Median | 90% interval | Contains the truth |\n|---|---|---|---|---|---|\n';
  return head + m.summary.parameters.map((p) => {
    const row = [`\`${p.name}\``, ...(truth === null ? [] : [g(truth[p.name]!)]), `${g(p.lower)}-${g(p.upper)}`, g(p.median), `${g(p.lower90)}-${g(p.upper90)} (${pct((p.upper90 - p.lower90) / (p.upper - p.lower))} of the range)`];
    if (truth !== null) row.push(truth[p.name]! >= p.lower90 && truth[p.name]! <= p.upper90 ? 'yes' : 'no');
    return `| ${row.join(' | ')} |\n`;
  }).join('');
}

function predictiveTable(m: Measured): string {
  return '| Target | Observed | Simulated median | Simulated 90% | Median within se/tolerance |\n|---|---|---|---|---|\n' +
    m.summary.predictive.map((c) => `| \`${c.target}\` | ${g(c.observed)} | ${g(c.median)} | ${g(c.lower90)}-${g(c.upper90)} | ${c.medianWithinScale ? 'yes' : 'no'} |\n`).join('');
}

/** Rejection ABC keeping the best `kept` of ever more draws, until its intervals are as narrow as `goal`. */
async function rejectionFor(spec: CalibrationSpec, kept: number, goal: number): Promise<{ rows: string[]; matched: Measured | null }> {
  const rows: string[] = [];
  for (let draws = 1000; draws <= 64000; draws *= 2) {
    const m = await measure(spec, { kind: 'rejection', draws, accept: { fraction: kept / draws } });
    rows.push(`| Rejection ABC, best ${kept} of ${count(draws)} draws | ${count(m.runs)} | ${pct(m.width)} |\n`);
    if (m.width <= goal) return { rows, matched: m };
  }
  return { rows, matched: null };
}

/** The generated part of docs/calibration.md. */
export async function resultsSection(): Promise<string> {
  const china = loadTargets(CHINA_FILE);
  const chinaRun = await measure(china, china.method);
  const recover = loadTargets(RECOVER_FILE);
  const smc = await measure(recover, recover.method);
  const particles = recover.method.kind === 'smc' ? recover.method.particles : 50;
  const rejection = await rejectionFor(recover, particles, smc.width);
  const ratio = rejection.matched === null ? 'more than 64,000 draws did not reach it' : `${g(rejection.matched.runs / smc.runs)} times as many runs as ABC-SMC`;
  const wide = (m: Measured, undetermined: boolean): string[] =>
    m.summary.parameters.filter((p) => ((p.upper90 - p.lower90) / (p.upper - p.lower) > 0.5) === undetermined).map((p) => `\`${p.name}\``);
  const list = (names: string[]): string => (names.length === 0 ? 'none' : names.join(', '));
  return [
    '### The China look-back example\n\n',
    `\`povsim calibrate scenarios/calibration/china-lookback.yaml\` (ABC-SMC, ${chinaRun.summary.parameters.length} parameters, ${count(chinaRun.runs)} model runs, stopped: ${chinaRun.summary.stopReason}; effective sample size ${g(chinaRun.summary.effectiveSampleSize)}):\n\n`,
    posteriorTable(chinaRun, null),
    `\nThe evidence pins down (90% interval under half the prior range): ${list(wide(chinaRun, false))}. It leaves undetermined (90% interval over half the range: report these as not fitted, whatever their medians): ${list(wide(chinaRun, true))}.\n`,
    `\nPosterior-predictive check (each target simulated at ${chinaRun.summary.runs.total - chinaRun.summary.runs.sampler} posterior draws, one run each):\n\n`,
    predictiveTable(chinaRun),
    '\n### Recovery: runs needed, ABC-SMC against rejection ABC\n\n',
    `\`povsim calibrate scenarios/calibration/recover.yaml\` (ABC-SMC as in the file: ${count(smc.runs)} model runs by the sampler, plus ${smc.summary.runs.total - smc.summary.runs.sampler} for the predictive check; stopped: ${smc.summary.stopReason}):\n\n`,
    posteriorTable(smc, RECOVER_TRUTH),
    '\n',
    predictiveTable(smc),
    `\nThe same problem by rejection ABC, keeping the ${particles} nearest draws (as many particles as ABC-SMC keeps), with ever more draws until the mean width of its 90% intervals (as a share of the prior range) is at most ABC-SMC's:\n\n`,
    '| Method | Model runs | Mean 90% interval width |\n|---|---|---|\n',
    `| ABC-SMC, ${particles} particles (recover.yaml) | ${count(smc.runs)} | ${pct(smc.width)} |\n`,
    ...rejection.rows,
    `\nRejection ABC needed ${ratio} for intervals as narrow.\n`,
  ].join('');
}

function replaceBetween(text: string, start: string, end: string, block: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`markers ${start} ... ${end} not found`);
  return `${text.slice(0, a + start.length)}\n${block}${text.slice(b)}`;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--write-recover');
  if (at >= 0) {
    const file = resolve(args[at + 1] ?? RECOVER_FILE);
    writeFileSync(file, replaceBetween(readFileSync(file, 'utf8'), RECOVER_START, RECOVER_END, recoverBlock()));
    process.stdout.write(`recovery targets written to ${file}\n`);
  } else {
    const text = await resultsSection();
    printOrWrite(args, () => text, RESULTS_START, RESULTS_END, 'calibration results');
  }
}
