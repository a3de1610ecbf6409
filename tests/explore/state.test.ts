/**
 * The explorer's link, exports and computations, in node: a link round-trips, bad link values are
 * refused one line each, the exported YAML resolves (through the CLI's loader) to exactly the
 * parameters the page runs, and the page's comparison equals compareScenarios' numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../src/experiments/compare.js';
import { parameterControls } from '../../src/explore/catalogue.js';
import { shippedScenarios } from '../../src/explore/build-catalogue.js';
import { compareCommand, runCommand, scenarioYaml } from '../../src/explore/export.js';
import { differenceWords } from '../../src/explore/figures.js';
import { compareReported, type ExploreReport } from '../../src/explore/session.js';
import { applyChanges, formatLink, parseLink, type ControlValue } from '../../src/explore/state.js';
import { loadScenarioText, resolveScenarioObject } from '../../src/scenario/index.js';

const scenarios = shippedScenarios('.');
const baseline = scenarios[0]!;
const oversight = scenarios.find((s) => s.name === 'improved-oversight')!;

describe('the link', () => {
  it('lists the shipped scenarios, baseline first, resolved by the CLI loader', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'baseline', 'full-reform', 'government-only', 'improved-identification', 'improved-oversight', 'incentives', 'platforms',
    ]);
    expect(oversight.params.supervision.auditRate).toBe(0.3);
    expect(oversight.seed).toBe(42);
  });

  it('round-trips a scenario and its changes, dropping values equal to the scenario\'s', () => {
    const parsed = parseLink('#scenario=improved-oversight&supervision.auditRate=0.5&identification.method=pmt&disclosure.postingShare=1', scenarios);
    expect(parsed.problems).toEqual([]);
    expect(parsed.state.scenario.name).toBe('improved-oversight');
    // postingShare is already 1 in improved-oversight: not a change. Changes come in tree order.
    expect(parsed.state.changes).toEqual({ 'identification.method': 'pmt', 'supervision.auditRate': 0.5 });
    expect(formatLink(parsed.state)).toBe('scenario=improved-oversight&identification.method=pmt&supervision.auditRate=0.5');
  });

  it('refuses each bad value in one line naming the key, what was expected and found, and keeps the rest', () => {
    const parsed = parseLink('scenario=baseline&supervision.auditRate=-1&township.households=2.5&township.housingFloor=yes&x.y=1&simulation.months=12', scenarios);
    expect(parsed.state.changes).toEqual({ 'simulation.months': 12 });
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems[0]).toMatch(/^link: supervision\.auditRate: expected a number from 0 to 1.*found -1; using the scenario's value$/);
    expect(parsed.problems[1]).toMatch(/^link: township\.households: expected an integer.*found 2\.5; using the scenario's value$/);
    expect(parsed.problems[2]).toMatch(/^link: township\.housingFloor: expected true or false, found "yes".*; using the scenario's value$/);
    expect(parsed.problems[3]).toMatch(/^link: x: unknown key "x"/);
    for (const p of parsed.problems) expect(p).not.toContain('\n');
  });

  it('falls back to the first scenario for an unknown one, and to no changes for an empty link', () => {
    const parsed = parseLink('scenario=nope', scenarios);
    expect(parsed.state.scenario.name).toBe('baseline');
    expect(parsed.problems).toEqual(['link: scenario: expected one of baseline, full-reform, government-only, improved-identification, improved-oversight, incentives, platforms, found "nope"; showing baseline']);
    expect(parseLink('', scenarios)).toEqual({ state: { scenario: baseline, changes: {} }, problems: [] });
  });
});

/** A random valid change of one parameter: a value inside its range of its type. */
const changeArbitrary = fc.constantFrom(...parameterControls()).chain((control): fc.Arbitrary<[string, ControlValue]> => {
  const spec = control.spec;
  if (spec.kind === 'boolean') return fc.boolean().map((v) => [control.path, v]);
  if (spec.kind === 'enum') return fc.constantFrom(...spec.values).map((v) => [control.path, v]);
  const value = spec.integer ? fc.integer({ min: spec.min, max: Math.min(spec.max, spec.min + 1000) }) : fc.double({ min: spec.min, max: spec.max, noNaN: true });
  return value.map((v) => [control.path, v]);
});

