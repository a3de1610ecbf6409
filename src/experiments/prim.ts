/**
 * PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999), as used for scenario
 * discovery (Bryant and Lempert 2010) and as implemented in EMA Workbench's `prim` module: find a
 * box (one interval per uncertain parameter) where the "cases of interest" (e.g. runs where a
 * policy misses its threshold) are dense. Pure: plain data in, plain data out, no files, no terminal.
 * It is the foundation of `povsim robust` (docs/robust.md).
 *
 * Conventions, once for the whole file:
 * - A row is inside a box when lower[j] <= x[j] <= upper[j] for every parameter j (both ends
 *   inclusive). The initial box is the data's own [min, max] per parameter; an end is "restricted"
 *   when it differs from the initial box's end.
 * - coverage = cases in box / all cases; density = cases in box / rows in box;
 *   mass = rows in box / all rows.
 * - Quantiles are EMA Workbench's `get_quantile` (after sdtoolkit): the midpoint between the two
 *   order statistics around position (n - 1) * q, moved outwards past ties, so a peel or paste limit
 *   falls between two distinct data values and never cuts through tied values.
 * - Peeling: from the current box, each parameter offers two candidate peels, removing the rows
 *   below the peelAlpha quantile (lower end) or above the (1 - peelAlpha) quantile (upper end) of
 *   the rows in the box. A candidate is valid when it removes at least one row and leaves mass
 *   >= minMass. The valid candidate with the largest objective is taken while that objective is > 0.
 *   Objective 'original' (Friedman and Fisher): the gain in density. 'lenient1' (EMA Workbench's
 *   default): the gain in density divided by the number of rows removed.
 * - Ties, so that results are deterministic: objectives within 1e-12 (relative) are equal; among
 *   equal ones the candidate leaving fewer restricted parameters wins (EMA Workbench's rule), then
 *   the lower parameter index, then the lower end before the upper end.
 * - Pasting (on the selected box): for each restricted end, the rows just outside it (inside the box
 *   on every other parameter, between the initial end and the current end) offer a candidate: move
 *   the end to their pasteAlpha quantile nearest the box. A candidate is valid when it adds at least
 *   one row; the best (same objective and tie rule, gain counted per row added) is taken while its
 *   density gain is > 0.
 * - Quasi-p-value of a restricted end (Bryant and Lempert 2010): drop that one end back to the
 *   initial box, let p = density of that larger box; the quasi-p is the one-sided binomial
 *   probability P(X >= cases in box), X ~ Binomial(rows in box, p). Small means the restriction
 *   matters; near 1 means the box is as dense without it. One per restricted END, as EMA Workbench
 *   does for numeric parameters (ema_workbench/analysis/prim.py, `calculate_qp`, called by
 *   `PrimBox._calculate_quasi_p`: for each end whose limit differs from the initial box, a copy of
 *   the box with that one end reset, then `sdutil._calculate_quasip`; only a categorical parameter
 *   is reset whole). robustness.ts's `quasiP` gives a parameter the larger of its ends'.
 * - Pruning (pruneBox, Bryant and Lempert 2010; EMA Workbench users do it by hand with
 *   `drop_restriction`): while some restricted end has a quasi-p-value >= the significance level,
 *   the end with the largest is dropped back to the initial box (ties: lower parameter index, then
 *   lower end first) and the quasi-p-values of the ends left are computed again on the new box.
 * - Only numeric parameters for now; categorical parameters are future work. One box (no covering
 *   of the rows left outside it).
 */
import jStatPkg from 'jstat';

const { jStat } = jStatPkg;

/** The rows PRIM looks at: one numeric value per parameter per row, and whether the row is a case of interest. */
export interface PrimInput {
  /** Parameter names, one per column. */
  readonly names: readonly string[];
  /** rows[i][j]: value of parameter j in row i. Finite numbers. */
  readonly rows: readonly (readonly number[])[];
  /** cases[i]: row i is a case of interest (e.g. the policy misses its threshold). */
  readonly cases: readonly boolean[];
}

export type PrimObjective = 'original' | 'lenient1';

/** Which box of the peeling trajectory to paste and report. */
export type PrimSelection =
  | { readonly kind: 'last' }
  | { readonly kind: 'index'; readonly index: number }
  /** The first box (largest coverage) whose density is >= minDensity; the densest box if none is. */
  | { readonly kind: 'firstWithDensity'; readonly minDensity: number };

