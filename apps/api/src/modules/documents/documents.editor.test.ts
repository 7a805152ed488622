import type { DocumentContent, EditorialAction } from '@kb/contracts';
import { auditLog, documents, revisions, searchOutbox } from '@kb/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, eventually, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let editor: TestUser;
let otherEditor: TestUser;
let reader: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  editor = await ctx.user('editor', { name: 'Erin Editor' });
  otherEditor = await ctx.user('editor', { name: 'Olu Other' });
  reader = await ctx.user('reader');
});
afterAll(() => ctx?.close());

const content = (overrides: Partial<DocumentContent> = {}): DocumentContent => ({
  kind: 'advisory',
  title: 'Shoplifting pleas and the petty offense exception',
  summary: 'When a petit theft plea keeps a client within the petty offense exception.',
  // The server writes the owning organization's name here, whatever a client sends.
  publisher: 'Test Organization',
  authors: ['A. Author'],
  jurisdictions: ['us-ca'],
  audience: 'both',
  documentDate: '2024-05-01',
  lastReviewedAt: null,
  citations: ['8 U.S.C. § 1182(a)(2)(A)(ii)(II)'],
  offenseTypes: ['theft-burglary'],
  consequences: ['cimt'],
  body: '## Summary\n\nPetit theft is a CIMT.\n\n## Safer pleas\n\nPlead to trespass.\n',
  ...overrides,
});

// biome-ignore lint/suspicious/noExplicitAny: assertions on JSON answers
type Json = Record<string, any>;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, user: TestUser | null, payload?: unknown) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: user ? user.auth : {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: response.statusCode, body: response.json() as Json };
}

