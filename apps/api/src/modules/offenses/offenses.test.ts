import type {
  ChartResponse,
  CreateOffenseBody,
  OffenseEntryView,
  OffenseListResponse,
  SearchResponse,
  SuggestResponse,
} from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { seedOffenseEntries } from './offenses.seed';

let ctx: TestContext;
let reader: TestUser;
let editor: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  reader = await ctx.user('reader');
  editor = await ctx.user('editor');
});
afterAll(() => ctx?.close());

// biome-ignore lint/suspicious/noExplicitAny: assertions on JSON answers
async function call<T = any>(method: 'GET' | 'POST' | 'PUT', url: string, user: TestUser | null, payload?: unknown) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: user ? user.auth : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as T };
}

const get = <T>(url: string, user: TestUser | null = reader) => call<T>('GET', url, user);
const statutesOf = (entries: Array<{ data: { statutes: string[] } }>) => entries.map((e) => e.data.statutes[0]);

describe('seeded sample entries (acceptance 6)', () => {
  it('at least 60 published entries across California, New York, Texas, Florida, Illinois and federal', async () => {
    const all = await get<OffenseListResponse>('/api/offenses?perPage=500');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(60);
    const jurisdictions = new Set(all.body.items.map((e) => e.jurisdiction));
    for (const j of ['us-ca', 'us-ny', 'us-tx', 'us-fl', 'us-il', 'federal']) expect(jurisdictions).toContain(j);
    expect(all.body.items.every((e) => e.status === 'published')).toBe(true);
  });

  it('loads idempotently by external id: a second load changes nothing', async () => {
    const report = await seedOffenseEntries(ctx.db, { force: true });
    expect(report?.errors).toEqual([]);
    expect(report?.created).toBe(0);
    expect(report?.updated).toBe(0);
    expect(report?.unchanged).toBeGreaterThanOrEqual(60);
  });
});

