import { CHART_CSV_COLUMNS } from '@kb/contracts';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseChartCsv, parseCsv } from './charts.csv';

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and counts lines', () => {
    const { records, error } = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
    ]);
  });

  it('names an unclosed quote', () => {
    expect(parseCsv('a\n"open').error).toMatchObject({ line: 2 });
  });

  it('writes what it reads, and defuses spreadsheet formulas', () => {
    const rows = [
      ['=HYPERLINK("x")', 'a,b', 'line\nbreak'],
      ['-1', '', 'plain'],
    ];
    const text = formatCsv(rows);
    expect(text.startsWith('"\'=HYPERLINK')).toBe(true);
    expect(parseCsv(text).records.map((r) => r.cells)).toEqual([
      ['\'=HYPERLINK("x")', 'a,b', 'line\nbreak'],
      ["'-1", '', 'plain'],
    ]);
  });
});

const header = CHART_CSV_COLUMNS.join(',');
const row = (values: Record<string, string>) => CHART_CSV_COLUMNS.map((c) => values[c] ?? '').join(',');

describe('parseChartCsv', () => {
  it('builds the row from its cells', () => {
    const { rows, errors } = parseChartCsv(
      `${header}\n${row({
        jurisdiction: 'us-nv',
        statutes: 'Nev. Rev. Stat. § 200.481(2)(a); Nev. Rev. Stat. § 200.485',
        offense_name: 'Battery',
        grade: 'Misdemeanor',
        max_sentence_days: '182',
        aggravated_felony_outcome: 'depends',
        aggravated_felony_summary: 'With 365 days.',
        aggravated_felony_subparagraphs: 'F',
        aggravated_felony_sentence_days_at_least: '365',
        aggravated_felony_authorities: '18 U.S.C. § 16(a)',
        cimt_outcome: 'no',
        cimt_summary: 'Simple battery.',
        cimt_circuit_notes: 'cir-9: Not a CIMT.',
        safer_alternatives: '"Nev. Rev. Stat. § 203.010: Breach of the peace."',
        last_reviewed_at: '2026-01-15',
      })}\n`,
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      line: 2,
      lastReviewedAt: '2026-01-15',
      data: {
        jurisdiction: 'us-nv',
        statutes: ['Nev. Rev. Stat. § 200.481(2)(a)', 'Nev. Rev. Stat. § 200.485'],
        grade: 'misdemeanor',
        maxSentenceDays: 182,
        assessments: {
          aggravated_felony: { outcome: 'depends', subparagraphs: ['F'], condition: { sentenceDaysAtLeast: 365 } },
          cimt: { outcome: 'no', circuitNotes: [{ circuit: 'cir-9', note: 'Not a CIMT.' }], authorities: [] },
        },
        saferAlternatives: [{ statute: 'Nev. Rev. Stat. § 203.010', advice: 'Breach of the peace.' }],
      },
    });
  });

  it('names every bad cell by line and column', () => {
    const good = { jurisdiction: 'us-nv', statutes: 'NRS 1', offense_name: 'X', grade: 'felony' };
    const { rows, errors } = parseChartCsv(
      [
        header,
        row(good),
        row({ ...good, statutes: 'NRS 2', grade: 'capital' }),
        row({ ...good, statutes: 'NRS 3', cimt_outcome: 'maybe' }),
        row({ ...good, statutes: 'NRS 4', cimt_summary: 'orphan' }),
        row({ ...good, statutes: 'NRS 5', max_sentence_days: 'a year' }),
        row({ ...good, statutes: 'NRS 6', jurisdiction: 'us-zz' }),
        row({ ...good, statutes: 'NRS 7', last_reviewed_at: '15/01/2026' }),
      ].join('\n'),
    );
    expect(rows).toHaveLength(1);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'grade'],
      [4, 'cimt_outcome'],
      [5, 'cimt_summary'],
      [6, 'max_sentence_days'],
      [7, 'jurisdiction'],
      [8, 'last_reviewed_at'],
    ]);
  });

  it('refuses a header with unknown or missing columns', () => {
    const { errors } = parseChartCsv('jurisdiction,statute,offense_name\nus-nv,NRS 1,X\n');
    expect(errors.map((e) => e.column)).toEqual(expect.arrayContaining(['statute', 'statutes', 'grade']));
    expect(errors.every((e) => e.line === 1)).toBe(true);
  });
});
