/**
 * Safe division: the one place a metric turns two totals into a ratio.
 *
 * Convention: a ratio whose denominator is 0 (or not finite) is undefined and returned as `null`,
 * never NaN or Infinity, so an empty month (no poor households, no spending) shows up as a gap in
 * the output rather than a fake number.
 *
 * @param numerator - any finite number (sign allowed).
 * @param denominator - any number; 0, NaN or +/-Infinity gives null.
 * @returns `numerator / denominator`, or null when the denominator is 0 or not finite, or when the
 *   quotient is too large to represent (a huge numerator over a tiny denominator overflows).
 * @throws {RangeError} if `numerator` is not finite (NaN or Infinity would make the ratio meaningless).
 * @example
 * ratio(3, 4); // => 0.75
 * ratio(3, 0); // => null
 */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator)) {
    throw new RangeError(`numerator must be a finite number, got ${numerator}`);
  }
  if (denominator === 0 || !Number.isFinite(denominator)) return null;
  const quotient = numerator / denominator;
  return Number.isFinite(quotient) ? quotient : null;
}
