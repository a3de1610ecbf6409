/**
 * Charts as SVG and PDF (issue 10 item 25, `--format`): each format is a well-formed file of its
 * kind, and the same chart gives the same bytes, whatever was drawn before it in the process and
 * whenever it is drawn (cairo's process-wide surface counter and PDF clock are taken out).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF_CREATION_DATE, renderChart, renderPng, tidySvg } from '../../src/output/charts/index.js';
import { chartFileAs, parseChartFormats } from '../../src/output/report/files.js';
import { InputError } from '../../src/scenario/errors.js';
import { chartBuilds } from './fixtures.js';

const charts = chartBuilds;

/** A PDF's structure: header, one page of the chart's size, and a cross-reference table where `startxref` says. */
function expectPdf(pdf: Buffer, width: number, height: number): void {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  expect(text).toContain(`/MediaBox [ 0 0 ${width} ${height} ]`);
  expect(text).toContain('/Count 1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
}

/** An SVG document of the chart's size in pixels, drawn with paths (text as outlines). */
function expectSvg(svg: Buffer, width: number, height: number): void {
  const text = svg.toString('utf8');
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(text).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
  expect(text.trimEnd().endsWith('</svg>')).toBe(true);
  expect(text.match(/<path /g)?.length ?? 0).toBeGreaterThan(20);
}

describe('renderChart: SVG and PDF', () => {
  /** Every chart as SVG and PDF, drawn in order, then again in reverse order. */
  const first = new Map<string, { svg: Buffer; pdf: Buffer }>();
  const again = new Map<string, { svg: Buffer; pdf: Buffer }>();
  beforeAll(async () => {
    for (const [name, chart] of Object.entries(charts)) {
      first.set(name, { svg: await renderChart(chart(), undefined, 'svg'), pdf: await renderChart(chart(), undefined, 'pdf') });
    }
    // Drawn after all the others: cairo's process-wide counters have moved.
    for (const [name, chart] of Object.entries(charts).reverse()) {
      again.set(name, { svg: await renderChart(chart(), undefined, 'svg'), pdf: await renderChart(chart(), undefined, 'pdf') });
    }
  });

  it.each(Object.keys(charts))('%s: a well-formed SVG and PDF of 900 x 500, the same bytes when drawn again after the others', (name) => {
    const { svg, pdf } = first.get(name)!;
    expectSvg(svg, 900, 500);
    expectPdf(pdf, 900, 500);
    expect(again.get(name)!.svg.equals(svg)).toBe(true);
    expect(again.get(name)!.pdf.equals(pdf)).toBe(true);
  });

  it('PNG through renderChart is renderPng exactly; another size is the size asked for; a bad size is refused', async () => {
    const config = charts['grouped-bar']!();
    expect((await renderChart(config, undefined, 'png')).equals(await renderPng(config))).toBe(true);
    expectPdf(await renderChart(config, { width: 600, height: 400 }, 'pdf'), 600, 400);
    expectSvg(await renderChart(config, { width: 600, height: 400 }, 'svg'), 600, 400);
    await expect(renderChart(config, { width: 0, height: 400 }, 'svg')).rejects.toThrow(RangeError);
    await expect(renderChart(config, { width: 600, height: 40.5 }, 'pdf')).rejects.toThrow(RangeError);
  });

  it('a PDF records the fixed creation date, not the clock', async () => {
    expect(PDF_CREATION_DATE.getTime()).toBe(0);
    const pdf = (await renderChart(charts['radar']!(), undefined, 'pdf')).toString('latin1');
    expect(pdf).toMatch(/\/CreationDate \(D?:?19700101000000Z?\)/);
  });

  it('tidySvg renumbers surfaces in order of first appearance (references follow) and makes points pixels', () => {
    const raw = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="900pt" height="500pt" viewBox="0 0 900 500">\n<g id="surface41"><use xlink:href="#surface7"/></g><g id="surface7"/></svg>';
    expect(tidySvg(raw)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="900" height="500" viewBox="0 0 900 500">\n<g id="surface1"><use xlink:href="#surface2"/></g><g id="surface2"/></svg>',
    );
  });
});

describe('--format', () => {
  it('reads comma-separated formats into png, svg, pdf order', () => {
    expect(parseChartFormats('png')).toEqual(['png']);
    expect(parseChartFormats('pdf, SVG,png')).toEqual(['png', 'svg', 'pdf']);
    expect(parseChartFormats('svg')).toEqual(['svg']);
    expect(chartFileAs('charts/incidence.png', 'pdf')).toBe('charts/incidence.pdf');
  });

  it.each([
    ['', 'found ""'],
    ['png,gif', 'found "png,gif"'],
    ['png,,svg', 'found "png,,svg"'],
    ['svg,svg', 'each once, found "svg,svg"'],
  ])('%j is one clear line naming the flag', (text, ending) => {
    expect(() => parseChartFormats(text)).toThrow(InputError);
    expect(() => parseChartFormats(text)).toThrow(new RegExp(`^--format: expected formats from png, svg, pdf.*${ending.replace(/[."]/g, '\\$&')}$`));
  });
});
