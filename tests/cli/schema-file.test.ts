import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

it('scenarios/povsim.schema.json (for editors) is the current schema; regenerate with `povsim schema`', () => {
  const shipped = JSON.parse(readFileSync('scenarios/povsim.schema.json', 'utf8'));
  expect(shipped).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
});
