/**
 * The report of a comparison: the scenarios and what each changes, the key results as paired
 * differences from the reference scenario (in a table and in words), the charts, every metric,
 * every parameter, and the provenance.
 */
import { VERSION } from '../../version.js';
import type { ComparisonOutputs, ComparisonScenario, MetricEstimate } from './comparison.js';
import { estimateOf } from './comparison-figures.js';
import type { Figure } from './figures.js';
import { escapeHtml, factsHtml, renderReportHtml, tableHtml, type ReportSection } from './html.js';
import { differenceDecimals, distinctLevels, formatDifference, formatMetric, metricInfo } from './metrics.js';
import { changedParameters, changesTableHtml, parameterTableHtml } from './params.js';
import { HEADLINE_METRICS, sentenceCase } from './run-report.js';

/** Unit word after a difference interval: "points" for shares, "yuan", or nothing. */
function intervalUnit(metric: string): string {
  const kind = metricInfo(metric).kind;
  return kind === 'share' ? ' points' : kind === 'yuan' ? ' yuan' : '';
}

/**
 * One sentence on how a scenario changes a metric from the reference, with the 95% interval of the
 * paired difference; null when the metric or its difference is undefined. The difference and its
 * interval have the decimals of `differenceDecimals` (as in the terminal).
 * - "cuts" when the mean difference is negative, "raises" when positive, "leaves ... unchanged"
 *   when it rounds to 0; the two levels get more decimals when they would read the same;
 * - "makes no clear change" when the interval includes zero and the levels read the same;
 * - otherwise, when the interval includes zero the sentence says the change may be chance;
 * - with a single replicate pair there is no interval, and the sentence says so.
 * @example
 * differenceSentence('improved-oversight', 'leakage',
 *   { n: 20, mean: 0.463, sd: 0.02, ciLow: 0.45, ciHigh: 0.47, difference: null },
 *   { n: 20, mean: 0.313, sd: 0.02, ciLow: 0.30, ciHigh: 0.32,
 *     difference: { n: 20, mean: -0.15, sd: 0.023, ciLow: -0.161, ciHigh: -0.139 } })
 * // 'improved-oversight cuts leakage of targeted aid from 46.3% to 31.3% (95% CI of the difference: -16.1 to -13.9 points).'
 */
export function differenceSentence(
  scenario: string,
  metric: string,
  reference: MetricEstimate,
  estimate: MetricEstimate,
): string | null {
  const d = estimate.difference;
  if (d === null || d.mean === null || reference.mean === null || estimate.mean === null) return null;
  const label = metricInfo(metric).label;
  const from = formatMetric(metric, reference.mean);
  const to = formatMetric(metric, estimate.mean);
  const decimals = differenceDecimals(metric, d);
  const plain = (v: number): string => formatDifference(metric, v, { plusSign: false, unit: false, decimals });
  const end = (v: number): string => formatDifference(metric, v, { plusSign: false, unit: false, decimals, keepSign: true });
  const zero = plain(d.mean) === plain(0);
  const interval = d.ciLow === null || d.ciHigh === null ? null : `95% CI of the difference: ${end(d.ciLow)} to ${end(d.ciHigh)}${intervalUnit(metric)}`;
  const coversZero = d.ciLow !== null && d.ciHigh !== null && d.ciLow <= 0 && d.ciHigh >= 0;
  let change: string;
  if (zero) change = `leaves ${label} unchanged at ${from}${from === to ? '' : ` (${to})`}`;
  else if (coversZero && from === to) change = `makes no clear change to ${label}, ${from} in both`;
  else {
    const [a, b] = distinctLevels(metric, reference.mean, estimate.mean);
    change = `${d.mean < 0 ? 'cuts' : 'raises'} ${label} from ${a} to ${b}`;
  }
  if (interval === null) return `${scenario} ${change} (${d.n} replicate pair${d.n === 1 ? '' : 's'}: no interval).`;
  const chance = !zero && from !== to && coversZero ? '; the interval includes zero, so the change may be chance' : '';
  return `${scenario} ${change} (${interval}${chance}).`;
}

/**
 * An interval as compact text: both ends in the metric's format, the unit once at the end
 * ("45.3 to 47.3%", "95,199 to 116,801").
 */
export function intervalText(metric: string, low: number, high: number): string {
  const kind = metricInfo(metric).kind;
  const plain = (v: number): string => formatMetric(metric, v).replace(/%$|\s*yuan$/, '');
  return `${plain(low)} to ${plain(high)}${kind === 'share' ? '%' : ''}`;
}

/** "46.3%" over a smaller "45.3 to 47.3%" line: a mean and its interval in one cell. */
function meanCell(metric: string, e: MetricEstimate): string {
  const mean = escapeHtml(formatMetric(metric, e.mean));
  if (e.ciLow === null || e.ciHigh === null) return mean;
  return `${mean}<br><span class="note">${escapeHtml(intervalText(metric, e.ciLow, e.ciHigh))}</span>`;
}

