import { type AnalysisResult, type DocumentContent, type OffenseEntryData, offenseEntryTitle } from '@kb/contracts';
import { auditLog, documents } from '@kb/db';
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { importPublished } from '../documents';
import { seedOffenseEntries } from '../offenses';

let ctx: TestContext;
let lawyer: TestUser;
let other: TestUser;
let editor: TestUser;
let admin: TestUser;

const LPR = { status: 'lpr', admittedOn: '2022-03-01', enteredWithoutInspection: false };
const pettyTheft = {
  label: 'A',
  citation: 'PC 488',
  jurisdiction: 'us-ca',
  stage: 'convicted',
  sentenceDays: 30,
  offenseDate: '2026-10-01',
};

const api = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

const preview = (payload: object, user = lawyer) => api(user, 'POST', '/api/analyses/preview', payload);

const outcomes = (result: AnalysisResult, label = 'A') =>
  Object.fromEntries(result.alternatives.find((a) => a.label === label)!.findings.map((f) => [f.ground, f.outcome]));

async function entryId(externalId: string): Promise<string> {
  const [row] = await ctx.db.select({ id: documents.id }).from(documents).where(eq(documents.externalId, externalId));
  if (!row) throw new Error(`no entry ${externalId}`);
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The sample chart rows, as `pnpm start` loads them (a no-op when the template has them).
  await seedOffenseEntries(ctx.db);
  [lawyer, other, editor, admin] = await Promise.all([
    ctx.user('reader', { name: 'Pat Defender' }),
    ctx.user('reader'),
    ctx.user('editor'),
    ctx.user('admin'),
  ]);
});
afterAll(() => ctx.close());

