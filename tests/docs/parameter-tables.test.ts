import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  END_MARKER,
  START_MARKER,
  cell,
  extractBetweenMarkers,
  formatNumber,
  parameterTables,
  parameterTablesFor,
  replaceBetweenMarkers,
} from '../../scripts/parameter-tables.js';
import { bool, group, int, oneOf, share } from '../../src/model/parameter-spec.js';
import { leaves } from '../../src/model/parameter-spec.js';
import { parameterTree } from '../../src/model/parameters.js';

const docPath = fileURLToPath(new URL('../../docs/model.md', import.meta.url));

describe('docs/model.md parameter reference', () => {
  it('holds exactly the tables scripts/parameter-tables.ts generates (regenerate with --write docs/model.md)', () => {
    const doc = readFileSync(docPath, 'utf8');
    const inDoc = extractBetweenMarkers(doc);
    expect(inDoc, `docs/model.md needs one ${START_MARKER} and one ${END_MARKER}`).not.toBeNull();
    expect(inDoc).toBe(parameterTables());
  });

  it('has one table row per parameter of the tree, keyed by its dotted path', () => {
    const tables = parameterTables();
    const keys = [...tables.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(keys).toEqual(leaves(parameterTree).map((l) => l.path));
  });
});

describe('parameterTablesFor', () => {
  it('renders numbers, booleans and choices exactly', () => {
    // A tree by hand: one group with a number (integer, thousands separator), a share, a boolean
    // and a choice whose description contains a pipe that must be escaped.
    const tree = group('Root.', {
      g: group('A | group.', {
        n: int({ unit: 'yuan', min: 0, max: 20000, default: 1500, description: 'Count.', source: 'Made up.' }),
        s: share({ default: 0.25, description: 'A share.', source: 'Choice.' }),
        b: bool({ default: false, description: 'Flag.', source: 'None.' }),
        e: oneOf({ default: 'y', description: 'Pick.', source: 'Src.', values: { x: 'first', y: 'a|b' } }),
      }),
    });
    expect(parameterTablesFor(tree)).toBe(
      [
        '### `g`: A \\| group.',
        '',
        '| Key | Unit | Range | Default | Meaning | Source of the default |',
        '|---|---|---|---|---|---|',
        '| `g.n` | yuan | 0 to 20,000, integer | 1,500 | Count. | Made up. |',
        '| `g.s` | share (0-1) | 0 to 1 | 0.25 | A share. | Choice. |',
        '| `g.b` | true/false | `true`, `false` | `false` | Flag. | None. |',
        '| `g.e` | choice | `x`, `y` | `y` | Pick. `x`: first; `y`: a\\|b. | Src. |',
        '',
      ].join('\n'),
    );
  });
});

describe('formatNumber', () => {
  it('groups thousands of integers and leaves fractions alone', () => {
    expect(formatNumber(20_000_000)).toBe('20,000,000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-12500)).toBe('-12,500');
    expect(formatNumber(0.008)).toBe('0.008');
    expect(formatNumber(1e9)).toBe('1,000,000,000');
  });

  it('round-trips every safe integer once the separators are removed', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (x) => {
        expect(Number(formatNumber(x).replace(/,/g, ''))).toBe(x);
      }),
    );
  });
});

describe('cell', () => {
  it('never leaves an unescaped pipe or a newline in a cell', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = cell(s);
        expect(out).not.toMatch(/\n/);
        // Every pipe is preceded by an odd number of backslashes (escaped).
        for (const m of out.matchAll(/(\\*)\|/g)) expect(m[1]!.length % 2).toBe(1);
      }),
    );
  });
});

describe('markers', () => {
  it('replaces only the text between the markers and reads it back', () => {
    const doc = `intro\n${START_MARKER}\nold\n${END_MARKER}\noutro\n`;
    const updated = replaceBetweenMarkers(doc, 'new tables\n');
    expect(updated).toBe(`intro\n${START_MARKER}\nnew tables\n${END_MARKER}\noutro\n`);
    expect(extractBetweenMarkers(updated)).toBe('new tables\n');
  });

  it('rejects missing, doubled or reversed markers', () => {
    expect(extractBetweenMarkers('no markers')).toBeNull();
    expect(extractBetweenMarkers(`${END_MARKER}\n${START_MARKER}`)).toBeNull();
    expect(extractBetweenMarkers(`${START_MARKER}${START_MARKER}${END_MARKER}`)).toBeNull();
    expect(() => replaceBetweenMarkers('no markers', 'x')).toThrow();
  });
});
