import type { AnalysisRequest, OffenseEntryData } from '@kb/contracts';
import { describe, expect, it } from 'vitest';
import { analyze, type ResolvedEntry, requestProblems } from './index';

const dv: ResolvedEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  revisionId: '00000000-0000-4000-8000-000000000002',
  revisionNumber: 4,
  lastReviewedAt: '2026-10-15',
  data: {
    jurisdiction: 'us-ca',
    statutes: ['Cal. Penal Code § 273.5(a)'],
    offenseName: 'Corporal injury to a spouse or cohabitant',
    grade: 'wobbler',
    maxSentenceDays: 1460,
    assessments: {
      aggravated_felony: {
        outcome: 'depends',
        summary: 'A crime of violence if 365 days or more are imposed.',
        subparagraphs: ['F'],
        condition: { sentenceDaysAtLeast: 365 },
        authorities: ['INA § 101(a)(43)(F)'],
      },
      cimt: { outcome: 'yes', summary: 'A CIMT.', authorities: [] },
    },
    saferAlternatives: [],
    practiceNotes: '',
    advisories: [],
  } satisfies OffenseEntryData,
};

const request = (days: number[]): AnalysisRequest => ({
  client: { status: 'lpr', admittedOn: '2018-06-01', enteredWithoutInspection: false },
  priors: [],
  alternatives: days.map((d) => ({
    label: `${d} days`,
    citation: 'PC 273.5',
    jurisdiction: 'us-ca',
    stage: 'convicted',
    grade: 'felony',
    sentenceDays: d,
    offenseDate: '2026-10-01',
  })),
});

describe('analyze', () => {
  it('answers every ground for every alternative, with the entry revision it used', () => {
    const r = analyze(request([365]), { alternatives: [dv], priors: [] }, '2026-12-01');
    expect(r.analyzedOn).toBe('2026-12-01');
    expect(r.alternatives[0]!.entry).toMatchObject({
      id: dv.id,
      revisionId: dv.revisionId,
      revisionNumber: 4,
      lastReviewedAt: '2026-10-15',
    });
    expect(r.alternatives[0]!.findings.map((f) => f.ground)).toEqual([
      'aggravated_felony',
      'cimt_deportable',
      'cimt_inadmissible',
      'petty_offense_exception',
      'controlled_substance_deportable',
      'controlled_substance_inadmissible',
      'domestic_violence_deportable',
      'firearm_deportable',
      'mandatory_detention',
      'daca_bar',
      'tps_bar',
      'lpr_cancellation_bar',
      'asylum_bar',
    ]);
  });

  it('explains a difference by the input that changed: "365 → 364 days removes the aggravated felony"', () => {
    const r = analyze(request([365, 364]), { alternatives: [dv, dv], priors: [] }, '2026-12-01');
    const af = r.differences.find((d) => d.ground === 'aggravated_felony');
    expect(af?.outcomes).toEqual([
      { label: '365 days', outcome: 'yes' },
      { label: '364 days', outcome: 'no' },
    ]);
    expect(af?.summary).toBe('365 → 364 days removes the aggravated felony (365 days → 364 days)');
    expect(r.differences.some((d) => d.ground === 'cimt_inadmissible')).toBe(false);
  });
});

describe('requestProblems', () => {
  it('names a date in the future, an unnamed offense and a repeated label', () => {
    const bad: AnalysisRequest = {
      client: { status: 'lpr', admittedOn: '2027-01-01' },
      priors: [{ convictedOn: '2026-12-02' }],
      alternatives: [
        { label: 'A', stage: 'convicted', offenseDate: '2026-12-02', citation: 'PC 488' },
        { label: 'A', stage: 'convicted', offenseId: dv.id },
      ],
    };
    expect(requestProblems(bad, '2026-12-01').map((p) => p.field)).toEqual([
      'client.admittedOn',
      'priors[0].convictedOn',
      'priors[0].citation',
      'alternatives[0].offenseDate',
      'alternatives[0].citation',
      'alternatives[1].label',
    ]);
    expect(requestProblems(request([30]), '2026-12-01')).toEqual([]);
  });
});
