/**
 * Pieces shared by the chart builders: title and legend blocks, axis styling, input checks.
 * Everything returned is JSON (no functions), see `plugins.ts` for why.
 */
import { CHART_THEME, PERCENT_TICK_FORMAT } from './theme.js';

/** chart.js `title` + `subtitle` plugin options: a left-aligned bold title and an optional italic note. */
export function titleBlock(title: string, note: string | undefined) {
  return {
    title: {
      display: true,
      text: title,
      align: 'start' as const,
      color: CHART_THEME.textColor,
      font: { size: CHART_THEME.titleSize, weight: 'bold' as const },
      padding: { top: 2, bottom: note === undefined ? 12 : 4 },
    },
    subtitle: {
      display: note !== undefined,
      text: note ?? '',
      align: 'start' as const,
      color: CHART_THEME.mutedTextColor,
      font: { size: CHART_THEME.noteSize, style: 'italic' as const },
      padding: { bottom: 10 },
    },
  };
}

/**
 * chart.js `legend` options: shown, at the top, only when there is more than one series.
 * `key` is how each entry is drawn: a filled box (bars), a short line (line charts) or the
 * dataset's own marker (lines with markers).
 */
export function legendBlock(seriesCount: number, key: 'box' | 'line' | 'marker' = 'box') {
  const labels =
    key === 'line'
      ? { usePointStyle: true, pointStyle: 'line' as const, pointStyleWidth: 28, padding: 16 }
      : key === 'marker'
        ? { usePointStyle: true, boxWidth: 9, boxHeight: 9, padding: 16 }
        : { boxWidth: 14, boxHeight: 14, padding: 16 };
  return { display: seriesCount > 1, position: 'top' as const, align: 'start' as const, labels };
}

/** Axis title block with the theme's size and colour. */
export function axisTitle(text: string) {
  return {
    display: text !== '',
    text,
    color: CHART_THEME.textColor,
    font: { size: CHART_THEME.axisTitleSize },
    padding: { top: 6, bottom: 6 },
  };
}

/** Tick options of a value axis: percentages for fractions, else chart.js's default numbers. */
export function valueTicks(percent: boolean) {
  return percent ? { format: { ...PERCENT_TICK_FORMAT } } : {};
}

/** Gridline and axis-line colours for an axis whose gridlines are shown (value axes). */
export function gridOn() {
  return {
    grid: { color: CHART_THEME.gridColor, drawTicks: false },
    border: { color: CHART_THEME.axisColor, display: true },
  };
}

/** No gridlines, axis line kept (category axes). */
export function gridOff() {
  return {
    grid: { display: false },
    border: { color: CHART_THEME.axisColor, display: true },
  };
}

/** Options every povsim chart has: no animation, fixed locale, some outer padding. */
export function baseOptions() {
  return {
    animation: false as const,
    locale: CHART_THEME.locale,
    layout: { padding: { top: 8, right: 16, bottom: 8, left: 8 } },
  };
}

/** Throws a RangeError unless `values` has exactly `expected` entries. */
export function checkLength(what: string, values: readonly unknown[], expected: number): void {
  if (values.length !== expected) {
    throw new RangeError(`${what}: expected ${expected} values, got ${values.length}`);
  }
}

/** Throws a RangeError unless `lower` and `upper` are both given or both absent. */
export function checkPair(what: string, lower: unknown, upper: unknown): void {
  if ((lower === undefined) !== (upper === undefined)) {
    throw new RangeError(`${what}: give both lower and upper, or neither`);
  }
}

/** Throws a RangeError if the list is empty. */
export function checkNonEmpty(what: string, values: readonly unknown[]): void {
  if (values.length === 0) throw new RangeError(`${what}: nothing to draw`);
}

/**
 * Largest finite number among the arrays, or `undefined` when there is none: the builders'
 * `suggestedMax`, so whisker ends and reference lines stay inside the plot.
 * @example maxFinite([1, null], [3]) // 3
 */
export function maxFinite(...arrays: readonly (readonly (number | null | undefined)[])[]): number | undefined {
  let best: number | undefined;
  for (const values of arrays) {
    for (const v of values) {
      if (typeof v === 'number' && Number.isFinite(v) && (best === undefined || v > best)) best = v;
    }
  }
  return best;
}

/** Smallest finite number among the arrays, or `undefined`. @example minFinite([1, null], [-3]) // -3 */
export function minFinite(...arrays: readonly (readonly (number | null | undefined)[])[]): number | undefined {
  const negated = arrays.map((a) => a.map((v) => (typeof v === 'number' ? -v : v)));
  const m = maxFinite(...negated);
  return m === undefined ? undefined : -m;
}
