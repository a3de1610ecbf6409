/**
 * povsim's chart.js plugins and defaults, kept as one piece of plain ES2017 source text.
 *
 * Why source text: the same code must run in the PNG renderer (node) and inlined in the offline
 * HTML report (browser). A TypeScript function's `toString()` differs between tsc, tsx and
 * vitest's transform (some inject helpers such as `__name`), so instead the source is the single
 * definition: node evaluates it ({@link installChartPlugins}) and the report inlines it
 * ({@link chartPluginsBrowserSource}). Configs stay pure JSON: plugins read plain data from
 * `options.plugins.<id>` or from custom dataset fields (see `types.ts`).
 *
 * Plugins (all registered globally, each inert unless its data is present):
 * - `povsimBackground`: fills the canvas white before drawing (chart.js leaves it transparent).
 * - `povsimWhiskers`: draws interval whiskers from a dataset's `povsimWhiskers: { lower, upper }`
 *   (values on the dataset's value axis) on bars or points, vertical or horizontal.
 * - `povsimRefLines`: dashed reference lines from `options.plugins.povsimRefLines.lines`, each
 *   labelled at the right end (horizontal line) or at the top or bottom (vertical line).
 * - `povsimHeatmap`: heatmap cells, value labels and a colour bar from a dataset's `povsimHeatmap`.
 * Defaults set: font, colours, locale; legend hides datasets with `povsimLegendHidden: true`
 * (band edges); a linear axis with `ticks.format` labels zero through the same format ("0%", not
 * "0"); tooltips of heatmap cells show the cell's text, a category label given as several lines
 * titles its tooltip with those lines, and a missing (null) value has no tooltip line.
 */
import type { Chart } from 'chart.js';
import { CHART_THEME, type ChartTheme } from './theme.js';

/** Ids of the plugins that {@link CHART_PLUGINS_SOURCE} registers. */
export const CHART_PLUGIN_IDS = [
  'povsimBackground',
  'povsimWhiskers',
  'povsimRefLines',
  'povsimHeatmap',
] as const;

/**
 * Source of `function installPovsimCharts(Chart, theme)`: sets the theme defaults on `Chart`,
 * registers the povsim plugins and returns them (an array of plugin objects). Idempotent per
 * `Chart` object. No template literals inside (it lives in one).
 */
