/** `povsim run --threads N`: the same files whatever N with village streams; refused otherwise. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { povsim, tempDir } from './helpers.js';

const VILLAGE = ['--households', '2400', '--months', '14', '--set', 'simulation.streams=village', '--set', 'township.villages=9', '--no-charts'];

describe('povsim run --threads', () => {
  it('writes the same summary.json and timeseries.csv on 1 and 2 threads, and the process ends by itself', () => {
    const dir = tempDir();
    const outputs = ['1', '2'].map((threads) => {
      const out = join(dir, `t${threads}`);
      // spawnSync returns only when the process has exited: no worker thread kept it alive.
      const result = povsim(['run', ...VILLAGE, '--threads', threads, '--out', out]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return out;
    });
    for (const file of ['summary.json', 'timeseries.csv']) {
      expect(readFileSync(join(outputs[1]!, file), 'utf8'), file).toBe(readFileSync(join(outputs[0]!, file), 'utf8'));
    }
  });

  it('refuses more than one thread with the township stream, in one line, writing nothing', () => {
    const out = join(tempDir(), 'refused');
    const result = povsim(['run', '--households', '600', '--no-charts', '--threads', '2', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "povsim: --threads 2 needs simulation.streams: village (with one township stream the households' draws follow one another and cannot be split); add --set simulation.streams=village\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each(['1.5', '0', 'two'])('refuses --threads %s in one line', (threads) => {
    const out = join(tempDir(), 'refused');
    const result = povsim(['run', ...VILLAGE, '--threads', threads, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: --threads: expected a whole number of threads from 1 to 256, found "${threads}"\n`);
    expect(existsSync(out)).toBe(false);
  });
});
