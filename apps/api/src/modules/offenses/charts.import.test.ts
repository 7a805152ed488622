import { CHART_CSV_COLUMNS, type ChartImportResponse, type ChartResponse } from '@kb/contracts';
import { auditLog, documents, revisions } from '@kb/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { importChartCsv } from './offenses.editor';

let ctx: TestContext;
let reader: TestUser;
let editor: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  reader = await ctx.user('reader');
  editor = await ctx.user('editor');
  // The editor's organization owns the sample entries here (only an owner's editors import over them).
  await ctx.db.execute(
    sql`update documents set organization_id = ${await ctx.testOrganizationId()} where id in (select document_id from revisions where kind = 'offense_entry')`,
  );
});
afterAll(() => ctx?.close());

const row = (values: Record<string, string>) =>
  CHART_CSV_COLUMNS.map((c) => {
    const v = values[c] ?? '';
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');

/** Fifty good Nevada rows (a jurisdiction the sample data does not cover). */
const goodRows = Array.from({ length: 50 }, (_, i) =>
  row({
    jurisdiction: 'us-nv',
    statutes: `Nev. Rev. Stat. § 205.${String(100 + i)}`,
    offense_name: `Sample offense ${i + 1}`,
    grade: i % 2 ? 'misdemeanor' : 'felony',
    max_sentence_days: i % 2 ? '182' : '1460',
    aggravated_felony_outcome: 'depends',
    aggravated_felony_summary:
      'An aggravated felony with a sentence of 365 days or more; sample content, not legal advice.',
    aggravated_felony_subparagraphs: 'G',
    aggravated_felony_sentence_days_at_least: '365',
    aggravated_felony_authorities: 'INA § 101(a)(43)(G)\n8 U.S.C. § 1101(a)(43)(G)',
    cimt_outcome: 'yes',
    cimt_summary: 'Theft with intent to deprive permanently.',
    cimt_circuit_notes: 'cir-9: Sample note, with a comma.',
    safer_alternatives: 'Nev. Rev. Stat. § 207.200: Trespass, no theft element.',
    last_reviewed_at: '2026-11-30',
  }),
);
const header = CHART_CSV_COLUMNS.join(',');
const goodFile = `${header}\r\n${goodRows.join('\r\n')}\r\n`;

async function counts() {
  const [row] = await ctx.db
    .select({
      documents: sql<number>`(select count(*)::int from ${documents})`,
      revisions: sql<number>`(select count(*)::int from ${revisions})`,
      audit: sql<number>`(select count(*)::int from ${auditLog})`,
    })
    .from(sql`(select 1) as one`);
  return row;
}

async function upload(text: string, user = editor, query = '') {
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/charts/import${query}`,
    headers: { ...user.auth, 'content-type': 'text/csv' },
    payload: text,
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions on JSON answers
  return { status: response.statusCode, body: response.json() as any };
}

describe('chart CSV import (acceptance 3)', () => {
  it('refuses a file with one bad cell among 50 good rows, naming the line and column; nothing changes', async () => {
    const before = await counts();
    const bad = [...goodRows];
    bad.splice(
      26,
      0,
      row({
        jurisdiction: 'us-nv',
        statutes: 'Nev. Rev. Stat. § 205.999',
        offense_name: 'Bad',
        grade: 'felony',
        cimt_outcome: 'perhaps',
      }),
    );
    const res = await upload(`${header}\n${bad.join('\n')}\n`);
    expect(res.status).toBe(422);
    // Lines of the file: the header, then 26 good rows of two lines each (a line break in a cell).
    expect(res.body.error.details.errors).toEqual([
      { line: 54, column: 'cimt_outcome', message: expect.stringContaining('"perhaps"') },
    ]);
    expect(res.body.error.message).toContain('line 54, column cimt_outcome');
    expect(await counts()).toEqual(before);
  });

  it('imports the good file as published rows; re-importing it changes nothing', async () => {
    const first = await upload(goodFile);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ created: 50, updated: 0, unchanged: 0 });
    const chart = await ctx.app.inject({ method: 'GET', url: '/api/charts/us-nv', headers: reader.auth });
    const body = chart.json() as ChartResponse;
    expect(body.coverage.covered).toBe(true);
    expect(body.entries).toHaveLength(50);
    expect(body.entries[0]?.data.assessments.cimt?.circuitNotes).toEqual([
      { circuit: 'cir-9', note: 'Sample note, with a comma.' },
    ]);

    const before = await counts();
    const again = await upload(goodFile);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 50 });
    expect(await counts()).toEqual(before);
  });

  it('exports a chart that imports back unchanged (seeded California rows)', async () => {
    const csv = await ctx.app.inject({ method: 'GET', url: '/api/charts/us-ca.csv', headers: reader.auth });
    const before = await counts();
    const result = (await importChartCsv(ctx.db, null, csv.body)) as ChartImportResponse;
    expect(result.created + result.updated).toBe(0);
    expect(result.unchanged).toBeGreaterThanOrEqual(25);
    expect(await counts()).toEqual(before);
  });

  it('matches a row to its entry by statute key, however the statute is written', async () => {
    const csv = await ctx.app.inject({ method: 'GET', url: '/api/charts/us-ca.csv', headers: reader.auth });
    const [head, ...lines] = csv.body.split('\r\n');
    const dv = lines.find((l) => l.startsWith('us-ca,Cal. Penal Code § 273.5(a),')) ?? '';
    const res = await upload(`${head}\r\n${dv.replace('Cal. Penal Code § 273.5(a)', 'PC 273.5(a)')}\r\n`);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    expect(res.body.rows[0].slug).toBe('us-ca-pc-273-5-a');
  });

  it('updates a changed row in place as a new revision, and only editors may import', async () => {
    const changed = goodRows[1]?.replace('cimt_outcome', '').replace(',yes,Theft', ',no,Theft') ?? '';
    const res = await upload(`${header}\n${changed}\n`);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    expect((await upload(goodFile, reader)).status).toBe(403);
    expect((await upload('not,a,chart\n1,2,3\n')).status).toBe(422);
  });
});
