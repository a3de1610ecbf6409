/**
 * A target's simulated value in one model run: a summary metric, a metric's value at the end of a
 * month, or an events count (or the ratio of two). Pure.
 */
import { metricNames } from '../metrics.js';
import type { RunOutput } from '../run-params.js';
import type { TargetSpec } from './targets-file.js';

/** Whether any target needs the monthly series (a run with `detail`). */
export function needsSeries(targets: readonly TargetSpec[]): boolean {
  return targets.some((t) => t.source.kind === 'month');
}

/**
 * The value of `target` in `output`, or null where the run leaves it undefined (a ratio with
 * nothing to divide, `pmtR2` under a method without a formula, a count divided by 0).
 *
 * @example
 * // events roundCorrections 12 per roundRegisteredBefore 120
 * targetValue({ ..., source: { kind: 'events', event: 'roundCorrections', per: 'roundRegisteredBefore' } }, output); // 0.1
 */
export function targetValue(target: TargetSpec, output: RunOutput): number | null {
  const source = target.source;
  switch (source.kind) {
    case 'metric':
      return output.metrics[metricNames().indexOf(source.metric)] ?? null;
    case 'month':
      return output.series?.[source.month]?.[metricNames().indexOf(source.metric)] ?? null;
    case 'events': {
      const count = output.events[source.event] ?? null;
      if (source.per === null || count === null) return count;
      const per = output.events[source.per] ?? null;
      return per === null || per === 0 ? null : count / per;
    }
  }
}
