/**
 * The scatter chart builder (a metric against a parameter, a dot per design point): exact data,
 * axes and checks (its PNG is tested with the others' in render.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { paddedRange } from '../../src/output/charts/scatter.js';
import { scatterChart, SCATTER_DOT_ALPHA } from '../../src/output/charts/index.js';
import { scatterSpec as spec } from './fixtures.js';

describe('scatterChart', () => {
  it('gives one JSON-only dataset of {x, y} dots with the povsim base options', () => {
    const config = scatterChart({ ...spec, x: [0.1, 0.3, 0.5], y: [0.4, null, 0.2] });
    expect(JSON.parse(JSON.stringify(config))).toStrictEqual(config);
    expect(config.type).toBe('scatter');
    expect(config.options?.animation).toBe(false);
    expect(config.options?.plugins?.title?.text).toBe(spec.title);
    expect(config.options?.plugins?.subtitle?.text).toBe(spec.note);
    expect(config.options?.plugins?.legend?.display).toBe(false);
    // The null y is left out.
    expect(config.data.datasets[0]?.data).toEqual([{ x: 0.1, y: 0.4 }, { x: 0.5, y: 0.2 }]);
    expect(config.data.datasets[0]?.backgroundColor).toBe(`rgba(0, 114, 178, ${SCATTER_DOT_ALPHA})`);
  });

  it('pads a numeric x axis by 2% of the range on each side (1 when all equal) and shows shares as percentages', () => {
    const config = scatterChart({ ...spec, x: [0.1, 0.3, 0.5], y: [0.4, 0.3, 0.2] });
    const x = config.options?.scales?.['x'] as { type: string; min: number; max: number };
    expect(x.type).toBe('linear');
    expect(x.min).toBeCloseTo(0.1 - 0.008, 12);
    expect(x.max).toBeCloseTo(0.5 + 0.008, 12);
    expect(paddedRange([2, 2])).toEqual({ min: 1, max: 3 });
    expect(paddedRange([])).toEqual({});
    const y = config.options?.scales?.['y'] as { ticks: { format?: { style: string } } };
    expect(y.ticks.format?.style).toBe('percent');
  });

  it('puts listed values on a category axis in the given order, leaving out values not listed', () => {
    const config = scatterChart({ ...spec, x: ['pmt', 'community', 'oracle', 'pmt'], y: [0.3, 0.4, 0.9, 0.35], xCategories: ['pmt', 'community'] });
    expect(config.options?.scales?.['x']).toMatchObject({ type: 'category', labels: ['pmt', 'community'] });
    expect(config.data.datasets[0]?.data).toEqual([{ x: 'pmt', y: 0.3 }, { x: 'community', y: 0.4 }, { x: 'pmt', y: 0.35 }]);
  });

  it('draws smaller dots when there are many', () => {
    const radius = (n: number): unknown =>
      scatterChart({ ...spec, x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, () => 1) }).data.datasets[0]?.pointRadius;
    expect([radius(200), radius(201), radius(1000), radius(1001)]).toEqual([3.5, 2.5, 2.5, 1.5]);
  });

  it('refuses nothing to draw and x and y of different lengths', () => {
    expect(() => scatterChart({ ...spec, x: [], y: [] })).toThrow(RangeError);
    expect(() => scatterChart({ ...spec, x: [1, 2], y: [1] })).toThrow('scatterChart y: expected 2 values, got 1');
  });
});
