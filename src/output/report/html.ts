/**
 * The report page: one self-contained HTML file (styles, chart.js, the povsim plugins and the
 * chart configurations inlined) that opens offline from disk. A Content-Security-Policy allows
 * only the page's own inline scripts (by hash) and no network at all, so the page cannot fetch
 * anything even by mistake, and a name or description that escaped escaping could not run.
 *
 * Deterministic: the same sections and figures give the same bytes (no clock, no random ids).
 */
import { createHash } from 'node:crypto';
import { chartJsBrowserSource, DEFAULT_CHART_SIZE } from '../charts/index.js';
import { chartFileAs } from './files.js';
import type { Figure } from './figures.js';

/**
 * Text made safe inside HTML element content and attribute values: & < > " ' become entities.
 * @example escapeHtml('<b>"A&B"</b>') // '&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON text safe inside a `<script type="application/json">` element: `<`, `>`, `&` and the line
 * separators U+2028/U+2029 are written as \u escapes, so no "</script>" or "<!--" can appear.
 * `JSON.parse` of the result gives back the value.
 * @example jsonForScript({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** CSP source expression for an inline script or style: `'sha256-<base64 of its sha256>'`. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** One section of the report, with an id for the table of contents. */
export interface ReportSection {
  /** Element id (letters, digits, dashes), e.g. `key-results`. */
  readonly id: string;
  /** Plain text heading (escaped when written). */
  readonly heading: string;
  /** The section's body: HTML already escaped by the caller. */
  readonly html: string;
}

/** Everything on a report page. */
export interface ReportPage {
  /** Plain text line above the title, e.g. "povsim run report". */
  readonly kicker: string;
  /** Plain text page title, e.g. "baseline, seed 42". */
  readonly title: string;
  /** Plain text line under the title (e.g. the scenario's description); omitted when empty. */
  readonly lead: string;
  /** Sections before the charts (scenario, key results). */
  readonly before: readonly ReportSection[];
  /** Charts: drawn in one section "Charts", in order. */
  readonly figures: readonly Figure[];
  /** Sections after the charts (parameters, provenance). */
  readonly after: readonly ReportSection[];
  /** Plain text footer line (e.g. "povsim 0.1.0"). */
  readonly footer: string;
}

/** Width over height of the charts in the page, as the PNGs (900 x 500). */
export const CHART_ASPECT_RATIO = 1.8;

/**
 * Least height of a chart in the page, as a share of its PNG's height: chart.js draws text, legend
 * and bars at fixed pixel sizes, so on a narrow screen a chart kept at its PNG's shape would leave
 * its bars no room (a phone's 340 px would give a 900 x 500 chart 190 px, most of it legend).
 */
export const CHART_MIN_HEIGHT_SHARE = 1;

const STYLE = `
:root { --text: #222; --muted: #555; --line: #d9d9d9; --soft: #f4f6f8; --accent: #0072B2; --changed: #fff4d6; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; font: 16px/1.5 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 28px; line-height: 1.25; margin: 8px 0 4px; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 8px; }
p { margin: 8px 0; }
.kicker { color: var(--muted); font-size: 14px; text-transform: uppercase; letter-spacing: 0.06em; margin: 0; }
.lead { font-size: 17px; color: #333; max-width: 820px; }
.muted, .note { color: var(--muted); font-size: 14px; }
nav.toc { background: var(--soft); border-radius: 6px; padding: 10px 16px; margin: 20px 0; font-size: 15px; }
nav.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; column-gap: 32px; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); }
.table-wrap { overflow-x: auto; max-width: 100%; margin: 8px 0 16px; }
.table-wrap > table { margin: 0; }
.table-wrap table td:first-child { min-width: 150px; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.group th { background: #fff; padding-top: 16px; font-size: 15px; border-bottom: 2px solid var(--line); }
tr.changed td { background: var(--changed); }
code, .mono { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; }
.sentences { padding-left: 20px; }
.sentences li { margin: 6px 0; }
figure.chart { margin: 24px 0 36px; }
.chart-box { position: relative; width: 100%; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.chart-area { position: relative; width: 100%; }
.chart-box canvas { display: block; width: 100%; max-width: 100%; }
img, svg, video { max-width: 100%; height: auto; }
figcaption { color: #333; font-size: 15px; margin-top: 8px; max-width: 860px; }
figcaption a { font-size: 13px; white-space: nowrap; }
details { margin: 8px 0 16px; }
summary { cursor: pointer; font-weight: bold; padding: 4px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; font-size: 15px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
@media (max-width: 640px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 23px; }
  h2 { font-size: 19px; margin-top: 32px; }
  nav.toc ol { columns: 1; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 6px; }
  table { font-size: 13px; }
  th, td { padding: 5px 6px; }
  .table-wrap table td:first-child { min-width: 0; }
  .table-wrap td:not(.num) { min-width: 6em; }
  .table-wrap td.prose { min-width: 15em; }
  .chart-box { padding: 4px; }
  figcaption { font-size: 14px; }
  figcaption a { white-space: normal; overflow-wrap: anywhere; }
}
@media print { nav.toc { display: none; } figure.chart { break-inside: avoid; } .chart-box { border: none; } }
`;

