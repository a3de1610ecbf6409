/**
 * The explorer page: parameter controls generated from the parameter tree, one run and paired
 * comparisons in a Web Worker with live charts, the state in the link, and exports for the CLI.
 * Only wiring lives here; the computations, charts and exports are src/explore/*.ts.
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import scenarios from 'virtual:povsim-catalogue';
import workerSource from 'virtual:povsim-worker';
import { parameterControls, parameterGroups, valueAt, type ParameterControl, type ShippedScenario } from '../src/explore/catalogue.js';
import { compareCommand, exportFileName, exportName, runCommand, scenarioYaml } from '../src/explore/export.js';
import {
  comparisonChart, differenceWords, governanceChart, incidenceFigure, moneyChart, monthlyChart, SENTENCE_METRICS, targetingChart,
  type MonthlySeries,
} from '../src/explore/figures.js';
import { compareWorkerCount, ParallelComparison } from '../src/explore/compare-pool.js';
import type { ComparisonTable, ExploreReport, ExploreRequest } from '../src/explore/session.js';
import type { Metrics } from '../src/model/observe.js';
import { applyChanges, formatLink, normaliseChanges, parseLink, type ControlValue, type ExploreState } from '../src/explore/state.js';
import { installChartPlugins } from '../src/output/charts/plugins.js';
import { runRows } from '../src/cli/run-rows.js';
import { TOUR } from './tour.js';

Chart.register(...registerables);
installChartPlugins(Chart as unknown as Parameters<typeof installChartPlugins>[0]);

const VERSION = __POVSIM_VERSION__;
const CONTROLS = parameterControls();
/** Groups open when the page opens: the rules the study is about. */
const OPEN_GROUPS = new Set(['identification', 'supervision']);
/** Metrics of the table of exact numbers. */
const TABLE_METRICS = ['headcount', 'povertyGap', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'leakage', 'diversion'];
/** Metrics of a run's table of key numbers, as `povsim run` prints them. */
const RUN_METRICS = ['headcount', 'inclusionErrorRegistered', 'inclusionErrorNonPoor', 'exclusionError', 'leakage', 'diversion', 'cgh'];

let state: ExploreState = parseLink(location.hash, scenarios).state;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`page element #${id} is missing`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- messages -------------------------------------------------------------------------------

function showMessages(lines: readonly string[]): void {
  const box = element('message');
  box.replaceChildren(...lines.map((line) => make('p', {}, line)));
  box.hidden = lines.length === 0;
}

// ---- parameter controls ---------------------------------------------------------------------

function hoverText(control: ParameterControl): string {
  const spec = control.spec;
  const range = spec.kind === 'number'
    ? `Range ${spec.min} to ${spec.max} ${spec.unit}${spec.integer ? ' (whole numbers)' : ''}. `
    : spec.kind === 'enum' ? `One of: ${spec.values.join(', ')}. ` : 'true or false. ';
  return `${spec.description}\n${range}Default: ${String(spec.default)}.\nSource: ${spec.source}`;
}

/** Slider step: 1 for whole numbers, 0.01 for shares, else about a hundredth of the range. */
function sliderStep(min: number, max: number, integer: boolean): number {
  if (integer) return 1;
  if (max - min <= 1) return 0.01;
  return 10 ** (Math.floor(Math.log10(max - min)) - 2);
}

/** A value typed into a number box, brought inside the parameter's range. */
function clampedNumber(control: ParameterControl, text: string): number | null {
  if (control.spec.kind !== 'number') return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return null;
  const inRange = Math.min(control.spec.max, Math.max(control.spec.min, n));
  return control.spec.integer ? Math.round(inRange) : inRange;
}

function controlInputs(control: ParameterControl, id: string): HTMLElement[] {
  const spec = control.spec;
  // The meaning, range, default and source, read by screen readers with each input (see aboutParameter).
  const about = { 'aria-describedby': `${id}-about` };
  if (spec.kind === 'number') {
    const step = String(sliderStep(spec.min, spec.max, spec.integer));
    const slider = make('input', { type: 'range', min: String(spec.min), max: String(spec.max), step, 'aria-label': `${control.path} slider`, ...about });
    const box = make('input', { type: 'number', id, min: String(spec.min), max: String(spec.max), step: spec.integer ? '1' : 'any', ...about });
    slider.addEventListener('input', () => setValue(control.path, Number(slider.value)));
    box.addEventListener('change', () => {
      const value = clampedNumber(control, box.value);
      if (value === null) refreshControls();
      else setValue(control.path, value);
    });
    return [slider, box];
  }
  const select = make('select', { id, ...about });
  const options = spec.kind === 'enum' ? spec.values : ['true', 'false'];
  options.forEach((v, k) => select.append(make('option', { value: v, title: spec.kind === 'enum' ? (spec.valueDescriptions[k] ?? '') : '' }, v)));
  select.addEventListener('change', () => setValue(control.path, spec.kind === 'boolean' ? select.value === 'true' : select.value));
  return [select];
}

