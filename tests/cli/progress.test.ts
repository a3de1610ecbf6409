/**
 * Progress on a terminal and in logs (issue 10 item 24): the first frame of the bar shows no
 * "eta NFs" (cli-progress's own time format turned its "INF" into "NF"), and a resumed sweep's
 * progress counts the runs done before, so that its total is the heading's.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatSeconds, progressLine, startProgress } from '../../src/cli/progress.js';

/** A terminal that keeps what is written to it (the escape codes removed). */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  // eslint-disable-next-line no-control-regex
  return { stream, text: () => written.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('formatSeconds', () => {
  it('shows "--" while the time is not known, and seconds, minutes and hours after', () => {
    expect(formatSeconds('INF')).toBe('--');
    expect(formatSeconds('NULL')).toBe('--');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('--');
    expect(formatSeconds(Number.NaN)).toBe('--');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(45)).toBe('45s');
    expect(formatSeconds(125)).toBe('2m05s');
    expect(formatSeconds(3725)).toBe('1h02m');
  });
});

describe('the bar on a terminal', () => {
  it('its first frame shows the count and no unknown time as "NFs"', () => {
    vi.stubEnv('CI', '');
    const terminal = fakeTerminal();
    const progress = startProgress({ label: 'povsim sweep s', total: 240, unit: 'runs', quietWhenPiped: false, stream: terminal.stream });
    progress.update(0, '0 failed');
    progress.stop();
    expect(terminal.text()).toContain('0/240 runs');
    expect(terminal.text()).toContain('eta --');
    expect(terminal.text()).not.toMatch(/NF|NULL|INF|LLs/);
  });

  it('a resumed sweep counts the runs done before: the same total as its heading', () => {
    vi.stubEnv('CI', '');
    const terminal = fakeTerminal();
    const progress = startProgress({ label: 'povsim sweep s', total: 240, alreadyDone: 60, unit: 'runs', quietWhenPiped: false, stream: terminal.stream });
    progress.update(61, '0 failed');
    progress.stop();
    expect(terminal.text()).toContain('60/240 runs');
    expect(terminal.text()).not.toMatch(/\/180 runs/);
  });
});

describe('the plain line (no terminal, or CI)', () => {
  it('counts from the runs done before and takes the rate from this start only', () => {
    const options = { label: 'povsim sweep s', total: 240, alreadyDone: 60, unit: 'runs', quietWhenPiped: false };
    // 20 runs in 40 s: 2 s a run, 160 runs left.
    expect(progressLine(options, 80, '0 failed', 40)).toBe('povsim sweep s: 80/240 runs, 0 failed, about 320 s left\n');
    // Nothing run yet in this start: no time left is guessed.
    expect(progressLine(options, 60, '', 5)).toBe('povsim sweep s: 60/240 runs\n');
  });
});
