/**
 * The "Continue with:" line of an interrupted sweep must be a command that continues it: with the
 * scenario changes (--households, --months, --set) and the run limit (--max-runs) the sweep was
 * started with. Without them the printed command was refused ("was started from a different
 * sweep"), or the sweep as too big.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/cli/run-progress.js';
import { povsim, tempDir } from '../cli/helpers.js';

const root = tempDir('povsim-resume-command-');

describe('the command an interrupted sweep prints to continue it', () => {
  it('carries the folder, shard, run limit and scenario changes, quoted for the shell', () => {
    const args = { file: 's.yaml', out: 'o', 'max-runs': 5_000_000, households: '800', months: '6', set: ['supervision.auditRate=0.3', "name=it's"] };
    expect(resumeCommand(args, 'o', { index: 2, count: 4 })).toBe(
      "povsim sweep s.yaml --resume --out o --shard 2/4 --max-runs 5000000 --households 800 --months 6 --set supervision.auditRate=0.3 --set 'name=it'\\''s'",
    );
    expect(resumeCommand({ file: 's.yaml', set: [] }, 'out/s', null)).toBe('povsim sweep s.yaml --resume');
  });

  it('is accepted as printed after SIGINT (a sweep run with --households and --set)', async () => {
    const file = join(root, 'resumable.yaml');
    writeFileSync(
      file,
      `name: resumable\nscenario: ${resolve('scenarios/baseline.yaml')}\nseed: 3\nset: { simulation.months: 3 }\nparameters:\n  supervision.auditRate: [0, 0.1, 0.2, 0.3, 0.4, 0.5]\n`,
    );
    const out = join(root, 'out');
    const args = ['sweep', file, '--workers', '1', '--no-charts', '--out', out, '--households', '150', '--set', 'supervision.detectionProbability=0.5'];
    // The sweep signals itself just after the 3rd line of results.csv (tests/robustness/kill-at.mjs).
    const child = spawn(process.execPath, ['--import', resolve('tests/robustness/kill-at.mjs'), resolve('bin/povsim.js'), ...args], {
      env: { ...process.env, CI: '1', POVSIM_TEST_KILL_AT: 'SIGINT:3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(130);
    const printed = /Continue with: povsim (.*)$/m.exec(stdout)?.[1];
    expect(printed).toBe(`sweep ${file} --resume --out ${out} --households 150 --set supervision.detectionProbability=0.5`);
    const resumed = povsim(printed!.split(' '));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: \d of 6 runs already done/);
  });
});
