/**
 * Words after `--` (the end of options): yargs never passes them to a command's arguments, so
 * `povsim run -- -dash.yaml` ran scenarios/baseline.yaml. Now refused in one line saying how to
 * name the file; `./-dash.yaml` runs it.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endOfOptionsProblem } from '../../src/cli/flags.js';
import { povsim, tempDir } from '../cli/helpers.js';

describe('words after --', () => {
  it('run -- -dash.yaml is refused (exit 2, one line, nothing written); ./-dash.yaml runs that file', () => {
    const cwd = tempDir('povsim-dash-');
    mkdirScenarios(cwd);
    const refused = povsim(['run', '--', '-dash.yaml', '--households', '60', '--months', '2', '--no-charts', '--out', 'o'], { cwd });
    expect(refused.stderr).toBe('povsim: "--": povsim reads nothing after it (found -dash.yaml); name a file that starts with - as ./-dash.yaml (see povsim --help)\n');
    expect(refused.code).toBe(2);
    expect(readdirSync(cwd).sort()).toEqual(['-dash.yaml', 'scenarios']);

    const ran = povsim(['run', './-dash.yaml', '--households', '60', '--months', '2', '--no-charts', '--out', 'o'], { cwd });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'o', 'manifest.json'), 'utf8'))).toMatchObject({ scenario: { name: 'dashed' } });
  });

  it('every command: anything after -- is one usage line', () => {
    const result = povsim(['validate', '--', 'scenarios/baseline.yaml']);
    expect(result.stderr).toBe('povsim: "--": povsim reads nothing after it (found scenarios/baseline.yaml); give it before "--" (see povsim --help)\n');
    expect(result.code).toBe(2);
    expect(endOfOptionsProblem(['run', 'scenarios/baseline.yaml', '--'])).toBeNull();
    expect(endOfOptionsProblem(['run', '--out', 'o'])).toBeNull();
  });
});

/** A scenario named "dashed" in `<cwd>/-dash.yaml`, and scenarios/baseline.yaml beside it (the default). */
function mkdirScenarios(cwd: string): void {
  const baseline = readFileSync(resolve('scenarios/baseline.yaml'), 'utf8');
  writeFileSync(join(cwd, '-dash.yaml'), baseline.replace(/^name: .*$/m, 'name: dashed'));
  mkdirSync(join(cwd, 'scenarios'));
  copyFileSync(resolve('scenarios/baseline.yaml'), join(cwd, 'scenarios', 'baseline.yaml'));
}
