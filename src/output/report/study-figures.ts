/**
 * The charts of a robustness study (`povsim robust`), from robustness.json alone: satisficing by
 * policy and objective, regret per objective, the distribution of each objective per policy, and
 * per objective with a threshold the PRIM trade-off curves and the chosen boxes' restrictions.
 */
import type { ChartConfiguration } from 'chart.js';
import { axisTitle, baseOptions, gridOff, gridOn, legendBlock, titleBlock } from '../charts/common.js';
import { groupedBarChart, lineBandChart, seriesColor } from '../charts/index.js';
import type { StudyOutputs } from '../../experiments/study.js';
import type { Figure } from './figures.js';
import { metricInfo } from './metrics.js';

/** Chart file stem of a metric (`governance.fairness` -> `governance-fairness`). */
function stem(metric: string): string {
  return metric.replace(/[^A-Za-z0-9-]/g, '-');
}

function summaryOf(outputs: StudyOutputs, policy: string, metric: string): StudyOutputs['summaries'][number] | undefined {
  return outputs.summaries.find((s) => s.policy === policy && s.metric === metric);
}

function satisficingFigure(outputs: StudyOutputs): Figure | null {
  const withThreshold = outputs.record.objectives.filter((o) => o.threshold !== null);
  if (withThreshold.length === 0) return null;
  const config = groupedBarChart({
    title: 'Share of conditions meeting each threshold (satisficing)',
    yTitle: 'Conditions meeting the threshold (%)',
    yPercent: true,
    categories: outputs.policies,
    series: withThreshold.map((o) => ({
      label: `${o.metric} ${o.direction === 'minimize' ? '<=' : '>='} ${o.threshold}`,
      values: outputs.policies.map((p) => summaryOf(outputs, p, o.metric)?.satisficing ?? null),
    })),
  });
  // A share of conditions: the axis ends at 100%.
  const y = config.options?.scales?.['y'];
  if (y !== undefined) Object.assign(y, { max: 1 });
  return {
    file: 'charts/satisficing.png',
    heading: 'Which policy meets its thresholds most often',
    caption: 'For each policy, the share of conditions (sampled townships) in which it meets each objective\u2019s threshold. Higher is more robust; a policy that meets every threshold in all conditions has bars at 100%.',
    config,
  };
}

function regretFigure(outputs: StudyOutputs, metric: string): Figure {
  const info = metricInfo(metric);
  return {
    file: `charts/regret-${stem(metric)}.png`,
    heading: `Regret: ${info.label}`,
    caption: `How far each policy falls short of the best policy in the same condition, on ${info.label}: the largest shortfall over all conditions and the 90th percentile. Zero means it was the best in every condition; a small 90th percentile with a large maximum means it fails badly only in a few conditions.`,
    config: groupedBarChart({
      title: `Regret on ${info.label} (shortfall from the best policy in the same condition)`,
      yTitle: `Regret${info.kind === 'share' ? ' (percentage points)' : info.kind === 'yuan' ? ' (yuan)' : ''}`,
      yPercent: info.kind === 'share',
      categories: outputs.policies,
      series: [
        { label: 'maximum regret', values: outputs.policies.map((p) => summaryOf(outputs, p, metric)?.maxRegret ?? null) },
        { label: '90th percentile regret', values: outputs.policies.map((p) => summaryOf(outputs, p, metric)?.p90Regret ?? null) },
      ],
    }),
  };
}

function distributionFigure(outputs: StudyOutputs, metric: string): Figure {
  const info = metricInfo(metric);
  const rows = outputs.policies.map((p) => summaryOf(outputs, p, metric));
  return {
    file: `charts/distribution-${stem(metric)}.png`,
    heading: `${info.label[0]?.toUpperCase() ?? ''}${info.label.slice(1)} across conditions`,
    caption: `Each policy\u2019s ${info.label} over the sampled conditions: the bar is the mean, the whisker runs from the 10th to the 90th percentile. A long whisker means the result depends on the township it meets.`,
    config: groupedBarChart({
      title: `${info.label[0]?.toUpperCase() ?? ''}${info.label.slice(1)} by policy over the conditions`,
      yTitle: `${info.label}${info.kind === 'share' ? ' (%)' : info.kind === 'yuan' ? ' (yuan)' : ''}`,
      yPercent: info.kind === 'share',
      categories: outputs.policies,
      note: 'Bars: mean over conditions; whiskers: 10th to 90th percentile',
      series: [{ label: 'mean', values: rows.map((r) => r?.mean ?? null), lower: rows.map((r) => r?.p10 ?? null), upper: rows.map((r) => r?.p90 ?? null) }],
    }),
  };
}