/** "-15.0 points" over "-16.1 to -13.9": a mean difference and its interval in one cell. */
function differenceCell(metric: string, e: MetricEstimate): string {
  const d = e.difference;
  if (d === null) return 'n/a';
  const decimals = differenceDecimals(metric, d);
  const mean = escapeHtml(formatDifference(metric, d.mean, { decimals }));
  if (d.ciLow === null || d.ciHigh === null) return mean;
  const end = (v: number): string => formatDifference(metric, v, { plusSign: false, unit: false, decimals, keepSign: true });
  return `${mean}<br><span class="note">${escapeHtml(`${end(d.ciLow)} to ${end(d.ciHigh)}`)}</span>`;
}

/** Table of metrics: one mean column per scenario, then one difference column per other scenario. */
function resultsTableHtml(scenarios: readonly ComparisonScenario[], metrics: readonly string[]): string {
  const reference = scenarios[0]?.name ?? '';
  const others = scenarios.slice(1);
  const header = [
    'Metric',
    ...scenarios.map((s) => escapeHtml(s.name)),
    ...others.map((s) => `${escapeHtml(s.name)}<br>\u2212 ${escapeHtml(reference)}`),
  ];
  const rows = metrics.map((m) => [
    escapeHtml(sentenceCase(metricInfo(m).label)),
    ...scenarios.map((s) => meanCell(m, estimateOf(s, m))),
    ...others.map((s) => differenceCell(m, estimateOf(s, m))),
  ]);
  const numeric = Array.from({ length: header.length - 1 }, (_, k) => k + 1);
  return tableHtml(header, rows, { numeric });
}

function keyResultsHtml(outputs: ComparisonOutputs): string {
  const { comparison } = outputs;
  const scenarios = comparison.scenarios;
  const reference = scenarios[0];
  if (reference === undefined) return '';
  const r = comparison.replicates;
  const parts = [
    `<p>Means over ${r} replicate${r === 1 ? '' : 's'} at the end of the run, with 95% intervals under them. Every scenario ran on the same ${r} seed${r === 1 ? '' : 's'} (common random numbers), so each difference from <strong>${escapeHtml(reference.name)}</strong> is paired replicate by replicate, so the chance events both scenarios share cancel out. Intervals of differences are 95% Student-t intervals of the mean paired difference; the last column${scenarios.length > 2 ? 's give' : ' gives'} the differences.</p>`,
  ];
  for (const s of scenarios.slice(1)) {
    const sentences = HEADLINE_METRICS.map((m) => differenceSentence(s.name, m, estimateOf(reference, m), estimateOf(s, m))).filter(
      (x): x is string => x !== null,
    );
    if (sentences.length > 0) {
      parts.push(`<h3>${escapeHtml(s.name)} against ${escapeHtml(reference.name)}</h3>`);
      parts.push(`<ul class="sentences">${sentences.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`);
    }
  }
  parts.push(resultsTableHtml(scenarios, HEADLINE_METRICS));
  return parts.join('\n');
}

/** Overrides every scenario shares (e.g. compare's --households), or [] when they differ. */
function sharedOverrides(scenarios: readonly ComparisonScenario[]): readonly string[] {
  const first = scenarios[0]?.overrides ?? [];
  const same = scenarios.every((s) => (s.overrides ?? []).join('\n') === first.join('\n'));
  return same ? first : [];
}

function codeList(items: readonly string[]): string {
  return items.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ');
}

/** The scenarios in one table: position, name, file, description. */
function scenariosHtml(outputs: ComparisonOutputs): string {
  const scenarios = outputs.comparison.scenarios;
  const shared = sharedOverrides(scenarios);
  const table = tableHtml(
    ['', 'Scenario', 'File', 'Description'],
    scenarios.map((s, i) => [
      i === 0 ? 'reference' : String(i + 1),
      `<strong>${escapeHtml(s.name)}</strong>`,
      s.file ? `<code>${escapeHtml(s.file)}</code>` : '\u2013',
      escapeHtml(s.description ?? ''),
    ]),
    { prose: [3] },
  );
  const note = shared.length > 0 ? `<p>Set on the command line for every scenario: ${codeList(shared)}.</p>` : '';
  return `${table}\n${note}<p>What each scenario changes, parameter by parameter, follows the charts (<a href="#changes">details</a>).</p>`;
}

/** What each scenario changes: the reference from the defaults, every other from the reference. */
function changesHtml(outputs: ComparisonOutputs): string {
  const { comparison, parameters } = outputs;
  const scenarios = comparison.scenarios;
  const shared = sharedOverrides(scenarios);
  const parts: string[] = [];
  scenarios.forEach((s, i) => {
    const own = parameters[i];
    const refParams = i === 0 ? undefined : parameters[0];
    const against = i === 0 ? 'the model\u2019s defaults' : scenarios[0]?.name ?? '';
    parts.push(`<h3>${escapeHtml(s.name)}, against ${escapeHtml(against)}</h3>`);
    if (own === null || own === undefined || (i > 0 && (refParams === null || refParams === undefined))) {
      parts.push('<p class="note">Unknown: the manifest does not record the parameters and the scenario files are missing or have changed since the comparison.</p>');
      return;
    }
    const changes = i === 0 ? changedParameters(own) : changedParameters(own, refParams);
    parts.push(
      changes.length === 0
        ? '<p>Nothing: every parameter is the same.</p>'
        : changesTableHtml(changes, i === 0 ? 'Default' : scenarios[0]?.name ?? '', s.name),
    );
    const ownOverrides = s.overrides ?? [];
    if (ownOverrides.length > 0 && shared.length === 0) parts.push(`<p>Set on the command line: ${codeList(ownOverrides)}.</p>`);
  });
  return parts.join('\n');
}