export interface PrimOptions {
  /** Share of the box's rows removed by one peel (0 < peelAlpha < 0.5); default 0.05. */
  readonly peelAlpha?: number;
  /** Share of the rows just outside an end added by one paste (0 < pasteAlpha < 0.5); default 0.05. */
  readonly pasteAlpha?: number;
  /** Smallest mass a box may have (0 < minMass <= 1); default 0.05. */
  readonly minMass?: number;
  /** Stop peeling once a box's density reaches this (optional). */
  readonly stopDensity?: number;
  /** Default 'original'. */
  readonly objective?: PrimObjective;
  /** Default { kind: 'last' }. */
  readonly selection?: PrimSelection;
}

/** Box limits, one entry per parameter, in the order of `PrimInput.names`. */
export interface BoxLimits {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface BoxStats {
  readonly rows: number;
  readonly cases: number;
  readonly coverage: number;
  readonly density: number;
  readonly mass: number;
  /** Names of the parameters with at least one restricted end, in input order. */
  readonly restricted: readonly string[];
}

/** One box of the peeling trajectory (box 0 is the initial box). */
export interface TrajectoryStep extends BoxStats {
  readonly limits: BoxLimits;
  /** The peel that made this box from the previous one; null for box 0. */
  readonly peel: { readonly parameter: string; readonly end: 'lower' | 'upper' } | null;
}

/** One parameter of a reported box. qp* are null where the end is not restricted. */
export interface ParameterLimit {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly restrictedLower: boolean;
  readonly restrictedUpper: boolean;
  readonly qpLower: number | null;
  readonly qpUpper: number | null;
}

export interface PrimBox extends BoxStats {
  readonly limits: readonly ParameterLimit[];
}

export interface PrimResult {
  /** The initial box: all rows (its density is the base rate of cases). */
  readonly base: BoxStats;
  /** Peeling trajectory: the coverage-density trade-off curve. */
  readonly trajectory: readonly TrajectoryStep[];
  /** Index in `trajectory` of the selected box. */
  readonly selectedIndex: number;
  /** The selected box after pasting, with quasi-p-values. */
  readonly box: PrimBox;
  /** Number of pastes applied to the selected box. */
  readonly pastes: number;
}

const DEFAULTS = { peelAlpha: 0.05, pasteAlpha: 0.05, minMass: 0.05 } as const;
const TIE_TOLERANCE = 1e-12;

/**
 * EMA Workbench's quantile (`get_quantile`, after sdtoolkit) of unsorted `values`, 0 < q < 1.
 * @example primQuantile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.9) === 8.5
 */
export function primQuantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('primQuantile: no values');
  if (!(q > 0 && q < 1)) throw new RangeError(`primQuantile: q must be in (0, 1), got ${q}`);
  const data = [...values].sort((a, b) => a - b);
  const position = (data.length - 1) * q;
  let low = Math.floor(position);
  let high = Math.ceil(position);
  if (q > 0.5) {
    while (data[low] === data[high] && low > 0) low -= 1;
  } else {
    while (data[low] === data[high] && high < data.length - 1) high += 1;
  }
  return (data[low]! + data[high]!) / 2;
}

function validate(input: PrimInput): void {
  const { names, rows, cases } = input;
  if (rows.length === 0) throw new RangeError('PRIM: no rows');
  if (rows.length !== cases.length) {
    throw new RangeError(`PRIM: ${rows.length} rows but ${cases.length} case flags`);
  }
  rows.forEach((row, i) => {
    if (row.length !== names.length) {
      throw new RangeError(`PRIM: row ${i} has ${row.length} values, expected ${names.length}`);
    }
    if (!row.every(Number.isFinite)) throw new RangeError(`PRIM: row ${i} has a value that is not a finite number`);
  });
  if (!cases.some(Boolean)) throw new RangeError('PRIM: no case of interest among the rows');
}

function checkOptions(options: PrimOptions): Required<Pick<PrimOptions, 'peelAlpha' | 'pasteAlpha' | 'minMass' | 'objective'>> {
  const peelAlpha = options.peelAlpha ?? DEFAULTS.peelAlpha;
  const pasteAlpha = options.pasteAlpha ?? DEFAULTS.pasteAlpha;
  const minMass = options.minMass ?? DEFAULTS.minMass;
  if (!(peelAlpha > 0 && peelAlpha < 0.5)) throw new RangeError(`PRIM: peelAlpha must be in (0, 0.5), got ${peelAlpha}`);
  if (!(pasteAlpha > 0 && pasteAlpha < 0.5)) throw new RangeError(`PRIM: pasteAlpha must be in (0, 0.5), got ${pasteAlpha}`);
  if (!(minMass > 0 && minMass <= 1)) throw new RangeError(`PRIM: minMass must be in (0, 1], got ${minMass}`);
  return { peelAlpha, pasteAlpha, minMass, objective: options.objective ?? 'original' };
}

