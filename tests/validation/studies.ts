/**
 * The validation suite's studies: povsim configured as each published study describes, run on
 * several seeds, and measured the way the study measured. Each row is one published figure with the
 * band povsim must fall in and why that band. Used by tests/validation/validation.test.ts (which
 * asserts every row) and by scripts/validation-table.ts (which writes the table in
 * docs/validation.md); the test also checks that the table in the doc is the one these rows give.
 *
 * Settings are scenario files in tests/validation/scenarios/, each the baseline plus what the study
 * describes, so a reader can run one with `povsim run`.
 */
import { fileURLToPath } from 'node:url';
import { RandomStream, streamState } from '../../src/engine/rng.js';
import { logIncome } from '../../src/model/pmt.js';
import { createModel, simulateParams } from '../../src/model/simulate.js';
import type { Params } from '../../src/model/parameters.js';
import type { Township } from '../../src/model/township.js';
import { loadScenario } from '../../src/scenario/index.js';

/** Seeds every study runs on. */
export const VALIDATION_SEEDS = [1, 2, 3, 4, 5] as const;

/** One published figure and what povsim gives for it. */
export interface StudyRow {
  /** Short name of the study, with where the figure is. */
  readonly study: string;
  /** How povsim is configured (the scenario file in tests/validation/scenarios/). */
  readonly setting: string;
  /** What is measured, in the study's terms. */
  readonly measure: string;
  /** The published figure as the study gives it. */
  readonly published: string;
  /** The band povsim's mean over the seeds must fall in. */
  readonly low: number;
  readonly high: number;
  /** Why that band. */
  readonly tolerance: string;
  /** povsim's value on each seed. */
  readonly values: readonly number[];
  /**
   * Set when povsim is known to disagree with the study: what it disagrees on, as docs/validation.md
   * explains. The suite then checks that the row is indeed outside its band (so the note cannot
   * outlive the disagreement), and the band stays the study's.
   */
  readonly disagreement?: string;
}

const scenarioPath = (name: string): string => fileURLToPath(new URL(`./scenarios/${name}.yaml`, import.meta.url));
const paramsOf = (name: string): Params => loadScenario(scenarioPath(name)).params;

/** Mean of a list of numbers. */
export function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Targeting errors of the register just made against welfare as a household survey measures it:
 * Alatas et al. (2012) judge their arms against per-capita consumption from their own baseline
 * survey, which has measurement error of its own. Each household's measured log income is its true
 * log market income plus the survey's error (identification.surveyError unless given; 0 judges
 * against true income) times a normal draw from a stream of its own (the same draws for every arm
 * on a seed).
 */
interface Errors {
  /** Non-poor selected / non-poor. */
  inclusion: number;
  /** Poor not selected / poor. */
  exclusion: number;
  /** Households misclassified / households. */
  mistargeting: number;
  /** Poor (as measured) / households: the setting's check. */
  poorShare: number;
  /** Selected / households: the setting's check. */
  selectedShare: number;
}

function measuredErrors(t: Township, seed: number, error = t.params.identification.surveyError): Errors {
  const h = t.households;
  const rng = new RandomStream(streamState(seed, 'validation/survey'));
  const line = Math.log(t.params.township.povertyLine);
  let poor = 0;
  let selected = 0;
  let nonPoorSelected = 0;
  let poorMissed = 0;
  for (let i = 0; i < h.count; i += 1) {
    const isPoor = logIncome(h.marketIncome[i]!) + error * rng.normal() < line;
    const isSelected = h.registered[i] === 1;
    if (isPoor) poor += 1;
    if (isSelected) selected += 1;
    if (isSelected && !isPoor) nonPoorSelected += 1;
    if (isPoor && !isSelected) poorMissed += 1;
  }
  return {
    inclusion: nonPoorSelected / (h.count - poor),
    exclusion: poorMissed / poor,
    mistargeting: (nonPoorSelected + poorMissed) / h.count,
    poorShare: poor / h.count,
    selectedShare: selected / h.count,
  };
}

const registers = new Map<string, Township>();

