/** The file formats a chart is rendered in (a light module: no chart.js, no canvas). */

/** PNG (raster, for screens), SVG and PDF (vectors, for print and publication). */
export type ChartFormat = 'png' | 'svg' | 'pdf';
/** Every {@link ChartFormat}, in the order povsim writes them. */
export const CHART_FORMATS: readonly ChartFormat[] = ['png', 'svg', 'pdf'];
