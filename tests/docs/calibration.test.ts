import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_END, CALIBRATION_START, calibrationSection } from '../../scripts/calibration.js';
import { extractBetweenMarkers } from '../../scripts/parameter-tables.js';

describe('docs/model.md calibration figures', () => {
  it('are what the baseline produces now (regenerate with npx tsx scripts/calibration.ts --write docs/model.md)', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    const inDoc = extractBetweenMarkers(doc, CALIBRATION_START, CALIBRATION_END);
    expect(inDoc, `docs/model.md needs one ${CALIBRATION_START} and one ${CALIBRATION_END}`).not.toBeNull();
    expect(inDoc).toBe(calibrationSection());
  });
});
