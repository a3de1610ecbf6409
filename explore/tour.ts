/**
 * The guided tour for a student: what the register is, what inclusion and exclusion error mean,
 * where leakage comes from. The definitions are the ones the reports and docs/model.md use
 * (metricInfo, the parameter descriptions), not new text.
 */
import { parameterTree } from '../src/model/parameters.js';
import { metricInfo } from '../src/output/report/metrics.js';

export interface TourStep {
  /** CSS selector of the part of the page the step points at. */
  readonly target: string;
  readonly title: string;
  readonly text: string;
}

const meaning = (metric: string): string => metricInfo(metric).meaning;

export const TOUR: readonly TourStep[] = [
  {
    target: '#group-identification',
    title: 'The register',
    text: `Poverty aid is targeted through a register of poor households. ${parameterTree.children.identification.description} Village meetings (community), a proxy means test (pmt) or both decide who is on it, often under a quota. Open this group and try another method.`,
  },
  {
    target: '#run-button',
    title: 'One run',
    text: 'Run simulates the township month by month (9,000 households by default) in a background worker; the chart fills in as the months pass. Same settings and seed, same numbers, here and with povsim on the command line.',
  },
  {
    target: '#chart-targeting',
    title: 'Inclusion and exclusion error',
    text: `Inclusion error: ${meaning('inclusionErrorRegistered')}. Exclusion error: ${meaning('exclusionError')}. A rule that cuts one often raises the other.`,
  },
  {
    target: '#chart-money',
    title: 'Where leakage comes from',
    text: `Leakage: ${meaning('leakage')}. It comes from the non-poor on the register (cadres' kin and clients, households misjudged by appraisal or scoring) and from aid that is never audited. Supervision (audits, detection, sanctions) and disclosure (posting the lists) push it down: try supervision.auditRate.`,
  },
  {
    target: '#compare-button',
    title: 'More than noise?',
    text: 'Compare runs your settings and a reference scenario on the same seeds (common random numbers), so each pair of runs faces the same harvests and illnesses. Each difference comes with its 95% interval; an interval that includes zero means the change may be noise.',
  },
];