/**
 * The register made by the first registration of the study scenario `name` on `seed` (no month
 * stepped), built once: several rows and the details read the same townships.
 */
function firstRegister(name: string, seed: number): Township {
  const key = `${name}/${seed}`;
  let t = registers.get(key);
  if (t === undefined) {
    t = createModel(paramsOf(name), seed).township;
    registers.set(key, t);
  }
  return t;
}

/**
 * Receipt gap of households tied to cadres over comparable untied households: in each tenth of
 * persons by income, the share of tied households receiving register benefits (registered, or on the
 * cadres' payout list) minus that share among untied ones, averaged with the tied households'
 * weights (as Alatas et al. 2019 compare elites with non-elites of the same consumption).
 */
function eliteReceiptGap(t: Township): number {
  const h = t.households;
  const tied = new Float64Array(10);
  const tiedReceiving = new Float64Array(10);
  const untied = new Float64Array(10);
  const untiedReceiving = new Float64Array(10);
  for (let i = 0; i < h.count; i += 1) {
    const band = h.decile[i]!;
    const receives = h.registered[i] === 1 || h.payoutListed[i] === 1 ? 1 : 0;
    if (h.connected[i]) {
      tied[band]! += 1;
      tiedReceiving[band]! += receives;
    } else {
      untied[band]! += 1;
      untiedReceiving[band]! += receives;
    }
  }
  let gap = 0;
  let weight = 0;
  for (let b = 0; b < 10; b += 1) {
    if (tied[b] === 0 || untied[b] === 0) continue;
    gap += tied[b]! * (tiedReceiving[b]! / tied[b]! - untiedReceiving[b]! / untied[b]!);
    weight += tied[b]!;
  }
  return gap / weight;
}

/**
 * Yuan diverted by cadres (before any recovery) / yuan they handled (received by households plus
 * everything diverted), over a whole run: what Olken (2007) measures as missing expenditures. Loans
 * used by enterprises are diverted too, but not by cadres, and audits do not deter them: they are
 * left out of the numerator.
 */
function cadreDiversion(params: Params, seed: number): number {
  const run = simulateParams(params, { seed, observe: 'last' });
  let received = 0;
  for (const account of Object.values(run.ledger)) received += account.toPoor + account.toNonPoor;
  const c = run.counters;
  return c.divertedByCadres / (received + c.divertedByCadres + c.loanCapture);
}

const seeds = <T>(f: (seed: number) => T): T[] => VALIDATION_SEEDS.map(f);

