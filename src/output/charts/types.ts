/**
 * Chart specs: plain, model-free inputs to the chart builders, and the custom fields the povsim
 * plugins read from a chart.js config (declared on chart.js's types by module augmentation).
 *
 * Conventions for every spec: values marked "fraction" are shares in [0, 1] shown as percentages
 * (0.25 is drawn as 25%); arrays that describe the same points have equal lengths (builders throw
 * a RangeError otherwise); `null` is a missing value (gap, no bar, grey cell).
 */
import type { ChartConfiguration, ChartType } from 'chart.js';
import type { ChannelChartConfiguration } from './channels.js';
import type { GroupedBarChartConfiguration } from './grouped-bar.js';
import type { HeatmapChartConfiguration } from './heatmap.js';
import type { IncidenceChartConfiguration } from './incidence.js';
import type { LineBandChartConfiguration } from './line-band.js';
import type { RadarChartConfiguration } from './radar.js';
import type { ScatterChartConfiguration } from './scatter.js';
import type { SensitivityChartConfiguration } from './sensitivity.js';
import type { StackedSourceChartConfiguration } from './stacked-source.js';

/** One line over months, e.g. one scenario's poverty headcount; optional 95% band. */
export interface LineSeries {
  readonly label: string;
  /** Month numbers (x). */
  readonly x: readonly number[];
  /** Value per month (fraction when the chart has `yPercent`). */
  readonly y: readonly number[];
  /** Lower edge of the 95% band, per month. Give both `lower` and `upper` or neither. */
  readonly lower?: readonly number[];
  /** Upper edge of the 95% band, per month. */
  readonly upper?: readonly number[];
}

/** Spec of {@link lineBandChart}. */
export interface LineBandChartSpec {
  /** Says what is shown, e.g. "Poverty headcount by month". */
  readonly title: string;
  /** Axis title with unit, e.g. "Month". */
  readonly xTitle: string;
  /** Axis title with unit, e.g. "Share of households (%)". */
  readonly yTitle: string;
  readonly series: readonly LineSeries[];
  /** y values are fractions shown as percentages. */
  readonly yPercent?: boolean;
  /** x ticks: whole numbers only (default; months) or chart.js's automatic steps (e.g. a parameter from 0.05 to 0.5). */
  readonly xTicks?: 'integer' | 'auto';
  /** Subtitle; defaults to a note on the bands when any series has one. */
  readonly note?: string;
}

/** One series (scenario) of {@link groupedBarChart}: one value per category. */
export interface BarSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** Lower end of the 95% interval per category (whisker); `null` for none. */
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
  /** Palette position of the series' colour; default its position in the spec, so a chart that leaves out some scenarios can keep each scenario's colour. */
  readonly colorIndex?: number;
}

/** Spec of {@link groupedBarChart}. */
export interface GroupedBarChartSpec {
  readonly title: string;
  /** Value axis title with unit, e.g. "Share (%)". */
  readonly yTitle: string;
  /** Category axis title; none by default (categories name themselves). */
  readonly xTitle?: string;
  /** e.g. ["Inclusion error", "Exclusion error", "Leakage"]; an array is drawn as lines of one label. */
  readonly categories: readonly (string | readonly string[])[];
  readonly series: readonly BarSeries[];
  readonly yPercent?: boolean;
  /** Subtitle; defaults to a note on the whiskers when any series has intervals. */
  readonly note?: string;
}

/** One scenario of {@link incidenceChart}. */
export interface IncidenceSeries {
  readonly label: string;
  /** Fraction of all assistance (yuan) received by each tenth of persons by true income, poorest first (10 values). */
  readonly shares: readonly number[];
  /** 95% interval of each share (whiskers, bars style only); give both or neither, `null` for none. */
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
  /** Palette position of the series' colour; default its position in the spec. */
  readonly colorIndex?: number;
}

/** Spec of {@link incidenceChart}. */
export interface IncidenceChartSpec {
  readonly title?: string;
  readonly series: readonly IncidenceSeries[];
  /** Grouped bars (default) or lines with markers. */
  readonly style?: 'bars' | 'lines';
  readonly note?: string;
}

/** Where one source's money went, in yuan. */
export interface SourceBreakdown {
  readonly toPoor: number;
  readonly toNonPoor: number;
  readonly diverted: number;
  readonly administration: number;
  readonly unspent: number;
}

