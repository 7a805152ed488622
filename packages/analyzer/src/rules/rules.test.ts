import type { AnalysisAlternative, AnalysisClient, Assessment, OffenseEntryData } from '@kb/contracts';
import { describe, expect, it } from 'vitest';
import { classify } from '../classify';
import { addYears, type Case, clientFacts, offenseFacts, type PriorFacts, type ResolvedEntry } from '../facts';
import { aggravatedFelony } from './aggravated-felony';
import { cimtDeportable, cimtInadmissible, pettyOffenseException } from './cimt';
import { all, any } from './common';
import { controlledSubstanceDeportable, controlledSubstanceInadmissible } from './controlled-substances';
import { dacaBar, tpsBar } from './daca-tps';
import { domesticViolenceDeportable, firearmDeportable } from './deportability';
import { lakenRileyOffense, mandatoryDetention } from './detention';
import { asylumBar, lprCancellationBar } from './relief';

// Each rule on its own, with the smallest entry that exercises it.

const say = (outcome: Assessment['outcome'], extra: Partial<Assessment> = {}): Assessment => ({
  outcome,
  summary: `${outcome}.`,
  authorities: [],
  ...extra,
});

function entry(data: Partial<OffenseEntryData> = {}): ResolvedEntry {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    revisionId: '00000000-0000-4000-8000-000000000002',
    revisionNumber: 1,
    lastReviewedAt: '2026-11-01',
    data: {
      jurisdiction: 'us-ca',
      statutes: ['Cal. Penal Code § 1'],
      offenseName: 'Test offense',
      grade: 'misdemeanor',
      maxSentenceDays: 364,
      assessments: {},
      saferAlternatives: [],
      practiceNotes: '',
      advisories: [],
      ...data,
    },
  };
}

const LPR: AnalysisClient = { status: 'lpr', admittedOn: '2022-03-01', enteredWithoutInspection: false };
const EWI: AnalysisClient = { status: 'undocumented', admittedOn: null, enteredWithoutInspection: true };

function kase(
  e: ResolvedEntry,
  alt: Partial<AnalysisAlternative> = {},
  client: AnalysisClient = LPR,
  priors: PriorFacts[] = [],
): Case {
  const a: AnalysisAlternative = {
    label: 'A',
    stage: 'convicted',
    offenseDate: '2026-10-01',
    sentenceDays: 30,
    ...alt,
  };
  return { client: clientFacts(client), offense: offenseFacts(a, e), priors, today: '2026-12-01' };
}

const prior = (e: ResolvedEntry | null, convictedOn = '2024-05-01'): PriorFacts => ({
  citation: 'PC 484',
  convictedOn,
  sentenceDays: 10,
  entry: e,
});

const cimtEntry = (data: Partial<OffenseEntryData> = {}) => entry({ assessments: { cimt: say('yes') }, ...data });

describe('three-valued logic', () => {
  it('all: a no decides, unknown outweighs depends', () => {
    expect(all('yes', 'no', 'unknown')).toBe('no');
    expect(all('yes', 'depends', 'unknown')).toBe('unknown');
    expect(all('yes', 'yes')).toBe('yes');
  });
  it('any: a yes decides', () => {
    expect(any('no', 'yes', 'unknown')).toBe('yes');
    expect(any('no', 'depends')).toBe('depends');
    expect(any('no', 'no')).toBe('no');
  });
});