/** A camelCase name as text with a line-break opportunity (<wbr>) before each capital. */
function breakAtCapitals(name: string): Node[] {
  return name.split(/(?=[A-Z])/).flatMap((part, k) => (k === 0 ? [document.createTextNode(part)] : [make('wbr'), document.createTextNode(part)]));
}

/**
 * The hover text of a parameter for the keyboard and screen readers: an "about" button that shows
 * or hides it, and the text itself (the inputs' aria-describedby, read even while hidden).
 */
function aboutParameter(control: ParameterControl, id: string, key: string): HTMLElement[] {
  const textId = `${id}-about`;
  const text = make('p', { class: 'param-about', id: textId }, hoverText(control));
  text.hidden = true;
  const button = make('button', { type: 'button', class: 'about', 'aria-expanded': 'false', 'aria-controls': textId, 'aria-label': `About ${key}` }, 'about');
  button.addEventListener('click', () => {
    text.hidden = !text.hidden;
    button.setAttribute('aria-expanded', String(!text.hidden));
  });
  return [button, text];
}

function buildControls(): void {
  const root = element('params');
  for (const group of parameterGroups()) {
    const details = make('details', { id: `group-${group.name}`, 'data-group': group.name });
    details.open = OPEN_GROUPS.has(group.name);
    const summary = make('summary', { title: group.description });
    // The reset button is outside <summary>: a button inside it is not announced or reached as one.
    const reset = make('button', { type: 'button', class: 'reset-group' }, `reset ${group.name}`);
    reset.addEventListener('click', () => {
      setChanges(Object.fromEntries(Object.entries(state.changes).filter(([p]) => !p.startsWith(`${group.name}.`))));
    });
    summary.append(make('span', { class: 'group-name' }, group.name), make('span', { class: 'count' }));
    const head = make('div', { class: 'group-head' });
    head.append(make('p', { class: 'group-description' }, group.description), reset);
    details.append(summary, head);
    for (const control of CONTROLS.filter((c) => c.group === group.name)) {
      const id = `param-${control.path.replace('.', '-')}`;
      const row = make('div', { class: 'param', 'data-path': control.path, title: hoverText(control) });
      const key = control.path.slice(group.name.length + 1);
      const unit = control.spec.kind === 'number' ? control.spec.unit : '';
      const label = make('label', { for: id });
      label.append(...breakAtCapitals(key));
      row.append(label, ...controlInputs(control, id), make('span', { class: 'unit' }, unit), ...aboutParameter(control, id, key));
      details.append(row);
    }
    root.append(details);
  }
}

/** Puts the state's values into the controls and marks changed ones and groups. */
function refreshControls(): void {
  const params = applyChanges(state.scenario.params, state.changes);
  for (const row of document.querySelectorAll<HTMLElement>('.param')) {
    const path = row.dataset['path'] ?? '';
    const value = String(valueAt(params, path));
    for (const input of row.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      if (input.value !== value) input.value = value;
    }
    row.classList.toggle('changed', Object.hasOwn(state.changes, path));
  }
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-group]')) {
    const n = Object.keys(state.changes).filter((p) => p.startsWith(`${details.dataset['group']}.`)).length;
    details.classList.toggle('changed', n > 0);
    const count = details.querySelector('.count');
    if (count !== null) count.textContent = n > 0 ? `${n} changed` : '';
    if (n > 0) details.open = true;
  }
}

// ---- state ----------------------------------------------------------------------------------

function setValue(path: string, value: ControlValue): void {
  setChanges({ ...state.changes, [path]: value });
}

function setChanges(changes: Record<string, ControlValue>): void {
  // An edit replaces whatever a bad link had set: its message no longer describes the page.
  showMessages([]);
  setState({ scenario: state.scenario, changes: normaliseChanges(state.scenario, changes) });
}

function setState(next: ExploreState): void {
  state = next;
  history.replaceState(null, '', `#${formatLink(state)}`);
  render();
}

