/**
 * Every parameter of the township model: type, unit, range, default, meaning and the source of the
 * default. A scenario file sets any subset of these; the rest take the defaults below. The defaults
 * describe the study's township before reform (see docs/model.md, "Details", for the reasoning).
 *
 * Money is in yuan at 2020 prices. "Per household" budgets are per household of the whole township,
 * so a budget scales with `township.households`. Rates that happen "per year" are applied monthly
 * or at the annual adjustment as the process description says.
 */
import { bool, defaultsOf, group, int, num, oneOf, share, type ValueOf } from './parameter-spec.js';

export const parameterTree = group('All model parameters.', {
  simulation: group('Length of the run and where its draws come from.', {
    months: int({
      unit: 'months', min: 1, max: 600, default: 60,
      description: 'Number of monthly steps simulated. The register is first set before month 0 and adjusted at the end of each year (months 11, 23, ...).',
      source: 'Five years, 2016-2020: the final stage of the precision poverty alleviation campaign studied.',
    }),
    streams: oneOf({
      default: 'township',
      description: "Where the households' draws come from: in the economy (income shock, health, illness each month; migration each year), in supervision each month (audits), at the register adjustment each year (application, scoring errors, cadres' and villagers' decisions) and in the partners' yearly decisions (the platform's assessment, hiring). With 'village' the results differ from 'township' only by chance (other draws, the same distributions), and a run can use several threads (`povsim run --threads N`) with the same results whatever their number.",
      source: "povsim's design: one stream per village is how R's parallel streams or numpy's SeedSequence.spawn make parallel draws reproducible; the township stream keeps the draws of earlier versions.",
      values: {
        township: "one economy, supervision, identification and partners stream for the whole township, each drawn household after household (the draws of earlier versions; one thread)",
        village: "each village's households draw from the village's own economy, supervision, identification and partners streams, derived from the seed and the village (the village shocks, the partners' own decisions and the register adjustment's survey stay on the township's streams)",
      },
    }),
  }),

  township: group('Size of the township and its poverty line.', {
    households: int({
      unit: 'households', min: 1, max: 20_000_000, default: 9000,
      description: 'Number of households in the township.',
      source: 'A Shandong township of about 30 administrative villages of ~300 households (Shandong statistical yearbook: rural villages average 250-350 households).',
    }),
    villages: int({
      unit: 'villages', min: 1, max: 100_000, default: 30,
      description: 'Number of administrative villages. Households are split evenly among them (capped at one village per household). The command line\'s --households N sets it to N / 300 rounded, at least 1 (the default township\'s village size), unless --set township.villages is given.',
      source: 'Typical township size in Shandong; the study interviews cadres of several villages of one town.',
    }),
    povertyLine: num({
      unit: 'yuan per capita per year', min: 1, max: 1_000_000, default: 4000,
      description: 'A household is income-poor when its per-capita annual income is below this line.',
      source: "China's national rural poverty line: 2,300 yuan at 2010 prices, about 4,000 yuan at 2020 prices (NBS).",
    }),
    housingFloor: bool({
      default: true,
      description: 'Also count as truly poor a household living in unsafe housing (the "safe housing" guarantee of the "two assurances, three guarantees" floor), whatever its income.',
      source: 'The national exit standard: income above the line and food, clothing, compulsory education, basic medical care and safe housing assured.',
    }),
  }),

  population: group('Who lives in the township at month 0.', {
    meanHouseholdSize: num({
      unit: 'persons', min: 1, max: 9, default: 3.3,
      description: 'Mean size of households with a working-age member (1 plus a Poisson draw, capped at 9); elderly households have 1 or 2 persons.',
      source: 'China 2020 census: rural households average about 2.9-3.1 persons, elderly households included.',
    }),
    elderlyShare: share({
      default: 0.2,
      description: 'Share of households with no working-age labourer (left-behind elderly). They live on farm work at reduced capacity, pensions and support from children.',
      source: 'CFPS and NBS rural surveys: about one rural household in five has only members over 60.',
    }),
    labourShare: share({
      default: 0.6,
      description: 'Probability that a member of a non-elderly household is a working-age labourer (at least one always is).',
      source: 'Rural dependency ratio around 0.6-0.7 (NBS 2019).',
    }),
    migrantShare: share({
      default: 0.3,
      description: 'Probability that a labourer works away as a migrant at month 0 and sends remittances.',
      source: 'NBS migrant worker monitoring survey 2019: about 174 million out-migrants against about 290 million rural migrant workers and a larger rural labour force; a third of rural labourers work away.',
    }),
    chronicIllnessShare: share({
      default: 0.15,
      description: 'Share of households with a chronically ill member at month 0.',
      source: 'Illness was the main cause of registered poverty (about 42% of registered poor households in 2015, NHFPC); chronic disease prevalence among rural adults 15-20%.',
    }),
    disabilityShare: share({
      default: 0.05,
      description: 'Share of households with a severely disabled member at month 0.',
      source: 'Second national sample survey on disability (2006): 6.3% of people, concentrated in poorer households.',
    }),
    connectedShare: share({
      default: 0.15,
      description: 'Share of households tied to village cadres (kin, clients): the channel of elite capture. The realised share is somewhat higher (about 17% at the defaults) because ties are more likely among the better-off (tieWealthGradient).',
      source: 'Issue brief; studies of village elite networks report 10-20% of households closely tied to cadres.',
    }),
    tieWealthGradient: num({
      unit: 'log-odds per SD of earning ability', min: -5, max: 5, default: 0.8,
      description: 'How much more likely better-off households are to be tied to cadres (0: ties unrelated to wealth).',
      source: 'Modelling choice: village elites are better-off on average (Kuang and others on elite capture in China).',
    }),
    initialAwareness: share({
      default: 0.35,
      description: 'Mean policy awareness at month 0 (0: knows nothing of the policy, 1: fully informed).',
      source: 'The study: villagers did not understand precision poverty alleviation; modelling choice.',
    }),
    awarenessGradient: num({
      unit: 'awareness per SD of skill', min: 0, max: 1, default: 0.1,
      description: 'How much more aware more skilled (better educated) households are at month 0; the elderly are 0.1 less aware.',
      source: 'Modelling choice: information follows education; the poorest and least informed apply least.',
    }),
    unsafeHousingShare: share({
      default: 0.03,
      description: 'Share of households in unsafe housing at month 0, drawn among those with the fewest assets.',
      source: 'Dilapidated housing renovation covered about 2-3% of rural households in 2013-2020 (MOHURD).',
    }),
  }),

  economy: group('Earnings, shocks, illness and migration.', {
    labourEarnings: num({
      unit: 'yuan per labourer per year', min: 0, max: 1_000_000, default: 12500,
      description: 'Median annual earnings of a healthy local labourer of average skill (farming plus local wage work).',
      source: 'Calibrated so that about 9% of persons (12% of households) are poor before assistance at month 0, median per-capita income about 9,000 yuan (a poorer township; NBS 2019 rural Shandong mean 17,775).',
    }),
    skillReturn: num({
      unit: 'log earnings per SD of skill', min: 0, max: 2, default: 0.25,
      description: 'Return to skill (education, training) in log earnings.',
      source: 'Returns to schooling in rural China of 4-8% per year of school, about 0.25 per SD of schooling.',
    }),
    abilitySd: num({
      unit: 'log earnings SD', min: 0, max: 3, default: 0.55,
      description: 'Standard deviation of the permanent earning ability no official can observe.',
      source: 'Calibrated so that a proxy-means formula fitted on a survey explains 53-66% of the variance of measured log income, as real ones do (Hanna and Olken 2018).',
    }),
    farmIncome: num({
      unit: 'yuan per household per year', min: 0, max: 1_000_000, default: 3000,
      description: 'Net farm income of a household with a labourer at home, before harvest shocks; a household with no labourer at home (elderly, or all labourers away) earns half of it.',
      source: 'NBS 2019 rural net farm income per capita about 4,000 yuan, much of it earned by labourers counted in labourEarnings.',
    }),
    remittancePerMigrant: num({
      unit: 'yuan per migrant per year', min: 0, max: 1_000_000, default: 12000,
      description: 'Median remittance a migrant labourer sends home.',
      source: 'NBS 2019: migrant workers earn about 4,000 yuan a month and remit roughly a quarter.',
    }),
    otherTransfers: num({
      unit: 'yuan per capita per year', min: 0, max: 1_000_000, default: 1500,
      description: 'Pensions, farm subsidies and family support every person receives, whatever their status.',
      source: 'Rural basic pension minimum in Shandong 2020 was 142 yuan a month; NBS rural transfer income per capita about 3,000 yuan.',
    }),
    elderlySupport: num({
      unit: 'yuan per household per year', min: 0, max: 1_000_000, default: 3500,
      description: 'Median support an elderly household receives from children living elsewhere.',
      source: 'Modelling choice calibrated with the poverty rate; CHARLS reports most rural elderly receive some support from children.',
    }),
    healthEarningsFactorChronic: share({
      default: 0.6,
      description: 'Earnings of a household with a chronically ill member, relative to a healthy one.',
      source: 'Modelling choice: illness removes a labourer part of the time and takes a carer.',
    }),
    healthEarningsFactorDisabled: share({
      default: 0.35,
      description: 'Earnings of a household with a severely disabled member, relative to a healthy one.',
      source: 'Modelling choice.',
    }),
    individualShockSd: num({
      unit: 'log income SD (stationary)', min: 0, max: 3, default: 0.25,
      description: 'Standard deviation of the persistent household income shock (monthly AR(1), persistence below).',
      source: 'Transitory income variance in rural China panels (CHNS) is about a third of the total.',
    }),
    shockPersistence: share({
      default: 0.9,
      description: 'Monthly autocorrelation of the household income shock.',
      source: 'Modelling choice: shocks last about a year.',
    }),
    villageShockSd: num({
      unit: 'log income SD (stationary)', min: 0, max: 3, default: 0.12,
      description: 'Standard deviation of the village harvest and price shock (monthly AR(1), same persistence).',
      source: 'Modelling choice: harvest and price variation shared by a village.',
    }),
    illnessRateHealthy: share({
      unit: 'probability per month', default: 0.008,
      description: 'Monthly probability of a costly illness episode in a healthy household.',
      source: 'About one hospitalisation per ten households a year (China national health services survey 2018: 13.7 admissions per 100 persons).',
    }),
    illnessRateChronic: share({
      unit: 'probability per month', default: 0.03,
      description: 'Monthly probability of a costly illness episode in a household with a chronic or disabled member.',
      source: 'Modelling choice: three to four times the healthy rate.',
    }),
    medicalCost: num({
      unit: 'yuan per episode (mean)', min: 0, max: 10_000_000, default: 9000,
      description: 'Mean cost of an illness episode (log-normal, log SD 0.8).',
      source: 'Average rural inpatient expenditure about 8,000-10,000 yuan (China health statistics yearbook 2019).',
    }),
    insuranceReimbursement: share({
      default: 0.5,
      description: 'Share of an illness cost paid by basic medical insurance for everyone.',
      source: 'Effective reimbursement of the rural cooperative medical scheme about 50%.',
    }),
    onsetChronic: share({
      unit: 'probability per month', default: 0.002,
      description: 'Monthly probability that a healthy household acquires a chronically ill member.',
      source: 'Modelling choice giving a stable chronic share near the initial one.',
    }),
    recoveryChronic: share({
      unit: 'probability per month', default: 0.01,
      description: 'Monthly probability that a chronically ill household recovers.',
      source: 'Modelling choice.',
    }),
    migrationRate: share({
      unit: 'probability per labourer per year', default: 0.04,
      description: 'Annual probability that a local labourer leaves to work away.',
      source: 'Modelling choice keeping the migrant share near its initial level with the return rate.',
    }),
    returnRate: share({
      unit: 'probability per migrant per year', default: 0.09,
      description: 'Annual probability that a migrant returns home to work locally.',
      source: 'Modelling choice.',
    }),
    dependency: num({
      unit: 'effort lost per unit share of income', min: 0, max: 2, default: 0.1,
      description: 'How much unconditional cash lowers the work effort of a household\'s labourers at home ("waiting, relying, asking"): their effort target is 1 minus this times the share of the month\'s income that is unconditional cash (transfers, dividends, donations; not medical help or returns on project capital), at least 0.5; effort moves a sixth of the way to its target each month and scales local earnings.',
      source: 'Banerjee, Hanna, Kreindler and Olken (2017) find no systematic effect of cash transfers on work in seven randomised trials, so the default is small; the range lets an analyst test the "welfare dependency" the study reports.',
    }),
  }),

  information: group('How households learn about the policy.', {
    decay: share({
      unit: 'share per month', default: 0.03,
      description: 'Monthly share of awareness lost without new information (people forget, rules change).',
      source: 'Modelling choice, calibrated with neighbourInfluence so that baseline awareness stays near its initial level, as the study found villagers still unclear about the policy years on.',
    }),
    neighbourInfluence: share({
      unit: 'share per month at full village awareness', default: 0.02,
      description: 'Word of mouth: each month a household learns this times its village\'s mean awareness of what it does not yet know (the imitation term of Bass diffusion), so information spreads faster where more neighbours know.',
      source: 'Bass (1969) diffusion; information on programmes spreads through village networks (Banerjee, Chandrasekhar, Duflo and Jackson 2013). Calibrated with decay so that baseline awareness stays near its initial level, as the study found.',
    }),
    platformGain: share({
      unit: 'share per month at full strength', default: 0.06,
      description: 'Monthly rise in awareness (as a share of what is not yet known) from a communication platform at full strength.',
      source: 'Modelling choice.',
    }),
    postingGain: share({
      unit: 'share per month', default: 0.02,
      description: 'Monthly rise in awareness in villages that post lists publicly.',
      source: 'Modelling choice.',
    }),
  }),

  identification: group('Who gets on the register: application, scoring, selection (before month 0, then at the end of each year).', {
    method: oneOf({
      default: 'community',
      description: 'How officials score applicants.',
      source: 'Registration 2014-2015 relied on democratic appraisal in villages (民主评议); the study found identification poor.',
      values: {
        pmt: 'proxy means test: log income predicted from observable assets, labour, health, size and schooling (a formula fitted on a survey), plus the error in the data it scores',
        community: 'democratic appraisal: villagers\' own view of the household (its income, the hardships they weigh beyond it, its reputation) plus the meeting\'s noise, biased toward households tied to cadres',
        hybrid: 'community shortlist, then the proxy means test picks within it',
        verification: 'household visits measure income almost exactly, at a cost per scored household (applicants and registered households under review) paid from the government budget',
      },
    }),
    pmtNoise: num({
      unit: 'log income SD', min: 0, max: 5, default: 0.85,
      description: 'Error in the data a proxy means test scores (enumerators, data entry, assets hidden or misreported), added to the formula\'s prediction; partly persistent (errorPersistence).',
      source: 'Calibrated so that, configured as Alatas et al. (2012, Table 3, PMT arm), the PMT misses about half the poor while the formula\'s own fit stays within Hanna and Olken\'s (2018) 0.53-0.66 (docs/validation.md).',
    }),
    surveyError: num({
      unit: 'log income SD', min: 0, max: 5, default: 0.15,
      description: 'Measurement error of income in the household survey the proxy-means formula is estimated on (methods pmt and hybrid); it lowers the formula\'s fit on the survey (pmtR2) but not its coefficients.',
      source: 'Household consumption and income surveys measure welfare with error (Deaton 1997); calibrated with pmtNoise so the formula\'s fit is within Hanna and Olken\'s (2018) 0.53-0.66.',
    }),
    errorPersistence: share({
      default: 0.75,
      description: 'Share of each identification method\'s error variance that belongs to the household and persists from year to year (what the formula cannot see, a reputation, income that hides well); the rest is drawn anew at each round (a survey visit, a meeting).',
      source: 'Calibrated so that the baseline\'s first annual adjustment removes and adds about a tenth of the register, as China\'s 2015-16 look-back did (docs/validation.md).',
    }),
    communityNoise: num({
      unit: 'log income SD', min: 0, max: 5, default: 1.8,
      description: 'How far villagers\' view of a household\'s standing strays from its income (reputation, what neighbours see), beyond the hardships they weigh; partly persistent (errorPersistence).',
      source: 'Calibrated so that, configured as Alatas et al. (2012), community appraisal errs a few points more than the PMT on income (docs/validation.md).',
    }),
    communityHardshipWeight: num({
      unit: 'log income per unit of hardship', min: 0, max: 5, default: 0.5,
      description: 'Villagers\' own notion of poverty: how much poorer than its income a household looks to them for each unit of visible hardship (a chronically ill member 0.5, a disabled member 1, an elderly household 0.5, the share of members who are not labourers, less 0.3 per SD of assets).',
      source: 'Alatas et al. (2012): communities judge poverty by earning capacity, illness, old age, dependants and assets, not by consumption alone; weights a modelling choice, scale calibrated with communityNoise (docs/validation.md).',
    }),
    communityTieBias: num({
      unit: 'log income', min: 0, max: 5, default: 0.1,
      description: 'How much poorer than they are households tied to cadres are made to look in democratic appraisal.',
      source: 'Alatas et al. (2012, 2019): elite capture explains little of community targeting\'s errors; small by default.',
    }),
    shortlistFactor: num({
      unit: 'multiple of places', min: 1, max: 10, default: 1.5,
      description: 'Hybrid method: the community shortlist holds this multiple of the places to fill.',
      source: 'Modelling choice.',
    }),
    verificationNoise: num({
      unit: 'log income SD', min: 0, max: 5, default: 0.05,
      description: 'Measurement error of household income verification visits.',
      source: 'Modelling choice: a careful income survey.',
    }),
    verificationCost: num({
      unit: 'yuan per scored household', min: 0, max: 1_000_000, default: 80,
      description: 'Cost of one verification visit, paid from the government budget as administration.',
      source: 'About half a staff-day of a township official (about 160 yuan a day) per household visited.',
    }),
    applicationRequired: bool({
      default: true,
      description: 'Households must apply to be considered; if false every household is scored (a census sweep).',
      source: 'Registration starts from a household application (农户申请).',
    }),
    applicationBase: share({
      default: 0.05,
      description: 'Chance that a household with no awareness at all knows it can apply; it rises linearly to 1 at full awareness. A household that knows applies with the chance it thinks it would qualify (selfAssessmentNoise), times (1 - stigma).',
      source: 'Modelling choice.',
    }),
    selfAssessmentNoise: num({
      unit: 'log income SD', min: 0.01, max: 5, default: 0.5,
      description: 'How uncertain households are of whether they would qualify: a household that knows it can apply does so with probability Phi((ln threshold - ln income by its own means) / selfAssessmentNoise), so the poor apply and the better-off do not bother.',
      source: 'Alatas et al. (2016, JPE): when households must apply, the poor apply far more than the rich, who expect to fail the test; even among the poorest only about 60% apply.',
    }),
    stigma: share({
      default: 0.1,
      description: 'Share of would-be applicants deterred by the stigma of being listed as poor.',
      source: 'Modelling choice.',
    }),
    selection: oneOf({
      default: 'quota',
      description: 'How scored applicants are selected.',
      source: 'Quotas (规模控制) were handed down from the county in 2014.',
      values: {
        quota: 'the first registration fills each village\'s quota (scale control) with the lowest-scored of the applicants and of as many households as there are places that the village meeting nominates as poorest; later adjustments register applicants scored below the threshold, lowest first, while the quota has room',
        threshold: 'every applicant scored below the poverty line (times thresholdMultiple) is registered',
      },
    }),
    quota: share({
      unit: 'share of village households', default: 0.1,
      description: 'Village quota: the largest share of its households a village may register.',
      source: 'Quotas were set from provincial poverty estimates, about the true rate on average.',
    }),
    thresholdMultiple: num({
      unit: 'multiple of the poverty line', min: 0.01, max: 10, default: 1.0,
      description: 'Score threshold for registration and exit, as a multiple of the poverty line.',
      source: 'The national line itself.',
    }),
    exitReview: bool({
      default: true,
      description: 'At each annual adjustment, registered households are re-scored and those scored above the threshold leave the register.',
      source: 'Dynamic adjustment (动态调整) of the register every year.',
    }),
  }),

  cadres: group('Village cadres and first secretaries.', {
    meanIntegrity: share({
      default: 0.6,
      description: 'Mean cadre integrity: the chance a village\'s cadres act by the rules in any one decision.',
      source: 'Calibrated to the study\'s weak supervision and "helping the rich not the poor"; modelling choice.',
    }),
    integritySd: num({
      unit: 'integrity SD', min: 0, max: 1, default: 0.15,
      description: 'Spread of integrity across villages (normal, clipped to [0, 1]). Clipping moves the mean toward 0.5 when the spread is wide: at the default mean of 0.6, an SD of 1 gives villages a mean integrity of about 0.54.',
      source: 'Modelling choice.',
    }),
    listingFavouritism: share({
      default: 0.05,
      description: 'At each register adjustment, chance that an unregistered household tied to cadres is added, whether it applied or not, times (1 - integrity); additions come before selection and use up quota places.',
      source: 'Alatas et al. (2019): formal elites capture at distribution, not when beneficiary lists are drawn up; small by default (docs/validation.md).',
    }),
    handoutCapture: share({
      default: 0.1,
      description: 'At each register adjustment, chance that a tied household not on the register is put on the payout list of register handouts (transfers, project funds, dividends, donations, training) for the year, times (1 - integrity): it is paid as if registered.',
      source: 'Alatas et al. (2019): formal elites are at most about 8 points more likely to receive than comparable households, captured at distribution; calibrated to that (docs/validation.md).',
    }),
    diversionPropensity: share({
      default: 0.15,
      description: 'Share of village-handled benefits diverted (pocketed), times (1 - integrity).',
      source: 'Modelling choice; audits of poverty funds found misuse of a few per cent to over 10% (National Audit Office 2015-2017).',
    }),
    firstSecretaryShare: share({
      default: 0.3,
      description: 'Share of villages with a first secretary sent from above, assigned to the villages of least capacity first.',
      source: 'First secretaries were posted to all registered poor villages, about a third of villages nationally.',
    }),
    firstSecretaryIntegrity: share({
      unit: 'integrity added', default: 0.15,
      description: 'Integrity a first secretary adds to a village\'s cadres.',
      source: 'Modelling choice.',
    }),
  }),

  government: group('The township government\'s poverty budget and programmes.', {
    budgetPerHousehold: num({
      unit: 'yuan per township household per year', min: 0, max: 1e9, default: 500,
      description: 'Annual government poverty budget, divided by all households of the township.',
      source: 'Central special poverty funds were about 1,500-3,000 yuan per registered poor person a year in 2016-2019 (MoF), i.e. a few hundred yuan per rural household.',
    }),
    transferShare: share({
      default: 0.3,
      description: 'Share of the budget paid as cash transfers to registered households, per person.',
      source: 'Modelling choice; subsistence allowances and direct subsidies.',
    }),
    medicalShare: share({
      default: 0.15,
      description: 'Share of the budget for medical subsidies to registered households.',
      source: 'Health poverty alleviation (健康扶贫) aimed at 90% reimbursement for the registered poor.',
    }),
    industryShare: share({
      default: 0.3,
      description: 'Share of the budget for industry projects and subsidised microcredit for registered households.',
      source: 'Industry projects were the largest item of poverty funds (产业扶贫).',
    }),
    infrastructureShare: share({
      default: 0.15,
      description: 'Share of the budget for village infrastructure, benefiting every household of the village.',
      source: 'Modelling choice; roads, water and power in poor villages.',
    }),
    renovationShare: share({
      default: 0.1,
      description: 'Share of the budget for renovating the unsafe houses of registered households (whole houses, while the money lasts); money with no house waiting goes to infrastructure.',
      source: 'Dilapidated-house renovation was a separate line of poverty funds (safe housing guarantee); modelling choice.',
    }),
    adminShare: share({
      default: 0.05,
      description: 'Share of the budget spent on administration before any programme.',
      source: 'Modelling choice: a typical programme overhead.',
    }),
    medicalSubsidyRate: share({
      default: 0.4,
      description: 'Extra share of an illness cost paid for registered households (on top of insurance), while the medical budget lasts.',
      source: 'Lifting effective reimbursement from about 50% to 90% for the registered poor.',
    }),
    projectReturnCapable: num({
      unit: 'share of invested capital per year', min: 0, max: 2, default: 0.15,
      description: 'Annual return on industry-project capital for a household that can invest it (a labourer, not disabled).',
      source: 'Modelling choice: livestock and cash-crop projects.',
    }),
    projectReturnEntrusted: num({
      unit: 'share of invested capital per year', min: 0, max: 2, default: 0.06,
      description: 'Annual dividend on project capital entrusted to an enterprise by a household that cannot invest it.',
      source: 'Asset-income projects paid dividends of 5-8% a year.',
    }),
    loanCapture: share({
      default: 0.2,
      description: 'Share of project capital of households that cannot invest that ends up used by enterprises (loans in poor households\' names); booked as diverted.',
      source: 'Audit findings on "household loans used by enterprises" (户贷企用).',
    }),
    renovationCost: num({
      unit: 'yuan per house', min: 0, max: 10_000_000, default: 20000,
      description: 'Cost of renovating the unsafe house of a registered household, paid from the renovation money.',
      source: 'Dilapidated-house renovation subsidies averaged about 20,000 yuan per house in 2016-2019 (MOHURD).',
    }),
    infrastructureAllocation: oneOf({
      default: 'capacity',
      description: 'How infrastructure money is split among villages.',
      source: 'The study: richer villages with capable cadres attract projects.',
      values: {
        capacity: 'in proportion to village capacity (roads, capable cadres): richer villages get more',
        need: 'in proportion to the number of registered households',
        equal: 'in proportion to village population',
      },
    }),
    infrastructureReturn: num({
      unit: 'earnings rise per 1,000 yuan per household', min: 0, max: 1, default: 0.02,
      description: 'Rise in a village\'s earnings for each 1,000 yuan per household of cumulative infrastructure.',
      source: 'Modelling choice; returns to rural roads (Fan and Chan-Kang).',
    }),
  }),

  enterprises: group('Enterprises: jobs, social-responsibility budgets, village partnerships.', {
    count: int({
      unit: 'enterprises', min: 0, max: 1000, default: 3,
      description: 'Number of enterprises in or near the township.',
      source: 'The study: a few enterprises joined the "ten thousand enterprises help ten thousand villages" campaign.',
    }),
    budgetPerHousehold: num({
      unit: 'yuan per township household per year', min: 0, max: 1e9, default: 30,
      description: 'Total social-responsibility budget of all enterprises, per household of the township, when all take part.',
      source: 'The study: enterprises provided little help; modelling choice.',
    }),
    jobsPerHousehold: num({
      unit: 'jobs per township household', min: 0, max: 5, default: 0.03,
      description: 'Enterprise jobs, in total, per household of the township (filled once a year).',
      source: 'Modelling choice: a few hundred factory and workshop jobs in a township.',
    }),
    wage: num({
      unit: 'yuan per year', min: 0, max: 1_000_000, default: 30000,
      description: 'Annual enterprise wage (replaces the local earnings of one labourer).',
      source: 'Local factory wages about 2,500 yuan a month in 2019.',
    }),
    hiring: oneOf({
      default: 'productivity',
      description: 'How participating enterprises choose workers (non-participating ones always hire by productivity).',
      source: 'The study: enterprises hire the able.',
      values: {
        productivity: 'the most productive applicants as employers see them: skill and ability (creaming); households with a disabled member are not hired',
        registeredFirst: 'registered households with a labourer first, then by productivity',
      },
    }),
    participation: share({
      unit: 'probability per year', default: 0.6,
      description: 'Chance an enterprise takes part in a year without incentives (gives its budget and follows its hiring rule).',
      source: 'The study: participation depends on profit and incentives, so enterprises can withdraw.',
    }),
    partnerVillages: int({
      unit: 'villages per enterprise', min: 0, max: 100_000, default: 3,
      description: 'Villages each participating enterprise partners with (its budget goes to their registered households and collectives).',
      source: 'Village-enterprise pairing (村企共建).',
    }),
    partnerSelection: oneOf({
      default: 'capacity',
      description: 'How enterprises choose partner villages.',
      source: 'The study: richer villages attract more help.',
      values: {
        capacity: 'villages with the most capacity (roads, capable cadres) first',
        need: 'villages with the most registered households first (coordination with the government)',
        random: 'at random',
      },
    }),
    collectiveShare: share({
      default: 0.3,
      description: 'Share of an enterprise\'s budget paid to partner villages\' collectives (cooperation income); the rest is dividends to registered households.',
      source: 'Village-enterprise cooperation raised collective income in the study.',
    }),
    adminShare: share({
      default: 0.05,
      description: 'Share of an enterprise\'s budget spent on administering its programme.',
      source: 'Modelling choice.',
    }),
  }),

  socialOrganisations: group('Social organisations: training, donations, mutual aid.', {
    count: int({
      unit: 'organisations', min: 0, max: 1000, default: 2,
      description: 'Number of social organisations working in the township.',
      source: 'The study: few social organisations, little help.',
    }),
    budgetPerHousehold: num({
      unit: 'yuan per township household per year', min: 0, max: 1e9, default: 20,
      description: 'Total budget of all social organisations, per household of the township, when all take part.',
      source: 'The study: thin non-government help; modelling choice.',
    }),
    villagesEach: int({
      unit: 'villages per organisation', min: 0, max: 100_000, default: 5,
      description: 'Villages each organisation works in (chosen at random).',
      source: 'Modelling choice.',
    }),
    participation: share({
      unit: 'probability per year', default: 0.7,
      description: 'Chance an organisation delivers its programme in a year without incentives.',
      source: 'Modelling choice.',
    }),
    targeting: oneOf({
      default: 'register',
      description: 'How organisations find beneficiaries.',
      source: 'The study: organisations relied on the cadres\' lists.',
      values: {
        register: 'the cadres\' register (inherits its errors; handed out through cadres)',
        ownPlatform: 'their own information platform: the poorest households by their own noisy assessment',
      },
    }),
    ownNoise: num({
      unit: 'log income SD', min: 0, max: 5, default: 0.3,
      description: 'Error of an organisation\'s own assessment of household income.',
      source: 'Modelling choice: local staff and visits.',
    }),
    trainingShare: share({
      default: 0.3,
      description: 'Share of an organisation\'s budget spent on skills training.',
      source: 'Modelling choice.',
    }),
    mutualAidShare: share({
      default: 0.2,
      description: 'Share spent on mutual aid (help with illness costs); the rest of the programme budget is donations.',
      source: 'Modelling choice.',
    }),
    mutualAidCoverage: share({
      default: 0.5,
      description: 'Share of a household\'s remaining out-of-pocket illness bill that mutual aid pays, while its money lasts.',
      source: 'Modelling choice.',
    }),
    trainingCost: num({
      unit: 'yuan per trainee', min: 1, max: 1_000_000, default: 1500,
      description: 'Cost of training one labourer.',
      source: 'Vocational training subsidies of 1,000-2,000 yuan per trainee.',
    }),
    trainingSkillGain: num({
      unit: 'skill SD', min: 0, max: 5, default: 0.3,
      description: 'Skill gained by a trained household.',
      source: 'Modelling choice.',
    }),
    adminShare: share({
      default: 0.1,
      description: 'Share of an organisation\'s budget spent on administration.',
      source: 'Typical NGO overhead.',
    }),
  }),

  collective: group('Village collective economies.', {
    incomePerHousehold: num({
      unit: 'yuan per village household per year', min: 0, max: 1e9, default: 40,
      description: 'Base collective income of a village, per household.',
      source: 'Many villages had "empty-shell" collectives with almost no income before 2018.',
    }),
    toRegisteredShare: share({
      default: 0.5,
      description: 'Share of collective spending paid as dividends to registered households; the rest is public goods for all villagers.',
      source: 'Modelling choice.',
    }),
  }),

  supervision: group('Audits, detection, sanctions, evaluation.', {
    auditRate: share({
      unit: 'share of registered households per year', default: 0.05,
      description: 'Share of registered households whose eligibility is audited in a year.',
      source: 'The study: weak supervision.',
    }),
    villageAuditRate: share({
      unit: 'share of villages per year', default: 0.1,
      description: 'Share of villages whose accounts are audited in a year.',
      source: 'Modelling choice.',
    }),
    detectionProbability: share({
      default: 0.5,
      description: 'Chance an audit finds a wrong entry or diverted funds that are there.',
      source: 'Modelling choice.',
    }),
    recoveryRate: share({
      default: 0.5,
      description: 'Share of detected diverted funds recovered and returned to the source\'s budget.',
      source: 'Modelling choice.',
    }),
    sanctionIntegrityGain: share({
      default: 0.1,
      description: 'Share of the gap to full integrity closed when a village\'s cadres are sanctioned for a wrong decision of their own (a wrong entry or pressured exit found, diverted money found); the gain fades (sanctionHalfLife).',
      source: 'Modelling choice: small, so that weak audits (the baseline) leave integrity about where it starts; with deterrence it gives Olken\'s (2007) effect of audits over a year (docs/validation.md).',
    }),
    sanctionHalfLife: num({
      unit: 'months', min: 1, max: 600, default: 24,
      description: 'Months for half of a sanction\'s effect on integrity to fade, back toward the integrity cadres settle at under the township\'s detection risk.',
      source: 'Modelling choice: deterrence from a sanction lasts a few years.',
    }),
    deterrence: share({
      default: 0.3,
      description: 'How cadres\' integrity answers detection risk: the integrity they settle at closes this share of the gap to full integrity times the yearly chance that wrongdoing is found (1 - (1 - villageAuditRate x detection)(1 - auditRate x detection)).',
      source: 'Olken (2007): raising the audit probability of village projects from 4% to 100% cut missing expenditures by about 8 points, about 30% of their level; calibrated to that (docs/validation.md).',
    }),
    thirdPartyEvaluation: share({
      default: 0.1,
      description: 'Chance that third-party evaluation catches a household exited while still poor, which is then put back on the register.',
      source: 'Third-party assessments were introduced in 2016; modelling choice.',
    }),
    partnerAccountability: share({
      default: 0.1,
      description: 'Chance that an enterprise or organisation about to withdraw is held to its promised help.',
      source: 'Modelling choice.',
    }),
  }),

  platforms: group('Platforms the study proposes: communication, mutual aid, opportunities, training.', {
    communication: share({
      unit: 'strength (0-1)', default: 0.1,
      description: 'Strength of the communication platform (policy publicity, hotlines, WeChat groups).',
      source: 'The study: villagers lacked information.',
    }),
    mutualAid: share({
      unit: 'share of villages', default: 0,
      description: 'Share of villages with a mutual-aid platform: there, every organisation\'s mutual-aid money reaches any household hit by illness, registered or not (elsewhere it reaches only the organisation\'s own villages, by its targeting rule).',
      source: 'The study proposes mutual-assistance platforms.',
    }),
    opportunities: share({
      unit: 'share of hires', default: 0,
      description: 'Share of enterprise hires made through the job-matching platform: households its own assessment counts as poor, with a labourer, in random order, before anyone else.',
      source: 'The study proposes an opportunities platform.',
    }),
    training: share({
      unit: 'share of trainees', default: 0,
      description: 'Share of training places allocated by the training platform to households its own assessment counts as poor, with a labourer (in random order), instead of by the organisations\' own rule.',
      source: 'The study proposes a training platform.',
    }),
  }),

  disclosure: group('Information disclosure: public posting of lists.', {
    postingShare: share({
      unit: 'share of villages', default: 0.3,
      description: 'Share of villages that post the register publicly.',
      source: 'Public posting (公示) was required but often perfunctory.',
    }),
    challengeProbability: share({
      default: 0.5,
      description: 'Chance that a registered household villagers judge not needy (by their own notion of poverty) is challenged when the list is posted, times the village\'s mean awareness.',
      source: 'Modelling choice.',
    }),
    correctionProbability: share({
      default: 0.7,
      description: 'Chance that the cadres who look into a challenge remove the household when it is indeed not in need (a challenge never removes a household in need).',
      source: 'Modelling choice.',
    }),
  }),

  incentives: group('Incentives for partners and cadres.', {
    partnerReward: share({
      unit: 'strength (0-1)', default: 0,
      description: 'Rewards for enterprises and organisations (tax relief, honours): closes this share of the gap to full participation.',
      source: 'The study proposes incentives for multi-party participation.',
    }),
    cadreEvaluation: oneOf({
      default: 'exitCounts',
      description: 'What cadres are evaluated on.',
      source: 'The study: pressure to meet exit targets by the 2020 deadline.',
      values: {
        exitCounts: 'how many households leave the register: pressure to declare paper exits',
        accuracy: 'how accurate the register is: no exit pressure',
      },
    }),
    evaluationPressure: share({
      unit: 'strength (0-1)', default: 0.6,
      description: 'Pressure to meet exit targets: a village short of its target by k households declares each of the k registered households closest to exiting out of poverty with probability pressure x (1 - integrity), still poor or not (ignored under accuracy evaluation).',
      source: 'The study; the 2020 deadline.',
    }),
    exitTarget: share({
      unit: 'share of the register per year', default: 0.3,
      description: 'Share of registered households the township is told to exit each year; every register exit at the review counts toward it, and villages short of it declare more exits under pressure.',
      source: 'China\'s rural poor fell from 55.75 million at the end of 2015 by 12-14 million a year to 2019 (NBS): 22% of the remaining in 2016, rising to two thirds in 2019.',
    }),
  }),
});

/** The type of a full, validated set of parameter values. */
export type Params = ValueOf<typeof parameterTree>;

export type IdentificationMethod = Params['identification']['method'];

/** Default values of every parameter. */
export const defaultParams: Params = defaultsOf(parameterTree);
