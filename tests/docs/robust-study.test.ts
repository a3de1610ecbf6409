/**
 * The computed reading under docs/robust.md's study tables (scripts/robust-study.ts): its counts
 * agree in number with their nouns and verbs ("1 restricts", "2 restrict").
 */
import { describe, expect, it } from 'vitest';
import type { StudyOutputs } from '../../src/experiments/study.js';
import { readings } from '../../scripts/robust-study.js';

/** A PRIM box restricting `names` (lower ends), each with quasi-p `p`. */
function box(names: readonly string[], p: number): unknown {
  return { restricted: names, limits: names.map((name) => ({ name, lower: 0.5, upper: 1, restrictedLower: true, restrictedUpper: false, qpLower: p, qpUpper: null })) };
}

function outputs(boxes: readonly unknown[]): StudyOutputs {
  return {
    policies: ['a', 'b'],
    parameters: ['x', 'y'],
    summaries: [],
    record: { objectives: [{ metric: 'leakage', direction: 'minimize', threshold: 0.3 }], discovery: { significance: 0.05 } },
    discoveries: boxes.map((b, i) => ({ policy: i === 0 ? 'a' : 'b', metric: 'leakage', box: b })),
  } as unknown as StudyOutputs;
}

describe('robust study readings', () => {
  it('one box restricting one parameter: singular', () => {
    expect(readings(outputs([box(['x'], 0.01)]))).toBe('No policy meets every threshold in every condition. Of the 1 box that restricts a parameter, 1 restricts `x` significantly.');
  });

  it('two boxes: plural where the count is 2, singular where it is 1', () => {
    expect(readings(outputs([box(['x', 'y'], 0.01), box(['x'], 0.01)]))).toBe('No policy meets every threshold in every condition. Of the 2 boxes that restrict a parameter, 2 restrict `x` significantly, 1 restricts `y` significantly.');
  });
});