function render(): void {
  element<HTMLSelectElement>('scenario').value = state.scenario.name;
  element('scenario-description').textContent = state.scenario.description;
  refreshControls();
  const reference = referenceScenario();
  element('yaml-text').textContent = scenarioYaml(state, VERSION, { reference, replicates: replicates() });
  element('run-command').textContent = runCommand(state);
  element('compare-command').textContent = compareCommand(reference, state, replicates());
  element('download-yaml').textContent = `Download ${exportFileName(state)}`;
  element('changes-count').textContent = changesText();
  markStale();
}

/** The settings the shown run and comparison were computed for (null: none shown). */
const shownFor: { run: string | null; compare: string | null } = { run: null, compare: null };

/** The settings a run (or with the reference and replicates, a comparison) depends on. */
function settingsKey(part: 'run' | 'compare'): string {
  const link = formatLink(state);
  return part === 'run' ? link : `${link}|${referenceScenario().name}|${replicates()}`;
}

/**
 * Marks a section whose results were computed for other settings than the page's now (dimmed, with
 * "results for earlier settings - run again"); a new run or comparison clears the mark.
 */
function markStale(): void {
  for (const part of ['run', 'compare'] as const) {
    const stale = shownFor[part] !== null && shownFor[part] !== settingsKey(part);
    element(part).classList.toggle('stale', stale);
    element(`${part}-stale`).hidden = !stale;
  }
}

function changesText(): string {
  const n = Object.keys(state.changes).length;
  return n === 0 ? 'no changes' : `${n} change${n === 1 ? '' : 's'}`;
}

function referenceScenario(): ShippedScenario {
  const name = element<HTMLSelectElement>('compare-reference').value;
  return scenarios.find((s) => s.name === name) ?? scenarios[0]!;
}

function replicates(): number {
  const n = Number(element<HTMLInputElement>('compare-replicates').value);
  return Number.isInteger(n) && n >= 2 && n <= 200 ? n : 20;
}

function identity(): string {
  const p = applyChanges(state.scenario.params, state.changes);
  const n = p.township.households.toLocaleString('en-US');
  return `Scenario \u201c${state.scenario.name}\u201d, ${changesText()}, seed ${state.scenario.seed}, ${n} households, ${p.township.villages} villages, ${p.simulation.months} months`;
}

// ---- charts ---------------------------------------------------------------------------------

const charts = new Map<string, Chart>();
/**
 * Width / height of a chart `width` pixels wide: the PNG charts' titles, legends and notes take a
 * fixed height, so narrower charts (two side by side, a phone) are drawn relatively taller.
 */
function chartAspect(width: number): number {
  if (width < 440) return 0.8;
  return width < 700 ? 1.2 : 1.8;
}

function draw(id: string, config: ChartConfiguration | null): void {
  const canvas = element<HTMLCanvasElement>(id);
  charts.get(id)?.destroy();
  charts.delete(id);
  canvas.closest('figure')?.toggleAttribute('hidden', config === null);
  if (config === null) return;
  const copy = structuredClone(config);
  copy.options = { ...copy.options, responsive: true, maintainAspectRatio: true, aspectRatio: chartAspect(canvas.parentElement?.clientWidth ?? 1000) };
  const chart = new Chart(canvas, copy);
  charts.set(id, chart);
  showAxisRange(canvas, chart);
}

/** The drawn value axis' ends, on the canvas (data-y-min, data-y-max), for readers and tests. */
function showAxisRange(canvas: HTMLCanvasElement, chart: Chart): void {
  const y = chart.scales['y'];
  if (y === undefined) return;
  canvas.dataset['yMin'] = String(y.min);
  canvas.dataset['yMax'] = String(y.max);
}

/** Replaces a drawn chart's data without rebuilding it (the monthly chart, many times a run). */
function redraw(id: string, config: ChartConfiguration): void {
  const chart = charts.get(id);
  if (chart === undefined) return draw(id, config);
  chart.data = structuredClone(config.data);
  // The options too: the axes' suggested ends follow the whiskers, which grow as replicates come in.
  chart.options = { ...structuredClone(config.options), responsive: true, maintainAspectRatio: true, aspectRatio: chart.options.aspectRatio };
  chart.update('none');
  showAxisRange(chart.canvas, chart);
}

// ---- the worker -----------------------------------------------------------------------------

/** The workers: the first runs single runs, comparisons use as many as compareWorkerCount says. */
let workers: Worker[] = [];
const workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));

/** What the workers are busy with, if anything. */
let busyWith: 'run' | 'compare' | null = null;

