import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/api.js';
import { compareMetrics, compareScenarios, nextReplicates, type PrecisionReport } from '../../src/experiments/compare.js';
import { writeComparison } from '../../src/experiments/compare-files.js';
import { metricNames, metricValues } from '../../src/experiments/metrics.js';
import { replicateSeed } from '../../src/experiments/seeds.js';
import { applyParameterValues, InputError, loadScenario } from '../../src/scenario/index.js';

const tiny = ['township.households=300', 'township.villages=3', 'simulation.months=12'];

describe('compareMetrics (the table of comparison.csv)', () => {
  it('matches means, intervals and paired differences worked by hand', () => {
    // metric m0: reference a = [1, 2, 3, 4], reform b = [2, 4, 5, 7]
    //   a: mean 2.5, sd sqrt(5/3) = 1.2909944487358056, halfWidth 3.182446305284263 * sd / 2 = 2.054260256760879
    //   b: mean 18/4 = 4.5, deviations -2.5, -0.5, 0.5, 2.5 -> sum of squares 13, sd sqrt(13/3) = 2.0816659994661326
    //   b - a = [1, 2, 2, 3]: mean 2, sd sqrt(2/3) = 0.816496580927726, halfWidth 1.2992282636253374
    // metric m1: a = [1, null, 3, 4], b = [2, 4, null, 7]: a defined n 3 (mean 8/3), b n 3 (mean 13/3),
    //   pairs defined in both: replicates 0 and 3 -> d = [1, 3], mean 2, diff_n 2
    const values = [
      [[1, 1], [2, null], [3, 3], [4, 4]],
      [[2, 2], [4, 4], [5, null], [7, 7]],
    ];
    const [a, b] = compareMetrics(['m0', 'm1'], values);
    expect(a?.['m0']?.mean).toBe(2.5);
    expect(a?.['m0']?.sd).toBeCloseTo(1.2909944487358056, 12);
    expect(a?.['m0']?.ciLow).toBeCloseTo(2.5 - 2.054260256760879, 8);
    expect(a?.['m0']?.difference).toBeNull();
    expect(b?.['m0']?.mean).toBe(4.5);
    expect(b?.['m0']?.sd).toBeCloseTo(2.0816659994661326, 12);
    expect(b?.['m0']?.difference?.mean).toBe(2);
    expect(b?.['m0']?.difference?.sd).toBeCloseTo(0.816496580927726, 12);
    expect(b?.['m0']?.difference?.ciLow).toBeCloseTo(2 - 1.2992282636253374, 8);
    expect(b?.['m0']?.difference?.ciHigh).toBeCloseTo(2 + 1.2992282636253374, 8);
    expect(a?.['m1']?.n).toBe(3);
    expect(a?.['m1']?.mean).toBeCloseTo(8 / 3, 12);
    expect(b?.['m1']?.n).toBe(3);
    expect(b?.['m1']?.mean).toBeCloseTo(13 / 3, 12);
    expect(b?.['m1']?.difference?.n).toBe(2);
    expect(b?.['m1']?.difference?.mean).toBe(2);
  });
});

describe('nextReplicates', () => {
  const report = (achieved: (number | null)[], halfWidth: number): PrecisionReport => ({
    targets: [{ metric: 'leakage', halfWidth, achieved, met: false }],
    maxReplicates: 200,
    met: false,
  });
  it('grows toward n (h / target)^2, at least by one, at most double, never past the cap', () => {
    expect(nextReplicates(20, 200, report([0.01], 0.008))).toBe(32); // 20 * 1.5625 = 31.25 -> 32
    expect(nextReplicates(20, 200, report([0.1], 0.008))).toBe(40); // estimate 3125, capped at double
    expect(nextReplicates(20, 200, report([0.00801], 0.008))).toBe(21); // estimate 20.05 -> 21
    expect(nextReplicates(150, 200, report([0.1], 0.008))).toBe(200); // the cap
    expect(nextReplicates(20, 200, report([null], 0.008))).toBe(40); // undefined: double
  });
});

