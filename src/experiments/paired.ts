/**
 * The statistics of a paired comparison from the final metric values of every replicate: per
 * scenario and metric the mean, SD and 95% interval, and the paired difference from the first
 * scenario. Pure (no files, no threads), so `povsim compare` (compare.ts) and the explorer in the
 * browser (src/explore) compute every number with the same code.
 */
import { pairedDifference, summarizeDefined, type Summary } from './stats.js';

/** Mean, SD and 95% interval of a metric in one scenario. */
export interface MetricStats {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** A metric's statistics in one scenario, and its paired difference from the first scenario. */
export interface MetricComparison extends MetricStats {
  /** Null for the first scenario. */
  readonly difference: MetricStats | null;
}

function stats(s: Summary): MetricStats {
  return { n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null };
}

/**
 * The statistics of comparison.csv from the final metric values of every replicate:
 * per scenario and metric the summary over replicates where the metric is defined, and for every
 * scenario after the first the paired difference (scenario - first) over replicates where both
 * are defined.
 *
 * @param values - values[s][r][m], replicate r of every scenario run with the same seed.
 * @throws RangeError if the scenarios have different numbers of replicates.
 * @example
 * // two scenarios, one metric, replicates a = [1, 2, 3, 4], b = [2, 4, 5, 7]:
 * compareMetrics(['m'], [[[1], [2], [3], [4]], [[2], [4], [5], [7]]])[1].m.difference.mean; // => 2
 */
export function compareMetrics(
  metrics: readonly string[],
  values: readonly (readonly (readonly (number | null)[])[])[],
): Record<string, MetricComparison>[] {
  const reference = values[0] ?? [];
  return values.map((replicates, s) =>
    Object.fromEntries(
      metrics.map((metric, m) => {
        const own = replicates.map((row) => row[m] ?? null);
        const difference = s === 0 ? null : stats(pairedDifference(reference.map((row) => row[m] ?? null), own));
        return [metric, { ...stats(summarizeDefined(own)), difference }];
      }),
    ),
  );
}

