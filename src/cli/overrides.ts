/** Command-line flags that change a scenario (loaded by the command handlers, not by --help). */
import { defaultParams } from '../model/parameters.js';
import { parseOverride } from '../scenario/overrides.js';

/**
 * Households a village holds in the default township (9,000 households in 30 villages: 300), the
 * village size `--households` keeps when it scales the number of villages.
 */
export const DEFAULT_HOUSEHOLDS_PER_VILLAGE = defaultParams.township.households / defaultParams.township.villages;

/**
 * Villages `--households N` gives a township: N / 300 rounded, at least 1, so villages keep the
 * default township's size (a township of 200 households is one village, not 30 villages of 7,
 * where a 10% village quota registers nobody).
 * @example villagesForHouseholds(9000) // => 30
 * @example villagesForHouseholds(200) // => 1
 */
export function villagesForHouseholds(households: number): number {
  return Math.max(1, Math.round(households / DEFAULT_HOUSEHOLDS_PER_VILLAGE));
}

/** Whether an override (`path=value` text) sets the number of villages. */
function setsVillages(override: string): boolean {
  return override.slice(0, override.indexOf('=')).trim() === 'township.villages';
}

/**
 * Options shared by commands that take a scenario become overrides, each checked here so that a
 * bad value is reported against its own flag (`--households: township.households: expected ...`).
 * `--households N` also sets `township.villages` to {@link villagesForHouseholds}(N) unless a
 * `--set township.villages=...` says otherwise.
 */
export function scenarioOverrides(args: { seed?: string | undefined; households?: string | undefined; months?: string | undefined; set?: string[] | undefined }): string[] {
  const overrides = [...(args.set ?? [])];
  const setByUser = overrides.some(setsVillages);
  const flag = (name: string, path: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const assignment = parseOverride(`${path}=${raw}`, `--${name}`);
    overrides.push(assignment.text);
    return assignment.value as number;
  };
  const households = flag('households', 'township.households', args.households);
  if (households !== undefined && !setByUser) overrides.push(`township.villages=${villagesForHouseholds(households)}`);
  flag('months', 'simulation.months', args.months);
  flag('seed', 'seed', args.seed);
  return overrides;
}

/** A `--seed` given on its own (not a scenario override), checked like a scenario's seed. */
export function seedFlag(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : (parseOverride(`seed=${raw}`, '--seed').value as number);
}
