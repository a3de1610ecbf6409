/** Command-line flags that change a scenario (loaded by the command handlers, not by --help). */
import { parseOverride } from '../scenario/overrides.js';

/**
 * Options shared by commands that take a scenario become overrides, each checked here so that a
 * bad value is reported against its own flag (`--households: township.households: expected ...`).
 */
export function scenarioOverrides(args: { seed?: string | undefined; households?: string | undefined; months?: string | undefined; set?: string[] | undefined }): string[] {
  const overrides = [...(args.set ?? [])];
  const flag = (name: string, path: string, raw: string | undefined): void => {
    if (raw !== undefined) overrides.push(parseOverride(`${path}=${raw}`, `--${name}`).text);
  };
  flag('households', 'township.households', args.households);
  flag('months', 'simulation.months', args.months);
  flag('seed', 'seed', args.seed);
  return overrides;
}

/** A `--seed` given on its own (not a scenario override), checked like a scenario's seed. */
export function seedFlag(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : (parseOverride(`seed=${raw}`, '--seed').value as number);
}
