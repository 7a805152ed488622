import type {
  SearchAnalyticsResponse,
  SearchPhraseChangeResponse,
  SearchResponse,
  SuggestResponse,
} from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let reader: TestUser;
let editor: TestUser;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ indexAll: true });
  [reader, editor, admin] = await Promise.all([ctx.user('reader'), ctx.user('editor'), ctx.user('admin')]);
}, 120_000);
afterAll(() => ctx?.close());

async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: object) {
  const response = await ctx.app.inject({ method, url, headers: user.auth, payload });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T };
}

async function search(q: string, extra = ''): Promise<SearchResponse> {
  const { status, body } = await call<SearchResponse>(
    'GET',
    `/api/search?q=${encodeURIComponent(q)}&perPage=10${extra}`,
    reader,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

const top = (response: SearchResponse, n: number) => response.hits.slice(0, n);
const advisory = (slugPart: string) => `demo-adv-${slugPart}`;

const CIMT_ADVISORIES = [
  'petty-offense-youthful-offender-exceptions',
  'cal-pc-484-488-petty-theft',
  'cal-pc-245a-assault-deadly-weapon',
  'cal-vc-20001-hit-and-run',
  'cal-pc-422-criminal-threats',
  'cal-pc-496-receiving-stolen-property',
  'cal-pc-459-burglary',
  'tex-penal-31-03-theft',
  'ny-pl-155-25-220-03-misdemeanors',
  'categorical-approach-primer',
].map(advisory);
const THEFT_CIMT = [
  'cal-pc-484-488-petty-theft',
  'tex-penal-31-03-theft',
  'ny-pl-155-25-220-03-misdemeanors',
  'cal-pc-459-burglary',
  'cal-pc-496-receiving-stolen-property',
].map(advisory);
const DETENTION = ['mandatory-detention-236c-laken-riley', 'cal-pc-484-488-petty-theft'].map(advisory);
/** An advisory answering at its section on detention or detainers (the Laken Riley Act). */
const aboutDetention = (hit: SearchResponse['hits'][number]) =>
  /detention|detainer|laken riley/i.test(`${hit.section.heading} ${hit.title}`);

describe('the words lawyers use put a relevant advisory in the top three', () => {
  const cases: Array<[string, string[] | ((hit: SearchResponse['hits'][number]) => boolean)]> = [
    ['CMT', CIMT_ADVISORIES],
    ['CMT theft', THEFT_CIMT],
    ['ICE hold', aboutDetention],
    ['green card holder shoplifting', [advisory('cal-pc-484-488-petty-theft')]],
    ['undocumented client theft arrest', DETENTION],
  ];
  for (const [q, relevant] of cases) {
    it(`"${q}"`, async () => {
      const hits = top(await search(q), 3);
      expect(
        hits.some(
          (h) =>
            h.kind === 'advisory' &&
            (typeof relevant === 'function' ? relevant(h) : relevant.includes(h.externalId ?? '')),
        ),
        hits.map((h) => h.externalId).join(', '),
      ).toBe(true);
    });
  }

  it('says what it understood: phrases, citations, jurisdictions', async () => {
    const response = await search('green card holder Cal. Penal Code § 273.5 California');
    expect(response.understood?.phrases.map((p) => p.phrase)).toContain('green card holder');
    expect(response.understood?.citations).toEqual(['Cal. Penal Code § 273.5']);
    expect(response.understood?.jurisdictions).toContain('us-ca');
  });

  it('a partial citation finds the provisions it begins, in results and suggestions', async () => {
    const hs = await search('H&S 113');
    expect(hs.hits.map((h) => h.externalId)).toEqual(
      expect.arrayContaining([advisory('cal-hs-11350-possession'), advisory('cal-hs-11351-11379-sales-transport')]),
    );
    const { body } = await call<SuggestResponse>(
      'GET',
      `/api/search/suggest?q=${encodeURIComponent('H&S 113')}`,
      reader,
    );
    const citations = body.suggestions.filter((s) => s.type === 'citation').map((s) => s.text);
    expect(citations.some((c) => c.includes('11350'))).toBe(true);
    expect(citations.some((c) => c.includes('11351'))).toBe(true);
  });
});

describe('a search that finds nothing', () => {
  it('shows the results of a broader search and what was dropped', async () => {
    // Petty theft guidance exists, but no regulation about it in Texas.
    const response = await search('petty theft', '&kind=regulation&jurisdiction=us-tx');
    expect(response.total).toBe(0);
    expect(response.hits).toEqual([]);
    expect(response.relaxed?.dropped).toEqual(['filters']);
    expect(response.relaxed?.hits.map((h) => h.externalId)).toContain(advisory('cal-pc-484-488-petty-theft'));
  });

  it('drops the quotation marks of an exact phrase nobody wrote', async () => {
    const response = await search('"shoplifting detainer arrest Laken"');
    expect(response.total).toBe(0);
    expect(response.relaxed?.dropped).toEqual(['quotes']);
    expect(response.relaxed?.total).toBeGreaterThan(0);
  });
});

describe('search analytics', () => {
  it('counts queries, zero results, clicks and filters, without anyone’s identity, for editors', async () => {
    const word = `zqx${Date.now().toString(36)}`;
    await search(`${word} detainer`);
    await search(word);
    await search('cimt theft', '&jurisdiction=us-ca');
    await search('cimt theft');
    const click = await call('POST', '/api/search/clicks', reader, { q: 'CIMT  theft' });
    expect(click.status).toBe(204);

    expect((await call('GET', '/api/admin/search-analytics', reader)).status).toBe(403);
    const { status, body } = await call<SearchAnalyticsResponse>('GET', '/api/admin/search-analytics?days=7', editor);
    expect(status).toBe(200);
    expect(body.zeroResultQueries.map((q) => q.query)).toContain(word);
    const theft = body.topQueries.find((q) => q.query === 'cimt theft');
    expect(theft).toMatchObject({ searches: 2, zeroResults: 0, clicks: 1 });
    expect(body.noClickQueries.map((q) => q.query)).not.toContain('cimt theft');
    expect(body.filters).toContainEqual({ facet: 'jurisdiction', value: 'us-ca', uses: 1 });
    expect(body.retentionDays).toBe(90);
    // Aggregates only: nothing in the answer names or identifies a reader.
    const text = JSON.stringify(body);
    for (const user of [reader, editor, admin]) {
      expect(text).not.toContain(user.id);
      expect(text).not.toContain(user.email);
    }
    expect((await call('GET', '/api/admin/search-analytics?days=91', editor)).status).toBe(400);
  });
});

describe('the lawyer vocabulary, maintained by editors', () => {
  it('teaches search a new phrase at once, and forgets it when removed', async () => {
    const before = await search('moot tow');
    expect(before.hits.some((h) => h.externalId === advisory('cal-vc-20001-hit-and-run'))).toBe(false);

    // Readers may not change it; editors (who read the zero-result searches) and admins may.
    expect((await call('POST', '/api/taxonomy/phrases', reader, {})).status).toBe(403);
    expect((await call('GET', '/api/taxonomy/phrases', reader)).status).toBe(403);
    const created = await call<SearchPhraseChangeResponse>('POST', '/api/taxonomy/phrases', editor, {
      kind: 'lay_term',
      phrase: 'moot tow',
      meanings: ['Vehicle Code § 20001'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.searchSynonymsUpdated).toBe(true);
    const after = await search('moot tow');
    // The hit-and-run guidance (and the chart row of VC 20001) now answers it.
    expect(after.hits.slice(0, 3).map((h) => h.externalId)).toContain(advisory('cal-vc-20001-hit-and-run'));

    const duplicate = await call('POST', '/api/taxonomy/phrases', editor, {
      kind: 'lay_term',
      phrase: 'Moot  Tow',
      meanings: ['x'],
    });
    expect(duplicate.status).toBe(409);
    const id = created.body.phrase?.id as string;
    expect((await call('PATCH', `/api/taxonomy/phrases/${id}`, editor, { meanings: [] })).status).toBe(400);
    const changed = await call<SearchPhraseChangeResponse>('PATCH', `/api/taxonomy/phrases/${id}`, admin, {
      meanings: ['Vehicle Code § 20001', 'hit and run'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.phrase?.meanings).toContain('hit and run');
    expect((await call('DELETE', `/api/taxonomy/phrases/${id}`, editor)).status).toBe(200);
    const gone = await search('moot tow');
    expect(gone.hits.some((h) => h.externalId === advisory('cal-vc-20001-hit-and-run'))).toBe(false);
    const { body } = await call<{ phrases: Array<{ phrase: string }> }>('GET', '/api/taxonomy/phrases', editor);
    expect(body.phrases.map((p) => p.phrase)).toEqual(expect.arrayContaining(['CMT', 'ICE hold', 'joyriding']));
  });
});