describe('POST /api/analyses/preview', () => {
  it('acceptance 1: an LPR admitted 2022 with one petty theft, then with a 2024 petty-theft prior', async () => {
    const one = await preview({ client: LPR, priors: [], alternatives: [pettyTheft] });
    expect(one.statusCode).toBe(200);
    const first = one.json() as AnalysisResult;
    expect(outcomes(first)).toMatchObject({
      aggravated_felony: 'no',
      cimt_deportable: 'no',
      petty_offense_exception: 'yes',
    });
    const entry = first.alternatives[0]!.entry;
    expect(entry).toMatchObject({ id: await entryId('ca-pc-484-488'), jurisdiction: 'us-ca' });
    expect(entry.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.revisionNumber).toBeGreaterThanOrEqual(1);

    const two = await preview({
      client: LPR,
      priors: [{ citation: 'PC 484', jurisdiction: 'us-ca', convictedOn: '2024-05-01', sentenceDays: 10 }],
      alternatives: [pettyTheft],
    });
    expect(two.statusCode).toBe(200);
    const second = two.json() as AnalysisResult;
    expect(outcomes(second)).toMatchObject({
      cimt_deportable: 'yes',
      petty_offense_exception: 'no',
      cimt_inadmissible: 'yes',
    });
    const cimt = second.alternatives[0]!.findings.find((f) => f.ground === 'cimt_deportable')!;
    expect(cimt.rule).toBe('INA § 237(a)(2)(A)(ii)');
    expect(cimt.reason).toMatch(/two CIMTs not arising out of a single scheme/);
    expect(second.priors[0]!.entry?.id).toBe(entry.id);
  });

  it('acceptance 2: entered without inspection and charged with shoplifting (retail theft): mandatory detention under § 236(c)(1)(E)', async () => {
    const response = await preview({
      client: { status: 'undocumented', enteredWithoutInspection: true },
      priors: [],
      alternatives: [
        { label: 'A', offenseId: await entryId('il-5-16-25'), stage: 'charged', offenseDate: '2026-11-20' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const md = (response.json() as AnalysisResult).alternatives[0]!.findings.find(
      (f) => f.ground === 'mandatory_detention',
    )!;
    expect(md.outcome).toBe('yes');
    expect(md.rule).toBe('INA § 236(c)(1)(E)');
    expect(md.authorities).toContain('Laken Riley Act, Pub. L. No. 119-1 (2025)');
    expect(md.reason).toMatch(/charge alone/);
  });

  it('acceptance 5: an entry set to unclear yields unknown or depends, never a safe no', async () => {
    const data: OffenseEntryData = {
      jurisdiction: 'us-ca',
      statutes: ['Cal. Penal Code § 9999'],
      offenseName: 'Unsettled test offense',
      grade: 'felony',
      maxSentenceDays: 1095,
      assessments: Object.fromEntries(
        [
          'aggravated_felony',
          'cimt',
          'controlled_substance_deportable',
          'controlled_substance_inadmissible',
          'domestic_violence',
          'firearms',
          'daca_bar',
          'tps_bar',
          'mandatory_detention',
        ].map((c) => [c, { outcome: 'unclear', summary: 'The courts have not settled it.', authorities: [] }]),
      ),
      saferAlternatives: [],
      practiceNotes: '',
      advisories: [],
    };
    const content: DocumentContent = {
      kind: 'offense_entry',
      title: offenseEntryTitle(data),
      summary: 'Test entry (sample content, not legal advice).',
      publisher: '', // no organization: the public-domain library (publishers are organizations)
      authors: [],
      jurisdictions: ['us-ca'],
      audience: 'both',
      documentDate: null,
      lastReviewedAt: '2026-11-30',
      citations: [],
      offenseTypes: [],
      consequences: [],
      body: '',
      offense: data,
    };
    const { documentId } = await importPublished(ctx.db, { externalId: 'test-unclear-entry', content, actorId: null });
    const response = await preview({
      client: { status: 'lpr', admittedOn: '2023-01-01', enteredWithoutInspection: false },
      priors: [],
      alternatives: [
        { label: 'A', offenseId: documentId, stage: 'convicted', sentenceDays: 400, offenseDate: '2026-06-01' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const findings = (response.json() as AnalysisResult).alternatives[0]!.findings;
    // "no" would mean safe; the exception's "no" is the unsafe answer, so it is not one.
    const safe = findings.filter((f) => f.outcome === 'no' && f.ground !== 'petty_offense_exception');
    expect(safe).toEqual([]);
    for (const ground of [
      'aggravated_felony',
      'cimt_deportable',
      'cimt_inadmissible',
      'domestic_violence_deportable',
      'firearm_deportable',
      'mandatory_detention',
    ]) {
      expect(['unknown', 'depends']).toContain(findings.find((f) => f.ground === ground)!.outcome);
    }
  });

  it('a sentence of 0 days (no custody) is a sentence; null is "not given", never read as 0', async () => {
    const plea = (sentenceDays: number | null) => ({
      client: LPR,
      priors: [],
      alternatives: [{ ...pettyTheft, citation: 'PC 273.5(a)', sentenceDays }],
    });
    const none = await preview(plea(0));
    expect(none.statusCode).toBe(200);
    expect(outcomes(none.json() as AnalysisResult).aggravated_felony).toBe('no');
    const unknown = await preview(plea(null));
    expect(unknown.statusCode).toBe(200);
    expect(['depends', 'unknown']).toContain(outcomes(unknown.json() as AnalysisResult).aggravated_felony);
  });

  it('a citation that matches no published entry is a 422 naming it', async () => {
    const response = await preview({
      client: LPR,
      priors: [],
      alternatives: [{ ...pettyTheft, citation: 'PC 99999' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/alternatives\[0\].*PC 99999/);
  });

  it.each([
    [
      'a date in the future',
      { alternatives: [{ ...pettyTheft, offenseDate: '2999-01-01' }] },
      /alternatives\[0\]\.offenseDate/,
    ],
    ['negative days', { alternatives: [{ ...pettyTheft, sentenceDays: -1 }] }, /alternatives\/0\/sentenceDays/],
    ['an unknown status', { client: { ...LPR, status: 'citizen-ish' } }, /client\/status/],
    [
      'four alternatives',
      { alternatives: ['A', 'B', 'C', 'D'].map((label) => ({ ...pettyTheft, label })) },
      /alternatives/,
    ],
    ['an admission date in the future', { client: { ...LPR, admittedOn: '2999-01-01' } }, /client\.admittedOn/],
  ])('acceptance 6: %s is a 400 naming the field', async (_what, change, field) => {
    const response = await preview({ client: LPR, priors: [], alternatives: [pettyTheft], ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(field);
  });

  it('needs a signed-in user', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/analyses/preview', payload: {} });
    expect(response.statusCode).toBe(401);
  });
});

describe('saved analyses', () => {
  const body = () => ({
    matter: 'People v. R.M. — plea offer 12/3',
    advice: 'Plead to PC 488 with 30 days; do not accept 181 days or more.',
    request: {
      client: LPR,
      priors: [],
      alternatives: [
        pettyTheft,
        {
          label: 'B',
          citation: 'PC 273.5',
          jurisdiction: 'us-ca',
          stage: 'convicted',
          grade: 'felony',
          sentenceDays: 365,
          offenseDate: '2026-10-01',
        },
      ],
    },
  });

  it('acceptance 4: the memo PDF carries each entry’s revision and last-reviewed date; another user, an editor or an admin gets 404', async () => {
    const created = await api(lawyer, 'POST', '/api/analyses', body());
    expect(created.statusCode).toBe(201);
    const saved = created.json();
    expect(saved.result.alternatives).toHaveLength(2);

    for (const stranger of [other, editor, admin]) {
      expect((await api(stranger, 'GET', `/api/analyses/${saved.id}`)).statusCode).toBe(404);
      expect((await api(stranger, 'GET', `/api/analyses/${saved.id}/memo.pdf`)).statusCode).toBe(404);
      expect((await api(stranger, 'PATCH', `/api/analyses/${saved.id}`, { advice: 'x' })).statusCode).toBe(404);
      expect((await api(stranger, 'DELETE', `/api/analyses/${saved.id}`)).statusCode).toBe(404);
    }

    const pdf = await api(lawyer, 'GET', `/api/analyses/${saved.id}/memo.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const alt of saved.result.alternatives) {
      const e = alt.entry;
      expect(flat).toContain(`revision ${e.revisionNumber}, last reviewed ${e.lastReviewedAt}`);
    }
    expect(flat).toContain('People v. R.M.');
    expect(flat).toContain('Plead to PC 488 with 30 days');
    expect(flat).toContain('INA § 101(a)(43)(F)');
    expect(flat).toContain('not legal advice');
    expect(flat).toContain('Pat Defender');
  });

  it('lists, edits the advice, and deletes for good; the audit log records the save, never the content', async () => {
    const saved = (await api(lawyer, 'POST', '/api/analyses', body())).json();
    const list = (await api(lawyer, 'GET', '/api/analyses')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(saved.id);
    expect(list.items.find((i: { id: string }) => i.id === saved.id)).toMatchObject({
      matter: saved.matter,
      alternatives: ['A', 'B'],
    });
    expect((await api(other, 'GET', '/api/analyses')).json().items).toEqual([]);

    const edited = await api(lawyer, 'PATCH', `/api/analyses/${saved.id}`, { advice: 'Changed advice.' });
    expect(edited.json()).toMatchObject({ advice: 'Changed advice.', result: saved.result });

    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, saved.id));
    expect(audit.map((a) => a.action)).toEqual(['analysis.saved']);
    expect(JSON.stringify(audit)).not.toMatch(/R\.M\.|PC 488|Plead/);

    expect((await api(lawyer, 'DELETE', `/api/analyses/${saved.id}`)).statusCode).toBe(200);
    expect((await api(lawyer, 'GET', `/api/analyses/${saved.id}`)).statusCode).toBe(404);
    const after = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, saved.id));
    expect(after.map((a) => a.action).sort()).toEqual(['analysis.deleted', 'analysis.saved']);
  });

  it('refuses a blank matter label', async () => {
    const response = await api(lawyer, 'POST', '/api/analyses', { ...body(), matter: '   ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/matter/);
  });
});