/**
 * `count` workers for a new request, started on first use and kept (warm) between requests; a
 * request still in progress is stopped first (the page does one thing at a time).
 */
function startWorkers(part: 'run' | 'compare', count: number, onReport: (report: ExploreReport, worker: number) => void): Worker[] {
  if (busyWith !== null) {
    stopWorkers();
    setBusy(busyWith, false, 'Stopped');
  }
  busyWith = part;
  while (workers.length < count) workers.push(new Worker(workerUrl));
  const used = workers.slice(0, count);
  used.forEach((w, k) => {
    w.onmessage = (event: MessageEvent<ExploreReport>) => onReport(event.data, k);
    w.onerror = (event) => {
      event.preventDefault();
      onReport({ kind: 'failed', message: event.message || 'the worker failed' }, k);
    };
  });
  return used;
}

function stopWorkers(): void {
  for (const w of workers) w.terminate();
  workers = [];
}

function setBusy(part: 'run' | 'compare', busy: boolean, status: string, done = false): void {
  if (!busy && busyWith === part) busyWith = null;
  element<HTMLButtonElement>(`${part}-button`).disabled = busy;
  element<HTMLButtonElement>(`${part}-stop`).disabled = !busy;
  const statusBox = element(`${part}-status`);
  statusBox.textContent = status;
  statusBox.dataset['state'] = busy ? 'busy' : done ? 'done' : 'idle';
}

// ---- one run --------------------------------------------------------------------------------

/** Least time between two redraws of the monthly chart during a run, in milliseconds. */
const REDRAW_MS = 250;

function startRun(): void {
  const params = applyChanges(state.scenario.params, state.changes);
  const name = exportName(state);
  const note = identity();
  const series: MonthlySeries = { months: [], values: { headcount: [], inclusionErrorRegistered: [], exclusionError: [], leakage: [] } };
  const progress = element<HTMLProgressElement>('run-progress');
  progress.value = 0;
  let lastDraw = performance.now();
  for (const id of ['chart-targeting', 'chart-incidence', 'chart-money', 'chart-governance']) draw(id, null);
  draw('chart-monthly', monthlyChart(series, note));
  element('run-numbers').replaceChildren();
  shownFor.run = settingsKey('run');
  markStale();
  setBusy('run', true, 'Running\u2026');
  const request: ExploreRequest = { kind: 'run', params, seed: state.scenario.seed };
  startWorkers('run', 1, (report) => {
    if (report.kind === 'months') {
      series.months.push(...report.batch.months);
      for (const [metric, values] of Object.entries(report.batch.values)) series.values[metric as keyof typeof series.values].push(...values);
      const month = series.months[series.months.length - 1]!;
      progress.value = (month + 1) / report.months;
      element('run-status').textContent = `Month ${month + 1} of ${report.months}`;
      // Redrawn a few times a second, not every month: drawing must not take the CPU from the run.
      const now = performance.now();
      if (now - lastDraw >= REDRAW_MS) {
        lastDraw = now;
        redraw('chart-monthly', monthlyChart(series, note));
      }
    } else if (report.kind === 'run-done') {
      redraw('chart-monthly', monthlyChart(series, note));
      draw('chart-targeting', targetingChart(name, report.metrics, note));
      draw('chart-incidence', incidenceFigure(name, report.metrics, note));
      draw('chart-money', moneyChart(name, report.ledger, note));
      draw('chart-governance', governanceChart(name, report.metrics, note));
      showRunNumbers(report.metrics, Object.values(report.ledger).reduce((sum, account) => sum + account.budget, 0));
      setBusy('run', false, `Finished in ${(report.milliseconds / 1000).toFixed(2)} s`, true);
      element('run-status').dataset['milliseconds'] = String(report.milliseconds);
    } else if (report.kind === 'failed') {
      stopWorkers();
      setBusy('run', false, `The run failed: ${report.message}`);
    }
  })[0]!.postMessage(request);
}

/** The run's key numbers as `povsim run` prints them, each with its exact value (a title and a column). */
function showRunNumbers(metrics: Metrics, budgetYuan: number): void {
  const header = make('tr');
  for (const h of ['metric', 'value (as povsim run prints it)', 'exact value']) header.append(make('th', {}, h));
  const rows = runRows(metrics, budgetYuan).filter((r) => RUN_METRICS.includes(r.key)).map((r) => {
    const row = make('tr', { 'data-metric': r.key });
    row.append(make('td', {}, r.label), make('td', { class: 'value', title: r.exact }, r.text), make('td', { class: 'exact' }, r.exact));
    return row;
  });
  element('run-numbers').replaceChildren(make('caption', {}, 'Key numbers (end of run)'), header, ...rows);
}

