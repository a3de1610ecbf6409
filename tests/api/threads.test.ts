/**
 * Threads (src/parallel): with simulation.streams 'village' a run gives byte-identical results
 * whatever its number of threads; with the township stream more than one thread is refused. The
 * worker threads run only compiled, so the threaded runs go through dist/ (`npm test` builds it).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { villageRanges } from '../../src/parallel/village-threads.js';

const api = await import('../../dist/src/api.js');
const { loadScenario } = await import('../../dist/src/scenario/index.js');

/** A shipped scenario (default: the baseline) with village streams and these changes, 26 months (two register adjustments, two migrations). */
function villageScenario(changes: readonly string[], file = 'scenarios/baseline.yaml') {
  return loadScenario(file, { overrides: ['simulation.streams=village', 'simulation.months=26', ...changes] });
}

describe('village threads', () => {
  const configurations: Record<string, { changes: readonly string[]; file?: string; seed?: number }> = {
    'the default rules': { changes: ['township.households=3000', 'township.villages=10'] },
    // 97 villages of 25 or 26 households: ranges of uneven village counts, and another rule set.
    // Seed 5: a run with returns to poverty (settle's counts; seed 4 has none since issue 14's seventh step).
    'many small villages, other rules': { changes: ['township.households=2501', 'township.villages=97', 'identification.method=pmt', 'supervision.auditRate=0.3'], seed: 5 },
    // Every platform (handouts by the organisations' own platforms, mutual aid in every village),
    // capital lost to enterprises, all diverted in some villages: the handouts' other paths.
    'every reform, platform targeting, loan capture': {
      changes: ['township.households=2400', 'township.villages=12', 'government.loanCapture=1', 'cadres.diversionPropensity=1'],
      file: 'scenarios/full-reform.yaml',
    },
    // The register adjustment's other paths on threads: the hybrid method (the formula's
    // coefficients go to the threads), paper exits under full pressure that evaluation reverses
    // (sanctions), every village posting its list (challenges).
    'the register: hybrid scoring, pressured exits, evaluation, posting': {
      changes: [
        'township.households=2400',
        'township.villages=9',
        'identification.method=hybrid',
        'incentives.evaluationPressure=1',
        'supervision.thirdPartyEvaluation=0.5',
        'disclosure.postingShare=1',
      ],
    },
  };
  for (const [name, { changes, file, seed = 4 }] of Object.entries(configurations)) {
    it(`gives the same results on 1, 2 and 3 threads: ${name}`, () => {
      const scenario = villageScenario(changes, file);
      const [one, two, three] = [1, 2, 3].map((threads) => api.simulate(scenario, { seed, threads }));
      const json = JSON.stringify(one!.result);
      expect(JSON.stringify(two!.result)).toBe(json);
      expect(JSON.stringify(three!.result)).toBe(json);
      // settle's counts of the threads are summed (the second configuration has returns to poverty).
      if (name.startsWith('many')) {
        expect(one!.result.counters.returnsToPoverty).toBeGreaterThan(0);
        // The household audits' removals are summed over the threads too.
        expect(one!.result.counters.removedByAudit).toBeGreaterThan(0);
      }
      if (name.startsWith('every')) expect(one!.result.counters.loanCapture).toBeGreaterThan(0);
      if (name.startsWith('the register')) {
        const counters = one!.result.counters;
        expect(counters.pressuredExitsReversed).toBeGreaterThan(0);
        expect(counters.removedByChallenge).toBeGreaterThan(0);
        expect(counters.pmtR2).not.toBeNull();
      }
    });
  }

  it('uses at most one thread per village', () => {
    const scenario = villageScenario(['township.households=400', 'township.villages=2', 'simulation.months=3']);
    expect(JSON.stringify(api.simulate(scenario, { seed: 2, threads: 5 }).result)).toBe(JSON.stringify(api.simulate(scenario, { seed: 2 }).result));
  });

  it('simulateParams takes a number of threads as simulate does, and gives the same result', () => {
    const params = villageScenario(['township.households=900', 'township.villages=5', 'simulation.months=13']).params;
    const one = api.simulateParams(params, { seed: 3 });
    expect(JSON.stringify(api.simulateParams(params, { seed: 3, threads: 2 }))).toBe(JSON.stringify(one));
    expect(() => api.simulateParams(params, { seed: 3, threads: 0 })).toThrow('simulateParams: options.threads: expected a whole number of threads from 1 to 256, found 0');
  });

  it('runs from a script node runs as a module (--input-type=module): the threads start whatever node options they inherit', () => {
    const script = [
      `import { simulate, loadScenario } from ${JSON.stringify(path.resolve('dist/src/index.js'))};`,
      "const scenario = loadScenario('scenarios/baseline.yaml', { overrides: ['simulation.streams=village', 'township.households=900', 'township.villages=5', 'simulation.months=3'] });",
      'process.stdout.write(JSON.stringify(simulate(scenario, { seed: 2, threads: 2 }).result));',
    ].join('\n');
    const threaded = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const scenario = villageScenario(['township.households=900', 'township.villages=5', 'simulation.months=3']);
    expect(threaded).toBe(JSON.stringify(api.simulate(scenario, { seed: 2 }).result));
  });

  it('the async run (the command line\'s) is the same as the synchronous one', async () => {
    const scenario = villageScenario(['township.households=1200', 'township.villages=7', 'simulation.months=13']);
    const threaded = await api.simulateAsync(scenario, { seed: 9, threads: 2 });
    expect(JSON.stringify(threaded.result)).toBe(JSON.stringify(api.simulate(scenario, { seed: 9 }).result));
  });

  it('refuses more than one thread with the township stream, and threads that are not a whole number >= 1', () => {
    const township = loadScenario('scenarios/baseline.yaml', { overrides: ['township.households=300'] });
    expect(() => api.simulate(township, { threads: 2 })).toThrow(
      "simulate: options.threads 2 needs simulation.streams: village (with one township stream the households' draws follow one another and cannot be split); set the scenario's simulation.streams to 'village'",
    );
    expect(() => api.simulate(villageScenario([]), { threads: 1.5 })).toThrow('simulate: options.threads: expected a whole number of threads from 1 to 256, found 1.5');
    expect(() => api.simulate(villageScenario([]), { threads: 0 })).toThrow('expected a whole number of threads from 1 to 256, found 0');
    expect(() => api.simulate(villageScenario([]), { threads: 257 })).toThrow('expected a whole number of threads from 1 to 256, found 257');
  });
});