describe('compareScenarios', () => {
  const baseline = loadScenario('scenarios/baseline.yaml', { overrides: tiny });
  const oversight = loadScenario('scenarios/improved-oversight.yaml', { overrides: tiny });

  it('runs replicate r of every scenario with replicateSeed(seed, r): a copy of the reference differs by exactly 0', async () => {
    const copy = applyParameterValues(baseline, { name: 'copy' }, 'test');
    const { comparison, values } = await compareScenarios([baseline, copy], { replicates: 3, seed: 5 });
    expect(comparison.seeds).toEqual([0, 1, 2].map((r) => replicateSeed(5, r)));
    expect(values[0]).toEqual(values[1]);
    const leakage = comparison.scenarios[1]?.metrics['leakage'];
    expect(leakage?.difference).toEqual({ n: 3, mean: 0, sd: 0, ciLow: 0, ciHigh: 0 });
    // replicate 1 is the run simulate() gives with that seed
    expect(values[0]?.[1]).toEqual(metricValues(simulate(baseline, { seed: replicateSeed(5, 1) }).summary.metrics));
  });

  it('reports means, ledger, incidence, governance and monthly bands for every scenario', async () => {
    const { comparison, bands } = await compareScenarios([baseline, oversight], { replicates: 3 });
    expect(comparison.reference).toBe('baseline');
    expect(comparison.baseSeed).toBe(42); // the first scenario's seed
    const reform = comparison.scenarios[1]!;
    expect(reform.name).toBe('improved-oversight');
    expect(Object.keys(reform.metrics)).toEqual([...metricNames()]);
    expect(reform.incidenceByDecile).toHaveLength(10);
    expect(reform.incidenceByDecile[0]).toBe(reform.metrics['incidenceByDecile.1']?.mean);
    expect(reform.governance['integrity']).toBe(reform.metrics['governance.integrity']?.mean);
    const t = reform.ledger.total;
    // every yuan of the budget ends somewhere (to within rounding)
    expect(t.toPoor + t.toNonPoor + t.diverted + t.administration + t.unspent).toBeCloseTo(t.budget, 3);
    // 2 scenarios x 12 months x every metric
    expect(bands).toHaveLength(2 * 12 * metricNames().length);
    const head = bands.find((b) => b.scenario === 'baseline' && b.month === 11 && b.metric === 'headcount');
    expect(head?.n).toBe(3);
    expect(head?.mean).toBeCloseTo(comparison.scenarios[0]!.metrics['headcount']!.mean!, 12); // last month = final
  });

  it('adds replicates until a precision target is met, or stops at the cap', async () => {
    const loose = await compareScenarios([baseline, oversight], { replicates: 3, precision: [{ metric: 'leakage', halfWidth: 1 }] });
    expect(loose.comparison.replicates).toBe(3);
    expect(loose.comparison.precision?.met).toBe(true);
    const strict = await compareScenarios([baseline, oversight], { replicates: 3, precision: [{ metric: 'leakage', halfWidth: 1e-9 }], maxReplicates: 5 });
    expect(strict.comparison.replicates).toBe(5);
    expect(strict.comparison.precision?.met).toBe(false);
    expect(strict.values[0]).toHaveLength(5);
    // the first three replicates are the same runs as before: batches only add replicates
    expect(strict.values[0]?.slice(0, 3)).toEqual(loose.values[0]);
  });

  it('refuses bad options with one-line InputErrors', async () => {
    await expect(compareScenarios([baseline])).rejects.toThrow(InputError);
    await expect(compareScenarios([baseline, oversight], { replicates: 1 })).rejects.toThrow('--replicates: expected an integer from 2 (an interval needs two replicates) to 10,000');
    await expect(compareScenarios([baseline, oversight], { precision: [{ metric: 'lekage', halfWidth: 0.01 }] })).rejects.toThrow(
      '--precision: lekage: unknown metric; did you mean "leakage"?',
    );
    // A removed metric names what replaced it, as one line (the metric leads the message).
    const removed = compareScenarios([baseline, oversight], { precision: [{ metric: 'inclusionError', halfWidth: 0.01 }] });
    await expect(removed).rejects.toThrow(InputError);
    await expect(removed).rejects.toThrow(
      /^--precision: inclusionError was split: use inclusionErrorRegistered \(non-poor share of the register\) or inclusionErrorNonPoor \(share of non-poor households registered\)$/,
    );
  });

  it('writes comparison.csv with one row per scenario and metric, and the other files', async () => {
    const result = await compareScenarios([baseline, oversight], { replicates: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'povsim-compare-'));
    writeComparison(dir, result, { scenarios: [baseline, oversight], command: 'test', workers: 1, startedAt: 'now' });
    const rows = readFileSync(join(dir, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('scenario,metric,n,mean,sd,ci_low,ci_high,diff_mean,diff_ci_low,diff_ci_high,diff_n');
    expect(rows).toHaveLength(1 + 2 * metricNames().length);
    expect(rows[1]?.endsWith(',,,,')).toBe(true); // no difference on the reference's rows
    const replicates = readFileSync(join(dir, 'replicates.csv'), 'utf8').trim().split('\n');
    expect(replicates).toHaveLength(1 + 2 * 2);
    expect(replicates[0]).toBe(`scenario,replicate,seed,${metricNames().join(',')}`);
    const json = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as { scenarios: { name: string }[] };
    expect(json.scenarios.map((s) => s.name)).toEqual(['baseline', 'improved-oversight']);
    expect(readFileSync(join(dir, 'timeseries.csv'), 'utf8').split('\n')[0]).toBe('scenario,month,metric,n,mean,ci_low,ci_high');
  });
});
