/**
 * The PRIM trade-off chart of a study (src/output/report/study-figures.ts): coverage and density
 * on one convention (shares from 0 to 1, as discovery.csv and the sentences give them), and a
 * curve for every policy PRIM ran for, a significant box or not.
 */
import { describe, expect, it } from 'vitest';
import { analyseRobustness } from '../../src/experiments/robustness.js';
import type { StudyOutputs } from '../../src/experiments/study.js';
import type { StudyRecord } from '../../src/experiments/study-file.js';
import { studyFigures } from '../../src/output/report/study-figures.js';
import { studyReportHtml, type StudyProvenance } from '../../src/output/report/study-report.js';

describe('study trade-off chart', () => {
  const conditions = Array.from({ length: 40 }, (_, c) => [c / 40]);
  const objectives = [{ metric: 'leakage', direction: 'minimize' as const, threshold: 0.5 }];
  // "edge" misses exactly where x > 0.6 (a significant box); "coin" every other condition (none).
  const values = [[conditions.map(([x]) => (x! > 0.6 ? 1 : 0))], [conditions.map((_, c) => (c % 2 === 0 ? 1 : 0))], [conditions.map(() => 0)]];
  const result = analyseRobustness({ policies: ['edge', 'coin', 'sturdy'], objectives, parameters: ['x'], conditions, values, discovery: { minDensity: 0.8, minMass: 0.05, significance: 0.05 } });
  const record = { objectives, policies: [], uncertainties: { kind: 'lhs', factors: [], samples: 40, seed: 1 }, conditions: 40, discovery: { minDensity: 0.8, minMass: 0.05 } } as unknown as StudyRecord;
  const outputs: StudyOutputs = { ...result, name: 's', description: '', policies: ['edge', 'coin', 'sturdy'], parameters: ['x'], conditions: 40, replicates: 1, record, ranges: [[0, 0.975]] };
  const figure = studyFigures(outputs).find((f) => f.file === 'charts/tradeoff-leakage.png')!;
  const options = figure.config.options as { scales: { x: { title: { text: string } }; y: { title: { text: string }; ticks: Record<string, unknown> } } };

  it('shows density as a share from 0 to 1, like coverage (no percent axis)', () => {
    expect(options.scales.y.title.text).toBe('Density (share of the box that misses)');
    expect(options.scales.y.ticks['format']).toBeUndefined();
    const edge = figure.config.data.datasets.find((d) => d.label === 'edge')!;
    for (const point of edge.data as { x: number; y: number }[]) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(1);
    }
  });

  it('draws a curve for each policy PRIM ran for, with a significant box or not', () => {
    expect(result.discoveries.map((d) => d.status)).toEqual(['box', 'spread', 'never']);
    const labels = figure.config.data.datasets.map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['edge', 'coin']));
    expect(labels).not.toContain('sturdy');
  });
});

describe('study trade-off chart: the marked box is the one the report gives', () => {
  // x decides the misses (x > 0.5, 70% of the time), y adds a few (y < 0.3): peeling restricts y
  // too, and pruning drops that restriction as not significant, so the reported box moves.
  let state = 9973;
  const uniform = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const conditions = Array.from({ length: 80 }, () => [uniform(), uniform()]);
  const misses = conditions.map(([x, y]) => (x! > 0.5 && (uniform() < 0.7 || y! < 0.3) ? 1 : 0));
  const objectives = [{ metric: 'leakage', direction: 'minimize' as const, threshold: 0.5 }];
  const result = analyseRobustness({ policies: ['pruned', 'coin'], objectives, parameters: ['x', 'y'], conditions, values: [[misses], [conditions.map((_, c) => (c % 2 === 0 ? 1 : 0))]], discovery: { minDensity: 0.8, minMass: 0.05, significance: 0.05 } });
  const record = { objectives, policies: [], uncertainties: { kind: 'lhs', factors: [], samples: 80, seed: 1 }, conditions: 80, discovery: { minDensity: 0.8, minMass: 0.05 } } as unknown as StudyRecord;
  const outputs: StudyOutputs = { ...result, name: 's', description: '', policies: ['pruned', 'coin'], parameters: ['x', 'y'], conditions: 80, replicates: 1, record, ranges: [[0, 1], [0, 1]] };
  const figure = studyFigures(outputs).find((f) => f.file === 'charts/tradeoff-leakage.png')!;
  const [pruned, coin] = result.discoveries;
  const marks = (label: string): unknown => figure.config.data.datasets.find((d) => d.label === label)?.data;

  it('marks the reported box (after pasting and pruning) at its coverage and density, off peeling\u2019s choice', () => {
    expect(pruned!.status).toBe('box');
    expect(pruned!.dropped.length).toBeGreaterThan(0);
    const chosen = pruned!.trajectory[pruned!.selectedIndex!]!;
    expect([pruned!.box!.coverage, pruned!.box!.density]).not.toEqual([chosen.coverage, chosen.density]);
    expect(marks('reported box (after pasting and pruning)')).toEqual([{ x: pruned!.box!.coverage, y: pruned!.box!.density }]);
    expect(marks('peeling\u2019s choice (before pasting and pruning)')).toEqual([{ x: chosen.coverage, y: chosen.density }]);
  });

  it('marks nothing for a policy without a significant restriction, and the caption says what each mark is', () => {
    expect(coin!.status).toBe('spread');
    expect(figure.config.data.datasets.map((d) => d.label)).toContain('coin');
    expect(figure.caption).toMatch(/filled black diamond is the box the report gives .* after pasting widened it and pruning dropped/);
    expect(figure.caption).toMatch(/hollow grey circle/);
    expect(figure.caption).not.toMatch(/a little/);
  });

  it('gives the discovery table\u2019s limits to the sentences\u2019 three significant digits, not the box\u2019s full precision', () => {
    const provenance = { povsim: '0', command: 'povsim robust s.yaml', seed: 1, seedRule: '', node: '', platform: '', startedAt: '', finishedAt: null, mergedFrom: null, scenario: { overrides: [] }, sweep: { file: 's.yaml', sha256: '' } } as StudyProvenance;
    const html = studyReportHtml(outputs, [], provenance);
    const ends = [
      ...pruned!.box!.limits.flatMap((l) => [...(l.restrictedLower ? [l.lower] : []), ...(l.restrictedUpper ? [l.upper] : [])]),
      ...pruned!.dropped.map((d) => d.limit),
    ];
    expect(ends.length).toBeGreaterThan(1);
    for (const end of ends) {
      expect(String(end).length).toBeGreaterThan(6); // a limit with many digits: the case to shorten
      expect(html).not.toContain(end.toLocaleString('en-US', { maximumFractionDigits: 12 }));
      expect(html).toContain(`<td class="num">${Number(end.toPrecision(3))}</td>`);
    }
  });
});
