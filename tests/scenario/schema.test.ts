import { Ajv } from 'ajv';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leaves } from '../../src/model/parameter-spec.js';
import { defaultParams, parameterTree } from '../../src/model/parameters.js';
import { scenarioJsonSchema } from '../../src/scenario/index.js';
import { readYamlFile } from '../../src/scenario/yaml.js';

type SchemaNode = {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  enum?: string[];
  description?: string;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = scenarioJsonSchema() as SchemaNode;

function at(dotted: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const key of dotted.split('.')) node = node?.properties?.[key];
  return node;
}

describe('scenarioJsonSchema', () => {
  it('compiles with a fresh strict ajv (draft-07)', () => {
    const ajv = new Ajv({ strict: true, strictNumbers: true });
    const validate = ajv.compile(scenarioJsonSchema());
    expect(validate({ seed: 3, supervision: { auditRate: 0.3 } })).toBe(true);
    expect(validate({ supervision: { auditRate: 1.3 } })).toBe(false);
    expect(validate({ supervision: { auditrate: 0.3 } })).toBe(false);
    expect(validate({ seed: 1.5 })).toBe(false);
    expect(validate({ supervision: { auditRate: Number.NaN } })).toBe(false);
  });

  it('has every leaf with its type, range, default and description', () => {
    const all = leaves(parameterTree);
    for (const { path: p, spec } of all) {
      const node = at(p);
      expect(node, p).toBeDefined();
      expect(node?.default, p).toBe(spec.default);
      expect(node?.description?.startsWith(spec.description), p).toBe(true);
      expect(node?.description?.endsWith(`Default source: ${spec.source}`), p).toBe(true);
      if (spec.kind === 'number') {
        expect(node?.type, p).toBe(spec.integer ? 'integer' : 'number');
        expect(node?.minimum, p).toBe(spec.min);
        expect(node?.maximum, p).toBe(spec.max);
        expect(node?.description, p).toContain(` Unit: ${spec.unit}.`);
      } else if (spec.kind === 'boolean') {
        expect(node?.type, p).toBe('boolean');
      } else {
        expect(node?.type, p).toBe('string');
        expect(node?.enum, p).toEqual(spec.values);
      }
    }
    // Exactly these leaves: the group objects have no other properties.
    const countLeaves = (node: SchemaNode): number =>
      Object.values(node.properties ?? {}).reduce((n, child) => n + (child.type === 'object' ? countLeaves(child) : 1), 0);
    expect(countLeaves(schema) - 4).toBe(all.length); // minus name, description, extends, seed
  });

  it('one example description in full', () => {
    expect(at('supervision.auditRate')).toEqual({
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.05,
      description:
        'Share of registered households whose eligibility is audited in a year. Unit: share of registered households per year. Default source: The study: weak supervision.',
    });
  });

  it('the defaults in the schema are defaultParams', () => {
    const defaultsOf = (node: SchemaNode): unknown =>
      node.type === 'object'
        ? Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, child]) => [k, defaultsOf(child)]))
        : node.default;
    const { name: _n, description: _d, extends: _e, seed, ...groups } = defaultsOf(schema) as Record<string, unknown>;
    expect(groups).toEqual(defaultParams);
    expect(seed).toBe(1);
  });

  it('forbids additional properties on every object', () => {
    const check = (node: SchemaNode, where: string): void => {
      if (node.type !== 'object') return;
      expect(node.additionalProperties, where).toBe(false);
      for (const [k, child] of Object.entries(node.properties ?? {})) check(child, `${where}.${k}`);
    };
    check(schema, '(top)');
  });

  it('has the top-level scenario keys', () => {
    expect(at('name')?.type).toBe('string');
    expect(at('description')?.type).toBe('string');
    expect(at('extends')?.type).toBe('string');
    expect(at('seed')).toMatchObject({ type: 'integer', minimum: 0, maximum: 4294967295, default: 1 });
  });

  it('accepts defaultParams written out as a scenario, and every shipped scenario file', () => {
    const validate = new Ajv({ strict: true, strictNumbers: true }).compile(scenarioJsonSchema());
    expect(validate(defaultParams)).toBe(true);
    const dir = path.resolve(here, '../../scenarios');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      expect(validate(readYamlFile(path.join(dir, file)).parsed.value ?? {}), file).toBe(true);
    }
  });
});
