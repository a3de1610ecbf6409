/**
 * The report of a robustness study (`povsim robust`): the study (policies, uncertainties, objectives),
 * per objective the policies' distribution, satisficing and regret, scenario discovery in words and
 * as a table of restrictions, the charts and the provenance. Read from robustness.json and
 * manifest.json alone.
 */
import { join } from 'node:path';
import type { StudyOutputs } from '../../experiments/study.js';
import { formatNumber, quasiP, SIGNIFICANCE } from '../../experiments/robustness.js';
import { VERSION } from '../../version.js';
import type { Figure } from './figures.js';
import { escapeHtml, factsHtml, renderReportHtml, tableHtml, type ReportSection } from './html.js';
import { formatMetric, metricInfo } from './metrics.js';
import { formatParameter } from './params.js';
import { readJson } from './read.js';
import { InputError } from '../../scenario/errors.js';

/** What a study's manifest.json records of where and when it ran (see SweepManifest). */
export interface StudyProvenance {
  readonly povsim: string;
  readonly command: string;
  readonly seed: number;
  readonly seedRule: string;
  readonly node: string;
  readonly platform: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly sessions?: readonly unknown[];
  readonly mergedFrom: readonly unknown[] | null;
  readonly scenario: { readonly overrides: readonly string[] };
  readonly sweep: { readonly file: string; readonly sha256: string };
}

/** manifest.json of a study folder, for the report's provenance. */
export function readStudyProvenance(dir: string): StudyProvenance {
  return readJson(join(dir, 'manifest.json')) as StudyProvenance;
}

/** robustness.json of a study folder. */
export function readStudyOutputs(dir: string): StudyOutputs {
  const file = join(dir, 'robustness.json');
  const value = readJson(file) as Partial<StudyOutputs> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.summaries) || !Array.isArray(value.discoveries) || !Array.isArray(value.policies)) {
    throw new InputError({ file, detail: 'is not the robustness.json povsim robust writes (summaries, discoveries, policies)' });
  }
  return value as StudyOutputs;
}

function studyHtml(outputs: StudyOutputs): string {
  const r = outputs.record;
  const u = r.uncertainties;
  const sampling = u.kind === 'lhs' ? `Latin hypercube, ${outputs.conditions} conditions` : `Sobol (Saltelli design), ${outputs.conditions} conditions`;
  const facts: [string, string][] = [
    ['Policies', r.policies.map((p) => `<strong>${escapeHtml(p.name)}</strong> (<code>${escapeHtml(p.file)}</code>${p.set.length > 0 ? `, ${p.set.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}` : ''})`).join('; ')],
    ['Sampling', escapeHtml(`${sampling}, ${outputs.replicates} replicate${outputs.replicates === 1 ? '' : 's'} each; every policy runs on the same conditions with the same seeds`)],
    ['Objectives', escapeHtml(r.objectives.map((o) => `${o.metric} (${o.direction}${o.threshold === null ? '' : `, threshold ${formatParameter(o.threshold)}`})`).join('; '))],
  ];
  const factors = tableHtml(
    ['Uncertain parameter', 'Sampled values'],
    u.factors.map((f) => [`<code>${escapeHtml(f.name)}</code>`, escapeHtml('values' in f ? f.values.map(String).join(', ') : `${formatParameter(f.min)} to ${formatParameter(f.max)}${f.distribution === 'loguniform' ? ' (log-uniform)' : ''}`)]),
  );
  return `${factsHtml(facts)}\n${factors}`;
}

function resultsHtml(outputs: StudyOutputs): string {
  return outputs.record.objectives.map((o) => {
    const rows = outputs.summaries.filter((s) => s.metric === o.metric).map((s) => [
      escapeHtml(s.policy),
      escapeHtml(formatMetric(o.metric, s.mean)),
      escapeHtml(`${formatMetric(o.metric, s.p10)} to ${formatMetric(o.metric, s.p90)}`),
      escapeHtml(s.satisficing === null ? '\u2013' : `${(s.satisficing * 100).toFixed(0)}%`),
      escapeHtml(formatRegret(o.metric, s.maxRegret)),
      escapeHtml(formatRegret(o.metric, s.p90Regret)),
    ]);
    const goal = o.threshold === null ? `${o.direction}` : `${o.direction}, threshold ${formatMetric(o.metric, o.threshold)}`;
    return `<h3>${escapeHtml(metricInfo(o.metric).label)} (${escapeHtml(goal)})</h3>\n${tableHtml(['Policy', 'Mean', '10th to 90th percentile', 'Meets threshold', 'Max regret', '90th pct regret'], rows, { numeric: [1, 2, 3, 4, 5] })}`;
  }).join('\n');
}