/** The initial box: each parameter's [min, max] over the rows. */
export function initialLimits(input: PrimInput): BoxLimits {
  // A loop, not Math.min(...column): spreading 100,000 or more values overflows the call stack.
  const lower = input.names.map(() => Infinity);
  const upper = input.names.map(() => -Infinity);
  for (const row of input.rows) {
    row.forEach((value, j) => {
      if (value < lower[j]!) lower[j] = value;
      if (value > upper[j]!) upper[j] = value;
    });
  }
  return { lower, upper };
}

function inBox(row: readonly number[], limits: BoxLimits): boolean {
  return row.every((x, j) => limits.lower[j]! <= x && x <= limits.upper[j]!);
}

/** Indices of the rows inside `limits`, ascending. */
export function rowsInBox(input: PrimInput, limits: BoxLimits): number[] {
  const inside: number[] = [];
  input.rows.forEach((row, i) => {
    if (inBox(row, limits)) inside.push(i);
  });
  return inside;
}

function countCases(input: PrimInput, members: readonly number[]): number {
  return members.reduce((sum, i) => sum + (input.cases[i] ? 1 : 0), 0);
}

function restrictedNames(input: PrimInput, limits: BoxLimits, initial: BoxLimits): string[] {
  return input.names.filter((_, j) => limits.lower[j] !== initial.lower[j] || limits.upper[j] !== initial.upper[j]);
}

/** Coverage, density, mass and restricted parameters of the box `limits` over `input`. */
export function boxStats(input: PrimInput, limits: BoxLimits, initial: BoxLimits = initialLimits(input)): BoxStats {
  const members = rowsInBox(input, limits);
  const cases = countCases(input, members);
  const totalCases = countCases(input, input.rows.map((_, i) => i));
  return {
    rows: members.length,
    cases,
    coverage: cases / totalCases,
    density: members.length === 0 ? 0 : cases / members.length,
    mass: members.length / input.rows.length,
    restricted: restrictedNames(input, limits, initial),
  };
}

interface Candidate {
  readonly limits: BoxLimits;
  readonly members: readonly number[];
  readonly objective: number;
  readonly restrictedCount: number;
  readonly parameter: number;
  readonly end: 'lower' | 'upper';
}

function withEnd(limits: BoxLimits, j: number, end: 'lower' | 'upper', value: number): BoxLimits {
  const lower = [...limits.lower];
  const upper = [...limits.upper];
  (end === 'lower' ? lower : upper)[j] = value;
  return { lower, upper };
}

/** Objective of moving from a box (oldRows, oldCases) to a candidate: density gain, per row changed for 'lenient1'. */
function objectiveOf(objective: PrimObjective, oldRows: number, oldCases: number, newRows: number, newCases: number): number {
  const gain = newCases / newRows - oldCases / oldRows;
  return objective === 'original' ? gain : gain / Math.abs(oldRows - newRows);
}

/** True when a is better than b under the file's tie rule (candidates are offered in parameter, then end, order). */
function better(a: Candidate, b: Candidate): boolean {
  const scale = Math.max(Math.abs(a.objective), Math.abs(b.objective), Number.MIN_VALUE);
  if (Math.abs(a.objective - b.objective) > TIE_TOLERANCE * scale) return a.objective > b.objective;
  return a.restrictedCount < b.restrictedCount;
}

function best(candidates: readonly Candidate[]): Candidate | undefined {
  let chosen: Candidate | undefined;
  for (const candidate of candidates) if (chosen === undefined || better(candidate, chosen)) chosen = candidate;
  return chosen;
}

/** The candidate box `next` (rows `nextMembers`) reached from the box with rows `members` by moving end `end` of parameter j. */
function makeCandidate(
  input: PrimInput, initial: BoxLimits, objective: PrimObjective, members: readonly number[],
  next: BoxLimits, nextMembers: readonly number[], j: number, end: 'lower' | 'upper',
): Candidate {
  return {
    limits: next,
    members: nextMembers,
    objective: objectiveOf(objective, members.length, countCases(input, members), nextMembers.length, countCases(input, nextMembers)),
    restrictedCount: restrictedNames(input, next, initial).length,
    parameter: j,
    end,
  };
}

