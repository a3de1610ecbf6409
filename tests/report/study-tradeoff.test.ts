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
