import { Chart, LinearScale, registerables, type Scale } from 'chart.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contrastTextColor, formatValue, hexToRgb, installChartPlugins, OKABE_ITO, PERCENT_TICK_FORMAT,
  COMPACT_TICK_FORMAT, relativeLuminance, SERIES_PALETTE, seriesColor, seriesDash, VIRIDIS_STOPS,
  viridis, withAlpha,
} from '../../src/output/charts/index.js';

describe('palette', () => {
  it('is the eight Okabe-Ito colours, all distinct', () => {
    expect(SERIES_PALETTE).toHaveLength(8);
    expect(new Set(SERIES_PALETTE.map((c) => c.toLowerCase())).size).toBe(8);
    expect(new Set(SERIES_PALETTE)).toEqual(new Set(Object.values(OKABE_ITO)));
  });

  it('series colours cycle after eight, and dashes then tell the cycles apart', () => {
    expect(seriesColor(0)).toBe('#0072B2');
    expect(seriesColor(1)).toBe('#E69F00');
    expect(seriesColor(8)).toBe('#0072B2');
    expect(seriesColor(9)).toBe('#E69F00');
    expect(seriesDash(7)).toEqual([]);
    expect(seriesDash(8)).toEqual([8, 4]);
    // The first 32 series differ in colour or dash.
    const looks = Array.from({ length: 32 }, (_, i) => `${seriesColor(i)}|${seriesDash(i).join(',')}`);
    expect(new Set(looks).size).toBe(32);
  });

  it('withAlpha writes rgba() of the hex channels', () => {
    // #0072B2 = (0x00, 0x72, 0xB2) = (0, 114, 178).
    expect(withAlpha('#0072B2', 0.18)).toBe('rgba(0, 114, 178, 0.18)');
    expect(hexToRgb('#E69F00')).toEqual([230, 159, 0]);
    expect(() => hexToRgb('red')).toThrow(RangeError);
    expect(() => hexToRgb('#fff')).toThrow(RangeError);
  });
});

describe('viridis', () => {
  it('hits its anchors exactly and interpolates between them', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(0.5)).toBe('#21918c');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(-3)).toBe('#440154');
    expect(viridis(7)).toBe('#fde725');
    expect(viridis(Number.NaN)).toBe('#440154');
    // t = 0.05 is halfway between #440154 and #482475:
    // r = (0x44 + 0x48) / 2 = (68 + 72) / 2 = 70 = 0x46; g = (1 + 36) / 2 = 18.5 -> 19 = 0x13;
    // b = (84 + 117) / 2 = 100.5 -> 101 = 0x65.
    expect(viridis(0.05)).toBe('#461365');
    VIRIDIS_STOPS.forEach((stop, i) => expect(viridis(i / 10)).toBe(stop));
  });

  it('gets lighter as the value grows (so light = high reads in greyscale too)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        // Rounding to 8-bit channels can cost a hair of luminance between very close values.
        expect(relativeLuminance(viridis(lo))).toBeLessThanOrEqual(relativeLuminance(viridis(hi)) + 0.002);
      }),
    );
  });
});

describe('contrast', () => {
  it('relative luminance of white, black and mid grey', () => {
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
    // #808080: s = 128/255 = 0.50196; ((s + 0.055) / 1.055)^2.4 = 0.21586.
    expect(relativeLuminance('#808080')).toBeCloseTo(0.21586, 5);
  });

  it('picks white text on dark cells and black on light ones', () => {
    expect(contrastTextColor('#440154')).toBe('#ffffff');
    expect(contrastTextColor('#fde725')).toBe('#000000');
    expect(contrastTextColor('#ffffff')).toBe('#000000');
    expect(contrastTextColor('#000000')).toBe('#ffffff');
  });
});

describe('number formats', () => {
  it('formatValue shows fractions as percentages in en-US', () => {
    expect(formatValue(0.125, { percent: true, maximumFractionDigits: 1 })).toBe('12.5%');
    expect(formatValue(0.26, { percent: true, maximumFractionDigits: 1 })).toBe('26%');
    expect(formatValue(0.26, { percent: true, maximumFractionDigits: 1, minimumFractionDigits: 1 })).toBe('26.0%');
    expect(formatValue(1234.5, { percent: false, maximumFractionDigits: 0 })).toBe('1,235');
    expect(formatValue(0.05, { percent: false, maximumFractionDigits: 6 })).toBe('0.05');
  });

  it('chart.js tick labels with PERCENT_TICK_FORMAT read as percentages, zero included', () => {
    Chart.register(...registerables);
    installChartPlugins(Chart);
    const callback = Chart.defaults.scales.linear.ticks.callback as (
      this: unknown, value: number, index: number, ticks: { value: number }[]) => string;
    const scale = { chart: { options: { locale: 'en-US' } }, options: { ticks: { format: PERCENT_TICK_FORMAT } } };
    const ticks = [0, 0.05, 0.1, 0.15].map((value) => ({ value }));
    expect(ticks.map((t, i) => callback.call(scale, t.value, i, ticks))).toEqual(['0%', '5%', '10%', '15%']);
    // Steps of 0.025: chart.js asks for 3 decimals of the fraction; the format caps at 1 of the percent.
    const fine = [0.1, 0.125, 0.15].map((value) => ({ value }));
    expect(fine.map((t, i) => callback.call(scale, t.value, i, fine))).toEqual(['10%', '12.5%', '15%']);
    // Tooltips go through the linear scale's getLabelForValue, which uses the same format.
    const label = LinearScale.prototype.getLabelForValue.call(scale as unknown as Scale, 0.125);
    expect(label).toBe('12.5%');
  });

  it('compact money ticks read 1.3M, 250K', () => {
    Chart.register(...registerables);
    installChartPlugins(Chart);
    const callback = Chart.defaults.scales.linear.ticks.callback as (
      this: unknown, value: number, index: number, ticks: { value: number }[]) => string;
    const scale = { chart: { options: { locale: 'en-US' } }, options: { ticks: { format: COMPACT_TICK_FORMAT } } };
    const ticks = [0, 250_000, 1_250_000].map((value) => ({ value }));
    expect(ticks.map((t, i) => callback.call(scale, t.value, i, ticks))).toEqual(['0', '250K', '1.3M']);
  });
});