function peelCandidates(
  input: PrimInput, limits: BoxLimits, members: readonly number[], initial: BoxLimits,
  settings: ReturnType<typeof checkOptions>,
): Candidate[] {
  const candidates: Candidate[] = [];
  input.names.forEach((_, j) => {
    const values = members.map((i) => input.rows[i]![j]!);
    for (const end of ['lower', 'upper'] as const) {
      const cut = primQuantile(values, end === 'lower' ? settings.peelAlpha : 1 - settings.peelAlpha);
      const kept = members.filter((i) => (end === 'lower' ? input.rows[i]![j]! >= cut : input.rows[i]![j]! <= cut));
      if (kept.length === members.length || kept.length / input.rows.length < settings.minMass) continue;
      candidates.push(makeCandidate(input, initial, settings.objective, members, withEnd(limits, j, end, cut), kept, j, end));
    }
  });
  return candidates;
}

function step(input: PrimInput, limits: BoxLimits, initial: BoxLimits, peel: TrajectoryStep['peel']): TrajectoryStep {
  return { ...boxStats(input, limits, initial), limits, peel };
}

/**
 * The peeling trajectory: box 0 is the initial box, each next box is the best peel of the one
 * before, until no valid peel raises the objective (or stopDensity is reached).
 */
export function peelingTrajectory(input: PrimInput, options: PrimOptions = {}): TrajectoryStep[] {
  validate(input);
  const settings = checkOptions(options);
  const initial = initialLimits(input);
  const trajectory = [step(input, initial, initial, null)];
  let limits = initial;
  let members: readonly number[] = rowsInBox(input, limits);
  for (;;) {
    const current = trajectory[trajectory.length - 1]!;
    if (options.stopDensity !== undefined && current.density >= options.stopDensity) break;
    const chosen = best(peelCandidates(input, limits, members, initial, settings));
    if (chosen === undefined || !(chosen.objective > 0)) break;
    limits = chosen.limits;
    members = chosen.members;
    trajectory.push(step(input, limits, initial, { parameter: input.names[chosen.parameter]!, end: chosen.end }));
  }
  return trajectory;
}

/** Index of the box `selection` picks from `trajectory` (see PrimSelection). */
export function selectBox(trajectory: readonly TrajectoryStep[], selection: PrimSelection = { kind: 'last' }): number {
  if (selection.kind === 'last') return trajectory.length - 1;
  if (selection.kind === 'index') {
    if (!Number.isInteger(selection.index) || selection.index < 0 || selection.index >= trajectory.length) {
      throw new RangeError(`PRIM: box index ${selection.index} is not on the trajectory (0..${trajectory.length - 1})`);
    }
    return selection.index;
  }
  const first = trajectory.findIndex((box) => box.density >= selection.minDensity);
  if (first >= 0) return first;
  let densest = 0;
  trajectory.forEach((box, i) => {
    if (box.density > trajectory[densest]!.density) densest = i;
  });
  return densest;
}

function pasteCandidates(
  input: PrimInput, limits: BoxLimits, members: readonly number[], initial: BoxLimits,
  settings: ReturnType<typeof checkOptions>,
): Candidate[] {
  const candidates: Candidate[] = [];
  input.names.forEach((_, j) => {
    for (const end of ['lower', 'upper'] as const) {
      const bound = end === 'lower' ? initial.lower[j]! : initial.upper[j]!;
      const current = end === 'lower' ? limits.lower[j]! : limits.upper[j]!;
      if (current === bound) continue;
      const slab = end === 'lower' ? withEnd(withEnd(limits, j, 'lower', bound), j, 'upper', current)
        : withEnd(withEnd(limits, j, 'upper', bound), j, 'lower', current);
      const values = rowsInBox(input, slab).map((i) => input.rows[i]![j]!);
      const value = values.length === 0 ? bound : primQuantile(values, end === 'lower' ? 1 - settings.pasteAlpha : settings.pasteAlpha);
      const next = withEnd(limits, j, end, value);
      const grown = rowsInBox(input, next);
      if (grown.length <= members.length) continue;
      candidates.push(makeCandidate(input, initial, settings.objective, members, next, grown, j, end));
    }
  });
  return candidates;
}

/** Pastes `limits` while the best valid paste raises density; returns the pasted limits and the number of pastes. */
export function pasteBox(input: PrimInput, limits: BoxLimits, options: PrimOptions = {}): { limits: BoxLimits; pastes: number } {
  validate(input);
  const settings = checkOptions(options);
  const initial = initialLimits(input);
  let current = limits;
  let members: readonly number[] = rowsInBox(input, current);
  let pastes = 0;
  for (;;) {
    const chosen = best(pasteCandidates(input, current, members, initial, settings));
    if (chosen === undefined || !(chosen.objective > 0)) break;
    current = chosen.limits;
    members = chosen.members;
    pastes += 1;
  }
  return { limits: current, pastes };
}

