/**
 * The figures of docs/calibration.md and the observed values of scenarios/calibration/recover.yaml,
 * made by running povsim, so that they follow the model when it changes:
 *
 *   npx tsx scripts/calibration-examples.ts --write-recover scenarios/calibration/recover.yaml
 *   npx tsx scripts/calibration-examples.ts --write-recover scenarios/calibration/recover-full.yaml
 *       a recovery file's targets: each target's mean over seeds 1-8 at the true values, and as
 *       its standard error the standard deviation of single runs (at least 0.005)
 *   npx tsx scripts/calibration-examples.ts --write docs/calibration.md
 *       the china-lookback results and the recovery measurements (ABC-SMC vs rejection ABC),
 *       between <!-- calibration-results:start --> and <!-- calibration-results:end -->
 *       (several minutes on one core)
 *   npx tsx scripts/calibration-examples.ts --full --workers 2 --write docs/calibration.md
 *       the recovery on the default township (recover-full.yaml: 9,000 households, 60 months),
 *       between <!-- calibration-full:start --> and <!-- calibration-full:end --> (many minutes);
 *       `--max-runs N` cuts its budget to check the path (the text then says so)
 *   npx tsx scripts/calibration-examples.ts [--full]     print what --write would write
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTargets, needsSeries, rejectionAbc, runCalibration, summarizePosterior, targetValue, type CalibrationProblem, type CalibrationSpec, type MethodSpec, type Prior, type Simulator } from '../src/experiments/calibration/index.js';
import { runParams } from '../src/experiments/run-params.js';
import { applyParameterValues } from '../src/scenario/index.js';
import { printOrWrite } from './parameter-tables.js';

export const RESULTS_START = '<!-- calibration-results:start -->';
export const RESULTS_END = '<!-- calibration-results:end -->';
export const FULL_START = '<!-- calibration-full:start -->';
export const FULL_END = '<!-- calibration-full:end -->';
const RECOVER_START = '  # recover:start';
const RECOVER_END = '  # recover:end';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const RECOVER_FILE = join(root, 'scenarios/calibration/recover.yaml');
/** The same recovery on the default township (scenarios/baseline.yaml as shipped). */
export const RECOVER_FULL_FILE = join(root, 'scenarios/calibration/recover-full.yaml');
const CHINA_FILE = join(root, 'scenarios/calibration/china-lookback.yaml');

/** The true values recover.yaml's and recover-full.yaml's targets were made at. */
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
  readonly seconds: number;
  readonly summary: { parameters: { name: string; median: number; lower90: number; upper90: number; lower: number; upper: number }[]; effectiveSampleSize: number; stopReason: string; predictive: { target: string; observed: number; median: number; lower90: number; upper90: number; medianWithinScale: boolean }[]; runs: { sampler: number; total: number } };
}

/** The mean width of 90% intervals, each as a share of its prior's range. */
function meanWidth(priors: readonly Prior[], intervals: readonly { lower90: number; upper90: number }[]): number {
  return intervals.reduce((s, p, k) => s + (p.upper90 - p.lower90) / (priors[k]!.upper - priors[k]!.lower), 0) / intervals.length;
}

/** The compiled calibration (dist/), which worker threads need. */
const COMPILED_CALIBRATION = new URL('../dist/src/experiments/calibration/index.js', import.meta.url).href;

