/**
 * The report of one run: the scenario and what it changes from the defaults, the key results,
 * the charts, every parameter, and the provenance from the manifest.
 */
import { PROGRAMMES, SOURCES } from '../../model/ledger.js';
import type { ChannelIncidence, IncidenceReport } from '../../model/observe.js';
import type { RunManifest } from '../run-files.js';
import type { RunSummary } from '../../results/summary.js';
import { VERSION } from '../../version.js';
import {
  escapeHtml, factsHtml, groupedTableHtml, renderReportHtml, tableHtml, type ReportSection, type RowGroup,
} from './html.js';
import type { Figure } from './figures.js';
import { inSentence, PROGRAMME_LABELS, SOURCE_LABELS } from './labels.js';
import { formatMetric, metricInfo } from './metrics.js';
import { changedParameters, changesTableHtml, parameterTableHtml } from './params.js';
import type { RunOutputs } from './read.js';
import { valueAt } from './read.js';

/** The metrics of the all-metrics table, in groups. */
export const KEY_RESULT_GROUPS: readonly { readonly title: string; readonly metrics: readonly string[] }[] = [
  { title: 'Poverty', metrics: ['headcount', 'povertyGap', 'povertySeverity', 'gini'] },
  {
    title: 'The register (poor = in need before the programme)',
    metrics: [
      'registeredShare', 'poorShare', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError',
      'inclusionErrorRegisteredNow', 'inclusionErrorNonPoorNow', 'exclusionErrorNow', 'scoreR2', 'pmtR2',
    ],
  },
  {
    title: 'Who the money reaches',
    metrics: ['leakage', 'leakageAllAid', 'publicGoodsShare', 'diversion', 'eliteCapture', 'cgh', 'cghPoorest20'],
  },
  { title: 'Exits from poverty', metrics: ['exits', 'paperExits', 'pressuredExits', 'returnsToPoverty', 'costPerExit'] },
  {
    title: 'Governance (0 = worst, 1 = best)',
    metrics: ['ruleOfLaw', 'fairness', 'transparency', 'responsiveness', 'participation', 'effectiveness', 'accountability', 'integrity'].map(
      (d) => `governance.${d}`,
    ),
  },
];

/** The headline metrics: the key results table of a run, and the compared metrics of a comparison. */
export const HEADLINE_METRICS: readonly string[] = [
  'headcount', 'povertyGap', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'leakage', 'publicGoodsShare',
  'diversion', 'eliteCapture', 'cgh', 'exits', 'paperExits', 'costPerExit',
];

/** Money rows of the key results: ledger part of the total account, label, meaning. */
const MONEY_ROWS: readonly (readonly [keyof RunSummary['ledger']['total'], string, string])[] = [
  ['budget', 'Budget', 'yuan made available by all four sources over the run'],
  ['toPoor', 'Received by poor households', 'yuan that reached households in need before the programme when they received it'],
  ['toNonPoor', 'Received by non-poor households', 'yuan that reached households not in need, untargeted public goods included (leakage of all aid)'],
  ['diverted', 'Diverted', 'yuan pocketed or used by others than households (net of recoveries)'],
  ['administration', 'Administration', 'yuan spent running the programmes'],
  ['unspent', 'Unspent', 'yuan left in programme pools or promised and withheld'],
];