/** The five destinations of money, in stacking order. */
export type MoneyDestination = keyof SourceBreakdown;

/** One scenario of {@link stackedSourceChart}. */
export interface SourceScenario {
  readonly label: string;
  /** Breakdown per source name; every name in the spec's `sources` must be present. */
  readonly breakdown: Readonly<Record<string, SourceBreakdown>>;
}

/** Spec of {@link stackedSourceChart}. */
export interface StackedSourceChartSpec {
  readonly title?: string;
  /** Source names in display order, e.g. ["government", "enterprises", "social organisations", "collective"]. */
  readonly sources: readonly string[];
  readonly scenarios: readonly SourceScenario[];
  /** Bar order with several scenarios: scenario-major ("baseline - government", "baseline - enterprises", ...; default) or source-major. */
  readonly groupBy?: 'scenario' | 'source';
  /**
   * `yuan` (default): bar lengths in yuan. `share`: each bar split into the fractions of its own
   * total (all bars 100% long), so small sources read as well as large ones; each bar's label
   * then gives its total in yuan on a second line.
   */
  readonly scale?: 'yuan' | 'share';
  readonly note?: string;
}

/** One channel (e.g. a programme) of {@link channelChart}. */
export interface ChannelBar {
  /** Name of the channel, e.g. "Transfers". */
  readonly label: string;
  /** The group it belongs to (e.g. its source of funds); one of the spec's `groups`. */
  readonly group: string;
  /** Its targeting index, e.g. its Coady-Grosh-Hoddinott indicator (1 = neutral). */
  readonly value: number;
  /** Yuan it paid, shown under its name. */
  readonly yuan: number;
}

/** Spec of {@link channelChart}. */
export interface ChannelChartSpec {
  readonly title?: string;
  /** Value axis title with its meaning; defaults to the CGH index over the poorest 40% of persons. */
  readonly valueTitle?: string;
  /** Group names in legend order; a group's colour is the palette colour of its position. */
  readonly groups: readonly string[];
  readonly channels: readonly ChannelBar[];
  readonly note?: string;
}

/** The eight governance dimensions, each a score in [0, 1] (1 = best). */
export type GovernanceDimension =
  | 'ruleOfLaw'
  | 'fairness'
  | 'transparency'
  | 'responsiveness'
  | 'participation'
  | 'effectiveness'
  | 'accountability'
  | 'integrity';

/** One scenario of {@link radarChart}. */
export interface GovernanceProfile {
  readonly label: string;
  /** Score per dimension; `null` = undefined in this run (e.g. no poor applicants), drawn as a gap. */
  readonly scores: Readonly<Record<GovernanceDimension, number | null>>;
}

/** Spec of {@link radarChart}. */
export interface RadarChartSpec {
  readonly title?: string;
  readonly scenarios: readonly GovernanceProfile[];
  readonly note?: string;
}

/** Spec of {@link heatmapChart}: a metric over a grid of two parameters. */
export interface HeatmapChartSpec {
  readonly title: string;
  /** Title of the parameter along x, with unit. */
  readonly xTitle: string;
  readonly yTitle: string;
  /** Title of the metric (colour bar), with unit, e.g. "Poverty headcount (%)". */
  readonly valueTitle: string;
  /** Parameter values along x, left to right. */
  readonly xValues: readonly (number | string)[];
  /** Parameter values along y, bottom to top. */
  readonly yValues: readonly (number | string)[];
  /** values[yIndex][xIndex]; `null` = no value (grey cell). */
  readonly values: readonly (readonly (number | null)[])[];
  /** Values are fractions shown as percentages. */
  readonly percent?: boolean;
  /** Decimals in cell labels and colour-bar ticks (default 1). */
  readonly maximumFractionDigits?: number;
  /** Colour scale domain [low, high]; defaults to the data's range. */
  readonly domain?: readonly [number, number];
  /** Print the value in every cell when all labels fit their cells (default true). */
  readonly showValues?: boolean;
  readonly note?: string;
}