function provenanceHtml(outputs: ComparisonOutputs): string {
  const { comparison, manifest } = outputs;
  const seeds = comparison.seeds ?? [];
  const shownSeeds = seeds.slice(0, 5).join(', ') + (seeds.length > 5 ? `, \u2026 (${seeds.length} in all)` : '');
  const facts: [string, string][] = [];
  if (manifest !== null) {
    facts.push(['povsim version', escapeHtml(manifest.povsim)], ['Command', `<code>${escapeHtml(manifest.command)}</code>`]);
  }
  for (const s of comparison.scenarios) {
    const files = (s.chain ?? []).map((f) => `<code>${escapeHtml(f)}</code>`).join(' \u2190 ') || '\u2013';
    const overrides = (s.overrides ?? []).length > 0 ? `; overrides ${s.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}` : '';
    facts.push([`Scenario ${s.name}`, `${files}${overrides}<br><span class="note">sha256 <code>${escapeHtml(s.hash ?? '')}</code></span>`]);
  }
  facts.push(
    ['Base seed', escapeHtml(String(comparison.baseSeed))],
    ['Replicates', escapeHtml(String(comparison.replicates))],
    ['Replicate seeds', escapeHtml(shownSeeds || '\u2013')],
  );
  if (comparison.precision !== null && comparison.precision !== undefined) {
    facts.push(['Precision target', `<code>${escapeHtml(JSON.stringify(comparison.precision))}</code>`]);
  }
  if (manifest !== null) {
    if (manifest.workers !== undefined) facts.push(['Workers', escapeHtml(String(manifest.workers))]);
    facts.push(
      ['Node.js', escapeHtml(manifest.node)],
      ['Platform', escapeHtml(manifest.platform)],
      ['Started', escapeHtml(manifest.startedAt)],
      ['Finished', escapeHtml(manifest.finishedAt)],
    );
  }
  const note =
    'Everything in this report above this section depends only on the scenario files, the overrides, the base seed and the number of replicates: rerunning the command gives the same numbers and charts, whatever the number of workers. This section also records when and where the comparison was made.';
  return `${factsHtml(facts)}\n<p class="note">${escapeHtml(note)}</p>`;
}

/** The report page of a comparison, as HTML text. */
export function comparisonReportHtml(outputs: ComparisonOutputs, figures: readonly Figure[]): string {
  const { comparison, parameters } = outputs;
  const names = comparison.scenarios.map((s) => s.name);
  const before: ReportSection[] = [
    { id: 'scenarios', heading: 'The scenarios', html: scenariosHtml(outputs) },
    { id: 'key-results', heading: 'Key results', html: keyResultsHtml(outputs) },
  ];
  const after: ReportSection[] = [
    { id: 'changes', heading: 'What each scenario changes', html: changesHtml(outputs) },
    {
      id: 'all-metrics',
      heading: 'All metrics',
      html: `<p>Every metric at the end of the run: means over replicates with 95% intervals, and paired differences from ${escapeHtml(names[0] ?? '')}.</p>\n${resultsTableHtml(comparison.scenarios, comparison.metrics ?? Object.keys(comparison.scenarios[0]?.metrics ?? {}))}`,
    },
  ];
  if (parameters.every((p) => p !== null && p !== undefined)) {
    after.push({
      id: 'parameters',
      heading: 'Parameters',
      html: `<p>Every parameter of each scenario, by group; highlighted rows differ from the default in some scenario. <code>povsim describe KEY</code> explains any of them.</p>\n<details><summary>Show all parameters</summary>\n${parameterTableHtml(comparison.scenarios.map((s, i) => ({ title: s.name, parameters: parameters[i] })))}\n</details>`,
    });
  }
  after.push({ id: 'provenance', heading: 'Provenance', html: provenanceHtml(outputs) });
  const r = comparison.replicates;
  return renderReportHtml({
    kicker: 'povsim comparison report',
    title: names.join(' vs '),
    lead: `${names.length} scenarios, ${r} replicate${r === 1 ? '' : 's'} each on the same seeds; differences are measured from ${names[0] ?? ''}.`,
    before,
    figures,
    after,
    footer: `Report drawn by povsim ${VERSION} from comparison.json, timeseries.csv and manifest.json in this folder. It is one self-contained file: it needs no network.`,
  });
}