/** One-sided binomial test P(X >= cases), X ~ Binomial(rows, p), through the regularized incomplete beta. */
export function binomialUpperTail(cases: number, rows: number, p: number): number {
  if (cases <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return jStat.beta.cdf(p, cases, rows - cases + 1);
}

/** Quasi-p-value of dropping end `end` of parameter j of the box (rows, cases) back to the initial box. */
function quasiP(input: PrimInput, limits: BoxLimits, initial: BoxLimits, j: number, end: 'lower' | 'upper', inside: BoxStats): number {
  const dropped = withEnd(limits, j, end, end === 'lower' ? initial.lower[j]! : initial.upper[j]!);
  const members = rowsInBox(input, dropped);
  return binomialUpperTail(inside.cases, inside.rows, countCases(input, members) / members.length);
}

/** One restricted end that {@link pruneBox} dropped. */
export interface DroppedRestriction {
  readonly name: string;
  readonly end: 'lower' | 'upper';
  /** The end's value before it was dropped. */
  readonly limit: number;
  /** Its quasi-p-value on the box it was dropped from. */
  readonly quasiP: number;
}

/**
 * Drops the box's restricted ends that are not significant (quasi-p >= significance), the least
 * significant first, recomputing the others' quasi-p-values after each drop (see the file comment).
 *
 * @example
 * pruneBox(input, box, 0.05); // => { limits: the box without its non-significant ends, dropped: [...] }
 */
export function pruneBox(input: PrimInput, limits: BoxLimits, significance: number): { limits: BoxLimits; dropped: DroppedRestriction[] } {
  validate(input);
  if (!(significance > 0 && significance <= 1)) throw new RangeError(`PRIM: significance must be in (0, 1], got ${significance}`);
  const initial = initialLimits(input);
  const dropped: DroppedRestriction[] = [];
  let current = limits;
  for (;;) {
    const stats = boxStats(input, current, initial);
    const ends: (DroppedRestriction & { readonly j: number })[] = [];
    input.names.forEach((name, j) => {
      for (const end of ['lower', 'upper'] as const) {
        const limit = end === 'lower' ? current.lower[j]! : current.upper[j]!;
        if (limit !== (end === 'lower' ? initial.lower[j]! : initial.upper[j]!)) ends.push({ name, end, limit, quasiP: quasiP(input, current, initial, j, end, stats), j });
      }
    });
    // The least significant end; among equal quasi-p-values the first (lower index, lower end).
    const least = ends.reduce<(typeof ends)[number] | null>((worst, e) => (worst === null || e.quasiP > worst.quasiP ? e : worst), null);
    if (least === null || least.quasiP < significance) return { limits: current, dropped };
    current = withEnd(current, least.j, least.end, least.end === 'lower' ? initial.lower[least.j]! : initial.upper[least.j]!);
    dropped.push({ name: least.name, end: least.end, limit: least.limit, quasiP: least.quasiP });
  }
}

/** The limits of a described box (the inverse of {@link describeBox}'s per-parameter view). */
export function limitsOf(box: PrimBox): BoxLimits {
  return { lower: box.limits.map((l) => l.lower), upper: box.limits.map((l) => l.upper) };
}

/** The box `limits` as plain data: stats, and per parameter its limits, restricted ends and quasi-p-values. */
export function describeBox(input: PrimInput, limits: BoxLimits): PrimBox {
  validate(input);
  const initial = initialLimits(input);
  const stats = boxStats(input, limits, initial);
  const parameters = input.names.map((name, j): ParameterLimit => {
    const restrictedLower = limits.lower[j] !== initial.lower[j];
    const restrictedUpper = limits.upper[j] !== initial.upper[j];
    return {
      name,
      lower: limits.lower[j]!,
      upper: limits.upper[j]!,
      restrictedLower,
      restrictedUpper,
      qpLower: restrictedLower ? quasiP(input, limits, initial, j, 'lower', stats) : null,
      qpUpper: restrictedUpper ? quasiP(input, limits, initial, j, 'upper', stats) : null,
    };
  });
  return { ...stats, limits: parameters };
}

/** PRIM end to end: peel, select a box, paste it, describe it. */
export function prim(input: PrimInput, options: PrimOptions = {}): PrimResult {
  const trajectory = peelingTrajectory(input, options);
  const selectedIndex = selectBox(trajectory, options.selection);
  const pasted = pasteBox(input, trajectory[selectedIndex]!.limits, options);
  return {
    base: boxStats(input, trajectory[0]!.limits),
    trajectory,
    selectedIndex,
    box: describeBox(input, pasted.limits),
    pastes: pasted.pastes,
  };
}