/** Below this width (CSS px) a chart's category labels are wrapped to {@link NARROW_LABEL_CHARS} characters a line. */
const NARROW_CHART_WIDTH = 480;
/** Characters a category label line may hold in a narrow chart: about 130 px of 12 px text, the room a phone's axis has. */
const NARROW_LABEL_CHARS = 20;
/**
 * A narrow horizontal bar chart is at least this tall: {@link LABEL_LINE_PX} px per label line plus
 * {@link CHART_FRAME_PX} px for its title, legend and value axis, so every bar keeps its label.
 */
const LABEL_LINE_PX = 18;
const CHART_FRAME_PX = 180;
/** Font size (px) of a narrow radar's dimension names, so the longest ("Accountability") fits beside the web. */
const NARROW_POINT_LABEL_PX = 11;

/** The script that draws every chart of the page from the inlined configurations. */
const DRAW_SCRIPT = `(function () {
  'use strict';
  // A label line longer than ${NARROW_LABEL_CHARS} characters is broken at spaces (a label is a string or an array of lines).
  function wrapLabel(label) {
    var lines = [].concat(label);
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var words = String(lines[i]).split(' ');
      var line = '';
      for (var w = 0; w < words.length; w++) {
        if (line !== '' && (line + ' ' + words[w]).length > ${NARROW_LABEL_CHARS}) { out.push(line); line = words[w]; }
        else line = line === '' ? words[w] : line + ' ' + words[w];
      }
      out.push(line);
    }
    return out.length === 1 ? out[0] : out;
  }
  var configs = JSON.parse(document.getElementById('povsim-chart-configs').textContent);
  var canvases = document.querySelectorAll('canvas[data-chart-index]');
  for (var i = 0; i < canvases.length; i++) {
    var canvas = canvases[i];
    var config = configs[Number(canvas.getAttribute('data-chart-index'))];
    // The chart fills its area: the PNG's shape, but never lower than data-min-height (narrow screens).
    var area = canvas.parentElement;
    var minHeight = Number(canvas.getAttribute('data-min-height')) || 0;
    config.options = config.options || {};
    if (area.clientWidth < ${NARROW_CHART_WIDTH} && config.data && Array.isArray(config.data.labels)) {
      config.data.labels = config.data.labels.map(wrapLabel);
      if (config.options.indexAxis === 'y') {
        var lines = 0;
        for (var l = 0; l < config.data.labels.length; l++) lines += [].concat(config.data.labels[l]).length;
        minHeight = Math.max(minHeight, ${CHART_FRAME_PX} + ${LABEL_LINE_PX} * lines);
        var y = ((config.options.scales = config.options.scales || {}).y = config.options.scales.y || {});
        y.ticks = Object.assign({}, y.ticks, { autoSkip: false });
      }
      var r = config.options.scales && config.options.scales.r;
      if (r && r.pointLabels) {
        r.pointLabels.font = Object.assign({}, r.pointLabels.font, { size: ${NARROW_POINT_LABEL_PX} });
        minHeight = Math.min(minHeight, area.clientWidth + ${CHART_FRAME_PX});
      }
    }
    area.style.aspectRatio = String(Number(canvas.getAttribute('data-aspect-ratio')) || ${CHART_ASPECT_RATIO});
    area.style.minHeight = minHeight + 'px';
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    new Chart(canvas, config);
  }
})();
`;

/** Width over height of a figure in the page: its PNG's, rounded to 4 decimals. */
function aspectRatio(f: Figure): number {
  return f.size === undefined ? CHART_ASPECT_RATIO : Math.round((f.size.width / f.size.height) * 1e4) / 1e4;
}

/** Least height (CSS px) of a figure in the page: {@link CHART_MIN_HEIGHT_SHARE} of its PNG's. */
function minHeight(f: Figure): number {
  return Math.round((f.size?.height ?? DEFAULT_CHART_SIZE.height) * CHART_MIN_HEIGHT_SHARE);
}

/** Links to a figure's files, one per format it was saved in: `PNG: charts/x.png SVG: charts/x.svg`. */
function fileLinks(f: Figure): string {
  return (f.formats ?? ['png'])
    .map((format) => {
      const file = escapeHtml(chartFileAs(f.file, format));
      return `<a href="${file}">${format.toUpperCase()}: ${file}</a>`;
    })
    .join(' ');
}