describe('a village thread that dies', () => {
  // A copy of the compiled povsim, loaded here; then its village-threads.js is broken on disk, so
  // that the threads (which load it afresh) fail as a broken install would, while this thread runs.
  async function brokenCopy(breakIt: (text: string) => string): Promise<{ dir: string; api: typeof api }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povsim-broken-worker-'));
    cpSync('dist/src', path.join(dir, 'dist', 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), readFileSync('package.json'));
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
    const copy = (await import(path.join(dir, 'dist', 'src', 'api.js'))) as typeof api;
    const file = path.join(dir, 'dist', 'src', 'parallel', 'village-threads.js');
    writeFileSync(file, breakIt(readFileSync(file, 'utf8')));
    return { dir, api: copy };
  }
  const scenario = () => villageScenario(['township.households=600', 'township.villages=4', 'simulation.months=2']);

  for (const [name, breakIt] of Object.entries({
    'a module that does not parse': (text: string) => `${text}\n this is not javascript (`,
    'a module whose import is missing': (text: string) => `import './no-such-module.js';\n${text}`,
  })) {
    it(`stops the run with an error instead of waiting for ever: ${name}`, async () => {
      const { dir, api: copy } = await brokenCopy(breakIt);
      try {
        expect(() => copy.simulate(scenario(), { seed: 1, threads: 2 })).toThrow('a village thread stopped before finishing its villages');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('villageRanges', () => {
  it('splits the villages into contiguous ranges of about equal households, none empty', () => {
    expect(villageRanges(Uint32Array.of(0, 10, 20, 30, 40), 4, 2)).toEqual([[0, 2], [2, 4]]);
    expect(villageRanges(Uint32Array.of(0, 10, 20, 30, 40), 4, 4)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);
    // One large village first: the other thread takes the small ones, and each range keeps one village.
    expect(villageRanges(Uint32Array.of(0, 90, 95, 100), 3, 2)).toEqual([[0, 1], [1, 3]]);
    expect(villageRanges(Uint32Array.of(0, 98, 99, 100), 3, 3)).toEqual([[0, 1], [1, 2], [2, 3]]);
    // The large village last: the first thread takes the two small ones, the second the large one.
    expect(villageRanges(Uint32Array.of(0, 1, 2, 100), 3, 2)).toEqual([[0, 2], [2, 3]]);
  });
});
