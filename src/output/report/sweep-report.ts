/**
 * The report of a sweep: what was varied and how, the results for the chosen metric (grid) or the
 * sensitivity indices (sobol, morris), the charts, and the provenance.
 */
import { VERSION } from '../../version.js';
import type { Figure } from './figures.js';
import { escapeHtml, factsHtml, renderReportHtml, tableHtml, type ReportSection } from './html.js';
import { formatMetric, metricInfo } from './metrics.js';
import { formatParameter, PARAMETER_DOCS } from './params.js';
import { MORRIS_SIGN_TEXT, morrisRowSign, SOBOL_NOISE_TEXT, sobolRowNote } from './sensitivity-notes.js';
import type { PointSummary, SensitivityRow, SweepFactor, SweepOutputs } from './sweep.js';

/** Most rows of the per-point results table; the rest are in results.csv. */
export const MAX_POINT_ROWS = 200;

/** "0.05 to 0.5 (uniform)" or "0.05, 0.1, 0.15": a factor's values in words. */
export function factorValues(factor: SweepFactor): string {
  if (factor.values !== undefined) return factor.values.map(formatParameter).join(', ');
  const range = `${formatParameter(factor.min)} to ${formatParameter(factor.max)}`;
  const extras = [factor.distribution ?? 'uniform', ...(factor.integer === true ? ['integers'] : [])];
  return `${range} (${extras.join(', ')})`;
}

/** The design's own options in words, e.g. "grid, 4 levels per range". */
function designText(design: SweepOutputs['manifest']['design']): string {
  const option = (key: string): string | null => {
    const v = design[key];
    return typeof v === 'number' ? formatParameter(v) : null;
  };
  switch (design.kind) {
    case 'grid':
      return `full factorial grid${option('levels') ? `, ${option('levels')} levels per range` : ''}`;
    case 'sobol':
      return `Sobol (Saltelli sampling)${option('baseSamples') ? `, N = ${option('baseSamples')} base samples` : ''}`;
    case 'morris':
      return `Morris screening${option('trajectories') ? `, ${option('trajectories')} trajectories` : ''}${option('levels') ? `, ${option('levels')} levels` : ''}`;
    case 'lhs':
      return `Latin hypercube${option('samples') ? `, ${option('samples')} samples` : ''}`;
    case 'random':
      return `independent random draws${option('samples') ? `, ${option('samples')} samples` : ''}`;
    default:
      return design.kind;
  }
}

