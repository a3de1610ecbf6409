/**
 * Sensitivity analysis of a finished sobol or morris sweep: the model output at each design point
 * is the mean of a metric over the point's successful replicates (averaging out the simulation's
 * own noise), and the design's estimator (sobolIndices, morrisIndices) is applied to those means,
 * one output metric at a time. Read from results.csv in one streaming pass; memory holds one
 * running sum and count per design point and output metric.
 */
import { join } from 'node:path';
import { toCsv, writeAtomic } from '../io/files.js';
import { LineReader, parseCsvLine } from './csv.js';
import { morrisIndices, morrisLayout, requireRangeFactors, sobolIndices, type DesignSpec } from './designs/index.js';

/** One row of sensitivity.csv. */
export type SensitivityRow =
  | {
      readonly output: string;
      readonly parameter: string;
      readonly S1: number;
      readonly S1ci: readonly [number, number] | null;
      readonly ST: number;
      readonly STci: readonly [number, number] | null;
    }
  | { readonly output: string; readonly parameter: string; readonly muStar: number; readonly mu: number; readonly sigma: number };

/** An output metric left out of the analysis, and why. */
export interface SkippedOutput {
  readonly output: string;
  readonly reason: string;
}

export interface SensitivityResult {
  readonly kind: 'sobol' | 'morris';
  readonly rows: readonly SensitivityRow[];
  readonly skipped: readonly SkippedOutput[];
}

export interface SensitivityOptions {
  /** Bootstrap resamples of the Sobol intervals. */
  readonly bootstrap: number;
  /** Seed of the bootstrap. */
  readonly seed: number;
}

/** The file name of the analysis in a sweep folder. */
export const SENSITIVITY_FILE = 'sensitivity.csv';

/** Whether a design kind has a sensitivity analysis. */
export function hasSensitivity(design: DesignSpec): design is Extract<DesignSpec, { kind: 'sobol' | 'morris' }> {
  return design.kind === 'sobol' || design.kind === 'morris';
}

/**
 * Sobol or Morris indices of every output from its per-point values (`outputs.get(metric)[point]`,
 * null where undefined at that point). An output with a null at some point, or (sobol) zero
 * variance, is skipped with its reason.
 *
 * @example
 * analyseSensitivity(spec, new Map([['leakage', pointMeans]]), { bootstrap: 500, seed: 1 }).rows[0];
 * // => { output: 'leakage', parameter: 'supervision.auditRate', S1: ..., S1ci: [...], ST: ..., STci: [...] }
 */
export function analyseSensitivity(
  design: Extract<DesignSpec, { kind: 'sobol' | 'morris' }>,
  outputs: ReadonlyMap<string, readonly (number | null)[]>,
  options: SensitivityOptions,
): SensitivityResult {
  const rows: SensitivityRow[] = [];
  const skipped: SkippedOutput[] = [];
  const layout = design.kind === 'morris' ? morrisLayout(design.factors, design) : null;
  for (const [output, values] of outputs) {
    const missing = values.findIndex((v) => v === null);
    if (missing >= 0) {
      skipped.push({ output, reason: `undefined (or failed in every replicate) at design point ${missing}` });
      continue;
    }
    const y = values as number[];
    if (design.kind === 'sobol') {
      try {
        const factors = requireRangeFactors(design.factors, 'sobol');
        for (const s of sobolIndices({ factors, baseSamples: design.baseSamples }, y, { bootstrap: options.bootstrap, seed: options.seed })) {
          rows.push({ output, parameter: s.name, S1: s.S1, S1ci: s.S1ci, ST: s.ST, STci: s.STci });
        }
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        skipped.push({ output, reason: /zero variance/.test(error.message) ? 'constant over the design (zero variance)' : error.message });
      }
    } else if (layout !== null) {
      for (const m of morrisIndices(layout, y)) rows.push({ output, parameter: m.name, muStar: m.muStar, mu: m.mu, sigma: m.sigma });
    }
  }
  return { kind: design.kind, rows, skipped };
}

/**
 * Per design point, the mean of each output metric over the point's successful runs, read from a
 * complete results.csv (columns located by name in its header). A point where the metric is
 * undefined in some successful run, or with no successful run, gets null.
 *
 * @param points - number of design points.
 */
export function pointMeansFromResults(resultsFile: string, points: number, outputs: readonly string[]): Map<string, (number | null)[]> {
  const reader = new LineReader(resultsFile);
  try {
    const header = reader.next();
    const columns = header === null ? null : parseCsvLine(header.text);
    if (columns === null) throw new Error(`${resultsFile}: no header`);
    const pointColumn = columns.indexOf('point');
    const statusColumn = columns.indexOf('status');
    const outputColumns = outputs.map((o) => columns.indexOf(o));
    if (pointColumn < 0 || statusColumn < 0 || outputColumns.some((c) => c < 0)) {
      throw new Error(`${resultsFile}: the header lacks point, status or an output column`);
    }
    const sums = outputs.map(() => new Float64Array(points));
    const counts = new Int32Array(points);
    const undefinedAt = outputs.map(() => new Uint8Array(points));
    for (let line = reader.next(); line !== null; line = reader.next()) {
      const fields = parseCsvLine(line.text);
      if (fields === null || fields.length !== columns.length) throw new Error(`${resultsFile}: malformed row ending at byte ${line.end}`);
      if (fields[statusColumn] !== 'ok') continue;
      const point = Number(fields[pointColumn]);
      counts[point] += 1;
      outputColumns.forEach((c, k) => {
        const text = fields[c];
        if (text === '' || text === undefined) undefinedAt[k][point] = 1;
        else sums[k][point] += Number(text);
      });
    }
    const out = new Map<string, (number | null)[]>();
    outputs.forEach((o, k) => {
      out.set(
        o,
        Array.from({ length: points }, (_, p) => (counts[p] === 0 || undefinedAt[k][p] === 1 ? null : sums[k][p] / counts[p])),
      );
    });
    return out;
  } finally {
    reader.close();
  }
}

/** Writes sensitivity.csv (columns in docs/experiments.md) and returns its path. */
export function writeSensitivity(dir: string, result: SensitivityResult): string {
  const file = join(dir, SENSITIVITY_FILE);
  if (result.kind === 'sobol') {
    const rows = result.rows.map((r) =>
      'S1' in r ? [r.output, r.parameter, r.S1, r.S1ci?.[0], r.S1ci?.[1], r.ST, r.STci?.[0], r.STci?.[1]] : []);
    writeAtomic(file, toCsv(['output', 'parameter', 'S1', 'S1_ci_low', 'S1_ci_high', 'ST', 'ST_ci_low', 'ST_ci_high'], rows));
  } else {
    const rows = result.rows.map((r) => ('muStar' in r ? [r.output, r.parameter, r.muStar, r.mu, r.sigma] : []));
    writeAtomic(file, toCsv(['output', 'parameter', 'mu_star', 'mu', 'sigma'], rows));
  }
  return file;
}