// ---- compare --------------------------------------------------------------------------------

/** Counts comparisons started: a redraw scheduled by an earlier one is dropped. */
let compareGeneration = 0;

/**
 * `draw` for the latest value only: `soon` draws it at most REDRAW_MS after the last drawing,
 * `now` at once; nothing is drawn once `stale()` is true.
 */
function throttled<T>(draw: (value: T) => void, stale: () => boolean): { soon(value: T): void; now(value: T): void } {
  let latest: T | undefined;
  let lastDraw = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const drawLatest = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (latest === undefined || stale()) return;
    lastDraw = performance.now();
    draw(latest);
  };
  return {
    soon(value) {
      latest = value;
      timer ??= setTimeout(drawLatest, Math.max(0, REDRAW_MS - (performance.now() - lastDraw)));
    },
    now(value) {
      latest = value;
      drawLatest();
    },
  };
}

function startCompare(): void {
  const reference = referenceScenario();
  const current = exportName(state);
  const n = replicates();
  const note = `${identity()}; against \u201c${reference.name}\u201d on the same ${n} replicate seeds`;
  const progress = element<HTMLProgressElement>('compare-progress');
  progress.value = 0;
  element('compare-words').replaceChildren();
  element('compare-table').replaceChildren();
  draw('chart-differences', null);
  shownFor.compare = settingsKey('compare');
  markStale();
  setBusy('compare', true, `Comparing with ${reference.name}\u2026`);
  const request = {
    kind: 'compare' as const,
    reference: reference.params,
    current: applyChanges(state.scenario.params, state.changes),
    baseSeed: reference.seed,
    replicates: n,
  };
  // The runs go to several workers at once; the statistics take them in replicate order (compare-pool.ts).
  const count = compareWorkerCount(navigator.hardwareConcurrency, n);
  const status = element('compare-status');
  status.dataset['workers'] = String(count);
  // Redrawn at most every REDRAW_MS (the last replicate at once): drawing competes with the workers for the CPU.
  const generation = (compareGeneration += 1);
  const view = throttled((table: ComparisonTable) => showComparison(reference.name, current, table[0], table[1], note), () => generation !== compareGeneration);
  const show = (report: ExploreReport): void => {
    if (report.kind === 'replicate') {
      progress.value = report.done / report.replicates;
      if (report.done === report.replicates) {
        view.now(report.table);
        setBusy('compare', false, `${report.done} replicate pairs compared (base seed ${reference.seed}, ${count} worker${count === 1 ? '' : 's'})`, true);
      } else {
        status.textContent = `${report.done} of ${report.replicates} replicate pairs`;
        view.soon(report.table);
      }
    } else if (report.kind === 'failed') {
      stopWorkers();
      setBusy('compare', false, `The comparison failed: ${report.message}`);
    }
  };
  const used = startWorkers('compare', count, (report, k) => comparison.receive(k, report));
  const comparison = new ParallelComparison(request, count, (k, r) => used[k]!.postMessage(r), show);
  comparison.start();
}

type Table = ComparisonTable[number];

function showComparison(reference: string, current: string, ref: Table, cur: Table, note: string): void {
  const words = SENTENCE_METRICS.flatMap((metric) => {
    const r = ref[metric];
    const c = cur[metric];
    const text = r === undefined || c === undefined ? null : differenceWords(metric, r, c);
    return text === null ? [] : [make('li', { 'data-metric': metric }, text)];
  });
  element('compare-words').replaceChildren(...words);
  const header = make('tr');
  for (const h of ['metric', `${reference} mean`, `${current} mean`, 'difference mean', 'difference 95% CI low', 'difference 95% CI high', 'pairs']) header.append(make('th', {}, h));
  const rows = TABLE_METRICS.map((metric) => {
    const r = ref[metric];
    const c = cur[metric];
    const d = c?.difference;
    const row = make('tr', { 'data-metric': metric });
    for (const v of [metric, r?.mean, c?.mean, d?.mean, d?.ciLow, d?.ciHigh, d?.n]) row.append(make('td', {}, v === undefined || v === null ? 'n/a' : String(v)));
    return row;
  });
  element('compare-table').replaceChildren(header, ...rows);
  const config = comparisonChart(reference, current, cur, note);
  if (charts.has('chart-differences')) redraw('chart-differences', config);
  else draw('chart-differences', config);
}

