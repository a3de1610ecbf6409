import { expect, it } from 'vitest';
import { loadScenario, simulate, metrics, VERSION } from '../../src/index.js';

it('the library runs a scenario the way the command line does', () => {
  const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=800', 'simulation.months=12'] });
  const run = simulate(scenario, { seed: 7 });
  expect(run.seed).toBe(7);
  expect(run.summary.households).toBe(800);
  expect(run.summary.months).toBe(12);
  expect(run.result.series).toHaveLength(12);
  expect(run.timeseries.filter((row) => row.metric === 'leakage')).toHaveLength(12);
  expect(run.summary.povsim).toBe(VERSION);
  // Same scenario and seed: the same run; a path works as well as a resolved scenario.
  expect(JSON.stringify(simulate(scenario, { seed: 7 }).summary)).toBe(JSON.stringify(run.summary));
  expect(simulate('scenarios/baseline.yaml', { seed: 1 }).summary.scenario.name).toBe('baseline');
  expect(metrics.ratio(1, 0)).toBeNull();
});
