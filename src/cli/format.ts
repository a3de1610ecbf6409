/** Number formatting for terminal tables. */

/** A share as a percentage with one decimal, e.g. 0.4632 -> "46.3%"; null -> "n/a". */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

/** A number with thousands separators and `digits` decimals; null -> "n/a". */
export function number(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Left-aligned first column, right-aligned others. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ').trimEnd())
    .join('\n');
}
