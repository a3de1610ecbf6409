/**
 * The scalar metrics (flattened names of src/results/summary.ts) whose values are shares from 0 to 1.
 * Below experiments and output, so both use the one list: a calibration target's observed value
 * is checked against it, and the report's metric table (output/report/metrics.ts) refuses to
 * load if its `share` metrics are not exactly these.
 */
const DECILES = Array.from({ length: 10 }, (_, i) => `incidenceByDecile.${i + 1}`);

export const SHARE_METRICS: ReadonlySet<string> = new Set([
  'headcount',
  'povertyGap',
  'povertySeverity',
  'registeredShare',
  'poorShare',
  'inclusionErrorRegistered',
  'inclusionErrorNonPoor',
  'exclusionError',
  'inclusionErrorRegisteredNow',
  'inclusionErrorNonPoorNow',
  'exclusionErrorNow',
  'leakage',
  'leakageAllAid',
  'publicGoodsShare',
  'diversion',
  ...DECILES,
]);
