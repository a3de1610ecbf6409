/**
 * Display names of the channels money reaches households through: the four sources of funds and
 * the twelve programmes of src/model/ledger.ts. A light module (no chart.js), shared by the metric
 * table, the charts and the report.
 */
import type { ProgrammeName, Source } from '../../model/ledger.js';

/** Display names of the four sources of money, capitalised, in chart order. */
export const SOURCE_LABELS: Readonly<Record<Source, string>> = {
  government: 'Government',
  enterprises: 'Enterprises',
  socialOrganisations: 'Social organisations',
  collective: 'Village collective',
};

/** Display names of the twelve programmes, capitalised (docs/model.md, "Programmes"). */
export const PROGRAMME_LABELS: Readonly<Record<ProgrammeName, string>> = {
  transfers: 'Transfers',
  medical: 'Medical subsidy',
  industry: 'Industry projects and microcredit',
  infrastructure: 'Infrastructure',
  renovation: 'Housing renovation',
  enterpriseDividends: 'Enterprise dividends',
  enterpriseCollective: 'Village cooperation',
  training: 'Training',
  donations: 'Donations',
  mutualAid: 'Mutual aid',
  collectiveDividends: 'Collective dividends',
  collectivePublicGoods: 'Collective public goods',
};

/** A display name inside a sentence: the first letter lower case. @example inSentence('Mutual aid') // 'mutual aid' */
export function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