export const CHART_PLUGINS_SOURCE = String.raw`function installPovsimCharts(Chart, theme) {
  'use strict';
  if (Chart.__povsimPlugins) return Chart.__povsimPlugins;
  var d = Chart.defaults;
  d.font.family = theme.fontFamily;
  d.font.size = theme.fontSize;
  d.color = theme.textColor;
  d.borderColor = theme.gridColor;
  d.locale = theme.locale;

  // Legend: band edges (lower/upper datasets) carry povsimLegendHidden and get no entry.
  d.plugins.legend.labels.filter = function (item, data) {
    var ds = data.datasets[item.datasetIndex];
    return !(ds && ds.povsimLegendHidden);
  };

  // Tooltip of a heatmap cell: its prepared text; anything else falls back to chart.js's label.
  d.plugins.tooltip.callbacks.label = function (ctx) {
    var h = ctx.dataset && ctx.dataset.povsimHeatmap;
    return h ? h.tooltips[ctx.dataIndex] : undefined;
  };

  // Tooltip title of a category given as several lines (e.g. a name over its yuan): those lines,
  // not chart.js's comma-joined text; anything else falls back to chart.js's title.
  d.plugins.tooltip.callbacks.title = function (items) {
    var item = items[0];
    var labels = item && item.chart.data.labels;
    var label = labels ? labels[item.dataIndex] : undefined;
    return Array.isArray(label) ? label : undefined;
  };

  // A missing value (null) gets no tooltip line: chart.js would show it as 0.
  d.plugins.tooltip.filter = function (item) {
    return item.raw !== null && item.raw !== undefined;
  };

  // chart.js labels a zero tick "0" whatever ticks.format says; label it through the format too.
  function zeroThroughFormat(original) {
    return function (value, index, ticks) {
      var format = this.options.ticks.format;
      if (value === 0 && format) {
        return new Intl.NumberFormat(this.chart.options.locale, format).format(0);
      }
      return original.call(this, value, index, ticks);
    };
  }
  d.scales.linear.ticks.callback = zeroThroughFormat(d.scales.linear.ticks.callback);
  d.scales.radialLinear.ticks.callback = zeroThroughFormat(d.scales.radialLinear.ticks.callback);

  function font(size, weight) {
    return (weight || 'normal') + ' ' + size + 'px ' + theme.fontFamily;
  }
  function clipTo(ctx, a) {
    ctx.beginPath();
    ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
    ctx.clip();
  }
  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  var background = {
    id: 'povsimBackground',
    defaults: { color: theme.background },
    beforeDraw: function (chart, args, opts) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = opts.color;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  var whiskers = {
    id: 'povsimWhiskers',
    defaults: { color: theme.whiskerColor, lineWidth: 1.5, capFraction: 0.35, maxCapPx: 14 },
    afterDatasetsDraw: function (chart, args, opts) {
      var ctx = chart.ctx;
      ctx.save();
      clipTo(ctx, chart.chartArea);
      ctx.strokeStyle = opts.color;
      ctx.lineWidth = opts.lineWidth;
      ctx.setLineDash([]);
      chart.data.datasets.forEach(function (ds, i) {
        var w = ds.povsimWhiskers;
        if (!w || !chart.isDatasetVisible(i)) return;
        var meta = chart.getDatasetMeta(i);
        var vScale = meta.vScale;
        var horizontal = meta.iScale.axis === 'y';
        meta.data.forEach(function (el, j) {
          var lo = w.lower[j];
          var hi = w.upper[j];
          if (!finite(lo) || !finite(hi)) return;
          var p = el.getProps(['x', 'y', 'width', 'height'], true);
          var thickness = horizontal ? p.height : p.width;
          if (!(thickness > 0)) thickness = 16;
          var half = Math.min(opts.maxCapPx, thickness * opts.capFraction) / 2;
          var a = vScale.getPixelForValue(lo);
          var b = vScale.getPixelForValue(hi);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, p.y); ctx.lineTo(b, p.y);
            ctx.moveTo(a, p.y - half); ctx.lineTo(a, p.y + half);
            ctx.moveTo(b, p.y - half); ctx.lineTo(b, p.y + half);
          } else {
            ctx.moveTo(p.x, a); ctx.lineTo(p.x, b);
            ctx.moveTo(p.x - half, a); ctx.lineTo(p.x + half, a);
            ctx.moveTo(p.x - half, b); ctx.lineTo(p.x + half, b);
          }
          ctx.stroke();
        });
      });
      ctx.restore();
    }
  };

  var refLines = {
    id: 'povsimRefLines',
    defaults: { lines: [] },
    afterDatasetsDraw: function (chart, args, opts) {
      var lines = opts.lines || [];
      var area = chart.chartArea;
      var ctx = chart.ctx;
      for (var k = 0; k < lines.length; k++) {
        var line = lines[k];
        var scale = chart.scales[line.scaleId];
        if (!scale || !finite(line.value)) continue;
        var p = scale.getPixelForValue(line.value);
        ctx.save();
        ctx.strokeStyle = line.color;
        ctx.lineWidth = line.lineWidth;
        ctx.setLineDash(line.dash);
        ctx.beginPath();
        if (scale.isHorizontal()) {
          ctx.moveTo(p, area.top); ctx.lineTo(p, area.bottom);
        } else {
          ctx.moveTo(area.left, p); ctx.lineTo(area.right, p);
        }
        ctx.stroke();
        if (line.label) {
          var x = area.right - 4;
          var y = p - 3;
          ctx.setLineDash([]);
          ctx.font = font(theme.noteSize);
          if (scale.isHorizontal() && line.labelPosition === 'bottom') {
            ctx.textAlign = 'left'; ctx.textBaseline = 'bottom';
            x = p + 4; y = area.bottom - 4;
          } else if (scale.isHorizontal()) {
            ctx.textAlign = 'left'; ctx.textBaseline = 'top';
            x = p + 4; y = area.top + 4;
          } else {
            ctx.textAlign = 'right'; ctx.textBaseline = 'bottom';
          }
          // A halo in the background colour keeps the label readable where it crosses a bar.
          ctx.lineJoin = 'round';
          ctx.lineWidth = 3;
          ctx.strokeStyle = theme.background;
          ctx.strokeText(line.label, x, y);
          ctx.fillStyle = line.color;
          ctx.fillText(line.label, x, y);
        }
        ctx.restore();
      }
    }
  };

  function heatmapDatasets(chart) {
    var out = [];
    chart.data.datasets.forEach(function (ds, i) {
      if (ds.povsimHeatmap && chart.isDatasetVisible(i)) out.push({ h: ds.povsimHeatmap, meta: chart.getDatasetMeta(i) });
    });
    return out;
  }

  var heatmap = {
    id: 'povsimHeatmap',
    defaults: { gapPx: 1, labelSizePx: 12, missingColor: '#e6e6e6' },
    beforeDatasetsDraw: function (chart, args, opts) {
      var ctx = chart.ctx;
      heatmapDatasets(chart).forEach(function (item) {
        var h = item.h;
        var xs = chart.scales[item.meta.xAxisID];
        var ys = chart.scales[item.meta.yAxisID];
        var cw = xs.width / h.nx;
        var ch = ys.height / h.ny;
        var gap = opts.gapPx;
        ctx.save();
        clipTo(ctx, chart.chartArea);
        ctx.font = font(opts.labelSizePx);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        // Labels in every cell or in none: a partly labelled grid reads as a pattern in the data.
        var labelled = h.showValues && opts.labelSizePx + 4 <= ch;
        for (var m = 0; labelled && m < h.labels.length; m++) {
          if (ctx.measureText(h.labels[m]).width + 6 > cw) labelled = false;
        }
        for (var j = 0; j < h.xIndex.length; j++) {
          var cx = xs.getPixelForValue(h.xIndex[j]);
          var cy = ys.getPixelForValue(h.yIndex[j]);
          ctx.fillStyle = h.colors[j] || opts.missingColor;
          ctx.fillRect(cx - cw / 2 + gap / 2, cy - ch / 2 + gap / 2, cw - gap, ch - gap);
          if (labelled) {
            ctx.fillStyle = h.textColors[j];
            ctx.fillText(h.labels[j], cx, cy);
          }
        }
        ctx.restore();
      });
    },
    afterDraw: function (chart) {
      var ctx = chart.ctx;
      var area = chart.chartArea;
      heatmapDatasets(chart).forEach(function (item) {
        var bar = item.h.colorBar;
        if (!bar) return;
        var x0 = area.right + 18;
        var w = 14;
        var top = area.top;
        var bottom = area.bottom;
        var g = ctx.createLinearGradient(0, bottom, 0, top);
        for (var k = 0; k < bar.stops.length; k++) g.addColorStop(k / (bar.stops.length - 1), bar.stops[k]);
        ctx.save();
        ctx.fillStyle = g;
        ctx.fillRect(x0, top, w, bottom - top);
        ctx.strokeStyle = theme.axisColor;
        ctx.lineWidth = 1;
        ctx.strokeRect(x0, top, w, bottom - top);
        ctx.fillStyle = theme.textColor;
        ctx.font = font(theme.fontSize - 1);
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        var labelRight = x0 + w;
        for (var t = 0; t < bar.ticks.length; t++) {
          var tick = bar.ticks[t];
          var y = bottom - tick.fraction * (bottom - top);
          ctx.beginPath();
          ctx.moveTo(x0 + w, y); ctx.lineTo(x0 + w + 4, y);
          ctx.stroke();
          ctx.fillText(tick.label, x0 + w + 7, y);
          labelRight = Math.max(labelRight, x0 + w + 7 + ctx.measureText(tick.label).width);
        }
        if (bar.title) {
          ctx.translate(labelRight + 8, (top + bottom) / 2);
          ctx.rotate(Math.PI / 2);
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.font = font(theme.axisTitleSize, 'bold');
          ctx.fillText(bar.title, 0, 0);
        }
        ctx.restore();
      });
    }
  };

  var plugins = [background, whiskers, refLines, heatmap];
  Chart.register.apply(Chart, plugins);
  Chart.__povsimPlugins = plugins;
  return plugins;
}`;

