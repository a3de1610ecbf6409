import { describe, expect, it } from 'vitest';
import { leaves } from '../../src/model/parameter-spec.js';
import { parameterTree } from '../../src/model/parameters.js';
import { describeParameters, InputError, parameterInfo } from '../../src/scenario/index.js';

describe('parameterInfo', () => {
  it('lists every parameter in declaration order with its spec', () => {
    const all = parameterInfo();
    expect(all.map((e) => e.path)).toEqual(leaves(parameterTree).map((l) => l.path));
    expect(parameterInfo('supervision.auditRate')).toEqual([
      {
        path: 'supervision.auditRate',
        group: 'supervision',
        kind: 'number',
        integer: false,
        unit: 'share of registered households per year',
        min: 0,
        max: 1,
        default: 0.05,
        description: 'Share of registered households whose eligibility is audited in a year.',
        source: 'The study: weak supervision.',
      },
    ]);
    const method = parameterInfo('identification.method')[0];
    expect(method?.values).toEqual(['pmt', 'community', 'hybrid', 'verification']);
    expect(method?.valueDescriptions?.length).toBe(4);
    expect(parameterInfo('simulation.months')[0]).toMatchObject({ kind: 'number', integer: true, min: 1, max: 600 });
  });

  it('a group key gives its parameters; a bare name every parameter of that name', () => {
    expect(parameterInfo('supervision').map((e) => e.path)).toEqual(
      Object.keys(parameterTree.children.supervision.children).map((k) => `supervision.${k}`),
    );
    expect(parameterInfo('adminShare').map((e) => e.path)).toEqual([
      'government.adminShare',
      'enterprises.adminShare',
      'socialOrganisations.adminShare',
    ]);
  });

  it('an unknown key is an InputError with a suggestion', () => {
    expect(() => parameterInfo('supervision.auditrat')).toThrow(InputError);
    expect(() => parameterInfo('supervision.auditrat')).toThrow(
      'supervision.auditrat: unknown parameter or group; did you mean "supervision.auditRate"? (run povsim describe for the list)',
    );
    expect(() => parameterInfo('auditrate')).toThrow(
      'auditrate: unknown parameter or group; did you mean "supervision.auditRate"? (run povsim describe for the list)',
    );
    expect(() => parameterInfo('zzzzzz')).toThrow('zzzzzz: unknown parameter or group (run povsim describe for the list)');
  });
});

describe('describeParameters', () => {
  const all = describeParameters();

  it('with no key, shows every parameter path, every group and the scenario keys', () => {
    for (const { path } of leaves(parameterTree)) expect(all).toContain(`\n${path}\n`);
    for (const [group, spec] of Object.entries(parameterTree.children)) {
      expect(all).toContain(`${group}: ${spec.description.split(' ')[0]}`);
    }
    for (const key of ['name', 'description', 'extends', 'seed']) expect(all).toContain(`\n${key}\n`);
  });

  it('wraps text to 100 columns', () => {
    for (const line of all.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('one parameter in full: meaning, type and range, unit, default, source', () => {
    expect(describeParameters('supervision.auditRate')).toBe(
      [
        'supervision.auditRate',
        '  Share of registered households whose eligibility is audited in a year.',
        '  type      number from 0 to 1',
        '  unit      share of registered households per year',
        '  default   0.05',
        '  source    The study: weak supervision.',
        '',
      ].join('\n'),
    );
    const months = describeParameters('simulation.months');
    expect(months).toContain('  type      integer from 1 to 600\n');
    expect(months).toContain('  unit      months\n');
    expect(months).toContain('  default   60\n');
  });

  it('an enum lists its values with their meanings', () => {
    const text = describeParameters('identification.method');
    expect(text).toContain('  type      one of:\n');
    expect(text).toMatch(/\n {14}pmt {11}proxy means test/);
    expect(text).toContain('  default   community\n');
  });

  it('a group shows only its own parameters', () => {
    const text = describeParameters('supervision');
    expect(text.startsWith('supervision: Audits, detection, sanctions, evaluation.\n')).toBe(true);
    expect(text).toContain('\nsupervision.auditRate\n');
    expect(text).not.toContain('identification.');
  });

  it('a scenario key', () => {
    expect(describeParameters('seed')).toContain('integer from 0 to 4294967295');
  });

  it('an unknown key is an InputError with a suggestion', () => {
    expect(() => describeParameters('suprevision')).toThrow(
      'suprevision: unknown parameter or group; did you mean "supervision"? (run povsim describe for the list)',
    );
  });
});