/** Runs `spec` with `method` into a temporary folder (one worker unless told) and returns its summary. */
async function measure(spec: CalibrationSpec, method: MethodSpec, workers = 1): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'povsim-calibration-'));
  try {
    // Worker threads load the compiled povsim, so with several workers the compiled calibration
    // drives them (build first: npm run build); one worker runs these TypeScript sources.
    const run = workers === 1 ? runCalibration : ((await import(COMPILED_CALIBRATION)) as { runCalibration: typeof runCalibration }).runCalibration;
    const report = await run({ ...spec, method }, { out: join(dir, 'out'), workers });
    const summary = report.summary as unknown as Measured['summary'];
    return { runs: summary.runs.sampler, width: meanWidth(spec.priors, summary.parameters), seconds: report.elapsedSeconds, summary };
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

/** A sentence on the targets whose simulated median is not within their se or tolerance ("" when none). */
function missedTargetsParagraph(m: Measured): string {
  const missed = m.summary.predictive.filter((c) => !c.medianWithinScale);
  if (missed.length === 0) return '\nEvery target\'s simulated median is within its se or tolerance.\n';
  const named = missed.map((c) => `\`${c.target}\` (observed ${g(c.observed)}, simulated median ${g(c.median)})`).join(', ');
  return `\nNot reproduced within its se or tolerance: ${named}. Either the model, with these parameters free and the others at their defaults, cannot give every target at once, or the search ended early (stopped: ${m.summary.stopReason}); either way, report ${missed.length === 1 ? 'this target' : 'these targets'} as not fitted.\n`;
}

/**
 * The in-process model as a calibration simulator, each (parameters, seed) run once. Rejection ABC
 * with D draws makes exactly the first D draws of one with more (each draw's stream and seeds are
 * named by its number), so the runs of the largest budget answer every smaller one.
 */
function onceEachSimulator(spec: CalibrationSpec): Simulator {
  const done = new Map<string, number[]>();
  const detail = needsSeries(spec.targets);
  return (params, seeds) => seeds.map((seed) => {
    const key = `${seed} ${spec.priors.map((p) => params[p.name]).join(' ')}`;
    let values = done.get(key);
    if (values === undefined) {
      const output = runParams(applyParameterValues(spec.base, params, 'rejection draw').params, seed, detail);
      values = spec.targets.map((t) => targetValue(t, output) as number);
      done.set(key, values);
    }
    return values;
  });
}

/** Between two doubling budgets, rejection ABC is measured every this many draws. */
const DRAWS_STEP = 250;

interface RejectionMatch {
  readonly rows: string[];
  /** The fewest draws (on the doubling budgets, then every DRAWS_STEP below the first that did) whose width is at most the goal. */
  readonly matched: { readonly draws: number; readonly width: number } | null;
}

/**
 * Rejection ABC keeping the best `kept` of ever more draws (doubling from 1,000), until its
 * intervals are as narrow as `goal`; then every DRAWS_STEP draws between the last two budgets, for
 * the fewest draws that reach it. Checked first against \`povsim calibrate\` itself at 1,000 draws.
 */
async function rejectionFor(spec: CalibrationSpec, kept: number, goal: number): Promise<RejectionMatch> {
  const problem: CalibrationProblem = { priors: spec.priors, targets: spec.targets, simulate: onceEachSimulator(spec), replicates: spec.replicates, seed: spec.seed, seeding: spec.seeding };
  const widthAt = async (draws: number): Promise<number> => {
    // (kept - 0.5) / draws: ceil(fraction x draws) is `kept` whatever the rounding of kept / draws
    const population = await rejectionAbc(problem, { draws, acceptance: { fraction: (kept - 0.5) / draws } });
    return meanWidth(spec.priors, summarizePosterior(spec.priors, population.particles, population.weights).parameters);
  };
  const real = await measure(spec, { kind: 'rejection', draws: 1000, accept: { fraction: kept / 1000 } });
  if (real.width !== (await widthAt(1000))) throw new Error(`rejection ABC in-process (${await widthAt(1000)}) differs from povsim calibrate (${real.width}) at 1,000 draws`);
  const row = (draws: number, width: number, note = ''): string =>
    `| Rejection ABC, best ${kept} of ${count(draws)} draws${note} | ${count(draws * spec.replicates)} | ${pct(width)} |\n`;
  const rows: string[] = [];
  let below = 0;
  for (let draws = 1000; draws <= 64000; draws *= 2) {
    const width = await widthAt(draws);
    if (width <= goal) {
      for (let d = below + DRAWS_STEP; d < draws; d += DRAWS_STEP) {
        const w = await widthAt(d);
        if (w <= goal) return { rows: [...rows, row(d, w, ' (the fewest that match)'), row(draws, width)], matched: { draws: d, width: w } };
      }
      return { rows: [...rows, row(draws, width, ' (the fewest that match)')], matched: { draws, width } };
    }
    rows.push(row(draws, width));
    below = draws;
  }
  return { rows, matched: null };
}

/**
 * Why the formula's fit says nothing of pmtNoise: china-lookback's pmt-fit target (pmtR2) on seeds
 * 1-3, with pmtNoise at the ends of its prior range (surveyError as in the scenario), and with
 * surveyError raised from the scenario's value to 0.5 (pmtNoise at its median `pmtNoise`).
 */
function pmtFitParagraph(china: CalibrationSpec, pmtNoise: number): string {
  const target = china.targets.find((t) => t.source.kind === 'metric' && t.source.metric === 'pmtR2');
  const prior = china.priors.find((p) => p.name === 'identification.pmtNoise');
  if (target === undefined || prior === undefined) throw new Error('china-lookback.yaml: expected a pmtR2 target and identification.pmtNoise among its parameters');
  const surveyError = china.base.params.identification.surveyError;
  const fit = (values: Record<string, number>, seed: number): number =>
    targetValue(target, runParams(applyParameterValues(china.base, values, 'pmt fit').params, seed, false)) as number;
  const seeds = [1, 2, 3];
  const atLow = seeds.map((s) => fit({ 'identification.pmtNoise': prior.lower }, s));
  const atHigh = seeds.map((s) => fit({ 'identification.pmtNoise': prior.upper }, s));
  const change = Math.max(...seeds.map((_, i) => Math.abs(atHigh[i]! - atLow[i]!)));
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const noisy = seeds.map((s) => fit({ 'identification.pmtNoise': pmtNoise, 'identification.surveyError': 0.5 }, s));
  const usual = seeds.map((s) => fit({ 'identification.pmtNoise': pmtNoise }, s));
  return `\nThe \`pmt-fit\` target says next to nothing about \`identification.pmtNoise\`: \`pmtR2\` is the fit of the formula on its own survey, its prediction against the survey's measured income (src/model/pmt.ts), and that measurement's error is \`identification.surveyError\`, which this example does not fit (it stays at ${g(surveyError)}). \`pmtNoise\` is the error added to the formula's prediction afterwards, when households are scored (src/model/identification.ts); it reaches \`pmtR2\` only through which households the registration picked, whose incomes the survey then measures. On seeds 1-3, \`pmtNoise\` ${g(prior.lower)} and ${g(prior.upper)} give a \`pmtR2\` that differs by at most ${g(change)}, while \`surveyError\` 0.5 instead of ${g(surveyError)} lowers it from ${g(mean(usual))} to ${g(mean(noisy))} on average. So \`pmt-fit\` checks \`surveyError\` (and the formula's observables), and what the targets say about \`pmtNoise\` comes from the register's size and the look-back's removals and additions alone.\n`;
}

/** The generated part of docs/calibration.md. */
export async function resultsSection(): Promise<string> {
  const china = loadTargets(CHINA_FILE);
  const chinaRun = await measure(china, china.method);
  const recover = loadTargets(RECOVER_FILE);
  const smc = await measure(recover, recover.method);
  const particles = recover.method.kind === 'smc' ? recover.method.particles : 50;
  const rejection = await rejectionFor(recover, particles, smc.width);
  const matched = rejection.matched;
  const verdict = matched === null
    ? `Rejection ABC did not reach ABC-SMC's width within 64,000 draws: it needs more than ${g(64000 * recover.replicates / smc.runs)} times as many runs.`
    : `Rejection ABC first reached ABC-SMC's mean width (${pct(smc.width)}) at ${count(matched.draws)} draws (${pct(matched.width)}): ${g(matched.draws * recover.replicates / smc.runs)} times as many runs as ABC-SMC for intervals as narrow.`;
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
    missedTargetsParagraph(chinaRun),
    pmtFitParagraph(china, chinaRun.summary.parameters.find((p) => p.name === 'identification.pmtNoise')!.median),
    '\n### Recovery: runs needed, ABC-SMC against rejection ABC\n\n',
    `\`povsim calibrate scenarios/calibration/recover.yaml\` (ABC-SMC as in the file: ${count(smc.runs)} model runs by the sampler, plus ${smc.summary.runs.total - smc.summary.runs.sampler} for the predictive check; stopped: ${smc.summary.stopReason}):\n\n`,
    posteriorTable(smc, RECOVER_TRUTH),
    '\n',
    predictiveTable(smc),
    `\nThe same problem by rejection ABC, keeping the ${particles} nearest draws (as many particles as ABC-SMC keeps), with twice the draws each time until the mean width of its 90% intervals (as a share of the prior range) is at most ABC-SMC's, then every ${DRAWS_STEP} draws between the last two budgets for the fewest draws that get there. Each row is what \`method: rejection\` with that many draws gives (the draws of a smaller budget are the first draws of a larger one, as each draw's stream and seed are named by its number, so the script runs the largest budget once and reads every smaller one from it; it checks the 1,000-draw row against \`povsim calibrate\` itself):\n\n`,
    '| Method | Model runs | Mean 90% interval width |\n|---|---|---|\n',
    `| ABC-SMC, ${particles} particles (recover.yaml) | ${count(smc.runs)} | ${pct(smc.width)} |\n`,
    ...rejection.rows,
    `\n${verdict}\n`,
  ].join('');
}