describe('citation search (acceptance 1)', () => {
  it.each(['PC 273.5', 'Cal. Penal Code § 273.5(a)', '273.5 PC'])(
    '"%s" answers with the PC 273.5(a) entry and its outcomes',
    async (q) => {
      const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const answer = res.body.answer;
      expect(answer?.match).toBe('exact');
      const [first] = answer?.entries ?? [];
      expect(first?.data.statutes).toEqual(['Cal. Penal Code § 273.5(a)']);
      expect(first?.path).toBe('/charts/us-ca/pc-273-5-a');
      expect(first?.data.assessments.aggravated_felony?.outcome).toBe('depends');
      expect(first?.data.assessments.domestic_violence?.outcome).toBe('yes');
    },
  );

  it('a partial citation offers the entries it could mean, 273.5 first', async () => {
    const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('PC 273')}`);
    expect(res.body.answer?.match).toBe('candidates');
    const statutes = statutesOf(res.body.answer?.entries ?? []);
    expect(statutes[0]).toBe('Cal. Penal Code § 273.5(a)');
    expect(statutes).toEqual(
      expect.arrayContaining(['Cal. Penal Code § 273a(a)', 'Cal. Penal Code § 273a(b)', 'Cal. Penal Code § 273d(a)']),
    );
    // Provisions the citation does not begin are not candidates (PC 2730…, PC 27).
    expect(statutes.every((s) => /§ 273[.a-z]/.test(s ?? ''))).toBe(true);
    expect(statutes.indexOf('Cal. Penal Code § 273.6(a)')).toBeLessThan(statutes.indexOf('Cal. Penal Code § 273a(a)'));
  });

  it('subsections are distinguished: 273a(b) is not 273a(a)', async () => {
    const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('PC 273a(b)')}`);
    expect(res.body.answer?.match).toBe('exact');
    expect(statutesOf(res.body.answer?.entries ?? [])).toEqual(['Cal. Penal Code § 273a(b)']);
  });

  it('Illinois sections of one article stay apart: retail theft is not theft, domestic battery is not battery', async () => {
    const retail = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('720 ILCS 5/16-25')}`);
    expect(retail.body.answer?.match).toBe('exact');
    expect(statutesOf(retail.body.answer?.entries ?? []).every((s) => s?.startsWith('720 ILCS 5/16-25'))).toBe(true);
    // The felony theft row (its statutes: 16-1(a) and 16-1(b)(4)), not the misdemeanor one nor retail theft.
    const theft = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('720 ILCS 5/16-1(b)(4)')}`);
    expect(theft.body.answer?.entries.map((e) => e.data.statutes)).toEqual([
      ['720 ILCS 5/16-1(a)', '720 ILCS 5/16-1(b)(4)'],
    ]);
    const battery = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('720 ILCS 5/12-3.2(a)(1)')}`);
    expect(battery.body.answer?.entries.map((e) => e.data.statutes[0])).toEqual(['720 ILCS 5/12-3.2(a)(1)']);
  });

  it('a query without a citation has no answer; suggestions include entries', async () => {
    const res = await get<SearchResponse>('/api/search?q=domestic%20violence');
    expect(res.body.answer ?? null).toBeNull();
    const suggest = await get<SuggestResponse>(`/api/search/suggest?q=${encodeURIComponent('PC 273')}`);
    const offenses = suggest.body.suggestions.filter((s) => s.type === 'offense');
    expect(offenses[0]).toMatchObject({ type: 'offense', path: '/charts/us-ca/pc-273-5-a', jurisdiction: 'us-ca' });
  });

  it('a draft entry is visible to no reader anywhere', async () => {
    const body: CreateOffenseBody = {
      offense: {
        jurisdiction: 'us-ca',
        statutes: ['Cal. Penal Code § 273.5(f)'],
        offenseName: 'Corporal injury with a prior conviction (draft)',
        grade: 'felony',
        maxSentenceDays: 1825,
        assessments: { aggravated_felony: { outcome: 'yes', summary: 'Draft text.', authorities: [] } },
        saferAlternatives: [],
        practiceNotes: '',
        advisories: [],
      },
      summary: 'Draft row, sample content, not legal advice.',
    };
    const created = await call('POST', '/api/offenses', editor, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, slug } = created.body as { id: string; slug: string };
    expect(slug).toBe('us-ca-pc-273-5-f');

    expect((await get(`/api/offenses/${id}`)).status).toBe(404);
    expect((await get(`/api/offenses/${slug}`)).status).toBe(404);
    expect((await get('/api/charts/us-ca/pc-273-5-f')).status).toBe(404);
    expect((await get(`/api/documents/${slug}`)).status).toBe(404);
    const chart = await get<ChartResponse>('/api/charts/us-ca');
    expect(chart.body.entries.some((e) => e.id === id)).toBe(false);
    const list = await get<OffenseListResponse>(`/api/offenses?q=${encodeURIComponent('PC 273.5(f)')}`);
    expect(list.body.total).toBe(0);
    const search = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('PC 273.5(f)')}`);
    expect((search.body.answer?.entries ?? []).some((e) => e.id === id)).toBe(false);
    expect(search.body.hits.some((h) => h.documentId === id)).toBe(false);
    const suggest = await get<SuggestResponse>(`/api/search/suggest?q=${encodeURIComponent('PC 273.5(f)')}`);
    expect(suggest.body.suggestions.some((s) => 'slug' in s && s.slug === slug)).toBe(false);
    // Its editor sees it.
    const draft = await get<OffenseEntryView>(`/api/offenses/${id}?view=draft`, editor);
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
    // A reader asking for the draft view still gets the published one: none.
    expect((await get(`/api/offenses/${id}?view=draft`)).status).toBe(404);
  });
});