/** Every study's rows, computed (a few seconds). */
export function validationRows(): StudyRow[] {
  const arms = {
    pmt: seeds((seed) => measuredErrors(firstRegister('alatas2012-pmt', seed), seed)),
    community: seeds((seed) => measuredErrors(firstRegister('alatas2012-community', seed), seed)),
    hybrid: seeds((seed) => measuredErrors(firstRegister('alatas2012-hybrid', seed), seed)),
  };
  const fairness = (name: string, seed: number): number => {
    const c = firstRegister(name, seed).counters;
    return 1 - (c.villagersDisputedEntries / c.villagersRegistered + c.villagersNeedyExcluded / c.villagersNeedy) / 2;
  };
  const baseline = paramsOf('lookback-baseline');
  const firstAdjustment = seeds((seed) => simulateParams(baseline, { seed, observe: 'last' }).counters);
  const alatasSetting =
    'census of all households, village quota of 30%, poverty line at which about 35% of households are poor, no housing floor';
  const olken = { low: paramsOf('olken2007-audit-4'), high: paramsOf('olken2007-audit-100') };
  const olkenLow = seeds((seed) => cadreDiversion(olken.low, seed));
  const olkenHigh = seeds((seed) => cadreDiversion(olken.high, seed));

  return [
    {
      study: 'Alatas et al. (2012), AER, Table 3, PMT arm',
      setting: `\`alatas2012-pmt\`: proxy means test, ${alatasSetting}, no elite channels`,
      measure: 'exclusion error: poor households not selected / poor households (poor by surveyed welfare)',
      published: '0.52',
      low: 0.46,
      high: 0.58,
      // The PMT arm's mean over 2,028 poor households in about 210 villages; its sampling error is
      // about 0.02 and the model is one township, not Indonesia: three times that.
      tolerance: '+-0.06: three times the study\'s sampling error of about 0.02',
      values: arms.pmt.map((e) => e.exclusion),
    },
    {
      study: 'Alatas et al. (2012), AER, Table 3, PMT arm',
      setting: `\`alatas2012-pmt\``,
      measure: 'inclusion error: non-poor households selected / non-poor households',
      published: '0.18',
      low: 0.14,
      high: 0.22,
      tolerance: '+-0.04: three times the sampling error of about 0.013 (3,725 non-poor households)',
      values: arms.pmt.map((e) => e.inclusion),
    },
    {
      study: 'Alatas et al. (2012), AER, Table 3, PMT arm',
      setting: `\`alatas2012-pmt\``,
      measure: 'mistargeting: households misclassified / all households',
      published: '0.30',
      low: 0.26,
      high: 0.34,
      tolerance: '+-0.04: three times the sampling error of about 0.012',
      values: arms.pmt.map((e) => e.mistargeting),
    },
    {
      study: 'Alatas et al. (2012), AER, Table 3, community arm',
      setting: `\`alatas2012-community\`: community appraisal (villagers' own notion of poverty), otherwise as the PMT arm, no elite channels`,
      measure: 'mistargeting, community minus PMT (same households and survey)',
      published: '+0.031 (SE 0.017)',
      low: 0.005,
      high: 0.065,
      // Community targeting must be worse than the PMT, by no more than the published effect plus
      // two standard errors; a difference below half a point would be "no worse".
      tolerance: 'worse than the PMT (above +0.005), at most the published effect plus 2 SE',
      values: arms.community.map((e, k) => e.mistargeting - arms.pmt[k]!.mistargeting),
    },
    {
      study: 'Alatas et al. (2012), AER, Table 3, community arm',
      setting: '`alatas2012-community`',
      measure: 'inclusion error, community minus PMT',
      published: '+0.046 (SE 0.018)',
      low: 0.01,
      high: 0.082,
      tolerance: 'published effect +-2 SE',
      values: arms.community.map((e, k) => e.inclusion - arms.pmt[k]!.inclusion),
    },
    {
      study: 'Alatas et al. (2012), AER, Table 3, hybrid arm',
      setting: '`alatas2012-hybrid`: community shortlist, PMT choice within it, otherwise as the PMT arm',
      measure: 'mistargeting, hybrid minus PMT',
      published: '+0.029 (SE 0.016)',
      low: -0.003,
      high: 0.061,
      tolerance: 'published effect +-2 SE',
      values: arms.hybrid.map((e, k) => e.mistargeting - arms.pmt[k]!.mistargeting),
    },
    {
      study: 'Alatas et al. (2012), AER, sections V-VI (satisfaction)',
      setting: '`alatas2012-community` against `alatas2012-pmt`',
      measure: 'register as villagers judge need (governance.fairness), community minus PMT',
      published: 'community targeting gives higher satisfaction',
      low: 0.02,
      high: 1,
      tolerance: 'higher under community appraisal, by at least 2 points',
      values: VALIDATION_SEEDS.map((seed) => fairness('alatas2012-community', seed) - fairness('alatas2012-pmt', seed)),
    },
    {
      study: 'Hanna and Olken (2018), JEP, PMT fit in Indonesia and Peru',
      setting: '`alatas2012-pmt` (the formula is fitted on a 5,000-household survey in every setting)',
      measure: 'R-squared of the proxy-means formula on its survey (pmtR2)',
      published: '0.53-0.66',
      low: 0.53,
      high: 0.66,
      tolerance: 'the published range itself',
      values: VALIDATION_SEEDS.map((seed) => firstRegister('alatas2012-pmt', seed).counters.pmtR2 ?? Number.NaN),
    },
    {
      study: "China's 2015-16 look-back re-identification (State Council Leading Group Office)",
      setting: '`lookback-baseline`: the baseline township, its first annual adjustment (month 11)',
      measure: 'households removed as wrongly identified (not poor when registered, not poor now) / register before',
      published: '0.104 (9.29 of 89.62 million people)',
      low: 0.05,
      high: 0.16,
      // A national average over very different provinces against one township; "roughly a tenth".
      tolerance: 'half to one and a half times the national share',
      values: firstAdjustment.map((c) => c.roundCorrections / c.roundRegisteredBefore),
    },
    {
      study: "China's 2015-16 look-back re-identification",
      setting: '`lookback-baseline`',
      measure: 'households in need added (the missed poor) / register before',
      published: '0.090 (8.07 of 89.62 million people)',
      low: 0.045,
      high: 0.135,
      tolerance: 'half to one and a half times the national share',
      values: firstAdjustment.map((c) => c.roundEntriesInNeed / c.roundRegisteredBefore),
    },
    {
      study: 'Alatas et al. (2019), "Does elite capture matter?", abstract and section IV',
      setting: '`alatas2019-elite`: as the community arm, with the default elite channels (listing favouritism, tie bias, payout-list capture) and cadre integrity',
      measure: 'receipt gap, households tied to cadres minus untied households of the same income tenth',
      published: 'at most about 0.08',
      low: 0,
      high: 0.08,
      tolerance: 'the published bound (the study finds little capture conditional on consumption; no lower bound)',
      values: VALIDATION_SEEDS.map((seed) => eliteReceiptGap(firstRegister('alatas2019-elite', seed))),
    },
    {
      study: 'Olken (2007), JPE, audits of village road projects',
      setting: '`olken2007-audit-4` and `-100`: the baseline with village audits of 4% and 100% of villages a year, every audit finding what is there',
      measure: 'relative fall in money diverted by cadres (before recovery) / money handled',
      published: 'about 8 points of a level of about a quarter: about 0.3',
      low: 0.2,
      high: 0.45,
      tolerance: 'two thirds to one and a half times the published relative effect',
      values: olkenLow.map((low, k) => 1 - olkenHigh[k]! / low),
    },
  ];
}