/** A regret as the metric's difference: points for shares, yuan for money. */
function formatRegret(metric: string, value: number | null): string {
  if (value === null) return 'n/a';
  return metricInfo(metric).kind === 'share' ? `${(value * 100).toFixed(1)} points` : formatMetric(metric, value);
}

function discoveryHtml(outputs: StudyOutputs): string {
  if (outputs.discoveries.length === 0) return '<p class="note">No objective has a threshold: there is nothing to discover.</p>';
  const sentences = `<ul>${outputs.discoveries.map((d) => `<li>${escapeHtml(d.sentence)}</li>`).join('')}</ul>`;
  const level = outputs.record.discovery.significance ?? SIGNIFICANCE;
  // Limits to the sentences' significant digits (formatNumber), not the boxes' full precision.
  const rows = outputs.discoveries.flatMap((d) => [
    ...(d.box?.limits ?? []).filter((l) => l.restrictedLower || l.restrictedUpper).map((l) => {
      const p = quasiP(l);
      return [
        escapeHtml(d.policy),
        escapeHtml(d.metric),
        `<code>${escapeHtml(l.name)}</code>`,
        escapeHtml(l.restrictedLower ? formatNumber(l.lower) : '\u2013'),
        escapeHtml(l.restrictedUpper ? formatNumber(l.upper) : '\u2013'),
        escapeHtml(p === null ? '' : p.toPrecision(2)),
      ];
    }),
    // The ends pruning dropped (d.dropped exists from the version with pruning on).
    ...(d.dropped ?? []).map((x) => [
      escapeHtml(d.policy),
      escapeHtml(d.metric),
      `<code>${escapeHtml(x.name)}</code>`,
      escapeHtml(x.end === 'lower' ? formatNumber(x.limit) : '\u2013'),
      escapeHtml(x.end === 'upper' ? formatNumber(x.limit) : '\u2013'),
      escapeHtml(`${x.quasiP.toPrecision(2)} (dropped: not significant)`),
    ]),
  ]);
  const table = rows.length === 0 ? '' : tableHtml(['Policy', 'Objective', 'Parameter', 'Above', 'Below', 'Quasi-p'], rows, { numeric: [3, 4, 5] });
  const note = `<p class="note">Coverage: the share of the policy\u2019s misses inside the box; density: the share of the box\u2019s conditions where it misses. A quasi-p-value below ${level} says the restriction matters: without it the box would be clearly less dense. PRIM\u2019s box is pruned: restrictions with a quasi-p-value of ${level} or more are dropped one at a time, the least significant first; the table lists them as dropped.</p>`;
  return `${sentences}\n${note}\n${table}`;
}

function provenanceHtml(m: StudyProvenance): string {
  const facts: [string, string][] = [
    ['Study file', `<code>${escapeHtml(m.sweep.file)}</code> (SHA-256 ${escapeHtml(m.sweep.sha256.slice(0, 16))}...)`],
    ['Changes to every policy', m.scenario.overrides.length === 0 ? 'none' : m.scenario.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')],
    ['Command', `<code>${escapeHtml(m.command)}</code>`],
    ['povsim', escapeHtml(m.povsim)],
    ['Study seed', escapeHtml(`${m.seed}; run seeds: ${m.seedRule} (common random numbers)`)],
    ['Node.js', escapeHtml(`${m.node} (${m.platform})`)],
    ['Started', escapeHtml(m.startedAt)],
    ['Finished', escapeHtml(m.finishedAt ?? 'not yet')],
  ];
  if (m.mergedFrom !== null) facts.push(['Merged from', escapeHtml(`${m.mergedFrom.length} shard folders`)]);
  else if (m.sessions !== undefined) facts.push(['Sessions', escapeHtml(`${m.sessions.length} (the first run and each resume)`)]);
  return factsHtml(facts);
}

/** The report page of a study, as HTML text. */
export function studyReportHtml(outputs: StudyOutputs, figures: readonly Figure[], provenance: StudyProvenance): string {
  const before: ReportSection[] = [
    { id: 'study', heading: 'The study', html: studyHtml(outputs) },
    { id: 'results', heading: 'Results by objective', html: resultsHtml(outputs) },
    { id: 'discovery', heading: 'Where each policy fails (scenario discovery)', html: discoveryHtml(outputs) },
  ];
  return renderReportHtml({
    kicker: 'povsim robust report',
    title: outputs.name,
    lead: outputs.description,
    before,
    figures,
    after: [{ id: 'provenance', heading: 'Provenance', html: provenanceHtml(provenance) }],
    footer: `Report drawn by povsim ${VERSION} from robustness.json and manifest.json in this folder (results.csv has every run). It is one self-contained file: it needs no network.`,
  });
}
