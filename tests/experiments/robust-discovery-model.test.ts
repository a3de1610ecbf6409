/**
 * The issue's done-when case through the real pipeline (issue 13): a study file, `runStudy`, real
 * model runs on a tiny township. Five uncertain parameters; under the baseline (community appraisal,
 * cadres judged on exit counts) the number of exits declared on paper under pressure depends on two
 * of them only:
 *
 * - incentives.evaluationPressure and cadres.meanIntegrity: at the annual review a village short of
 *   its exit target declares households out with probability pressure x (1 - integrity)
 *   (src/model/identification.ts, declarePressuredExits); integrity also moves the register itself.
 * - identification.pmtNoise, identification.verificationNoise and identification.shortlistFactor
 *   cannot matter: they enter a household's score only under the pmt, hybrid and verification
 *   methods (identification.ts: scoreVillage reads pmtNoise only when a PMT formula was fitted, which
 *   is only for pmt and hybrid; verificationNoise only in the 'verification' case; shortlistFactor
 *   only in hybridChoice), and the draws of the round do not depend on them. The second test checks
 *   it: every metric is identical across their values with the other two fixed.
 *
 * A condition misses "pressuredExits <= 12" where pressure is high and integrity low: PRIM's chosen
 * (pruned) box must restrict exactly those two, with coverage and density at least 0.8. The township
 * (6,000 households in 20 villages, one review) is large enough that the count's chance variation,
 * with a seed of its own in each condition, does not blur the boundary: with the model as of this
 * test the box is integrity < 0.686 and pressure > 0.447, coverage 0.91, density 0.91.
 *
 * The 400 runs (about 17 s) run under `npm run test:long` only; `npm test` runs the second test and
 * scenario discovery on its own (tests/experiments/prim.test.ts) and through `povsim robust`
 * (tests/cli-experiments/robust-cli.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/experiments/study-file.js';
import { runStudy } from '../../src/experiments/study.js';
import { simulate } from '../../src/api.js';
import { loadScenario } from '../../src/scenario/index.js';
import { LONG } from '../long.js';

const BASELINE = resolve('scenarios/baseline.yaml');
const IRRELEVANT = {
  'identification.pmtNoise': '{ min: 0.1, max: 1.5 }',
  'identification.verificationNoise': '{ min: 0.1, max: 1.5 }',
  'identification.shortlistFactor': '{ min: 1, max: 3 }',
};
/** 6,000 households in 20 villages over 12 months: one annual review (month 11); about 15 s for the 400 runs. */
const TOWNSHIP_SETTINGS = ['township.households=6000', 'township.villages=20', 'simulation.months=12'];
const TOWNSHIP = TOWNSHIP_SETTINGS.map((a) => a.replace('=', ': ')).join(', ');

function studyFile(dir: string, name: string, uncertainties: Record<string, string>, extra: string, fixed = ''): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}
seed: 3
policies:
  - ${BASELINE}
  - { name: audited, scenario: ${BASELINE}, set: { supervision.auditRate: 0.5 } }
uncertainties:
${Object.entries(uncertainties).map(([k, v]) => `  ${k}: ${v}`).join('\n')}
objectives:
  pressuredExits: { direction: minimize, threshold: 12 }
set: { ${TOWNSHIP}${fixed} }
${extra}
`);
  return file;
}

describe('scenario discovery on real model runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'povsim-robust-model-'));

  it.runIf(LONG)('restricts only the two parameters that matter, with coverage and density at least 0.8', async () => {
    const file = studyFile(dir, 'two-of-five', {
      'cadres.meanIntegrity': '{ min: 0.2, max: 0.9 }',
      'incentives.evaluationPressure': '{ min: 0, max: 1 }',
      ...IRRELEVANT,
    }, 'samples: 200\ndiscovery: { minDensity: 0.9 }');
    const report = await runStudy(loadStudy(file), { out: join(dir, 'study'), workers: 1 });
    expect(report.status).toBe('complete');
    const d = report.analysis!.discoveries.find((x) => x.policy === 'baseline')!;
    expect(d.status).toBe('box');
    const box = d.box!;
    expect(box.restricted).toEqual(['cadres.meanIntegrity', 'incentives.evaluationPressure']);
    expect(box.coverage).toBeGreaterThanOrEqual(0.8);
    expect(box.density).toBeGreaterThanOrEqual(0.8);
    // Misses lie where integrity is low and pressure high: an upper end on one, a lower end on the other.
    const [integrity, pressure] = box.limits;
    expect([integrity!.restrictedLower, integrity!.restrictedUpper]).toEqual([false, true]);
    expect([pressure!.restrictedLower, pressure!.restrictedUpper]).toEqual([true, false]);
    expect(d.sentence).toMatch(/^baseline misses pressuredExits <= 12 when cadres\.meanIntegrity < [\d.]+ and incentives\.evaluationPressure > [\d.]+ \(coverage \d\.\d\d, density \d\.\d\d\)/);
  });

  it('the three other parameters do not change any metric when the two are fixed', () => {
    // Straight through the model, same seed: only the three parameters change between the runs.
    const variants = [
      [0.1, 0.1, 1],
      [0.8, 1.5, 2],
      [1.5, 0.7, 3],
    ] as const;
    for (const [integrity, pressure] of [[0.3, 0.9], [0.8, 0.3]] as const) {
      for (const policy of [[], ['supervision.auditRate=0.5']]) {
        const summaries = variants.map(([pmtNoise, verificationNoise, shortlistFactor]) => {
          const scenario = loadScenario(BASELINE, {
            overrides: [...TOWNSHIP_SETTINGS, ...policy, `cadres.meanIntegrity=${integrity}`, `incentives.evaluationPressure=${pressure}`,
              `identification.pmtNoise=${pmtNoise}`, `identification.verificationNoise=${verificationNoise}`, `identification.shortlistFactor=${shortlistFactor}`],
          });
          return simulate(scenario, { seed: 5 }).summary.metrics;
        });
        expect(summaries[1]).toEqual(summaries[0]);
        expect(summaries[2]).toEqual(summaries[0]);
        // Not vacuous: at low integrity and high pressure, households are declared out on paper.
        if (integrity === 0.3) expect(summaries[0]!.pressuredExits).toBeGreaterThan(0);
      }
    }
  });
});
