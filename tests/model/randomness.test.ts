import { describe, expect, it } from 'vitest';
import { createModel, simulateParams } from '../../src/model/simulate.js';
import { RandomStream, createStreams, streamState, zigguratTables } from '../../src/engine/rng.js';
import { fastExp } from '../../src/engine/fast-exp.js';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { params } from './helpers.js';
import jStatPkg from 'jstat';

const { jStat } = jStatPkg;

describe('seeded streams', () => {
  it('derive the same state from the same seed and name, and different states otherwise', () => {
    expect(streamState(42, 'economy')).toEqual(streamState(42, 'economy'));
    expect(streamState(42, 'economy')).not.toEqual(streamState(43, 'economy'));
    expect(streamState(42, 'economy')).not.toEqual(streamState(42, 'supervision'));
  });

  it('give the same sequence for the same state (no-regression snapshot of the first draws)', () => {
    const a = new RandomStream(streamState(1, 'economy'));
    const b = createStreams(1).economy;
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(first);
    for (const u of first) expect(u >= 0 && u < 1).toBe(true);
    // Pinned: changes only if seed derivation or the generator changes (then outputs change too).
    expect(first.map((u) => u.toFixed(6))).toMatchSnapshot();
  });

  it('draw exactly the sequence of pure-rand xoroshiro128+ from the same state (the generator is inlined)', () => {
    const states: [number, number, number, number][] = [
      streamState(1, 'economy'),
      streamState(123456, 'supervision'),
      [1, 0, 0, 0],
      [-1, -2147483648, 2147483647, 0x5bd1e995 | 0],
    ];
    for (const state of states) {
      const reference = xoroshiro128plusFromState(state);
      const stream = new RandomStream(state);
      for (let k = 0; k < 20_000; k += 1) {
        const expected = reference.next();
        if (k % 2 === 0) expect(stream.nextInt32()).toBe(expected);
        else expect(stream.uniform()).toBe((expected >>> 0) / 4294967296);
      }
    }
  });

  it('normal draws have mean 0 and variance 1', () => {
    const rng = new RandomStream(streamState(7, 'test'));
    let sum = 0;
    let squares = 0;
    const n = 200_000;
    for (let i = 0; i < n; i += 1) {
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.02);
  });
});