// ---- exports --------------------------------------------------------------------------------

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Select the text below and copy it';
  }
  setTimeout(() => (button.textContent = label), 1500);
}

function downloadYaml(): void {
  const url = URL.createObjectURL(new Blob([scenarioYaml(state, VERSION, { reference: referenceScenario(), replicates: replicates() })], { type: 'text/yaml' }));
  const link = make('a', { href: url, download: exportFileName(state) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- tour -----------------------------------------------------------------------------------

let tourStep = -1;
/** Where the focus was when the tour opened: it goes back there when the tour closes. */
let focusBeforeTour: HTMLElement | null = null;

/** A step's target, or the Run button (and a hint to press it) while the target is hidden (no run yet). */
function tourTarget(selector: string): { target: Element | null; hint: string } {
  const target = document.querySelector(selector);
  if (target !== null && target.closest('[hidden]') === null) return { target, hint: '' };
  return { target: document.getElementById('run-button'), hint: ' Press Run first: this chart appears after a run.' };
}

function showTour(step: number): void {
  document.querySelectorAll('.tour-target').forEach((n) => n.classList.remove('tour-target'));
  const wasOpen = tourStep >= 0;
  tourStep = step;
  const box = element('tour');
  const current = TOUR[step];
  box.hidden = current === undefined;
  if (current === undefined) {
    tourStep = -1;
    if (wasOpen) focusBeforeTour?.focus();
    focusBeforeTour = null;
    return;
  }
  const { target, hint } = tourTarget(current.target);
  element('tour-title').textContent = `${step + 1}/${TOUR.length}: ${current.title}`;
  element('tour-text').textContent = `${current.text}${hint}`;
  element<HTMLButtonElement>('tour-back').disabled = step === 0;
  element('tour-next').textContent = step === TOUR.length - 1 ? 'Done' : 'Next';
  target?.classList.add('tour-target');
  target?.scrollIntoView({ block: 'center' });
  if (!wasOpen) {
    focusBeforeTour = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element('tour-next').focus();
  }
}

// ---- start ----------------------------------------------------------------------------------

function wire(): void {
  const picker = element<HTMLSelectElement>('scenario');
  const reference = element<HTMLSelectElement>('compare-reference');
  for (const s of scenarios) {
    picker.append(make('option', { value: s.name, title: s.description }, `${s.name} (${s.file})`));
    reference.append(make('option', { value: s.name, title: s.description }, s.name));
  }
  picker.addEventListener('change', () => {
    const scenario = scenarios.find((s) => s.name === picker.value) ?? state.scenario;
    showMessages([]);
    setState({ scenario, changes: normaliseChanges(scenario, state.changes) });
  });
  reference.addEventListener('change', render);
  element('compare-replicates').addEventListener('change', render);
  element('reset-all').addEventListener('click', () => setChanges({}));
  element('run-button').addEventListener('click', startRun);
  element('run-stop').addEventListener('click', () => {
    stopWorkers();
    setBusy('run', false, 'Stopped');
  });
  element('compare-button').addEventListener('click', startCompare);
  element('compare-stop').addEventListener('click', () => {
    stopWorkers();
    setBusy('compare', false, 'Stopped: the numbers shown are from the replicates that finished');
  });
  element('copy-link').addEventListener('click', (e) => void copyText(location.href, e.currentTarget as HTMLButtonElement));
  element('copy-run').addEventListener('click', (e) => void copyText(runCommand(state), e.currentTarget as HTMLButtonElement));
  element('copy-compare').addEventListener('click', (e) => void copyText(element('compare-command').textContent ?? '', e.currentTarget as HTMLButtonElement));
  element('download-yaml').addEventListener('click', downloadYaml);
  element('tour-button').addEventListener('click', () => showTour(0));
  element('tour-back').addEventListener('click', () => showTour(tourStep - 1));
  element('tour-next').addEventListener('click', () => showTour(tourStep + 1 < TOUR.length ? tourStep + 1 : -1));
  element('tour-close').addEventListener('click', () => showTour(-1));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && tourStep >= 0) showTour(-1);
  });
  window.addEventListener('hashchange', () => {
    const parsed = parseLink(location.hash, scenarios);
    showMessages(parsed.problems);
    setState(parsed.state);
  });
}

function start(): void {
  element('version').textContent = `povsim ${VERSION}`;
  buildControls();
  wire();
  const parsed = parseLink(location.hash, scenarios);
  showMessages(parsed.problems);
  setState(parsed.state);
  document.body.dataset['ready'] = 'true';
}

start();