async function create(overrides: Partial<DocumentContent> = {}, user = editor) {
  const res = await call('POST', '/api/documents', user, { ...content(overrides), note: 'First draft' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; slug: string; revisionId: string };
}

const open = async (id: string, user = editor) => (await call('GET', `/api/documents/${id}/editor`, user)).body;

async function save(id: string, baseRevisionId: string, overrides: Partial<DocumentContent> = {}, note?: string) {
  return call('PUT', `/api/documents/${id}/draft`, editor, { ...content(overrides), baseRevisionId, note });
}

type State = 'draft' | 'in_review' | 'published' | 'published_with_changes' | 'archived';

/** A fresh document brought into `state` through the API itself. */
async function documentIn(state: State) {
  const doc = await create({ title: `State ${state} ${Math.random().toString(36).slice(2, 8)}` });
  const act = async (action: string) => {
    const res = await call('POST', `/api/documents/${doc.id}/${action}`, editor, {});
    expect(res.status, `${state}: ${action} → ${JSON.stringify(res.body)}`).toBe(200);
  };
  if (state === 'in_review') await act('submit');
  if (state === 'published' || state === 'published_with_changes' || state === 'archived') await act('publish');
  if (state === 'published_with_changes') {
    const saved = await save(doc.id, doc.revisionId, { title: 'Changed title', body: 'Changed body.' });
    expect(saved.status).toBe(200);
  }
  if (state === 'archived') await act('archive');
  return doc;
}

describe('the editorial state machine', () => {
  // Every action in every state: the expected status afterwards, or 409 when refused.
  const table: Record<State, Record<EditorialAction, string | 409>> = {
    draft: {
      submit: 'in_review',
      withdraw: 409,
      publish: 'published',
      archive: 'archived',
      reopen: 409,
      supersede: 409,
      edit: 'draft',
    },
    in_review: {
      submit: 409,
      withdraw: 'draft',
      publish: 'published',
      archive: 'archived',
      reopen: 409,
      supersede: 409,
      edit: 'in_review',
    },
    published: {
      submit: 409,
      withdraw: 409,
      publish: 409,
      archive: 'archived',
      reopen: 409,
      supersede: 'published',
      edit: 'published',
    },
    published_with_changes: {
      submit: 409,
      withdraw: 409,
      publish: 'published',
      archive: 'archived',
      reopen: 409,
      supersede: 'published',
      edit: 'published',
    },
    archived: {
      submit: 409,
      withdraw: 409,
      publish: 409,
      archive: 409,
      reopen: 'draft',
      supersede: 409,
      edit: 409,
    },
  };

  let successorId: string;
  beforeAll(async () => {
    successorId = (await documentIn('published')).id;
  });

  for (const [state, actions] of Object.entries(table) as Array<[State, Record<EditorialAction, string | 409>]>) {
    for (const [action, expected] of Object.entries(actions) as Array<[EditorialAction, string | 409]>) {
      it(`${state} —${action}→ ${expected === 409 ? '409 refused' : expected}`, async () => {
        const doc = await documentIn(state);
        const before = await open(doc.id);
        const res =
          action === 'edit'
            ? await save(doc.id, before.head.id, { body: `${before.head.content.body}\nOne more line.` })
            : action === 'supersede'
              ? await call('POST', `/api/documents/${doc.id}/supersede`, editor, { successorId })
              : await call('POST', `/api/documents/${doc.id}/${action}`, editor, {});
        const after = await open(doc.id);
        if (expected === 409) {
          expect(res.status).toBe(409);
          expect(res.body.error.code).toBe('conflict');
          expect(res.body.error.message.length).toBeGreaterThan(10);
          expect(after.status).toBe(before.status);
          expect(after.head.id).toBe(before.head.id);
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(after.status).toBe(expected);
        }
      });
    }
  }

  it('publishing a specific revision publishes exactly that one; 404 for a revision of another document', async () => {
    const doc = await create({ title: 'Publish a chosen revision' });
    const r2 = (await save(doc.id, doc.revisionId, { body: 'Second.' })).body.revisionId;
    await save(doc.id, r2, { body: 'Third, not reviewed yet.' });
    const other = await create({ title: 'Another document' });
    const wrong = await call('POST', `/api/documents/${doc.id}/publish`, editor, { revisionId: other.revisionId });
    expect(wrong.status).toBe(404);
    const res = await call('POST', `/api/documents/${doc.id}/publish`, editor, { revisionId: r2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', publishedRevisionId: r2, hasUnpublishedChanges: true });
    const readerView = await call('GET', `/api/documents/${doc.id}`, reader);
    expect(readerView.body.revisionId).toBe(r2);
    expect(readerView.body.sections[0].body).toContain('Second.');
  });

  it('answers 404 for an unknown document and 400 for a malformed id', async () => {
    expect((await call('POST', '/api/documents/00000000-0000-4000-8000-000000000000/submit', editor, {})).status).toBe(
      404,
    );
    expect((await call('POST', '/api/documents/not-a-uuid/submit', editor, {})).status).toBe(400);
  });

  it('accepts transitions without a request body', async () => {
    const doc = await create({ title: 'No body needed' });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/documents/${doc.id}/submit`, headers: editor.auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_review');
  });
});

describe('roles', () => {
  it('refuses readers (403) and anonymous callers (401) on every editorial route', async () => {
    const doc = await create({ title: 'Role check' });
    const routes: Array<['GET' | 'POST' | 'PUT', string, unknown?]> = [
      ['POST', '/api/documents', content()],
      ['GET', `/api/documents/${doc.id}/editor`],
      ['PUT', `/api/documents/${doc.id}/draft`, { ...content(), baseRevisionId: doc.revisionId }],
      ['POST', `/api/documents/${doc.id}/submit`, {}],
      ['POST', `/api/documents/${doc.id}/withdraw`, {}],
      ['POST', `/api/documents/${doc.id}/publish`, {}],
      ['POST', `/api/documents/${doc.id}/archive`, {}],
      ['POST', `/api/documents/${doc.id}/reopen`, {}],
      ['POST', `/api/documents/${doc.id}/supersede`, { successorId: null }],
      ['POST', `/api/documents/${doc.id}/restore`, { revisionId: doc.revisionId }],
    ];
    for (const [method, url, payload] of routes) {
      expect((await call(method, url, reader, payload)).status, `${method} ${url} as reader`).toBe(403);
      expect((await call(method, url, null, payload)).status, `${method} ${url} anonymous`).toBe(401);
    }
    // The history of a draft is not a reader's to see: a 404, as if it did not exist.
    for (const url of [
      `/api/documents/${doc.id}/revisions`,
      `/api/documents/${doc.id}/revisions/${doc.revisionId}`,
      `/api/documents/${doc.id}/revisions/${doc.revisionId}/diff/${doc.revisionId}`,
    ]) {
      expect((await call('GET', url, reader)).status, `GET ${url} as reader`).toBe(404);
      expect((await call('GET', url, null)).status, `GET ${url} anonymous`).toBe(401);
    }
    // Nothing changed: still revision 1, still a draft, and readers never see the draft.
    const state = await open(doc.id);
    expect(state).toMatchObject({ status: 'draft', head: { id: doc.revisionId, number: 1 } });
    expect((await call('GET', `/api/documents/${doc.id}`, reader)).status).toBe(404);
  });

  it('lets admins do what editors do', async () => {
    const admin = await ctx.user('admin');
    const doc = await create({ title: 'Admin can publish' }, admin);
    expect((await call('POST', `/api/documents/${doc.id}/publish`, admin, {})).status).toBe(200);
  });
});

describe('drafts and revisions', () => {
  it('stores each save as a revision and keeps readers on the published one', async () => {
    const doc = await create({ title: 'Published then revised' });
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    const saved = await save(doc.id, doc.revisionId, { body: '## Summary\n\nNew analysis after a 2025 decision.\n' });
    expect(saved).toMatchObject({ status: 200, body: { revisionNumber: 2, changed: true } });
    const readerView = await call('GET', `/api/documents/${doc.id}`, reader);
    expect(readerView.body.revisionId).toBe(doc.revisionId);
    expect(JSON.stringify(readerView.body.sections)).not.toContain('2025 decision');
    const state = await open(doc.id);
    expect(state).toMatchObject({ status: 'published', hasUnpublishedChanges: true, publishedRevisionNumber: 1 });
    expect(state.head.content.body).toContain('2025 decision');
  });

  it('answers 409 with the current revision when the base is stale, and stores nothing', async () => {
    const doc = await create({ title: 'Two editors' });
    const theirs = await call('PUT', `/api/documents/${doc.id}/draft`, otherEditor, {
      ...content({ title: 'Two editors', body: 'Their text.' }),
      baseRevisionId: doc.revisionId,
    });
    expect(theirs.status).toBe(200);
    const mine = await save(doc.id, doc.revisionId, { title: 'Two editors', body: 'My text.' });
    expect(mine.status).toBe(409);
    expect(mine.body.error.code).toBe('conflict');
    expect(mine.body.error.message).toContain('Olu Other');
    expect(mine.body.error.details.current).toMatchObject({
      id: theirs.body.revisionId,
      number: 2,
      authorName: 'Olu Other',
      content: { body: 'Their text.' },
    });
    const rows = await ctx.db.select().from(revisions).where(eq(revisions.documentId, doc.id));
    expect(rows.map((r) => r.body).sort()).toEqual([content().body, 'Their text.'].sort());
  });

  it('does not store a revision when nothing changed', async () => {
    const doc = await create({ title: 'Idempotent autosave' });
    const res = await save(doc.id, doc.revisionId, { title: 'Idempotent autosave' });
    expect(res.body).toMatchObject({ revisionId: doc.revisionId, revisionNumber: 1, changed: false });
  });

  it('refuses tags and jurisdictions outside the vocabulary, and hostile input, with 400', async () => {
    const doc = await create({ title: 'Validation' });
    const badTag = await save(doc.id, doc.revisionId, { offenseTypes: ['not-a-term'] });
    expect(badTag.status).toBe(400);
    expect(badTag.body.error.message).toContain('not-a-term');
    expect((await save(doc.id, doc.revisionId, { jurisdictions: ['us-zz'] })).status).toBe(400);
    expect((await save(doc.id, doc.revisionId, { title: '' })).status).toBe(400);
    expect((await save(doc.id, doc.revisionId, { title: '   ' })).status).toBe(400);
    expect((await save(doc.id, doc.revisionId, { documentDate: '2024-13-45' })).status).toBe(400);
    expect((await save(doc.id, doc.revisionId, { offenseTypes: ["x'; drop table documents;--"] })).status).toBe(400);
    const noBase = await call('PUT', `/api/documents/${doc.id}/draft`, editor, content());
    expect(noBase.status).toBe(400);
    // Markdown with raw HTML is stored as typed; the shared renderer never passes the HTML.
    const html = await save(doc.id, doc.revisionId, { body: '<script>alert(1)</script>\n\n## Heading' });
    expect(html.status).toBe(200);
    expect((await open(doc.id)).head.content.body).toContain('<script>');
  });

  it('lets the slug follow the title until first publication', async () => {
    const doc = await create({ title: 'Untitled advisory' });
    await save(doc.id, doc.revisionId, { title: 'Firearms possession and deportability' });
    const state = await open(doc.id);
    expect(state.slug).toBe('firearms-possession-and-deportability');
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    await save(doc.id, state.head.id, { title: 'A new title after publication' });
    expect((await open(doc.id)).slug).toBe('firearms-possession-and-deportability');
  });
});

describe('concurrent saves', () => {
  it('of 20 saves based on the same revision, exactly one wins and its content is stored', async () => {
    const doc = await create({ title: 'Race' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.app.inject({
          method: 'PUT',
          url: `/api/documents/${doc.id}/draft`,
          headers: editor.auth,
          payload: {
            ...content({ title: 'Race', body: `Version ${i} of the analysis.` }),
            baseRevisionId: doc.revisionId,
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.findIndex((r) => r.statusCode === 200);
    const state = await open(doc.id);
    expect(state.head.id).toBe(results[winner]?.json().revisionId);
    expect(state.head.content.body).toBe(`Version ${winner} of the analysis.`);
    for (const loser of results.filter((r) => r.statusCode === 409)) {
      expect(loser.json().error.details.current.content.body).toBe(`Version ${winner} of the analysis.`);
    }
    const stored = await ctx.db.select().from(revisions).where(eq(revisions.documentId, doc.id));
    expect(stored).toHaveLength(2);
  });
});

describe('history, diff and restore', () => {
  it('lists revisions with authors, notes and markers; diffs fields and body lines; restores as a new draft', async () => {
    const doc = await create({ title: 'History' });
    const r2 = await save(doc.id, doc.revisionId, { title: 'History' }, 'Fix the summary');
    expect(r2.body.changed).toBe(true);
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    const r3 = await call('PUT', `/api/documents/${doc.id}/draft`, otherEditor, {
      ...content({
        title: 'History, revised',
        consequences: ['cimt', 'aggravated-felony'],
        body: '## Summary\n\nPetit theft is a CIMT.\n\n## Safer pleas\n\nPlead to trespass or vandalism.\n',
      }),
      baseRevisionId: r2.body.revisionId,
      note: 'Add AF analysis',
    });
    expect(r3.status).toBe(200);

    const history = await call('GET', `/api/documents/${doc.id}/revisions`, editor);
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: Json) => r.number)).toEqual([3, 2, 1]);
    expect(history.body.revisions[0]).toMatchObject({
      authorName: 'Olu Other',
      note: 'Add AF analysis',
      isHead: true,
      isPublished: false,
      title: 'History, revised',
    });
    expect(history.body.revisions[1]).toMatchObject({ authorName: 'Erin Editor', note: 'Fix the summary' });
    expect(history.body.revisions[1].isPublished).toBe(true);
    expect(history.body.revisions[1].publishedAt).toEqual(expect.any(String));
    expect(history.body.revisions[2]).toMatchObject({ note: 'First draft', isHead: false, publishedAt: null });

    const diff = await call(
      'GET',
      `/api/documents/${doc.id}/revisions/${doc.revisionId}/diff/${r3.body.revisionId}`,
      editor,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.from.number).toBe(1);
    expect(diff.body.to.number).toBe(3);
    expect(diff.body.fields).toEqual([
      { field: 'title', before: 'History', after: 'History, revised' },
      { field: 'consequences', before: ['cimt'], after: ['cimt', 'aggravated-felony'] },
    ]);
    expect(diff.body.body).toMatchObject({ added: 1, removed: 1 });
    const lines = diff.body.body.hunks.flatMap((h: Json) => h.lines);
    expect(lines).toContainEqual({ type: 'removed', text: 'Plead to trespass.', oldNumber: 7, newNumber: null });
    expect(lines).toContainEqual({
      type: 'added',
      text: 'Plead to trespass or vandalism.',
      oldNumber: null,
      newNumber: 7,
    });
    // Same revision: no changes at all.
    const same = await call(
      'GET',
      `/api/documents/${doc.id}/revisions/${doc.revisionId}/diff/${doc.revisionId}`,
      editor,
    );
    expect(same.body).toMatchObject({ fields: [], body: { added: 0, removed: 0, hunks: [] } });
    // A revision of another document is not found through this one.
    const other = await create({ title: 'Elsewhere' });
    expect(
      (await call('GET', `/api/documents/${doc.id}/revisions/${other.revisionId}/diff/${doc.revisionId}`, editor))
        .status,
    ).toBe(404);

    const restored = await call('POST', `/api/documents/${doc.id}/restore`, editor, { revisionId: doc.revisionId });
    expect(restored.status).toBe(200);
    expect(restored.body.revisionNumber).toBe(4);
    const state = await open(doc.id);
    expect(state.head).toMatchObject({ number: 4, note: 'Restored revision 1', baseRevisionId: r3.body.revisionId });
    expect(state.head.content).toEqual(content({ title: 'History' }));
    // Restoring never discards: revision 3 is still there, and readers still see revision 2.
    const after = await call('GET', `/api/documents/${doc.id}/revisions`, editor);
    expect(after.body.revisions.map((r: Json) => r.number)).toEqual([4, 3, 2, 1]);
    expect((await call('GET', `/api/documents/${doc.id}`, reader)).body.revisionNumber).toBe(2);
    expect(
      (await call('POST', `/api/documents/${doc.id}/restore`, editor, { revisionId: other.revisionId })).status,
    ).toBe(404);
  });

  it('limits the cost of diffing large, unrelated bodies', async () => {
    const lines = (prefix: string) => Array.from({ length: 20_000 }, (_, i) => `${prefix} line ${i}`).join('\n');
    const doc = await create({ title: 'Huge', body: lines('old') });
    const next = await save(doc.id, doc.revisionId, { title: 'Huge', body: lines('new') });
    const started = Date.now();
    const diff = await call(
      'GET',
      `/api/documents/${doc.id}/revisions/${doc.revisionId}/diff/${next.body.revisionId}`,
      editor,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.body).toMatchObject({ added: 20_000, removed: 20_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('supersede', () => {
  it('needs a published successor that is not the document itself and creates no cycle', async () => {
    const older = await documentIn('published');
    const newer = await documentIn('published');
    const draft = await create({ title: 'Unpublished successor' });
    const supersede = (id: string, successorId: string | null) =>
      call('POST', `/api/documents/${id}/supersede`, editor, { successorId });

    expect((await supersede(older.id, older.id)).status).toBe(409);
    const unpublished = await supersede(older.id, draft.id);
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.error.message).toMatch(/published/);
    expect((await supersede(older.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const ok = await supersede(older.id, newer.id);
    expect(ok.status).toBe(200);
    expect(ok.body.supersededBy).toMatchObject({ id: newer.id });
    const readerView = await call('GET', `/api/documents/${older.id}`, reader);
    expect(readerView.body.supersededBy).toMatchObject({ id: newer.id });

    const cycle = await supersede(newer.id, older.id);
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.message).toMatch(/cycle/);

    const cleared = await supersede(older.id, null);
    expect(cleared.body.supersededBy).toBeNull();
    expect((await supersede(newer.id, older.id)).status).toBe(200);
  });
});

describe('audit and search', () => {
  it('records every editorial action in the audit log', async () => {
    const doc = await create({ title: 'Audited' });
    const r2 = await save(doc.id, doc.revisionId, { title: 'Audited', body: 'Changed.' });
    await call('POST', `/api/documents/${doc.id}/submit`, editor, {});
    await call('POST', `/api/documents/${doc.id}/withdraw`, editor, {});
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    await call('POST', `/api/documents/${doc.id}/restore`, editor, { revisionId: doc.revisionId });
    await call('POST', `/api/documents/${doc.id}/supersede`, editor, { successorId: null });
    await call('POST', `/api/documents/${doc.id}/archive`, editor, {});
    await call('POST', `/api/documents/${doc.id}/reopen`, editor, {});
    const entries = await ctx.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'document'), eq(auditLog.targetId, doc.id)))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual([
      'document.create',
      'document.save',
      'document.submit',
      'document.withdraw',
      'document.publish',
      'document.restore',
      'document.archive',
      'document.reopen',
    ]);
    expect(entries.every((e) => e.actorId === editor.id)).toBe(true);
    expect(entries[1]?.details).toMatchObject({ revisionId: r2.body.revisionId });
  });

  it('makes a publication searchable and removes an archived document from search, through the outbox', async () => {
    // Only this test's documents need indexing: skip the seeded library's backlog.
    await ctx.db.delete(searchOutbox);
    const marker = `zebracorn${Date.now()}`;
    const doc = await create({ title: `Searchable ${marker}`, body: `## Holding\n\nThe ${marker} rule.\n` });
    const index = ctx.app.searchIndex.index();
    const hits = async () => (await index.search(marker)).hits.filter((h) => h.documentId === doc.id).length;
    // Drains the outbox (retrying while Meilisearch is busy) until the index shows `wanted`.
    const indexed = (wanted: (n: number) => boolean) =>
      eventually(async () => {
        await ctx.app.searchSync.drainAll();
        return wanted(await hits());
      }, 20_000);
    await indexed((n) => n === 0);
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    await indexed((n) => n > 0);
    // A pending draft does not change what search shows.
    const state = await open(doc.id);
    await save(doc.id, state.head.id, { title: 'Renamed draft', body: 'Nothing about it.' });
    await ctx.app.searchSync.drainAll();
    expect(await hits()).toBeGreaterThan(0);
    await call('POST', `/api/documents/${doc.id}/archive`, editor, {});
    await indexed((n) => n === 0);
    const [row] = await ctx.db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row?.status).toBe('archived');
  });
});

describe('OpenAPI', () => {
  it('documents every editorial, import and vocabulary route with its responses', async () => {
    // The admin's document: the vocabulary routes below are the admin's.
    const admin = await ctx.user('admin');
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json', headers: admin.auth })).json();
    const expected: Array<[string, string, string[]]> = [
      ['/api/documents', 'post', ['201', '400', '403']],
      ['/api/documents/{id}/editor', 'get', ['200', '404']],
      ['/api/documents/{id}/draft', 'put', ['200', '409']],
      ['/api/documents/{id}/submit', 'post', ['200', '409']],
      ['/api/documents/{id}/withdraw', 'post', ['200', '409']],
      ['/api/documents/{id}/publish', 'post', ['200', '409']],
      ['/api/documents/{id}/archive', 'post', ['200', '409']],
      ['/api/documents/{id}/reopen', 'post', ['200', '409']],
      ['/api/documents/{id}/supersede', 'post', ['200', '409']],
      ['/api/documents/{id}/restore', 'post', ['200', '404']],
      ['/api/documents/{id}/revisions', 'get', ['200']],
      ['/api/documents/{id}/revisions/{revisionId}', 'get', ['200']],
      ['/api/documents/{id}/revisions/{a}/diff/{b}', 'get', ['200']],
      ['/api/documents/import', 'post', ['201', '413', '415', '422']],
      ['/api/taxonomy/terms', 'get', ['200']],
      ['/api/taxonomy/terms', 'post', ['201', '409']],
      ['/api/taxonomy/terms/{id}', 'patch', ['200', '404']],
      ['/api/taxonomy/terms/{id}/merge', 'post', ['200', '400']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = spec.paths?.[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(operation.summary.length).toBeGreaterThan(10);
      for (const status of statuses) expect(operation.responses?.[status], `${path} ${status}`).toBeDefined();
    }
    expect(spec.paths['/api/documents/{id}/publish'].post.summary).toMatch(/two_person policy the author/i);
    expect(JSON.stringify(spec.paths['/api/documents/{id}/draft'].put.responses['409'])).toContain('current');
  });
});

describe('what changed, for readers (issue #16, acceptance 3)', () => {
  it('gives a reader the published revisions and a section-level diff between two of them, and 404 for a draft revision', async () => {
    const doc = await create({
      title: `History for readers ${Math.random().toString(36).slice(2, 8)}`,
      body: '## Summary\n\nPetit theft is a CIMT.\n\n## Safer pleas\n\nPlead to trespass.\n\n## Custody\n\nAsk for bond.\n',
    });
    expect((await call('POST', `/api/documents/${doc.id}/publish`, editor, {})).status).toBe(200);
    const r2 = await save(
      doc.id,
      doc.revisionId,
      {
        body: '## Summary\n\nPetit theft is a CIMT.\n\n## Safer pleas\n\nPlead to trespass or to loitering.\n\n## Records\n\nGet the docket.\n',
      },
      'Safer pleas widened; custody moved out',
    );
    expect(r2.status).toBe(200);
    expect(
      (await call('POST', `/api/documents/${doc.id}/publish`, editor, { revisionId: r2.body.revisionId })).status,
    ).toBe(200);
    const draft = await save(doc.id, r2.body.revisionId, { body: 'Unpublished draft thoughts.' }, 'Work in progress');
    expect(draft.status).toBe(200);

    const history = await call('GET', `/api/documents/${doc.id}/revisions`, reader);
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: Json) => r.number)).toEqual([2, 1]);
    expect(history.body.headRevisionId).toBe(r2.body.revisionId);
    expect(history.body.revisions[0]).toMatchObject({ note: 'Safer pleas widened; custody moved out', isHead: true });

    const diff = await call(
      'GET',
      `/api/documents/${doc.id}/revisions/${doc.revisionId}/diff/${r2.body.revisionId}`,
      reader,
    );
    expect(diff.status, JSON.stringify(diff.body)).toBe(200);
    expect(diff.body.to.note).toBe('Safer pleas widened; custody moved out');
    const byAnchor = Object.fromEntries(diff.body.sections.map((s: Json) => [s.anchor, s]));
    expect(byAnchor.summary).toMatchObject({ heading: 'Summary', change: 'same', added: 0, removed: 0 });
    expect(byAnchor['safer-pleas']).toMatchObject({ change: 'changed', added: 1, removed: 1 });
    expect(byAnchor.records).toMatchObject({ change: 'added' });
    expect(byAnchor.custody).toMatchObject({ change: 'removed' });
    expect((await call('GET', `/api/documents/${doc.id}/revisions/${r2.body.revisionId}`, reader)).status).toBe(200);

    // The draft on top is never a reader's: its revision, and any diff touching it, are a 404.
    const draftId = draft.body.revisionId;
    expect((await call('GET', `/api/documents/${doc.id}/revisions/${draftId}`, reader)).status).toBe(404);
    expect(
      (await call('GET', `/api/documents/${doc.id}/revisions/${r2.body.revisionId}/diff/${draftId}`, reader)).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/documents/${doc.id}/revisions/${draftId}/diff/${doc.revisionId}`, reader)).status,
    ).toBe(404);
    // Editors still see it.
    expect(
      (await call('GET', `/api/documents/${doc.id}/revisions/${r2.body.revisionId}/diff/${draftId}`, editor)).status,
    ).toBe(200);
    expect((await call('GET', `/api/documents/${doc.id}/revisions`, editor)).body.revisions).toHaveLength(3);

    // Another published document's revision under this id is a 404 too.
    const other = await create({ title: `Other history ${Math.random().toString(36).slice(2, 8)}` });
    expect((await call('POST', `/api/documents/${other.id}/publish`, editor, {})).status).toBe(200);
    expect(
      (await call('GET', `/api/documents/${doc.id}/revisions/${other.revisionId}/diff/${doc.revisionId}`, reader))
        .status,
    ).toBe(404);
    expect((await call('GET', `/api/documents/${doc.id}/revisions/${other.revisionId}`, reader)).status).toBe(404);
  });
});