/** The chart.js object the installer works on: what `chart.js/auto` (node) or `window.Chart` is. */
type ChartStatic = typeof Chart;

type Installer = (chart: ChartStatic, theme: ChartTheme) => unknown[];

let installer: Installer | undefined;

/**
 * Sets povsim's theme defaults on a chart.js object and registers the povsim plugins, by
 * evaluating {@link CHART_PLUGINS_SOURCE} (so node runs exactly what the HTML report inlines).
 * Returns the plugin objects (ids as in {@link CHART_PLUGIN_IDS}). Safe to call twice.
 */
export function installChartPlugins(chartJs: ChartStatic, theme: ChartTheme = CHART_THEME): unknown[] {
  installer ??= new Function(`return (${CHART_PLUGINS_SOURCE});`)() as Installer;
  return installer(chartJs, theme);
}

/**
 * Browser script text that installs the povsim plugins on the global `Chart` (chart.js UMD must be
 * loaded first), with the theme embedded as JSON. `<` is escaped so the text is safe in `<script>`.
 */
export function chartPluginsBrowserSource(theme: ChartTheme = CHART_THEME): string {
  const themeJson = JSON.stringify(theme).replace(/</g, '\\u003c');
  return `${CHART_PLUGINS_SOURCE}\ninstallPovsimCharts(window.Chart, ${themeJson});\n`;
}