function sweepHtml(outputs: SweepOutputs): string {
  const m = outputs.manifest;
  const facts: [string, string][] = [
    ['Sweep file', `<code>${escapeHtml(m.sweep.file)}</code>`],
    ['Base scenario', `<strong>${escapeHtml(m.scenario.name)}</strong> (<code>${escapeHtml(m.scenario.file)}</code>)`],
  ];
  if (m.scenario.overrides.length > 0) {
    facts.push(['Fixed changes', m.scenario.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')]);
  }
  facts.push(
    ['Design', escapeHtml(designText(m.design))],
    ['Replicates', escapeHtml(`${m.replicates} per design point`)],
    ['Runs', escapeHtml(`${outputs.rows} of ${m.runs} in results.csv (${m.points} design points), ${outputs.failedRows} failed`)],
    ['Status', escapeHtml(m.status)],
  );
  const factors = tableHtml(
    ['Parameter', 'Values', 'Unit', 'Default'],
    m.design.factors.map((f) => {
      const doc = PARAMETER_DOCS.find((d) => d.path === f.name);
      return [
        `<code>${escapeHtml(f.name)}</code>`,
        escapeHtml(factorValues(f)),
        escapeHtml(doc?.unit ?? ''),
        escapeHtml(doc === undefined ? '\u2013' : formatParameter(doc.default)),
      ];
    }),
  );
  const partial = m.status === 'complete' ? '' : `<p class="note">The sweep is ${escapeHtml(m.status)}: this report shows the runs finished so far.</p>`;
  return `${factsHtml(facts)}\n<h3>Parameters varied</h3>\n${factors}\n${partial}`;
}

/** "auditRate 0.5, quota 0.05": a point's parameter values in words. */
function pointText(p: PointSummary, parameters: readonly string[]): string {
  return parameters.map((name) => `${name} ${formatParameter(p.values[name])}`).join(', ');
}

function gridResultsHtml(outputs: SweepOutputs): string {
  const metric = outputs.metric;
  const info = metricInfo(metric);
  const parameters = outputs.manifest.columns.parameters;
  const defined = outputs.points.filter((p) => p.mean !== null);
  const parts: string[] = [];
  if (defined.length > 0) {
    const sorted = [...defined].sort((a, b) => (a.mean as number) - (b.mean as number) || a.point - b.point);
    const low = sorted[0] as PointSummary;
    const high = sorted[sorted.length - 1] as PointSummary;
    parts.push(
      `<ul class="sentences"><li>Lowest ${escapeHtml(info.label)}: ${escapeHtml(formatMetric(metric, low.mean))} at ${escapeHtml(pointText(low, parameters))}.</li><li>Highest: ${escapeHtml(formatMetric(metric, high.mean))} at ${escapeHtml(pointText(high, parameters))}.</li></ul>`,
    );
  }
  const shown = outputs.points.slice(0, MAX_POINT_ROWS);
  const table = tableHtml(
    ['Point', ...parameters.map((p) => `<code>${escapeHtml(p)}</code>`), escapeHtml(`${info.label} (mean)`), '95% interval', 'Runs'],
    shown.map((p) => [
      String(p.point),
      ...parameters.map((name) => escapeHtml(formatParameter(p.values[name]))),
      escapeHtml(formatMetric(metric, p.mean)),
      p.ciLow === null || p.ciHigh === null ? '\u2013' : escapeHtml(`${formatMetric(metric, p.ciLow)} to ${formatMetric(metric, p.ciHigh)}`),
      escapeHtml(p.n === p.runs ? String(p.runs) : `${p.n} of ${p.runs}`),
    ]),
    { numeric: [0, ...parameters.map((_, k) => k + 1), parameters.length + 1, parameters.length + 2, parameters.length + 3] },
  );
  const more = outputs.points.length > MAX_POINT_ROWS ? `<p class="note">The first ${MAX_POINT_ROWS} of ${outputs.points.length} points; results.csv has them all.</p>` : '';
  parts.push(`<p>${escapeHtml(`${sentence(info.label)} at the end of the run, mean over each point's successful replicates with its 95% Student-t interval. Choose another metric with povsim chart DIR --metric NAME.`)}</p>`);
  parts.push(`<div class="table-wrap">${table}</div>${more}`);
  return parts.join('\n');
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sensitivityHtml(method: 'sobol' | 'morris', rows: readonly SensitivityRow[], skipped: readonly { output: string; reason: string }[]): string {
  const outputs = [...new Set(rows.map((r) => r.output))];
  const fmt = (v: number | null | undefined, digits = 3): string => (v === null || v === undefined ? '\u2013' : v.toFixed(digits));
  const parts = [
    method === 'sobol'
      ? `<p>Sobol indices of each output: S1, the share of its variance a parameter explains alone; ST, including interactions; 95% bootstrap intervals. Sorted by ST. ${escapeHtml(SOBOL_NOISE_TEXT)}</p>`
      : `<p>Morris screening of each output: \u03bc*, the mean absolute effect of moving a parameter across its whole range (in the output\u2019s units: fractions for shares); \u03bc, the mean signed effect; \u03c3, the spread of the effects. Sorted by \u03bc*. ${escapeHtml(MORRIS_SIGN_TEXT)}</p>`,
  ];
  for (const output of outputs) {
    const own = rows.filter((r) => r.output === output);
    const key = (r: SensitivityRow): number => (method === 'sobol' ? r.ST ?? 0 : r.muStar ?? 0);
    const sorted = [...own].sort((a, b) => key(b) - key(a) || (a.parameter < b.parameter ? -1 : 1));
    parts.push(`<h3>${escapeHtml(sentence(metricInfo(output).label))}</h3>`);
    parts.push(
      method === 'sobol'
        ? tableHtml(
          ['Parameter', 'S1', 'S1 95% interval', 'ST', 'ST 95% interval', 'Note'],
          sorted.map((r) => [`<code>${escapeHtml(r.parameter)}</code>`, fmt(r.S1), `${fmt(r.S1Low)} to ${fmt(r.S1High)}`, fmt(r.ST), `${fmt(r.STLow)} to ${fmt(r.STHigh)}`, escapeHtml(sobolRowNote(r))]),
          { numeric: [1, 2, 3, 4] },
        )
        : tableHtml(
          ['Parameter', '\u03bc*', '\u03bc', '\u03c3', 'Direction'],
          sorted.map((r) => [`<code>${escapeHtml(r.parameter)}</code>`, fmt(r.muStar, 4), fmt(r.mu, 4), fmt(r.sigma, 4), escapeHtml(morrisRowSign(r))]),
          { numeric: [1, 2, 3] },
        ),
    );
  }
  if (skipped.length > 0) {
    parts.push(`<p class="note">Not analysed: ${skipped.map((s) => `${escapeHtml(s.output)} (${escapeHtml(s.reason)})`).join('; ')}.</p>`);
  }
  return parts.join('\n');
}

function provenanceHtml(outputs: SweepOutputs): string {
  const m = outputs.manifest;
  const facts: [string, string][] = [
    ['povsim version', escapeHtml(m.povsim)],
    ['Command', `<code>${escapeHtml(m.command)}</code>`],
    ['Sweep file sha256', `<code>${escapeHtml(m.sweep.sha256)}</code>`],
    ...(m.fingerprint === undefined ? [] : [['Sweep fingerprint', `<code>${escapeHtml(m.fingerprint)}</code>`] as [string, string]]),
    ['Scenario files', m.scenario.chain.map((f) => `<code>${escapeHtml(f)}</code>`).join(' \u2190 ')],
    ['Scenario sha256', `<code>${escapeHtml(m.scenario.sha256)}</code>`],
    ['Sweep seed', escapeHtml(`${m.seed}${m.seedRule ? `; run seeds: ${m.seedRule}` : ''}`)],
  ];
  if (m.design.kind === 'sobol' && m.bootstrap !== undefined) facts.push(['Bootstrap resamples', escapeHtml(String(m.bootstrap))]);
  if (m.shard !== null) facts.push(['Shard', escapeHtml(`${m.shard.index} of ${m.shard.count}`)]);
  if (m.mergedFrom !== null) facts.push(['Merged from', escapeHtml(`${m.mergedFrom.length} shard folders`)]);
  facts.push(
    ['Node.js', escapeHtml(m.node)],
    ['Platform', escapeHtml(m.platform)],
    ['Started', escapeHtml(m.startedAt)],
    ['Finished', escapeHtml(m.finishedAt ?? 'not yet')],
  );
  if (m.sessions !== undefined) facts.push(['Sessions', escapeHtml(`${m.sessions.length} (the first run and each resume)`)]);
  const note =
    'Everything in this report above this section depends only on the sweep file, the scenario files and the seed: every run\u2019s seed follows from its design point and replicate, so rerunning, resuming or sharding gives the same results. This section also records when and where the sweep ran.';
  return `${factsHtml(facts)}\n<p class="note">${escapeHtml(note)}</p>`;
}

/** The report page of a sweep, as HTML text. */
export function sweepReportHtml(outputs: SweepOutputs, figures: readonly Figure[]): string {
  const m = outputs.manifest;
  const before: ReportSection[] = [{ id: 'sweep', heading: 'The sweep', html: sweepHtml(outputs) }];
  if (m.design.kind === 'grid') {
    before.push({ id: 'results', heading: `Results: ${metricInfo(outputs.metric).label}`, html: gridResultsHtml(outputs) });
  }
  if (outputs.sensitivity !== null) {
    before.push({
      id: 'sensitivity',
      heading: 'Sensitivity',
      html: sensitivityHtml(outputs.sensitivity.method, outputs.sensitivity.rows, m.sensitivity?.skipped ?? []),
    });
  } else if (m.design.kind === 'sobol' || m.design.kind === 'morris') {
    before.push({ id: 'sensitivity', heading: 'Sensitivity', html: '<p class="note">No sensitivity.csv yet: it is written once every run is done (or after merging the shards).</p>' });
  }
  if (figures.length === 0) {
    const why = m.design.kind === 'random' || m.design.kind === 'lhs'
      ? `No chart: no design point has a value of ${metricInfo(outputs.metric).label} yet.`
      : `A ${m.design.kind} design has no chart: its points form no picture on two axes.`;
    before.push({ id: 'charts', heading: 'Charts', html: `<p class="note">${escapeHtml(why)} results.csv has every run.</p>` });
  }
  return renderReportHtml({
    kicker: 'povsim sweep report',
    title: m.sweep.name,
    lead: m.sweep.description ?? '',
    before,
    figures,
    after: [{ id: 'provenance', heading: 'Provenance', html: provenanceHtml(outputs) }],
    footer: `Report drawn by povsim ${VERSION} from manifest.json, results.csv${outputs.sensitivity !== null ? ' and sensitivity.csv' : ''} in this folder. It is one self-contained file: it needs no network.`,
  });
}
