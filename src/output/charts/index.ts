/**
 * Charts: plain specs in, chart.js configurations (pure JSON) out, PNG bytes from the renderer,
 * and the script text that lets an offline HTML page draw the same configurations.
 * Knows nothing of the model or of output file formats.
 */
export * from './types.js';
export * from './theme.js';
export { CHART_PLUGIN_IDS, CHART_PLUGINS_SOURCE, chartPluginsBrowserSource, installChartPlugins } from './plugins.js';
export { lineBandChart, BAND_NOTE, type LineBandChartConfiguration, type MonthPoint } from './line-band.js';
export { groupedBarChart, barDataset, WHISKER_NOTE, type GroupedBarChartConfiguration } from './grouped-bar.js';
export {
  incidenceChart, DECILE_COUNT, DECILE_LABELS, EQUAL_DECILE_SHARE, INCIDENCE_TITLE,
  type IncidenceChartConfiguration,
} from './incidence.js';
export {
  stackedSourceChart, compactYuan, MONEY_DESTINATIONS, STACKED_SOURCE_TITLE, type StackedSourceChartConfiguration,
} from './stacked-source.js';
export {
  channelChart, CHANNEL_TITLE, CHANNEL_VALUE_TITLE, NEUTRAL_INDEX, type ChannelChartConfiguration,
} from './channels.js';
export { radarChart, GOVERNANCE_DIMENSIONS, RADAR_TITLE, type RadarChartConfiguration } from './radar.js';
export {
  heatmapChart, domainFraction, COLOR_BAR_TICKS, type CellPoint, type HeatmapChartConfiguration,
} from './heatmap.js';
export { sensitivityChart, type SensitivityChartConfiguration } from './sensitivity.js';
export {
  scatterChart, SCATTER_DOT_ALPHA, type ScatterChartConfiguration, type ScatterChartSpec, type ScatterPoint,
} from './scatter.js';
export { CHART_FORMATS, type ChartFormat } from './formats.js';
export { renderPng, renderChart, tidySvg, chartJsBrowserSource, chartJsUmdPath, PDF_CREATION_DATE, type ChartSize } from './render.js';
