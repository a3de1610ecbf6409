/**
 * The full recovery test and the measurements behind docs/calibration.md's comparison of ABC-SMC
 * with rejection ABC:
 * - scenarios/calibration/recover-full.yaml is recover.yaml on the default township
 *   (scenarios/baseline.yaml as shipped, nothing changed): same parameters, priors, targets, method
 *   and seed, and observed values that are what the model gives now at the true values (else:
 *   npx tsx scripts/calibration-examples.ts --write-recover scenarios/calibration/recover-full.yaml);
 * - rejection ABC with D draws is exactly the first D draws of one with more (what lets the script
 *   measure every budget from the runs of the largest);
 * - docs/calibration.md gives the command of the full recovery.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RandomStream, streamState } from '../../../src/engine/rng.js';
import { evaluatePriorDraws, loadTargets, rejectionAbc, type CalibrationProblem, type Simulator } from '../../../src/experiments/calibration/index.js';
import { loadScenario } from '../../../src/scenario/index.js';
import { RECOVER_FILE, RECOVER_FULL_FILE, recoverBlock } from '../../../scripts/calibration-examples.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('scenarios/calibration/recover-full.yaml', () => {
  const full = loadTargets(RECOVER_FULL_FILE);
  const small = loadTargets(RECOVER_FILE);

  it('is the recovery of recover.yaml on the default township as shipped', () => {
    const baseline = loadScenario(`${root}scenarios/baseline.yaml`);
    expect(full.base.params).toEqual(baseline.params);
    expect(full.base.params.township.households).toBe(9000);
    expect(full.base.params.simulation.months).toBe(60);
    expect(small.base.params.township.households).toBe(400);
    expect(full.priors).toEqual(small.priors);
    expect(full.targets.map((t) => t.source)).toEqual(small.targets.map((t) => t.source));
    expect(full.method).toEqual(small.method);
    expect([full.seed, full.replicates, full.seeding, full.predictive]).toEqual([small.seed, small.replicates, small.seeding, small.predictive]);
  });

  it('holds the figures the model gives at the true values (else: npx tsx scripts/calibration-examples.ts --write-recover ...)', () => {
    const text = readFileSync(RECOVER_FULL_FILE, 'utf8');
    const block = text.slice(text.indexOf('# recover:start') + '# recover:start'.length + 1, text.indexOf('  # recover:end'));
    expect(block).toBe(recoverBlock(full));
  });

  it('has its command in docs/calibration.md', () => {
    const doc = readFileSync(`${root}docs/calibration.md`, 'utf8');
    expect(doc).toContain('npx tsx scripts/calibration-examples.ts --full --workers 2 --write docs/calibration.md');
    expect(doc).toContain('<!-- calibration-full:start -->');
    expect(doc).toContain('<!-- calibration-full:end -->');
  });
});

describe('rejection ABC draws are nested', () => {
  /** A toy model: theta plus noise named by the seed. */
  const model: Simulator = (params, seeds) => seeds.map((s) => [(params['theta'] as number) + 0.3 * new RandomStream(streamState(s, 'toy')).normal()]);
  const problem: CalibrationProblem = {
    priors: [{ kind: 'uniform', name: 'theta', lower: -2, upper: 2 }],
    targets: [{ name: 'value', observed: 0.4, scale: 0.3 }],
    simulate: model,
    replicates: 2,
    seed: 9,
  };

  it('the first D of 2D draws are the D draws, particles, seeds and values alike', async () => {
    const short = await evaluatePriorDraws(problem, 'rejection', 40, 1);
    const long = await evaluatePriorDraws(problem, 'rejection', 80, 7);
    expect(long.slice(0, 40)).toEqual(short);
    expect(new Set(long.map((e) => e.particle[0])).size).toBe(80);
  });

  it('so the best k of the first D draws are rejection ABC with D draws', async () => {
    const long = await evaluatePriorDraws(problem, 'rejection', 300, 1);
    const direct = await rejectionAbc(problem, { draws: 120, acceptance: { fraction: 10 / 120 } });
    const prefix = long.slice(0, 120).map((e, i) => ({ i, d: e.distance })).sort((a, b) => a.d - b.d || a.i - b.i).slice(0, 10);
    expect(direct.particles).toEqual(prefix.map((p) => long[p.i]!.particle));
    expect(direct.distances).toEqual(prefix.map((p) => p.d));
  });
});
