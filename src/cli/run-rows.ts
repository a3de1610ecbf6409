/**
 * The rows of `povsim run`'s table of key results: label, the value as the terminal prints it, and
 * the exact value. Pure (no files, no terminal), so the explorer page shows the same digits.
 */
import type { Metrics } from '../model/observe.js';
import { number, percent } from './format.js';

export interface RunRow {
  /** The metric's name in summary.json (or a name for a composite row). */
  readonly key: string;
  readonly label: string;
  /** As `povsim run` prints it: "46.3%", "1.12". */
  readonly text: string;
  /** The unrounded value(s), as JavaScript prints them ("n/a" when undefined). */
  readonly exact: string;
}

const exactText = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : String(value));

/** `povsim run`'s table rows for a run's metrics and its total budget in yuan. */
export function runRows(m: Metrics, budgetYuan: number): RunRow[] {
  const row = (key: string, label: string, text: string, value: number | null): RunRow => ({ key, label, text, exact: exactText(value) });
  return [
    row('headcount', 'Poverty headcount (persons)', percent(m.headcount), m.headcount),
    row('povertyGap', 'Poverty gap', percent(m.povertyGap, 2), m.povertyGap),
    row('registeredShare', 'Registered households', percent(m.registeredShare), m.registeredShare),
    row('inclusionErrorRegistered', 'Inclusion error (non-poor share of the register, last 12 months)', percent(m.inclusionErrorRegistered), m.inclusionErrorRegistered),
    row('inclusionErrorNonPoor', 'Inclusion error (share of non-poor households registered, last 12 months)', percent(m.inclusionErrorNonPoor), m.inclusionErrorNonPoor),
    row('exclusionError', 'Exclusion error (poor not registered / poor, last 12 months)', percent(m.exclusionError), m.exclusionError),
    row('leakage', 'Leakage, targeted programmes (aid to non-poor / targeted aid)', percent(m.leakage), m.leakage),
    row('publicGoodsShare', 'Public goods (untargeted share of aid)', percent(m.publicGoodsShare), m.publicGoodsShare),
    row('diversion', 'Diversion (diverted / disbursed)', percent(m.diversion), m.diversion),
    row('eliteCapture', "Elite capture (tied households' aid / their aid other than by favour, 1 = none)", number(m.eliteCapture, 2), m.eliteCapture),
    row('cgh', 'CGH (aid share of poorest 40% of persons / their share of persons)', number(m.cgh, 2), m.cgh),
    {
      key: 'exits',
      label: 'Exits from poverty / paper exits (under pressure)',
      text: `${number(m.exits)} / ${number(m.paperExits)} (${number(m.pressuredExits)})`,
      exact: `${exactText(m.exits)} / ${exactText(m.paperExits)} (${exactText(m.pressuredExits)})`,
    },
    row('returnsToPoverty', 'Returns to poverty', number(m.returnsToPoverty), m.returnsToPoverty),
    row('budget', 'Budget (yuan, all sources)', number(budgetYuan), budgetYuan),
    row('costPerExit', 'Cost per exit (yuan)', number(m.costPerExit), m.costPerExit),
  ];
}
