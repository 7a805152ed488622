import type { DocumentContent } from '@kb/contracts';
import { auditLog, documentTerms, searchOutbox, taxonomyTerms } from '@kb/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, eventually, type TestContext, type TestUser } from '../../testing/harness';
import { importPublished } from '../documents';

let ctx: TestContext;
let admin: TestUser;
let editor: TestUser;
let reader: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin', { name: 'Ada Admin' });
  editor = await ctx.user('editor');
  reader = await ctx.user('reader');
});
afterAll(() => ctx?.close());

// biome-ignore lint/suspicious/noExplicitAny: assertions on JSON answers
type Json = Record<string, any>;

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser | null, payload?: unknown) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: user ? user.auth : {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: response.statusCode, body: response.json() as Json };
}

const content = (overrides: Partial<DocumentContent> = {}): DocumentContent => ({
  kind: 'advisory',
  title: 'Reckless driving and removal',
  summary: '',
  publisher: 'Sample Immigrant Defense Collaborative',
  authors: [],
  jurisdictions: ['us-ca'],
  audience: 'both',
  documentDate: '2023-02-01',
  lastReviewedAt: null,
  citations: [],
  offenseTypes: [],
  consequences: [],
  body: '## Analysis\n\nText.\n',
  ...overrides,
});

