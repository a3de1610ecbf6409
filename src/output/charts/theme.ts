/**
 * One look for every povsim chart: colour-blind-safe colours, one font, number formats.
 *
 * Everything here is plain data or a pure function, so the same values reach the PNG renderer
 * (node-canvas) and the offline HTML report (chart.js in a browser) unchanged.
 */

/**
 * Okabe-Ito categorical palette, ordered for series (scenarios): strong, mutually distinct colours
 * first, yellow (weak contrast on white) and black last.
 * Source: Okabe & Ito (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/.
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  skyBlue: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Series colours in the order series are given (cycled past eight, see {@link seriesColor}). */
export const SERIES_PALETTE: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/**
 * Font stack. DejaVu Sans comes with Debian's `fonts-dejavu-core`, the first font `fontconfig`
 * pulls in (it is what cairo/pango, and so node-canvas, resolve to on a bare Debian); browsers
 * without it fall back to the next family.
 */
export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** Theme values handed to the chart.js installer (node and browser alike); JSON only. */
export const CHART_THEME = {
  fontFamily: FONT_FAMILY,
  /** Base text size (px): ticks, legend. */
  fontSize: 13,
  /** Chart title size (px). */
  titleSize: 17,
  /** Subtitle (note) size (px). */
  noteSize: 12,
  /** Axis title size (px). */
  axisTitleSize: 13,
  textColor: '#222222',
  mutedTextColor: '#555555',
  gridColor: 'rgba(0, 0, 0, 0.10)',
  axisColor: '#888888',
  background: '#ffffff',
  /** Whisker (interval) stroke colour. */
  whiskerColor: '#222222',
  /** Fixed locale so tick labels are identical whatever the machine's LANG. */
  locale: 'en-US',
} as const;

/** Type of {@link CHART_THEME}. */
export type ChartTheme = typeof CHART_THEME;

/** Default PNG size (px): fits a document page width. */
export const DEFAULT_CHART_SIZE = { width: 900, height: 500 } as const;

/** Opacity of a 95% band or area fill drawn behind a line. */
export const BAND_ALPHA = 0.18;

/** Dash patterns (px) that tell series apart once the palette repeats (series 9 and on). */
const CYCLE_DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

/**
 * Colour of the series at `index` (0-based) in {@link SERIES_PALETTE}, cycling after eight.
 * @example seriesColor(0) // '#0072B2'; seriesColor(9) // '#E69F00'
 */
export function seriesColor(index: number): string {
  const n = SERIES_PALETTE.length;
  return SERIES_PALETTE[((index % n) + n) % n] as string;
}

/**
 * Line dash (px on, px off) for the series at `index`: solid for the first eight, then a new
 * pattern each time the palette repeats, so no two of the first 32 series look the same.
 * @example seriesDash(3) // []; seriesDash(8) // [8, 4]
 */
export function seriesDash(index: number): number[] {
  const cycle = Math.floor(index / SERIES_PALETTE.length) % CYCLE_DASHES.length;
  return [...(CYCLE_DASHES[cycle] as readonly number[])];
}

/** Red, green, blue channels (0-255) of a `#rrggbb` colour; throws on any other form. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-fA-F]{6})$/.exec(hex);
  if (m === null) throw new RangeError(`expected a #rrggbb colour, got ${JSON.stringify(hex)}`);
  const v = Number.parseInt(m[1] as string, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * CSS `rgba()` of a `#rrggbb` colour at opacity `alpha` in [0, 1].
 * @example withAlpha('#0072B2', 0.18) // 'rgba(0, 114, 178, 0.18)'
 */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * Viridis sampled at 11 evenly spaced points (0, 0.1, ..., 1). Source: matplotlib's `viridis`
 * (van der Walt & Smith 2015), perceptually uniform and readable with the common colour-vision
 * deficiencies and in greyscale.
 */
export const VIRIDIS_STOPS: readonly string[] = [
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c',
  '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
];

/**
 * Viridis colour at position `t` in [0, 1] (clamped; NaN counts as 0), by linear interpolation in
 * sRGB between the 11 {@link VIRIDIS_STOPS}.
 * @example viridis(0) // '#440154'; viridis(1) // '#fde725'; viridis(0.05) // '#461365'
 */
export function viridis(t: number): string {
  const clamped = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const pos = clamped * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(Math.floor(pos), VIRIDIS_STOPS.length - 2);
  const f = pos - i;
  const a = hexToRgb(VIRIDIS_STOPS[i] as string);
  const b = hexToRgb(VIRIDIS_STOPS[i + 1] as string);
  const mix = (k: 0 | 1 | 2): string =>
    Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0');
  return `#${mix(0)}${mix(1)}${mix(2)}`;
}

/**
 * WCAG 2 relative luminance of a `#rrggbb` colour, in [0, 1].
 * Source: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
 * @example relativeLuminance('#ffffff') // 1; relativeLuminance('#000000') // 0
 */
export function relativeLuminance(hex: string): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = hexToRgb(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Black or white, whichever has the higher WCAG contrast ratio on `backgroundHex`: the colour for
 * a value label drawn on a heatmap cell.
 * @example contrastTextColor('#440154') // '#ffffff'; contrastTextColor('#fde725') // '#000000'
 */
export function contrastTextColor(backgroundHex: string): '#000000' | '#ffffff' {
  const l = relativeLuminance(backgroundHex);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}

/**
 * `ticks.format` for an axis whose data are fractions (0.25 = 25%): chart.js formats tick labels
 * and tooltip values through `Intl.NumberFormat` with these options, in node and browsers alike.
 * Both digit bounds are set because chart.js pre-fills `minimumFractionDigits` from the tick step.
 */
export const PERCENT_TICK_FORMAT = {
  style: 'percent',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
} as const satisfies Intl.NumberFormatOptions;

/**
 * `ticks.format` for money amounts (yuan): compact notation, e.g. 1 250 000 -> "1.3M".
 */
export const COMPACT_TICK_FORMAT = {
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
} as const satisfies Intl.NumberFormatOptions;

/**
 * Formats a number for a label drawn by a povsim plugin (heatmap cells, colour bar), in the theme
 * locale, rounding half away from zero. With `percent`, `value` is a fraction (0.125 = 12.5%).
 * `minimumFractionDigits` (default 0) pads with zeros, so a column of labels lines up.
 * @example formatValue(0.125, { percent: true, maximumFractionDigits: 1 }) // '12.5%'
 * @example formatValue(0.26, { percent: true, maximumFractionDigits: 1, minimumFractionDigits: 1 }) // '26.0%'
 * @example formatValue(1234.5, { percent: false, maximumFractionDigits: 0 }) // '1,235'
 */
export function formatValue(
  value: number,
  options: {
    readonly percent: boolean;
    readonly maximumFractionDigits: number;
    readonly minimumFractionDigits?: number;
  },
): string {
  return new Intl.NumberFormat(CHART_THEME.locale, {
    style: options.percent ? 'percent' : 'decimal',
    minimumFractionDigits: options.minimumFractionDigits ?? 0,
    maximumFractionDigits: options.maximumFractionDigits,
  }).format(value);
}