/** The verdict of a row: its mean within [low, high]. */
export function passes(row: StudyRow): boolean {
  const m = meanOf(row.values);
  return m >= row.low && m <= row.high;
}

/** What the Alatas arms look like against true income (no survey error) and how good their scores are. */
export interface ArmDetail {
  readonly arm: 'pmt' | 'community' | 'hybrid';
  readonly inclusion: number;
  readonly exclusion: number;
  readonly mistargeting: number;
  /** R-squared of the arm's score on true log income, and the PMT formula's fit on its survey. */
  readonly scoreR2: number;
  readonly pmtR2: number;
}

/** Means over the seeds of each Alatas arm's errors against true income and of its score's R-squared. */
export function alatasDetails(): ArmDetail[] {
  return (['pmt', 'community', 'hybrid'] as const).map((arm) => {
    const perSeed = seeds((seed) => {
      const t = firstRegister(`alatas2012-${arm}`, seed);
      return {
        ...measuredErrors(t, seed, 0),
        scoreR2: t.counters.scoreR2 ?? Number.NaN,
        pmtR2: t.counters.pmtR2 ?? Number.NaN,
      };
    });
    const mean = (pick: (x: (typeof perSeed)[number]) => number): number => meanOf(perSeed.map(pick));
    return {
      arm,
      inclusion: mean((x) => x.inclusion),
      exclusion: mean((x) => x.exclusion),
      mistargeting: mean((x) => x.mistargeting),
      scoreR2: mean((x) => x.scoreR2),
      pmtR2: mean((x) => x.pmtR2),
    };
  });
}

/** The setting checks the Alatas arms rest on (poor and selected shares), per seed. */
export function alatasSettingCheck(): { poorShare: number[]; selectedShare: number[] } {
  const errors = seeds((seed) => measuredErrors(firstRegister('alatas2012-pmt', seed), seed));
  return { poorShare: errors.map((e) => e.poorShare), selectedShare: errors.map((e) => e.selectedShare) };
}