describe('entries, lists and charts', () => {
  it('an entry page resolves safer alternatives, advisories and who cites it', async () => {
    const res = await get<OffenseEntryView>('/api/charts/us-ca/pc-273-5-a');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = res.body;
    expect(view.title).toBe('Cal. Penal Code § 273.5(a) — Corporal injury to spouse, cohabitant or dating partner');
    expect(view.lastReviewedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(view.revisionNumber).toBeGreaterThanOrEqual(1);
    const battery = view.saferAlternatives.find((a) => a.statute === 'Cal. Penal Code § 243(e)(1)');
    expect(battery?.entry?.path).toBe('/charts/us-ca/pc-243-e-1');
    // An alternative the library has no row for stays text; the row itself is never its own alternative.
    expect(view.saferAlternatives.find((a) => a.statute === 'Cal. Penal Code § 415')?.entry).toBeNull();
    expect(view.saferAlternatives.find((a) => a.statute === 'Cal. Penal Code § 273.5(a)')?.entry).toBeNull();
    expect(view.advisories.length).toBeGreaterThan(0);
    expect(view.advisories.every((a) => a.title.length > 0)).toBe(true);
    // The narrative chart links to its rows: the row lists it among the documents citing it.
    expect(view.citedBy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          slug: 'california-quick-reference-chart-immigration-consequences-of-common-offenses',
          sectionHeading: 'The rows as entries',
        }),
      ]),
    );
    const byId = await get<OffenseEntryView>(`/api/offenses/${view.id}`);
    expect(byId.body.slug).toBe('us-ca-pc-273-5-a');
  });

  it('filters by a column outcome ("not an aggravated felony") and by citation', async () => {
    const notAf = await get<OffenseListResponse>(
      '/api/offenses?jurisdiction=us-ca&consequence=aggravated_felony&outcome=no&perPage=500',
    );
    expect(notAf.body.total).toBeGreaterThan(0);
    expect(notAf.body.items.every((e) => e.data.assessments.aggravated_felony?.outcome === 'no')).toBe(true);
    const either = await get<OffenseListResponse>(
      '/api/offenses?jurisdiction=us-ca&consequence=aggravated_felony&outcome=no&outcome=depends&perPage=500',
    );
    expect(either.body.total).toBeGreaterThan(notAf.body.total);
    const partial = await get<OffenseListResponse>(`/api/offenses?q=${encodeURIComponent('273 PC')}`);
    expect(statutesOf(partial.body.items)).toContain('Cal. Penal Code § 273a(a)');
    const words = await get<OffenseListResponse>('/api/offenses?q=stalking');
    expect(statutesOf(words.body.items)).toContain('Cal. Penal Code § 646.9(a)');
    expect((await get('/api/offenses?consequence=nonsense')).status).toBe(400);
  });

  it('a chart lists its rows in statute order with the narrative documents', async () => {
    const res = await get<ChartResponse>('/api/charts/us-ca');
    expect(res.status).toBe(200);
    expect(res.body.coverage.covered).toBe(true);
    expect(res.body.coverage.nearest).toEqual([]);
    expect(res.body.coverage.circuit).toBe('cir-9');
    const statutes = statutesOf(res.body.entries);
    expect(statutes.indexOf('Cal. Penal Code § 245(a)(1)')).toBeLessThan(
      statutes.indexOf('Cal. Penal Code § 273.5(a)'),
    );
    expect(statutes.indexOf('Cal. Penal Code § 273.5(a)')).toBeLessThan(
      statutes.indexOf('Cal. Penal Code § 29800(a)(1)'),
    );
    expect(res.body.narratives.length).toBeGreaterThan(0);
  });

  it('a jurisdiction without rows says so, with the federal rules and the nearest guidance (acceptance 5)', async () => {
    const res = await get<ChartResponse>('/api/charts/us-az');
    expect(res.status).toBe(200);
    expect(res.body.label).toBe('Arizona');
    expect(res.body.entries).toEqual([]);
    expect(res.body.coverage.covered).toBe(false);
    expect(res.body.coverage.circuit).toBe('cir-9');
    const rules = res.body.coverage.federalRules;
    expect(rules.map((r) => r.consequence)).toEqual(
      expect.arrayContaining(['aggravated_felony', 'cimt', 'controlled_substance_deportable', 'mandatory_detention']),
    );
    expect(rules.every((r) => r.authorities.length > 0)).toBe(true);
    const [nearest] = res.body.coverage.nearest;
    expect(nearest).toMatchObject({ type: 'chart', path: '/charts/us-ca' });
    expect(nearest?.reason).toMatch(/Same federal circuit/);
  });

  it('refuses unknown jurisdictions and keeps everything behind sign-in', async () => {
    expect((await get('/api/charts/us-zz')).status).toBe(404);
    expect((await get('/api/charts/mars')).status).toBe(404);
    expect((await get('/api/charts/cir-9')).status).toBe(404);
    expect((await get('/api/charts/US_CA')).status).toBe(400);
    expect((await get('/api/charts/us-ca', null)).status).toBe(401);
    expect((await get('/api/offenses', null)).status).toBe(401);
  });

  it('exports a chart as CSV with each row’s last review date and revision number', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/charts/us-ca.csv', headers: reader.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, first] = response.body.split('\r\n');
    expect(header?.startsWith('jurisdiction,statutes,offense_name,grade,max_sentence_days,')).toBe(true);
    expect(header?.endsWith('last_reviewed_at,revision_number')).toBe(true);
    expect(first).toMatch(/,\d{4}-\d{2}-\d{2},\d+$/);
  });

  it('is in the OpenAPI document', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json', headers: editor.auth });
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/offenses',
      '/api/offenses/{id}',
      '/api/offenses/{id}/draft',
      '/api/charts/{jurisdiction}',
      '/api/charts/{jurisdiction}.csv',
      '/api/charts/import',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('editing an entry', () => {
  it('validates the row: unknown jurisdiction, bad circuit, depends without its condition', async () => {
    const base: CreateOffenseBody['offense'] = {
      jurisdiction: 'us-ca',
      statutes: ['Cal. Penal Code § 601'],
      offenseName: 'Aggravated trespass',
      grade: 'wobbler',
      maxSentenceDays: 1095,
      assessments: {},
      saferAlternatives: [],
      practiceNotes: '',
      advisories: [],
    };
    const bad = [
      { ...base, jurisdiction: 'us-zz' },
      { ...base, assessments: { cimt: { outcome: 'depends', summary: ' ', authorities: [] } } },
      {
        ...base,
        assessments: {
          cimt: { outcome: 'no', summary: 'x', circuitNotes: [{ circuit: 'ninth', note: 'n' }], authorities: [] },
        },
      },
      { ...base, grade: 'capital' },
    ];
    for (const offense of bad) {
      const res = await call('POST', '/api/offenses', editor, { offense });
      expect(res.status, JSON.stringify(offense)).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await call('POST', '/api/offenses', reader, { offense: base })).status).toBe(403);
  });

  it('an entry cannot lose its row, and another kind cannot have one', async () => {
    const created = await call('POST', '/api/offenses', editor, {
      offense: {
        jurisdiction: 'us-ca',
        statutes: ['Cal. Penal Code § 602'],
        offenseName: 'Trespass',
        grade: 'misdemeanor',
        maxSentenceDays: 180,
        assessments: {},
        saferAlternatives: [],
        practiceNotes: '',
        advisories: [],
      },
    });
    const { id } = created.body as { id: string };
    // biome-ignore lint/suspicious/noExplicitAny: the editor document as JSON
    const opened = await get<any>(`/api/documents/${id}/editor`, editor);
    const head = opened.body.head;
    expect(head.content.kind).toBe('offense_entry');
    expect(head.content.offense.statutes).toEqual(['Cal. Penal Code § 602']);
    const { offense: _offense, ...withoutRow } = head.content;
    const lost = await call('PUT', `/api/documents/${id}/draft`, editor, { ...withoutRow, baseRevisionId: head.id });
    expect(lost.status).toBe(400);
    const advisory = await call('POST', '/api/documents', editor, {
      ...withoutRow,
      kind: 'advisory',
      offense: head.content.offense,
    });
    expect(advisory.status).toBe(400);
  });
});