async function createDocument(overrides: Partial<DocumentContent>) {
  const res = await call('POST', '/api/documents', editor, content(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; revisionId: string };
}

const termByCode = async (code: string) => {
  const res = await call('GET', '/api/taxonomy/terms', admin);
  return (res.body.terms as Json[]).find((t) => t.code === code);
};

describe('vocabulary management', () => {
  it('is for admins only', async () => {
    const term = await termByCode('driving');
    const routes: Array<['GET' | 'POST' | 'PATCH', string, unknown?]> = [
      ['GET', '/api/taxonomy/terms'],
      ['POST', '/api/taxonomy/terms', { vocabulary: 'offense_type', code: 'nope', label: 'Nope' }],
      ['PATCH', `/api/taxonomy/terms/${term?.id}`, { label: 'Hacked' }],
      ['POST', `/api/taxonomy/terms/${term?.id}/merge`, { intoId: term?.id }],
    ];
    for (const [method, url, payload] of routes) {
      expect((await call(method, url, editor, payload)).status, `${method} ${url}`).toBe(403);
      expect((await call(method, url, reader, payload)).status, `${method} ${url}`).toBe(403);
      expect((await call(method, url, null, payload)).status, `${method} ${url}`).toBe(401);
    }
    expect((await termByCode('driving'))?.label).toBe(term?.label);
  });

  it('adds a term that editors can tag with at once; refuses duplicates, unknown parents and bad codes', async () => {
    const created = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'offense_type',
      code: 'weapon-possession-violation',
      label: 'Weapon possession violation',
      synonyms: ['WPV', ' wpv ', 'Weapon possession violation', 'gun possession'],
      parentCode: 'firearms-weapons',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.term).toMatchObject({
      code: 'weapon-possession-violation',
      parentCode: 'firearms-weapons',
      synonyms: ['WPV', 'gun possession'],
      documentCount: 0,
    });
    expect(created.body.searchSynonymsUpdated).toBe(true);
    const synonyms = await ctx.app.searchIndex.index().getSynonyms();
    expect(synonyms.wpv).toContain('weapon possession violation');

    const taxonomy = await call('GET', '/api/taxonomy', reader);
    expect(taxonomy.body.offenseTypes.map((t: Json) => t.code)).toContain('weapon-possession-violation');
    await createDocument({ offenseTypes: ['weapon-possession-violation'] });

    const duplicate = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'offense_type',
      code: 'weapon-possession-violation',
      label: 'Again',
    });
    expect(duplicate.status).toBe(409);
    const badParent = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'consequence',
      code: 'new-consequence',
      label: 'New',
      parentCode: 'firearms-weapons', // an offense type, not a consequence
    });
    expect(badParent.status).toBe(400);
    for (const code of ['Bad Code', '../etc', '', 'a'.repeat(81)]) {
      expect(
        (await call('POST', '/api/taxonomy/terms', admin, { vocabulary: 'offense_type', code, label: 'X' })).status,
      ).toBe(400);
    }
    expect(
      (await call('POST', '/api/taxonomy/terms', admin, { vocabulary: 'misc', code: 'x', label: 'X' })).status,
    ).toBe(400);
  });

  it('renames a term and edits its synonyms, re-indexing the documents tagged with it or narrower terms', async () => {
    const doc = await createDocument({ title: 'Tagged with AF (G)', consequences: ['af-g-theft-burglary'] });
    await call('POST', `/api/documents/${doc.id}/publish`, editor, {});
    await ctx.db.delete(searchOutbox);
    const parent = await termByCode('aggravated-felony');
    const renamed = await call('PATCH', `/api/taxonomy/terms/${parent?.id}`, admin, {
      label: 'Aggravated felony (INA § 101(a)(43))',
      synonyms: [...(parent?.synonyms ?? []), 'agg fel'],
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.term).toMatchObject({
      code: 'aggravated-felony',
      label: 'Aggravated felony (INA § 101(a)(43))',
    });
    expect(renamed.body.term.synonyms).toContain('agg fel');
    // The document is tagged with a narrower term: its indexed labels include the parent's.
    const queued = await ctx.db.select().from(searchOutbox).where(eq(searchOutbox.documentId, doc.id));
    expect(queued.length).toBeGreaterThan(0);

    const moveUnderChild = await call('PATCH', `/api/taxonomy/terms/${parent?.id}`, admin, {
      parentCode: 'af-g-theft-burglary',
    });
    expect(moveUnderChild.status).toBe(409);
    expect((await call('PATCH', `/api/taxonomy/terms/${parent?.id}`, admin, { label: '  ' })).status).toBe(400);
    expect(
      (await call('PATCH', '/api/taxonomy/terms/00000000-0000-4000-8000-000000000000', admin, { label: 'X' })).status,
    ).toBe(404);
  });

  it('merges a term: documents re-tagged through new revisions, drafts kept, the old label kept as a synonym', async () => {
    const created = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'offense_type',
      code: 'speed-contest',
      label: 'Speed contest',
      synonyms: ['street racing'],
    });
    const source = created.body.term as Json;
    // Only this test's documents need indexing: skip the seeded library's backlog.
    await ctx.db.delete(searchOutbox);
    const into = await termByCode('driving');
    const marker = `mergemarker${Date.now()}`;

    // Published, with a pending draft that also uses the tag.
    const published = await createDocument({
      title: `Published ${marker}`,
      offenseTypes: ['speed-contest'],
      body: `## Analysis\n\n${marker} published text.\n`,
    });
    await call('POST', `/api/documents/${published.id}/publish`, editor, {});
    const before = (await call('GET', `/api/documents/${published.id}`, reader)).body;
    const pending = await call('PUT', `/api/documents/${published.id}/draft`, editor, {
      ...content({
        title: `Published ${marker}`,
        offenseTypes: ['speed-contest', 'driving'],
        body: 'Pending edits.',
      }),
      baseRevisionId: published.revisionId,
    });
    expect(pending.status).toBe(200);
    // A draft only, and a document without the tag.
    const draft = await createDocument({ title: 'Draft', offenseTypes: ['speed-contest', 'theft-burglary'] });
    const untouched = await createDocument({ title: 'Untouched', offenseTypes: ['theft-burglary'] });

    const crossVocabulary = await call('POST', `/api/taxonomy/terms/${source.id}/merge`, admin, {
      intoId: (await termByCode('cimt'))?.id,
    });
    expect(crossVocabulary.status).toBe(400);
    expect((await call('POST', `/api/taxonomy/terms/${source.id}/merge`, admin, { intoId: source.id })).status).toBe(
      400,
    );

    const merged = await call('POST', `/api/taxonomy/terms/${source.id}/merge`, admin, { intoId: into?.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ retaggedDocuments: 2, searchSynonymsUpdated: true });
    expect(merged.body.term.synonyms).toEqual(expect.arrayContaining(['Speed contest', 'street racing']));

    // Readers see the merged tag on the same text and the same publication date.
    const after = (await call('GET', `/api/documents/${published.id}`, reader)).body;
    expect(after.offenseTypes).toEqual(['driving']);
    expect(after.sections).toEqual(before.sections);
    expect(after.publishedAt).toBe(before.publishedAt);
    const links = await ctx.db.select().from(documentTerms).where(eq(documentTerms.documentId, published.id));
    expect(links.map((l) => l.termId)).toEqual([into?.id]);
    // The pending draft is kept, re-tagged, and still unpublished.
    const editorView = (await call('GET', `/api/documents/${published.id}/editor`, editor)).body;
    expect(editorView.head.content).toMatchObject({ body: 'Pending edits.', offenseTypes: ['driving'] });
    expect(editorView.hasUnpublishedChanges).toBe(true);
    expect(editorView.head.note).toMatch(/Vocabulary merge/);
    expect(editorView.head.authorName).toBe('Ada Admin');
    // An editor who opened the draft before the merge still saves: the save is rebased on the
    // re-tag (no conflict), and what it stores carries the merged tag.
    const stale = await call('PUT', `/api/documents/${published.id}/draft`, editor, {
      ...content({ offenseTypes: ['speed-contest'] }),
      baseRevisionId: pending.body.revisionId,
    });
    expect(stale.status, JSON.stringify(stale.body)).toBe(200);
    const rebased = (await call('GET', `/api/documents/${published.id}/editor`, editor)).body;
    expect(rebased.head).toMatchObject({ baseRevisionId: editorView.head.id, content: { offenseTypes: ['driving'] } });

    const draftView = (await call('GET', `/api/documents/${draft.id}/editor`, editor)).body;
    expect(draftView).toMatchObject({ status: 'draft', head: { number: 2 } });
    expect(draftView.head.content.offenseTypes).toEqual(['driving', 'theft-burglary']);
    const untouchedView = (await call('GET', `/api/documents/${untouched.id}/editor`, editor)).body;
    expect(untouchedView.head.number).toBe(1);

    const taxonomy = await call('GET', '/api/taxonomy', reader);
    expect(taxonomy.body.offenseTypes.map((t: Json) => t.code)).not.toContain('speed-contest');
    expect(await ctx.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, source.id))).toEqual([]);
    const [entry] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'taxonomy.merge'), eq(auditLog.targetId, into?.id)));
    expect(entry?.details).toMatchObject({ from: { code: 'speed-contest' }, retaggedDocuments: 2 });

    // Restoring a revision from before the merge tags it with the term the old one became.
    const restored = await call('POST', `/api/documents/${draft.id}/restore`, editor, { revisionId: draft.revisionId });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const restoredView = (await call('GET', `/api/documents/${draft.id}/editor`, editor)).body;
    expect(restoredView.head.content.offenseTypes).toEqual(['driving', 'theft-burglary']);

    // The old code keeps meaning the term it became: an editor opened before the merge saves,
    // and an import file written before it imports.
    const saved = await call('PUT', `/api/documents/${draft.id}/draft`, editor, {
      ...content({ title: 'Draft', offenseTypes: ['speed-contest', 'driving'], body: 'Saved after the merge.' }),
      baseRevisionId: restored.body.revisionId,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const savedView = (await call('GET', `/api/documents/${draft.id}/editor`, editor)).body;
    expect(savedView.head.content.offenseTypes).toEqual(['driving']);
    const imported = await importPublished(ctx.db, {
      externalId: `merge-import-${marker}`,
      content: content({ title: `Imported ${marker}`, offenseTypes: ['speed-contest'] }),
      actorId: null,
    });
    expect(imported.outcome).toBe('created');
    const importedView = (await call('GET', `/api/documents/${imported.documentId}`, reader)).body;
    expect(importedView.offenseTypes).toEqual(['driving']);

    // Search finds the document under the merged facet, by the old words too.
    const index = ctx.app.searchIndex.index();
    await eventually(async () => {
      await ctx.app.searchSync.drainAll();
      const result = await index.search(marker, { filter: 'offenseTypes = "driving"' });
      return result.hits.some((h) => h.documentId === published.id);
    }, 20_000);
    const byOldLabel = await index.search(`street racing ${marker}`);
    expect(byOldLabel.hits.some((h) => h.documentId === published.id)).toBe(true);
    // A search link saved before the merge still filters by what the old code became.
    const oldLink = await call('GET', `/api/search?q=${marker}&offenseType=speed-contest`, reader);
    expect(oldLink.status, JSON.stringify(oldLink.body)).toBe(200);
    expect(oldLink.body.hits.map((h: Json) => h.documentId)).toContain(published.id);

    // A code merged into a term that is merged in turn follows it.
    const third = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'offense_type',
      code: `motoring-${Date.now()}`,
      label: 'Motoring offenses',
    });
    const chained = await call('POST', `/api/taxonomy/terms/${into?.id}/merge`, admin, { intoId: third.body.term.id });
    expect(chained.status, JSON.stringify(chained.body)).toBe(200);
    const [thirdRow] = await ctx.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, third.body.term.id));
    expect(thirdRow?.mergedCodes).toEqual(expect.arrayContaining(['driving', 'speed-contest']));
    await eventually(async () => {
      await ctx.app.searchSync.drainAll();
      const answers = await Promise.all(
        ['speed-contest', 'driving'].map((code) => call('GET', `/api/search?q=${marker}&offenseType=${code}`, reader)),
      );
      return answers.every((a) => a.status === 200 && a.body.hits.some((h: Json) => h.documentId === published.id));
    }, 20_000);
  });

  it('lets an editor who had the document open during a merge save without a conflict, with the merged tag', async () => {
    const code = `old-term-${Date.now()}`;
    const created = await call('POST', '/api/taxonomy/terms', admin, {
      vocabulary: 'consequence',
      code,
      label: `Old term ${code}`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = await createDocument({ title: `Open during merge ${code}`, consequences: [code, 'cimt'] });
    expect((await call('POST', `/api/documents/${doc.id}/publish`, editor, {})).status).toBe(200);
    // The editor opens the document: this is the revision their save is based on.
    const opened = (await call('GET', `/api/documents/${doc.id}/editor`, editor)).body;
    const into = await termByCode('deportability');
    const merged = await call('POST', `/api/taxonomy/terms/${created.body.term.id}/merge`, admin, { intoId: into?.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // Saving the form they had open (still showing the old tag) succeeds, on top of the re-tag.
    const saved = await call('PUT', `/api/documents/${doc.id}/draft`, editor, {
      ...opened.head.content,
      body: `${opened.head.content.body}\nA paragraph written during the merge.\n`,
      baseRevisionId: opened.head.id,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = (await call('GET', `/api/documents/${doc.id}/editor`, editor)).body;
    expect(after.head.id).toBe(saved.body.revisionId);
    expect(after.head.content.consequences).toEqual(['deportability', 'cimt']);
    expect(after.head.content.body).toContain('A paragraph written during the merge.');
    // A real edit in between still conflicts: only re-tags are saved over.
    const other = await call('PUT', `/api/documents/${doc.id}/draft`, editor, {
      ...after.head.content,
      summary: 'Someone else’s edit.',
      baseRevisionId: after.head.id,
    });
    expect(other.status).toBe(200);
    const late = await call('PUT', `/api/documents/${doc.id}/draft`, editor, {
      ...after.head.content,
      summary: 'A late edit.',
      baseRevisionId: after.head.id,
    });
    expect(late.status).toBe(409);
  });
});
