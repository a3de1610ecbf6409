/**
 * The explorer's work split for speed, in node: a comparison run on several workers that finish
 * in any order gives, report by report, exactly the statistics of the sequential comparison
 * (compareReported, itself checked against `povsim compare`); a run's months arrive in batches
 * that hold every month once, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../../src/explore/build-catalogue.js';
import { compareWorkerCount, ParallelComparison } from '../../src/explore/compare-pool.js';
import { compareReported, handleRequest, runReported, type ExploreReport, type ExploreRequest } from '../../src/explore/session.js';
import { applyChanges } from '../../src/explore/state.js';

const baseline = shippedScenarios('.')[0]!;
const small = { 'township.households': 200, 'township.villages': 4, 'simulation.months': 7 };
const reference = applyChanges(baseline.params, small);
const current = applyChanges(baseline.params, { ...small, 'supervision.auditRate': 0.3 });
const REPLICATES = 5;
const request = { kind: 'compare' as const, reference, current, baseSeed: baseline.seed, replicates: REPLICATES };

function sequentialReports(): ExploreReport[] {
  const reports: ExploreReport[] = [];
  compareReported(request, (r) => reports.push(r));
  return reports;
}

/**
 * Runs a ParallelComparison on `workers` simulated workers, each a queue of requests answered by
 * the worker's own code (handleRequest); `pick` chooses which busy worker answers next, so the
 * runs finish in any order.
 */
function parallelReports(workers: number, pick: (busy: number) => number): ExploreReport[] {
  const queues: ExploreRequest[][] = Array.from({ length: workers }, () => []);
  const shown: ExploreReport[] = [];
  const comparison = new ParallelComparison(request, workers, (k, r) => queues[k]!.push(structuredClone(r)), (r) => shown.push(r));
  comparison.start();
  for (;;) {
    const busy = queues.flatMap((q, k) => (q.length > 0 ? [k] : []));
    if (busy.length === 0) break;
    const k = busy[pick(busy.length) % busy.length]!;
    const next = queues[k]!.shift()!;
    handleRequest(next, (report) => comparison.receive(k, structuredClone(report)), () => 0);
  }
  return shown;
}

describe('the comparison on several workers', () => {
  const sequential = sequentialReports();

  it('shows the sequential statistics after every replicate, in order, with 2 workers taking turns', () => {
    let turn = 0;
    const shown = parallelReports(2, () => turn++);
    expect(shown.map((r) => (r.kind === 'replicate' ? r.done : r.kind))).toEqual([1, 2, 3, 4, 5]);
    expect(shown).toEqual(sequential);
  });

  it('ends with exactly the sequential numbers whichever worker finishes first (1 to 4 workers)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (workers, choices) => {
        let k = 0;
        const shown = parallelReports(workers, (busy) => choices[k++ % choices.length]! % busy);
        const done = shown.map((r) => (r.kind === 'replicate' ? r.done : -1));
        // Never a failure, never going back, always ending on all replicates with the CLI's numbers.
        expect(done.every((d, i) => d > 0 && (i === 0 || d > done[i - 1]!))).toBe(true);
        expect(shown[shown.length - 1]).toEqual(sequential[REPLICATES - 1]);
        for (const report of shown) expect(report).toEqual(sequential[(report as { done: number }).done - 1]);
      }),
      { numRuns: 12 },
    );
  });

  it('uses one worker per processor, at most one per run, at least one', () => {
    expect(compareWorkerCount(2, 20)).toBe(2);
    expect(compareWorkerCount(16, 3)).toBe(6);
    expect(compareWorkerCount(undefined, 20)).toBe(1);
    expect(compareWorkerCount(0, 20)).toBe(1);
  });
});

describe('the months of a run', () => {
  const months = small['simulation.months'];

  it('come in one batch when the run is quicker than a report interval, then the final report', () => {
    const reports: ExploreReport[] = [];
    runReported(current, 7, (r) => reports.push(r), () => 0);
    expect(reports.map((r) => r.kind)).toEqual(['months', 'run-done']);
    const batch = (reports[0] as Extract<ExploreReport, { kind: 'months' }>).batch;
    expect(batch.months).toEqual(Array.from({ length: months }, (_, m) => m));
    expect(batch.values.leakage).toHaveLength(months);
  });

  it('come in several batches on a slow clock, every month once and in order, same values', () => {
    const quick: ExploreReport[] = [];
    runReported(current, 7, (r) => quick.push(r), () => 0);
    let clock = 0;
    const slow: ExploreReport[] = [];
    // Each call of the clock moves it 60 ms: a report every second month or so.
    runReported(current, 7, (r) => slow.push(r), () => (clock += 60));
    const batches = slow.flatMap((r) => (r.kind === 'months' ? [r.batch] : []));
    expect(batches.length).toBeGreaterThan(1);
    const joined = { months: batches.flatMap((b) => b.months), leakage: batches.flatMap((b) => b.values.leakage) };
    const whole = (quick[0] as Extract<ExploreReport, { kind: 'months' }>).batch;
    expect(joined).toEqual({ months: whole.months, leakage: whole.values.leakage });
  });
});