/** Minutes and seconds, e.g. 14 min 5 s. */
const duration = (seconds: number): string => (seconds < 60 ? `${seconds.toFixed(0)} s` : `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0)} s`);

/**
 * The recovery on the default township (recover-full.yaml), run with `workers`; `maxRuns` cuts the
 * file's budget to check the path (the text says so).
 */
export async function fullSection(workers: number, maxRuns: number | null): Promise<string> {
  const spec = loadTargets(RECOVER_FULL_FILE);
  const method = maxRuns !== null && spec.method.kind === 'smc' ? { ...spec.method, maxRuns } : spec.method;
  const m = await measure(spec, method, workers);
  const township = spec.base.params.township;
  const budget = method.kind === 'smc' ? method.maxRuns : m.runs;
  const cut = maxRuns === null ? '' : ` **A check of the path only: its budget was cut to ${count(budget)} runs (\`--max-runs\`), so these are not the full recovery's figures; run the command above for them.**`;
  return [
    `\`povsim calibrate scenarios/calibration/recover-full.yaml --workers ${workers}\` (run by \`npx tsx scripts/calibration-examples.ts --full --workers ${workers}${maxRuns === null ? '' : ` --max-runs ${maxRuns}`} --write docs/calibration.md\`): the default township (${count(township.households)} households, ${township.villages} villages, ${spec.base.params.simulation.months} months), ABC-SMC with ${method.kind === 'smc' ? method.particles : '?'} particles and a budget of ${count(budget)} runs; ${count(m.runs)} model runs by the sampler, plus ${m.summary.runs.total - m.summary.runs.sampler} for the predictive check, in ${duration(m.seconds)} on ${workers} worker${workers === 1 ? '' : 's'} (${cpus().length} processors: ${cpus()[0]?.model.trim() ?? 'unknown'}); stopped: ${m.summary.stopReason}; mean 90% interval width ${pct(m.width)} of the prior ranges.${cut}\n\n`,
    posteriorTable(m, RECOVER_TRUTH),
    '\n',
    predictiveTable(m),
  ].join('');
}

/** The value after `flag` on the command line as a positive whole number, or null when the flag is absent. */
function countArg(args: readonly string[], flag: string): number | null {
  const at = args.indexOf(flag);
  if (at < 0) return null;
  const n = Number(args[at + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, found ${args[at + 1]}`);
  return n;
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
    const block = recoverBlock(loadTargets(file));
    writeFileSync(file, replaceBetween(readFileSync(file, 'utf8'), RECOVER_START, RECOVER_END, block));
    process.stdout.write(`recovery targets written to ${file}\n`);
  } else if (args.includes('--full')) {
    const text = await fullSection(countArg(args, '--workers') ?? 1, countArg(args, '--max-runs'));
    printOrWrite(args, () => text, FULL_START, FULL_END, 'recovery on the default township');
  } else {
    const text = await resultsSection();
    printOrWrite(args, () => text, RESULTS_START, RESULTS_END, 'calibration results');
  }
}
