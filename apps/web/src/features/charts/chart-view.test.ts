import type { OffenseEntryData } from '@kb/contracts';
import { describe, expect, it } from 'vitest';
import { type ChartRow, chartRows, citationMatches, textMatcher } from './chart-view';

const entry = (slug: string, statute: string, offense: Partial<OffenseEntryData> = {}): ChartRow => ({
  slug,
  data: {
    jurisdiction: 'us-ca',
    statutes: [statute],
    offenseName: slug,
    grade: 'misdemeanor',
    maxSentenceDays: 364,
    assessments: {},
    saferAlternatives: [],
    practiceNotes: '',
    advisories: [],
    ...offense,
  },
});

const rows = [
  entry('pc-273-5', 'Cal. Penal Code § 273.5', {
    offenseName: 'Corporal injury to a spouse or cohabitant',
    grade: 'wobbler',
    maxSentenceDays: 1460,
    assessments: {
      aggravated_felony: { outcome: 'depends', summary: 'Crime of violence if 365 days imposed', authorities: [] },
      domestic_violence: { outcome: 'yes', summary: 'Crime of domestic violence', authorities: [] },
    },
  }),
  entry('pc-273a', 'Cal. Penal Code § 273a(a)', { offenseName: 'Child endangerment', grade: 'felony' }),
  entry('pc-273d', 'PC 273d', { offenseName: 'Corporal punishment of a child' }),
  entry('pc-2735', 'Cal. Penal Code § 2735', { offenseName: 'Not a real neighbour' }),
  entry('pc-243-e', 'Cal. Penal Code § 243(e)(1)', {
    offenseName: 'Battery on a spouse',
    assessments: { aggravated_felony: { outcome: 'no', summary: 'Not a crime of violence', authorities: [] } },
  }),
  entry('hs-11350', 'Cal. Health & Safety Code § 11350(a)', { offenseName: 'Possession of a controlled substance' }),
];

const slugs = (q: string) => rows.filter((r) => textMatcher(q)(r.data)).map((r) => r.slug);

describe('the chart text filter', () => {
  it('finds a row by its citation in any form lawyers write', () => {
    expect(slugs('PC 273.5')).toEqual(['pc-273-5']);
    expect(slugs('273.5 PC')).toEqual(['pc-273-5']);
    expect(slugs('Cal. Penal Code § 273.5')).toEqual(['pc-273-5']);
    expect(slugs('H&S 11350')).toEqual(['hs-11350']);
  });

  it('offers every row a partial citation could mean, never a different number', () => {
    expect(slugs('PC 273')).toEqual(['pc-273-5', 'pc-273a', 'pc-273d']);
  });

  it('keeps subsections apart but lets a subsection find the whole section', () => {
    expect(citationMatches('capc273d5pa', 'capc273d5pf')).toBe(false);
    expect(citationMatches('capc273d5', 'capc273d5pa')).toBe(true);
    expect(slugs('PC 273.5(a)')).toEqual(['pc-273-5']);
    expect(slugs('PC 243(e)')).toEqual(['pc-243-e']);
    expect(slugs('PC 243(a)')).toEqual([]);
  });

  it('matches words in the name and the cells, and a bare section number', () => {
    expect(slugs('corporal')).toEqual(['pc-273-5', 'pc-273d']);
    expect(slugs('crime of violence')).toEqual(['pc-273-5', 'pc-243-e']);
    expect(slugs('273.5')).toEqual(['pc-273-5']);
    expect(slugs('')).toHaveLength(rows.length);
  });
});

describe('chartRows', () => {
  const base = { q: '', consequence: null, outcome: null, sort: 'statute', direction: 'asc' } as const;

  it('shows the offenses that are not aggravated felonies, a missing column counting as unclear', () => {
    const no = chartRows(rows, { ...base, consequence: 'aggravated_felony', outcome: 'no' });
    expect(no.map((r) => r.slug)).toEqual(['pc-243-e']);
    const notYes = chartRows(rows, { ...base, consequence: 'aggravated_felony', outcome: 'not_yes' });
    expect(notYes).toHaveLength(rows.length);
    const unclear = chartRows(rows, { ...base, consequence: 'aggravated_felony', outcome: 'unclear' });
    expect(unclear.map((r) => r.slug)).not.toContain('pc-273-5');
  });

  it('sorts by statute in numeric order, by grade and by a column, most adverse first', () => {
    expect(chartRows(rows, base).map((r) => r.data.statutes[0])).toEqual([
      'Cal. Health & Safety Code § 11350(a)',
      'Cal. Penal Code § 243(e)(1)',
      'Cal. Penal Code § 273.5',
      'Cal. Penal Code § 273a(a)',
      'Cal. Penal Code § 2735',
      'PC 273d',
    ]);
    expect(chartRows(rows, { ...base, sort: 'grade' })[0]?.slug).toBe('pc-273a');
    expect(chartRows(rows, { ...base, sort: 'domestic_violence' })[0]?.slug).toBe('pc-273-5');
    expect(chartRows(rows, { ...base, sort: 'maxSentence', direction: 'desc' })[0]?.slug).toBe('pc-273-5');
  });
});