/** Capitalises the first letter. @example sentenceCase('poverty gap') // 'Poverty gap' */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Yuan with thousands separators, no decimals. @example yuan(1234.5) // '1,235 yuan' */
export function yuan(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} yuan`;
}

/** Value of a flattened metric name (`governance.fairness`) in a summary's metrics. */
export function metricValue(summary: RunSummary, name: string): number | null {
  const v = valueAt(summary.metrics, name);
  return typeof v === 'number' ? v : null;
}

/** The headline table: metric, value, meaning. */
function headlineHtml(summary: RunSummary): string {
  const rows = HEADLINE_METRICS.map((name) => {
    const m = metricInfo(name);
    return [escapeHtml(sentenceCase(m.label)), escapeHtml(formatMetric(name, metricValue(summary, name))), escapeHtml(m.meaning)];
  });
  const total = summary.ledger.total;
  if (total.budget > 0) {
    rows.push([
      'Budget reaching poor households',
      escapeHtml(`${((total.toPoor / total.budget) * 100).toFixed(1)}%`),
      escapeHtml(`yuan received by poor households / budget of all sources (${yuan(total.toPoor)} of ${yuan(total.budget)})`),
    ]);
  }
  return [
    `<p>At the end of month ${summary.months}, the last of the run (register errors: means of the last 12 month-ends; money and exits: totals over the run). The <a href="#all-metrics">full table</a> follows the charts.</p>`,
    tableHtml(['Metric', 'Value', 'What it measures'], rows, { numeric: [1] }),
    '<h3 id="channels">Which channels reach the poor</h3>',
    channelsTableHtml(summary.incidence),
  ].join('\n');
}

/**
 * Whether a channel paid untargeted public goods, in words: "no", "yes" (all its yuan) or the part
 * ("part: 35%"; "part: <1%" and "part: >99%" rather than a rounded 0% or 100%); "n/a" when it paid
 * nothing.
 * @example publicGoodsText({ received: 200, publicGoods: 70 }) // 'part: 35%'
 */
export function publicGoodsText(channel: Pick<ChannelIncidence, 'received' | 'publicGoods'>): string {
  if (!(channel.received > 0)) return 'n/a';
  if (channel.publicGoods <= 0) return 'no';
  if (channel.publicGoods >= channel.received) return 'yes';
  const percent = Math.round((channel.publicGoods / channel.received) * 100);
  return `part: ${percent < 1 ? '<1' : percent > 99 ? '>99' : percent}%`;
}

/** One row of the channels table: name, yuan, targeted leakage, public goods, CGH over 40% and 20%. */
function channelRow(name: string, c: ChannelIncidence): string[] {
  const ratio = (v: number | null): string => formatMetric('cgh', v);
  return [
    escapeHtml(name),
    escapeHtml(yuan(c.received)),
    escapeHtml(c.received > 0 && c.leakage === null ? 'n/a (no targeted part)' : formatMetric('leakage', c.leakage)),
    escapeHtml(publicGoodsText(c)),
    escapeHtml(ratio(c.cgh)),
    escapeHtml(ratio(c.cghPoorest20)),
  ];
}

/** Which channels reach the poor: every source and programme, with its yuan, leakage and CGH. */
export function channelsTableHtml(incidence: IncidenceReport): string {
  const groups: RowGroup[] = [
    { title: 'All assistance', rows: [channelRow('All sources', incidence.total)] },
    { title: 'By source', rows: SOURCES.map((s) => channelRow(SOURCE_LABELS[s], incidence.bySource[s])) },
    {
      title: 'By programme',
      rows: PROGRAMMES.map((p) => channelRow(`${PROGRAMME_LABELS[p.name]} (${inSentence(SOURCE_LABELS[SOURCES[p.source]])})`, incidence.byProgramme[p.name])),
    },
  ];
  const header = [
    'Channel', 'Yuan received', 'Share to non-poor (targeted part)', 'Untargeted public goods', 'CGH (poorest 40%)', 'CGH (poorest 20%)',
  ];
  const intro =
    '<p>Yuan received by households over the run through each source and programme. Share to non-poor: of the yuan paid to chosen households (untargeted public goods left out), the share received by households not in need before the programme. Untargeted public goods: whether the channel paid yuan shared by every villager alike (infrastructure, collective spending for all), and what share. CGH: the share of the channel\u2019s yuan received by the poorest 40% (or 20%) of persons, ranked by per-capita income before the programme just before month 0, divided by their share of persons (0.4, or 0.2, up to whole households): 1 is neutral, above 1 favours the poor.</p>';
  return `${intro}\n${groupedTableHtml(header, groups, { numeric: [1, 2, 3, 4, 5] })}`;
}

function allMetricsHtml(summary: RunSummary): string {
  const groups: RowGroup[] = KEY_RESULT_GROUPS.map((g) => ({
    title: escapeHtml(g.title),
    rows: g.metrics.map((name) => {
      const m = metricInfo(name);
      return [escapeHtml(sentenceCase(m.label.replace(/^governance: /, ''))), escapeHtml(formatMetric(name, metricValue(summary, name))), escapeHtml(m.meaning)];
    }),
  }));
  const total = summary.ledger.total;
  groups.push({
    title: 'Money (all sources, whole run)',
    rows: MONEY_ROWS.map(([key, label, meaning]) => {
      const share = total.budget > 0 ? ` (${((total[key] / total.budget) * 100).toFixed(1)}%)` : '';
      return [escapeHtml(label), escapeHtml(`${yuan(total[key])}${key === 'budget' ? '' : share}`), escapeHtml(meaning)];
    }),
  });
  return `<p>Every metric at the end of month ${summary.months}, the last of the run; money and exits are totals over the whole run.</p>\n${groupedTableHtml(['Metric', 'Value', 'What it measures'], groups, { numeric: [1] })}`;
}

/** The scenario section: who, what, and the parameters it changes from the defaults. */
function scenarioHtml(summary: RunSummary, manifest: RunManifest | null): string {
  const facts: [string, string][] = [
    ['Scenario', `<strong>${escapeHtml(summary.scenario.name)}</strong>`],
    ['Scenario file', summary.scenario.file === null ? 'built in memory' : `<code>${escapeHtml(summary.scenario.file)}</code>`],
  ];
  if (manifest !== null && manifest.scenario.chain.length > 1) {
    facts.push(['Extends', manifest.scenario.chain.slice(0, -1).map((f) => `<code>${escapeHtml(f)}</code>`).join(' \u2190 ')]);
  }
  facts.push(
    ['Seed', escapeHtml(String(summary.seed))],
    ['Township', escapeHtml(`${summary.households.toLocaleString('en-US')} households in ${summary.villages} village${summary.villages === 1 ? '' : 's'}`)],
    ['Length', escapeHtml(`${summary.months} months`)],
  );
  const parts = [factsHtml(facts)];
  if (summary.scenario.description !== '') parts.unshift(`<p>${escapeHtml(summary.scenario.description)}</p>`);
  parts.push('<h3>What it changes from the model\u2019s defaults</h3>');
  if (manifest === null) {
    parts.push('<p class="note">manifest.json is missing from this folder, so the parameters of the run are unknown.</p>');
  } else {
    const changes = changedParameters(manifest.parameters);
    parts.push(
      changes.length === 0
        ? '<p>Nothing: every parameter has its default value.</p>'
        : `<p>${changes.length} of the model\u2019s parameters differ from their defaults (values a scenario file restates at their default are not listed):</p>\n${changesTableHtml(changes, 'Default', 'This run')}`,
    );
    if (manifest.scenario.overrides.length > 0) {
      parts.push(
        `<p>Set on the command line (<code>--set</code> and options), after the scenario file: ${manifest.scenario.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}.</p>`,
      );
    }
  }
  return parts.join('\n');
}

/** Provenance facts of a run manifest. */
export function provenanceHtml(manifest: RunManifest | null, note: string): string {
  if (manifest === null) return '<p class="note">No manifest.json in this folder: provenance unknown.</p>';
  const facts: [string, string][] = [
    ['povsim version', escapeHtml(manifest.povsim)],
    ['Command', `<code>${escapeHtml(manifest.command)}</code>`],
    ['Scenario files', manifest.scenario.chain.map((f) => `<code>${escapeHtml(f)}</code>`).join(' \u2190 ') || '\u2013'],
    ['Inputs sha256', `<code>${escapeHtml(manifest.scenario.sha256)}</code>`],
    ['Overrides', manifest.scenario.overrides.length > 0 ? manifest.scenario.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ') : 'none'],
    ['Seed', escapeHtml(String(manifest.seed))],
    ['Node.js', escapeHtml(manifest.node)],
    ['Platform', escapeHtml(manifest.platform)],
    ['Started', escapeHtml(manifest.startedAt)],
    ['Finished', escapeHtml(manifest.finishedAt)],
  ];
  return `${factsHtml(facts)}\n<p class="note">${escapeHtml(note)}</p>`;
}

/** The report page of one run, as HTML text (see `renderReportHtml`). */
export function runReportHtml(run: RunOutputs, figures: readonly Figure[]): string {
  const { summary, manifest } = run;
  const before: ReportSection[] = [
    { id: 'scenario', heading: 'The scenario', html: scenarioHtml(summary, manifest) },
    { id: 'key-results', heading: 'Key results', html: headlineHtml(summary) },
  ];
  const after: ReportSection[] = [{ id: 'all-metrics', heading: 'All metrics', html: allMetricsHtml(summary) }];
  if (manifest !== null) {
    after.push({
      id: 'parameters',
      heading: 'Parameters',
      html: `<p>Every parameter of the run, by group; highlighted rows differ from the default. <code>povsim describe KEY</code> explains any of them and gives the source of its default.</p>\n<details><summary>Show all parameters</summary>\n${parameterTableHtml([{ title: 'This run', parameters: manifest.parameters }])}\n</details>`,
    });
  }
  after.push({
    id: 'provenance',
    heading: 'Provenance',
    html: provenanceHtml(
      manifest,
      'Everything in this report above this section depends only on the scenario files, the overrides and the seed: rerunning the command gives the same numbers and charts. This section also records when and where the run was made.',
    ),
  });
  return renderReportHtml({
    kicker: 'povsim run report',
    title: `${summary.scenario.name}, seed ${summary.seed}`,
    lead: '',
    before,
    figures,
    after,
    footer: `Report drawn by povsim ${VERSION} from summary.json, timeseries.csv and manifest.json in this folder. It is one self-contained file: it needs no network.`,
  });
}