describe('facts', () => {
  it('adds years, 29 February becoming 28 February', () => {
    expect(addYears('2022-03-01', 5)).toBe('2027-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('admission: LPRs, refugees and visa holders are admitted; TPS and DACA only through inspection', () => {
    expect(clientFacts({ status: 'refugee' }).admission).toBe('admitted');
    expect(clientFacts({ status: 'tps', enteredWithoutInspection: true }).admission).toBe('not_admitted');
    expect(clientFacts({ status: 'tps', admittedOn: '2015-01-01', enteredWithoutInspection: false }).admission).toBe(
      'admitted',
    );
    expect(clientFacts({ status: 'daca' }).admission).toBe('unknown');
  });
  it('a California wobbler pleaded as a misdemeanor has a 364-day maximum (Cal. Penal Code § 18.5)', () => {
    const w = entry({ grade: 'wobbler', maxSentenceDays: 1460 });
    expect(kase(w, { grade: 'misdemeanor' }).offense.maxSentenceDays).toBe(364);
    expect(kase(w, { grade: 'felony' }).offense.maxSentenceDays).toBe(1460);
    expect(kase(w).offense.maxSentenceDays).toBeNull();
    expect(
      kase(entry({ grade: 'wobbler', jurisdiction: 'us-tx' }), { grade: 'misdemeanor' }).offense.maxSentenceDays,
    ).toBeNull();
  });
});

describe('classify (an entry column for this plea)', () => {
  const af = (outcome: Assessment['outcome'], condition?: Assessment['condition']) =>
    entry({ assessments: { aggravated_felony: say(outcome, { condition }) } });
  it('unclear and a missing column are unknown, never no', () => {
    expect(classify(kase(af('unclear')).offense, 'aggravated_felony').value).toBe('unknown');
    expect(classify(kase(entry()).offense, 'firearms').value).toBe('unknown');
  });
  it('decides a sentence condition: 365 days, not 364 (INA § 101(a)(48)(B) counts suspended time)', () => {
    const e = af('depends', { sentenceDaysAtLeast: 365 });
    expect(classify(kase(e, { sentenceDays: 365 }).offense, 'aggravated_felony').value).toBe('yes');
    expect(classify(kase(e, { sentenceDays: 364 }).offense, 'aggravated_felony').value).toBe('no');
    expect(classify(kase(e, { sentenceDays: null }).offense, 'aggravated_felony').value).toBe('depends');
  });
  it('decides a loss condition: over $10,000', () => {
    const e = af('depends', { lossOver: 10000 });
    expect(classify(kase(e, { lossAmount: 10000 }).offense, 'aggravated_felony').value).toBe('no');
    expect(classify(kase(e, { lossAmount: 10000.01 }).offense, 'aggravated_felony').value).toBe('yes');
  });
  it('a depends in words only stays depends', () => {
    expect(classify(kase(af('depends')).offense, 'aggravated_felony').value).toBe('depends');
  });
});

describe('aggravated felony, INA § 101(a)(43)', () => {
  const e = entry({
    assessments: {
      aggravated_felony: say('depends', { subparagraphs: ['F'], condition: { sentenceDaysAtLeast: 365 } }),
    },
  });
  it('cites the subparagraph and says what would change it', () => {
    const f = aggravatedFelony(kase(e, { sentenceDays: 365 }));
    expect(f).toMatchObject({ outcome: 'yes', rule: 'INA § 101(a)(43)(F)' });
    expect(f.whatWouldChange).toMatch(/364 days or less/);
    expect(f.authorities).toContain('INA § 101(a)(48)(B)');
  });
  it('tells a client never admitted what it does to them', () => {
    expect(aggravatedFelony(kase(e, { sentenceDays: 400 }, EWI)).reason).toMatch(
      /not itself a ground of inadmissibility/,
    );
  });
});

describe('CIMT deportability, INA § 237(a)(2)(A)(i) and (ii)', () => {
  it('(i): within five years and a year possible', () => {
    const felony = cimtEntry({ grade: 'felony', maxSentenceDays: 1095 });
    expect(cimtDeportable(kase(felony, { offenseDate: '2027-03-01' }, LPR)).outcome).toBe('yes');
    expect(cimtDeportable(kase(felony, { offenseDate: '2027-03-02' }, LPR)).outcome).toBe('no');
    expect(cimtDeportable(kase(cimtEntry({ maxSentenceDays: 364 }), {}, LPR)).outcome).toBe('no');
  });
  it('(ii): a prior CIMT convicted after admission and before this offense', () => {
    const e = cimtEntry({ maxSentenceDays: 180 });
    const f = cimtDeportable(kase(e, {}, LPR, [prior(e)]));
    expect(f).toMatchObject({ outcome: 'yes', rule: 'INA § 237(a)(2)(A)(ii)' });
    expect(cimtDeportable(kase(e, {}, LPR, [prior(e, '2021-01-01')])).outcome).toBe('no');
    expect(cimtDeportable(kase(e, {}, LPR, [prior(null)])).outcome).toBe('unknown');
  });
  it('does not reach a client who entered without inspection, and says why', () => {
    const f = cimtDeportable(kase(cimtEntry({ maxSentenceDays: 1095 }), {}, EWI));
    expect(f.outcome).toBe('no');
    expect(f.reason).toMatch(/reach only noncitizens who were admitted/);
  });
  it('depends on the admission when it is not known', () => {
    expect(cimtDeportable(kase(cimtEntry({ maxSentenceDays: 1095 }), {}, { status: 'unknown' })).outcome).toBe(
      'depends',
    );
  });
});

describe('CIMT inadmissibility and the petty offense exception, INA § 212(a)(2)(A)', () => {
  const e = cimtEntry({ maxSentenceDays: 364 });
  it('one CIMT, maximum a year or less, six months or less imposed: excepted', () => {
    expect(pettyOffenseException(kase(e, { sentenceDays: 180 })).outcome).toBe('yes');
    expect(cimtInadmissible(kase(e, { sentenceDays: 180 })).outcome).toBe('no');
  });
  it('over six months, or a second CIMT, or a maximum over a year: not excepted', () => {
    expect(pettyOffenseException(kase(e, { sentenceDays: 185 })).outcome).toBe('no');
    expect(pettyOffenseException(kase(e, {}, LPR, [prior(e, '2010-01-01')])).outcome).toBe('no');
    expect(pettyOffenseException(kase(cimtEntry({ maxSentenceDays: 366 }))).outcome).toBe('no');
    expect(cimtInadmissible(kase(e, { sentenceDays: 185 }, EWI)).outcome).toBe('yes');
  });
  it('a non-CIMT is not inadmissible whatever the sentence', () => {
    expect(cimtInadmissible(kase(entry({ assessments: { cimt: say('no') } }), { sentenceDays: 364 })).outcome).toBe(
      'no',
    );
  });
});

describe('controlled substances, INA § 237(a)(2)(B)(i) and § 212(a)(2)(A)(i)(II)', () => {
  const mj = entry({
    offenseName: 'Possession of marijuana',
    assessments: {
      controlled_substance_deportable: say('depends', { condition: { quantityGramsOver: 30 } }),
      controlled_substance_inadmissible: say('yes'),
    },
  });
  it('the single ≤ 30 g marijuana possession exception: deportability only', () => {
    expect(controlledSubstanceDeportable(kase(mj, { quantityGrams: 30 })).outcome).toBe('no');
    expect(controlledSubstanceDeportable(kase(mj, { quantityGrams: 31 })).outcome).toBe('yes');
    expect(controlledSubstanceDeportable(kase(mj, { quantityGrams: 10, drug: 'cocaine' })).outcome).toBe('yes');
    const inadmissible = controlledSubstanceInadmissible(kase(mj, { quantityGrams: 10 }));
    expect(inadmissible.outcome).toBe('yes');
    expect(inadmissible.reason).toMatch(/212\(h\)/);
  });
  it('a second drug conviction ends the exception', () => {
    const other = entry({ assessments: { controlled_substance_deportable: say('yes') } });
    expect(controlledSubstanceDeportable(kase(mj, { quantityGrams: 10 }, LPR, [prior(other)])).outcome).toBe('yes');
  });
});

describe('domestic violence and firearms, INA § 237(a)(2)(E) and (C)', () => {
  it('read their columns for the admitted, and do not reach the never admitted', () => {
    const e = entry({ assessments: { domestic_violence: say('yes'), firearms: say('unclear') } });
    expect(domesticViolenceDeportable(kase(e)).outcome).toBe('yes');
    expect(firearmDeportable(kase(e)).outcome).toBe('unknown');
    expect(domesticViolenceDeportable(kase(e, {}, EWI)).reason).toMatch(
      /no domestic violence ground of inadmissibility/,
    );
  });
});

describe('mandatory detention, INA § 236(c)', () => {
  const none = {
    aggravatedFelony: 'no',
    cimtFiveYears: 'no',
    cimtTwo: 'no',
    cimtInadmissible: 'no',
    controlledSubstanceDeportable: 'no',
    controlledSubstanceInadmissible: 'no',
    firearmDeportable: 'no',
  } as const;
  const theft = entry({ assessments: { mandatory_detention: say('yes', { subparagraphs: ['E'] }) } });
  it('(E): a charge of theft is enough for one who entered without inspection', () => {
    const f = mandatoryDetention(kase(theft, { stage: 'charged' }, EWI), none);
    expect(f).toMatchObject({ outcome: 'yes', rule: 'INA § 236(c)(1)(E)' });
    expect(f.authorities).toContain('Laken Riley Act, Pub. L. No. 119-1 (2025)');
  });
  it('(E) does not reach an admitted LPR', () => {
    expect(mandatoryDetention(kase(theft, { stage: 'charged' }, LPR), none).outcome).toBe('no');
  });
  it('(E) by the offense’s name; words about (E) alone leave it to the facts', () => {
    const md = (outcome: Assessment['outcome'], summary: string, offenseName = 'Test offense') =>
      lakenRileyOffense(kase(entry({ offenseName, assessments: { mandatory_detention: say(outcome, { summary }) } })))
        .value;
    expect(md('depends', 'For others: only with a CIMT.', 'Second-degree burglary')).toBe('yes');
    expect(md('depends', 'A charge alleging serious bodily injury could trigger § 236(c)(1)(E).')).toBe('depends');
    expect(md('no', 'Not a listed § 236(c)(1)(E) offense.')).toBe('no');
    expect(md('unclear', 'Unsettled.')).toBe('unknown');
  });
  it('(B) an aggravated felony; (C) (A)(i) only with a year’s sentence', () => {
    expect(mandatoryDetention(kase(entry()), { ...none, aggravatedFelony: 'yes' }).rule).toBe('INA § 236(c)(1)(B)');
    expect(mandatoryDetention(kase(entry(), { sentenceDays: 364 }), { ...none, cimtFiveYears: 'yes' }).outcome).toBe(
      'no',
    );
    expect(mandatoryDetention(kase(entry(), { sentenceDays: 365 }), { ...none, cimtFiveYears: 'yes' }).outcome).toBe(
      'yes',
    );
  });
  it('(A) inadmissible for a § 212(a)(2) offense reaches only the never admitted', () => {
    expect(mandatoryDetention(kase(entry(), {}, EWI), { ...none, cimtInadmissible: 'yes' }).rule).toBe(
      'INA § 236(c)(1)(A)',
    );
    expect(mandatoryDetention(kase(entry(), {}, LPR), { ...none, cimtInadmissible: 'yes' }).outcome).toBe('no');
  });
});

describe('DACA and TPS bars', () => {
  const misd = entry({ assessments: { daca_bar: say('no') } });
  it('DACA: a felony; a misdemeanor with over 90 days depends on custody; three misdemeanors', () => {
    expect(dacaBar(kase(entry({ grade: 'felony', maxSentenceDays: 1095 }))).outcome).toBe('yes');
    expect(dacaBar(kase(misd, { sentenceDays: 91 })).outcome).toBe('depends');
    expect(dacaBar(kase(misd, { sentenceDays: 90 })).outcome).toBe('no');
    expect(dacaBar(kase(misd, {}, LPR, [prior(misd, '2023-01-01'), prior(misd, '2024-01-01')])).outcome).toBe('yes');
    expect(dacaBar(kase(entry({ maxSentenceDays: 5 }))).outcome).toBe('no');
  });
  const clean = { aggravatedFelony: 'no', cimtInadmissible: 'no', controlledSubstanceInadmissible: 'no' } as const;
  it('TPS: a felony, two misdemeanors, an aggravated felony, non-waivable inadmissibility', () => {
    expect(tpsBar(kase(misd), clean).outcome).toBe('no');
    expect(tpsBar(kase(misd, {}, LPR, [prior(misd)]), clean).outcome).toBe('yes');
    expect(tpsBar(kase(entry({ grade: 'felony', maxSentenceDays: 1095 })), clean).outcome).toBe('yes');
    expect(tpsBar(kase(misd), { ...clean, cimtInadmissible: 'yes' }).outcome).toBe('yes');
  });
  it('TPS: a state misdemeanor punishable by more than a year stays a misdemeanor with a year or less imposed (8 C.F.R. § 244.1)', () => {
    const long = entry({ grade: 'misdemeanor', maxSentenceDays: 900, jurisdiction: 'us-ma' });
    expect(tpsBar(kase(long, { sentenceDays: 365 }), clean).outcome).toBe('no');
    expect(tpsBar(kase(long, { sentenceDays: 366 }), clean).outcome).toBe('yes');
  });
});

describe('relief', () => {
  const f = {
    aggravatedFelony: 'no',
    cimtDeportable: 'no',
    cimtInadmissible: 'yes',
    controlledSubstanceDeportable: 'no',
    controlledSubstanceInadmissible: 'no',
  } as const;
  it('LPR cancellation: an aggravated felony bars it; stop-time within seven years (Barton v. Barr)', () => {
    expect(lprCancellationBar(kase(entry()), { ...f, cimtInadmissible: 'no', aggravatedFelony: 'yes' }).outcome).toBe(
      'yes',
    );
    expect(lprCancellationBar(kase(entry(), { offenseDate: '2029-02-28' }), f).outcome).toBe('yes');
    expect(lprCancellationBar(kase(entry(), { offenseDate: '2029-03-01' }), f).outcome).toBe('no');
  });
  it('asylum: an aggravated felony is a particularly serious crime; otherwise case by case', () => {
    expect(asylumBar(kase(entry()), { aggravatedFelony: 'yes' }).outcome).toBe('yes');
    expect(asylumBar(kase(entry()), { aggravatedFelony: 'no' }).outcome).toBe('depends');
  });
});