function tradeoffFigure(outputs: StudyOutputs, metric: string): Figure | null {
  // Every policy PRIM ran for (a box, or none significant): its trade-off curve.
  const found = outputs.discoveries.filter((d) => d.metric === metric && d.trajectory.length > 0);
  if (found.length === 0) return null;
  const d0 = found[0]!;
  const goal = `${metric} ${d0.direction === 'minimize' ? '<=' : '>='} ${d0.threshold}`;
  const config = lineBandChart({
    title: `Coverage against density of PRIM boxes: misses of ${goal}`,
    xTitle: 'Coverage (share of misses inside the box)',
    // Both axes shares from 0 to 1, as in discovery.csv and the sentences.
    yTitle: 'Density (share of the box that misses)',
    yPercent: false,
    xTicks: 'auto',
    series: found.map((d) => ({ label: d.policy, x: d.trajectory.map((s) => s.coverage), y: d.trajectory.map((s) => s.density) })),
  });
  // Each policy with a significant box: the box the sentences and discovery.csv report (after
  // pasting and pruning, often off the curve), and the box peeling chose before them.
  const boxed = found.filter((d) => d.status === 'box' && d.box !== null);
  config.data.datasets.push(
    tradeoffMarks('reported box (after pasting and pruning)', boxed.map((d) => ({ x: d.box!.coverage, y: d.box!.density })), { pointStyle: 'rectRot', pointRadius: 7, color: '#000000', fill: '#000000' }),
    tradeoffMarks('peeling\u2019s choice (before pasting and pruning)', boxed.map((d) => d.trajectory[d.selectedIndex ?? 0]!).map((s) => ({ x: s.coverage, y: s.density })), { pointStyle: 'circle', pointRadius: 6, color: '#555555', fill: 'rgba(0, 0, 0, 0)' }),
  );
  // Both axes from 0 to 1, so curves of different policies compare at a glance.
  const x = config.options?.scales?.['x'];
  if (x !== undefined) Object.assign(x, { min: 0, max: 1 });
  return {
    file: `charts/tradeoff-${stem(metric)}.png`,
    heading: `Where policies miss ${goal}: the coverage-density trade-off`,
    caption: 'PRIM\u2019s peeling trajectory for each policy: every point is a box of uncertain parameter values; coverage is the share of the policy\u2019s misses inside the box, density the share of the box\u2019s conditions that are misses. Peeling moves left and up. For each policy with a significant restriction, the filled black diamond is the box the report gives (its sentence and discovery.csv): peeling\u2019s choice, the first box with density at least the study\u2019s minDensity (hollow grey circle), after pasting widened it and pruning dropped its restrictions that are not significant, so it can lie far from the curve. A policy without a significant restriction has no marks.',
    config,
  };
}

/** A dataset of marks only (no line) drawn over the trade-off curves. */
function tradeoffMarks(label: string, data: { x: number; y: number }[], style: { pointStyle: 'rectRot' | 'circle'; pointRadius: number; color: string; fill: string }): ChartConfiguration<'line', { x: number; y: number }[]>['data']['datasets'][number] {
  return {
    label,
    data,
    showLine: false,
    pointStyle: style.pointStyle,
    pointRadius: style.pointRadius,
    pointHoverRadius: style.pointRadius + 1,
    borderColor: style.color,
    backgroundColor: style.fill,
    borderWidth: 2,
    order: -1,
  };
}

/** Floating bars: each chosen box's range of every uncertain parameter, as a share of its sampled range. */
function boxFigure(outputs: StudyOutputs, metric: string): Figure | null {
  const found = outputs.discoveries.filter((d) => d.metric === metric && d.box !== null && d.box.restricted.length > 0);
  if (found.length === 0) return null;
  const d0 = found[0]!;
  const goal = `${metric} ${d0.direction === 'minimize' ? '<=' : '>='} ${d0.threshold}`;
  const unit = (j: number, value: number): number => {
    const [lo, hi] = outputs.ranges[j]!;
    return hi > lo ? (value - lo) / (hi - lo) : 0;
  };
  const config: ChartConfiguration<'bar', [number, number][], string> = {
    type: 'bar',
    data: {
      labels: [...outputs.parameters],
      datasets: found.map((d, i) => {
        const color = seriesColor(outputs.policies.indexOf(d.policy) >= 0 ? outputs.policies.indexOf(d.policy) : i);
        return {
          label: d.policy,
          data: d.box!.limits.map((l, j): [number, number] => [unit(j, l.lower), unit(j, l.upper)]),
          backgroundColor: color,
          borderColor: color,
          borderWidth: 0,
          categoryPercentage: 0.8,
          barPercentage: 0.9,
        };
      }),
    },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      plugins: { ...titleBlock(`Where each policy misses ${goal}: the chosen box`, 'Each bar spans the box\u2019s range of a parameter, as a share of its sampled range; a full bar is no restriction'), legend: legendBlock(found.length) },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: axisTitle('Share of the sampled range (0 = min, 1 = max)'), ...gridOn() },
        y: { type: 'category', ...gridOff() },
      },
    },
  };
  return {
    file: `charts/boxes-${stem(metric)}.png`,
    heading: `Where policies miss ${goal}: the boxes`,
    caption: 'For each policy with a box (pruned: restrictions that are not significant dropped), the range of every uncertain parameter inside it, scaled to the sampled range: a short bar is a strong restriction, a full bar none. The discovery table gives the exact limits and their quasi-p-values.',
    config,
  };
}

/** Every chart of a study, in report order. */
export function studyFigures(outputs: StudyOutputs): Figure[] {
  const figures: (Figure | null)[] = [satisficingFigure(outputs)];
  for (const o of outputs.record.objectives) figures.push(distributionFigure(outputs, o.metric), regretFigure(outputs, o.metric));
  for (const o of outputs.record.objectives) if (o.threshold !== null) figures.push(tradeoffFigure(outputs, o.metric), boxFigure(outputs, o.metric));
  return figures.filter((f): f is Figure => f !== null);
}