/** One parameter's Sobol indices (each in [0, 1], as estimated), optional 95% intervals. */
export interface SobolParameter {
  readonly name: string;
  readonly firstOrder: number;
  readonly firstOrderLower?: number;
  readonly firstOrderUpper?: number;
  readonly total: number;
  readonly totalLower?: number;
  readonly totalUpper?: number;
}

/** One parameter's Morris screening statistics, in the output's units. */
export interface MorrisParameter {
  readonly name: string;
  /** Mean absolute elementary effect. */
  readonly muStar: number;
  /** Standard deviation of the elementary effects. */
  readonly sigma: number;
  readonly muStarLower?: number;
  readonly muStarUpper?: number;
}

/** Spec of {@link sensitivityChart} for Sobol indices. */
export interface SobolSensitivitySpec {
  readonly method: 'sobol';
  readonly title?: string;
  /** The output analysed, e.g. "poverty headcount at month 36". */
  readonly outputName: string;
  readonly parameters: readonly SobolParameter[];
  readonly note?: string;
}

/** Spec of {@link sensitivityChart} for Morris screening. */
export interface MorrisSensitivitySpec {
  readonly method: 'morris';
  readonly title?: string;
  /** The output analysed, e.g. "poverty headcount at month 36". */
  readonly outputName: string;
  /** Unit of the output, for the axis title, e.g. "percentage points". */
  readonly outputUnit: string;
  readonly parameters: readonly MorrisParameter[];
  readonly note?: string;
}

/** Spec of {@link sensitivityChart}. */
export type SensitivityChartSpec = SobolSensitivitySpec | MorrisSensitivitySpec;

/** Any config a povsim chart builder returns. */
export type PovsimChartConfiguration =
  | LineBandChartConfiguration
  | GroupedBarChartConfiguration
  | IncidenceChartConfiguration
  | StackedSourceChartConfiguration
  | ChannelChartConfiguration
  | RadarChartConfiguration
  | HeatmapChartConfiguration
  | SensitivityChartConfiguration
  | ScatterChartConfiguration;

/** What the renderer accepts: a builder's config, or any other chart.js config that is pure JSON. */
export type RenderableChartConfiguration = PovsimChartConfiguration | ChartConfiguration;

/** Whisker data read by the `povsimWhiskers` plugin: interval ends on the dataset's value axis. */
export interface WhiskerData {
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
}

/** A reference line drawn by the `povsimRefLines` plugin. */
export interface RefLine {
  /** Id of the scale the value is on, e.g. "y". */
  readonly scaleId: string;
  readonly value: number;
  readonly label: string;
  readonly color: string;
  readonly lineWidth: number;
  /** Dash pattern in px; [] for solid. */
  readonly dash: number[];
  /** Where the label of a vertical line (on a horizontal scale) goes: at the top of the plot (default) or at the bottom. */
  readonly labelPosition?: 'top' | 'bottom';
}

/** A tick on the heatmap colour bar: position in [0, 1] from the bottom, and its label. */
export interface ColorBarTick {
  readonly fraction: number;
  readonly label: string;
}

/** Heatmap cell data read by the `povsimHeatmap` plugin, aligned with the dataset's data. */
export interface HeatmapData {
  readonly nx: number;
  readonly ny: number;
  readonly xIndex: number[];
  readonly yIndex: number[];
  /** Cell colour; `null` = missing value. */
  readonly colors: (string | null)[];
  readonly labels: string[];
  readonly textColors: string[];
  /** Tooltip text per cell (browser). */
  readonly tooltips: string[];
  readonly showValues: boolean;
  readonly colorBar: {
    readonly stops: string[];
    readonly ticks: ColorBarTick[];
    readonly title: string;
  };
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    povsimBackground?: { color?: string };
    povsimWhiskers?: { color?: string; lineWidth?: number; capFraction?: number; maxCapPx?: number };
    povsimRefLines?: { lines: RefLine[] };
    povsimHeatmap?: { gapPx?: number; labelSizePx?: number; missingColor?: string };
  }
  interface BarControllerDatasetOptions {
    povsimWhiskers?: WhiskerData;
  }
  interface LineControllerDatasetOptions {
    povsimWhiskers?: WhiskerData;
    /** No legend entry (band edges). */
    povsimLegendHidden?: boolean;
    /** Heatmap cells (scatter datasets share the line dataset options). */
    povsimHeatmap?: HeatmapData;
  }
}
