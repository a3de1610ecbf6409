/**
 * A fresh process for the measurements that must not share a process with others:
 *
 *   node dist/bench/child.js memory HOUSEHOLDS   one full run; prints its peak resident memory
 *   node dist/bench/child.js township RUNS       the default township: first (cold) run, then RUNS more,
 *                                                each also with only the final month observed
 *   node dist/bench/child.js columns HOUSEHOLDS  the bytes of the typed arrays a model of that size holds
 *   node dist/bench/child.js rss HOUSEHOLDS      resident and peak memory after createModel and after each month
 *
 * Prints one JSON line on stdout. Used by run.ts; `--cpu-prof` on the node command line profiles it.
 */
import { readFileSync } from 'node:fs';
import { createModel } from '../src/model/simulate.js';
import { baselineParams, timeSimulate } from './model.js';
import { typedArrayBytes } from './typed-array-bytes.js';

/**
 * Peak resident set size of this process, bytes: VmHWM from /proc/self/status on Linux. Not
 * getrusage's maxRSS: on Linux that survives exec, so a child forked from a big parent reports the
 * parent's size. Elsewhere maxRSS is all there is.
 */
function peakRss(): number {
  return statusKiB('VmHWM') * 1024 || process.resourceUsage().maxRSS * 1024;
}

/** A field of /proc/self/status in KiB (VmRSS, VmHWM), or NaN where there is none (not Linux). */
function statusKiB(field: string): number {
  try {
    const found = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return found ? Number(found[1]) : NaN;
  } catch {
    return NaN;
  }
}

const [mode, count] = process.argv.slice(2);

if (mode === 'memory') {
  const households = Number(count);
  const ms = timeSimulate(baselineParams(households));
  process.stdout.write(`${JSON.stringify({ households, ms, maxRssBytes: peakRss() })}\n`);
} else if (mode === 'township') {
  const params = baselineParams();
  const coldMs = timeSimulate(params);
  const warmMs: number[] = [];
  const lastOnlyMs: number[] = [];
  for (let r = 0; r < Number(count); r += 1) {
    warmMs.push(timeSimulate(params));
    lastOnlyMs.push(timeSimulate(params, undefined, 'last'));
  }
  process.stdout.write(`${JSON.stringify({ households: params.township.households, coldMs, warmMs, lastOnlyMs })}\n`);
} else if (mode === 'columns') {
  const households = Number(count);
  const bytes = typedArrayBytes(createModel(baselineParams(households), 1));
  process.stdout.write(`${JSON.stringify({ households, typedArrayBytes: bytes })}\n`);
} else if (mode === 'rss') {
  // Where the peak is reached: the resident set (VmRSS) and its peak (VmHWM), MiB, after the
  // township is built and burnt in, then after each month (bench/README.md, "Speed, ninth step").
  const mib = (field: string): number => statusKiB(field) / 1024;
  const households = Number(count);
  const params = baselineParams(households);
  const model = createModel(params, 1);
  const months = [{ month: -1, rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM') }];
  for (let month = 0; month < params.simulation.months; month += 1) {
    model.step(month);
    model.observe(month);
    months.push({ month, rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM') });
  }
  process.stdout.write(`${JSON.stringify({ households, months })}\n`);
} else {
  process.stderr.write('usage: child.js memory HOUSEHOLDS | township RUNS | columns HOUSEHOLDS | rss HOUSEHOLDS\n');
  process.exit(2);
}