/** "PNG", "PNG and SVG", "PNG, SVG and PDF": the formats the figures were saved in. */
function formatsText(figures: readonly Figure[]): string {
  const names = (figures[0]?.formats ?? ['png']).map((f) => f.toUpperCase());
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** The charts section body: one figure per chart (heading, canvas, caption, links to its files). */
function chartsHtml(figures: readonly Figure[]): string {
  return figures
    .map(
      (f, i) => `<figure class="chart" id="figure-${i + 1}">
<div class="chart-box"><div class="chart-area"><canvas data-chart-index="${i}" data-aspect-ratio="${aspectRatio(f)}" data-min-height="${minHeight(f)}" role="img" aria-label="${escapeHtml(f.heading)}"></canvas></div></div>
<figcaption><strong>Figure ${i + 1}. ${escapeHtml(f.heading)}.</strong> ${escapeHtml(f.caption)} ${fileLinks(f)}</figcaption>
</figure>`,
    )
    .join('\n');
}

/** The table of contents: a link to every section. */
function tocHtml(sections: readonly ReportSection[]): string {
  const items = sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a></li>`).join('');
  return `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${items}</ol></nav>`;
}

function sectionHtml(s: ReportSection): string {
  return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.heading)}</h2>\n${s.html}\n</section>`;
}

/**
 * The whole report page as HTML text. Inlines the chart.js bundle and the povsim plugins
 * (`chartJsBrowserSource()`), the figures' configurations as JSON, and a small script that draws
 * them into responsive canvases with tooltips. No external resource is referenced except the
 * links to the PNG files beside the report.
 */
export function renderReportHtml(page: ReportPage): string {
  const intro = `<p class="note">Hover over (or tap) a chart to read its values. The same charts are saved as ${formatsText(page.figures)} files beside this report.</p>`;
  const chartsSection: ReportSection[] =
    page.figures.length > 0 ? [{ id: 'charts', heading: 'Charts', html: `${intro}\n${chartsHtml(page.figures)}` }] : [];
  const sections = [...page.before, ...chartsSection, ...page.after];
  const library = page.figures.length > 0 ? chartJsBrowserSource() : '';
  const configs = jsonForScript(page.figures.map((f) => f.config));
  const scripts = page.figures.length > 0 ? [library, DRAW_SCRIPT] : [];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.map(cspHash).join(' ') : "'none'"}`,
    `style-src ${cspHash(STYLE)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="povsim">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="kicker">${escapeHtml(page.kicker)}</p>
<h1>${escapeHtml(page.title)}</h1>
${page.lead === '' ? '' : `<p class="lead">${escapeHtml(page.lead)}</p>`}
</header>
${tocHtml(sections)}
${sections.map(sectionHtml).join('\n')}
<footer>${escapeHtml(page.footer)}</footer>
</main>
<script type="application/json" id="povsim-chart-configs">${configs}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

/**
 * A table: header cells and rows of cells, each cell HTML already escaped; `num` columns right-aligned.
 * Wrapped in a box that scrolls sideways on its own, so a wide table never widens the page (phones);
 * `prose` columns (sentences) keep a readable width there instead of being squeezed to a word a line.
 */
export function tableHtml(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly numeric?: readonly number[]; readonly prose?: readonly number[]; readonly rowClass?: readonly (string | null)[] } = {},
): string {
  const numeric = new Set(options.numeric ?? []);
  const prose = new Set(options.prose ?? []);
  const cls = (k: number): string => (numeric.has(k) ? ' class="num"' : prose.has(k) ? ' class="prose"' : '');
  const head = `<thead><tr>${header.map((h, k) => `<th${cls(k)}>${h}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row, r) => {
      const rc = options.rowClass?.[r];
      return `<tr${rc ? ` class="${rc}"` : ''}>${row.map((c, k) => `<td${cls(k)}>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>${head}<tbody>\n${body}\n</tbody></table></div>`;
}

/** Rows of a table under a group heading row. */
export interface RowGroup {
  /** Group heading, HTML already escaped. */
  readonly title: string;
  readonly rows: readonly (readonly string[])[];
}

/** A table whose rows come in titled groups (a heading row spanning the table before each group), in a sideways-scrolling box. */
export function groupedTableHtml(
  header: readonly string[],
  groups: readonly RowGroup[],
  options: { readonly numeric?: readonly number[] } = {},
): string {
  const numeric = new Set(options.numeric ?? []);
  const cls = (k: number): string => (numeric.has(k) ? ' class="num"' : '');
  const head = `<thead><tr>${header.map((h, k) => `<th${cls(k)}>${h}</th>`).join('')}</tr></thead>`;
  const body = groups
    .map(
      (g) =>
        `<tr class="group"><th colspan="${header.length}">${g.title}</th></tr>\n` +
        g.rows.map((row) => `<tr>${row.map((c, k) => `<td${cls(k)}>${c}</td>`).join('')}</tr>`).join('\n'),
    )
    .join('\n');
  return `<div class="table-wrap"><table>${head}<tbody>\n${body}\n</tbody></table></div>`;
}

/** A definition list of facts (label, HTML value), e.g. provenance. */
export function factsHtml(facts: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