describe('the exports', () => {
  it('the exported YAML resolves, through the CLI loader, to exactly the parameters and seed the page runs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scenarios), fc.array(changeArbitrary, { maxLength: 6 }), (scenario, pairs) => {
        const parsed = parseLink(formatLink({ scenario, changes: Object.fromEntries(pairs) }), scenarios);
        expect(parsed.problems).toEqual([]);
        const resolved = loadScenarioText(scenarioYaml(parsed.state, '0.1.0', { reference: scenarios[0]!, replicates: 20 }), 'exported.yaml');
        expect(resolved.params).toEqual(applyChanges(scenario.params, parsed.state.changes));
        expect(resolved.seed).toBe(scenario.seed);
        expect(resolved.name).toBe(`${scenario.name}-explore`);
      }),
      { numRuns: 60 },
    );
  });

  it('the run command sets the changes on the shipped file, and gives the same parameters', () => {
    const state = { scenario: baseline, changes: { 'identification.method': 'pmt', 'supervision.auditRate': 0.3 } };
    expect(runCommand(state)).toBe('povsim run scenarios/baseline.yaml --set identification.method=pmt --set supervision.auditRate=0.3');
    expect(compareCommand(baseline, state, 20)).toBe('povsim compare scenarios/baseline.yaml baseline-explore.yaml --replicates 20');
    const viaSet = resolveScenarioObject({ extends: 'scenarios/baseline.yaml' }, 'x', {
      overrides: ['identification.method=pmt', 'supervision.auditRate=0.3'],
    });
    expect(viaSet.params).toEqual(applyChanges(baseline.params, state.changes));
  });
});

describe('the comparison in the page', () => {
  it('equals compareScenarios (the CLI\'s compare) on the same replicates, every metric, after every replicate count', async () => {
    const small = { 'township.households': 300, 'township.villages': 6, 'simulation.months': 13 };
    const reference = applyChanges(baseline.params, small);
    const current = applyChanges(baseline.params, { ...small, 'supervision.auditRate': 0.3 });
    const reports: ExploreReport[] = [];
    compareReported({ kind: 'compare', reference, current, baseSeed: baseline.seed, replicates: 3 }, (r) => reports.push(r));
    expect(reports.map((r) => (r.kind === 'replicate' ? r.done : r.kind))).toEqual([1, 2, 3]);
    const last = reports[2] as Extract<ExploreReport, { kind: 'replicate' }>;

    const set = Object.entries(small).map(([k, v]) => `${k}=${v}`);
    const cli = await compareScenarios([
      resolveScenarioObject({ extends: 'scenarios/baseline.yaml' }, 'a', { overrides: set }),
      resolveScenarioObject({ extends: 'scenarios/baseline.yaml' }, 'b', { overrides: [...set, 'supervision.auditRate=0.3'] }),
    ], { replicates: 3 });
    expect(last.seeds).toEqual(cli.comparison.seeds);
    expect(last.table[0]).toEqual(cli.comparison.scenarios[0]!.metrics);
    expect(last.table[1]).toEqual(cli.comparison.scenarios[1]!.metrics);
  });

  it('says a difference in words with its interval in the direction named', () => {
    const e = (mean: number, difference: { mean: number; ciLow: number; ciHigh: number } | null) =>
      ({ n: 20, mean, sd: 0.01, ciLow: null, ciHigh: null, difference: difference && { n: 20, sd: 0.01, ...difference } });
    expect(differenceWords('leakage', e(0.463, null), e(0.319, { mean: -0.144, ciLow: -0.147, ciHigh: -0.142 })))
      .toBe('Leakage of targeted aid falls by 14.4 points (from 46.3% to 31.9%), 95% CI 14.2 to 14.7 points');
    expect(differenceWords('headcount', e(0.1, null), e(0.103, { mean: 0.003, ciLow: -0.002, ciHigh: 0.008 })))
      .toBe('Poverty headcount rises by 0.3 points (from 10.0% to 10.3%), 95% CI -0.2 to 0.8 points (the interval includes zero: the change may be noise)');
  });
});