describe('normal draws (ziggurat)', () => {
  // Standard normal CDF from jstat (an independent implementation).
  const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);

  it('follow the standard normal distribution (Kolmogorov-Smirnov over 200,000 draws)', () => {
    const rng = new RandomStream(streamState(11, 'test'));
    const n = 200_000;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i += 1) z[i] = rng.normal();
    z.sort();
    let d = 0;
    for (let i = 0; i < n; i += 1) {
      const f = normalCdf(z[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // Critical value at the 0.1% level: 1.95 / sqrt(n).
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('fill every layer and wedge with the normal density (chi-square over 80 bins of 2,000,000 draws)', () => {
    // Finer than Kolmogorov-Smirnov: a ziggurat that accepted every wedge point without the density
    // check gives chi-square ~510 here, against ~74 for this one.
    const rng = new RandomStream(streamState(13, 'test'));
    const n = 2_000_000;
    const bins = 80;
    const low = -4;
    const width = 8 / bins;
    const counts = new Float64Array(bins + 2); // below -4, 80 bins, from 4 up
    for (let i = 0; i < n; i += 1) {
      const z = rng.normal();
      counts[z < low ? 0 : z >= -low ? bins + 1 : 1 + Math.floor((z - low) / width)]! += 1;
    }
    let chiSquare = 0;
    for (let b = 0; b < bins + 2; b += 1) {
      const from = b === 0 ? 0 : normalCdf(low + (b - 1) * width);
      const to = b === bins + 1 ? 1 : normalCdf(low + b * width);
      const expected = n * (to - from);
      chiSquare += (counts[b]! - expected) ** 2 / expected;
    }
    expect(chiSquare).toBeLessThan(jStat.chisquare.inv(0.999, bins + 1));
  });

  it('reach the tail beyond the base layer (|z| > 3.4426) and the wedges at their normal frequencies', () => {
    const rng = new RandomStream(streamState(12, 'test'));
    const n = 2_000_000;
    let tail = 0;
    let beyond2 = 0;
    let positive = 0;
    for (let i = 0; i < n; i += 1) {
      const z = rng.normal();
      if (Math.abs(z) > 3.442619855899) tail += 1;
      if (Math.abs(z) > 2) beyond2 += 1;
      if (z > 0) positive += 1;
    }
    const expectTail = 2 * (1 - normalCdf(3.442619855899));
    const expectBeyond2 = 2 * (1 - normalCdf(2));
    // Within 4 binomial standard deviations.
    expect(Math.abs(tail / n - expectTail)).toBeLessThan(4 * Math.sqrt(expectTail / n));
    expect(Math.abs(beyond2 / n - expectBeyond2)).toBeLessThan(4 * Math.sqrt(expectBeyond2 / n));
    expect(Math.abs(positive / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});

describe('same scenario and seed, same result', () => {
  it('two runs give byte-identical results', () => {
    const p = params({ township: { households: 800, villages: 4 }, simulation: { months: 26 } });
    const a = JSON.stringify(simulateParams(p, { seed: 9 }));
    const b = JSON.stringify(simulateParams(p, { seed: 9 }));
    expect(a).toBe(b);
    expect(JSON.stringify(simulateParams(p, { seed: 10 }))).not.toBe(a);
  });
});

describe('common random numbers', () => {
  const base = { township: { households: 900, villages: 6 }, simulation: { months: 30 } } as const;
  const reforms = {
    supervision: params({ ...base, supervision: { auditRate: 0.9, villageAuditRate: 0.9, detectionProbability: 1 } }),
    identification: params({ ...base, identification: { method: 'verification', selection: 'threshold', applicationRequired: false } }),
    budget: params({ ...base, government: { budgetPerHousehold: 3000 }, enterprises: { budgetPerHousehold: 500 } }),
  };

  it.each(Object.keys(reforms))('changing %s leaves every harvest, income shock and illness untouched', (name) => {
    const baseline = createModel(params(base), 5);
    const reform = createModel(reforms[name as keyof typeof reforms], 5);
    const hb = baseline.township.households;
    const hr = reform.township.households;
    expect(Array.from(hr.ability)).toEqual(Array.from(hb.ability));
    let differentIncome = false;
    for (let month = 0; month < 30; month += 1) {
      baseline.step(month);
      reform.step(month);
      expect(Array.from(reform.township.villages.shock)).toEqual(Array.from(baseline.township.villages.shock));
      expect(Array.from(hr.shock)).toEqual(Array.from(hb.shock));
      expect(Array.from(hr.illnessCost)).toEqual(Array.from(hb.illnessCost));
      expect(Array.from(hr.health)).toEqual(Array.from(hb.health));
      if (hr.income.some((x, i) => x !== hb.income[i])) differentIncome = true;
    }
    // The reform did change something: the comparison is not vacuous.
    expect(differentIncome).toBe(true);
  });
});

describe('zigguratTables', () => {
  const R = 3.442619855899;
  const M = 16_777_216;

  it("are Marsaglia and Tsang's tables for 128 layers, as the set-up computes them", () => {
    const { k, w, f } = zigguratTables();
    expect([k.length, w.length, f.length]).toEqual([128, 128, 128]);
    // The base layer: right edge R, its rectangle's scale q / M, no rectangle in layer 1.
    const q = 9.91256303526217e-3 / Math.exp(-0.5 * R * R);
    expect(k[0]).toBe(Math.floor((R / q) * M));
    expect(w[0]).toBe(q / M);
    expect(k[1]).toBe(0);
    expect(f[0]).toBe(1);
    // Every other layer: right edge x_i = W[i] x M (M is a power of two: exact), density
    // exp(-x_i^2 / 2), and K[i + 1] = floor(x_i / x_{i+1} x M).
    for (let i = 1; i < 128; i += 1) {
      const x = w[i]! * M;
      expect(f[i]).toBe(Math.exp(-0.5 * x * x));
      if (i < 127) expect(k[i + 1]).toBe(Math.floor((x / (w[i + 1]! * M)) * M));
    }
    expect(w[127]).toBe(R / M);
  });

  it("are the tables normal() draws from: replayed with them, 100,000 draws come out the same", () => {
    const { k, w, f } = zigguratTables();
    const rng = new RandomStream(streamState(5, 'zig'));
    const twin = new RandomStream(streamState(5, 'zig'));
    // RandomStream.normal and normalSlow, written again over the copied tables.
    const split = (bits: number): [number, number] => [bits >>> 25, (bits << 7) >> 7];
    const replay = (): number => {
      let [layer, position] = split(twin.nextInt32());
      for (;;) {
        if (Math.abs(position) < k[layer]!) return position * w[layer]!;
        const x = position * w[layer]!;
        if (layer === 0) {
          let tailX: number;
          let tailY: number;
          do {
            tailX = -Math.log(1 - twin.uniform()) / R;
            tailY = -Math.log(1 - twin.uniform());
          } while (tailY + tailY < tailX * tailX);
          return position > 0 ? R + tailX : -R - tailX;
        }
        const below = f[layer]! + twin.uniform() * (f[layer - 1]! - f[layer]!);
        if (below < fastExp(-0.5 * x * x)) return x;
        [layer, position] = split(twin.nextInt32());
      }
    };
    for (let n = 0; n < 100_000; n += 1) {
      const drawn = rng.normal();
      const replayed = replay();
      if (drawn !== replayed) expect.fail(`draw ${n}: normal() gave ${drawn}, the tables ${replayed}`);
    }
  });

  it('are copies: changing them changes no draw', () => {
    const a = new RandomStream(streamState(6, 'zig'));
    const b = new RandomStream(streamState(6, 'zig'));
    const before = Array.from({ length: 100 }, () => a.normal());
    const tables = zigguratTables();
    tables.k.fill(0);
    tables.w.fill(0);
    tables.f.fill(0);
    expect(Array.from({ length: 100 }, () => b.normal())).toEqual(before);
  });
});
