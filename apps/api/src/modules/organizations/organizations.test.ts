import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EditorDocument, OrganizationPage, RevisionHistory, User } from '@kb/contracts';
import { auditLog, documents, organizations, revisions } from '@kb/db';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { importJsonLinesFile } from '../bulk-import/bulk-import.service';
import { readDemoDocuments } from '../bulk-import/seed';
import { readSeedOrganizations } from './organizations.seed';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const call = (user: TestUser | null, method: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method: method as 'GET', url, headers: user?.auth ?? {}, payload: payload as object });

const draftBody = (title: string) => ({
  kind: 'advisory',
  title,
  summary: 'Sample content, not legal advice.',
  publisher: '',
  authors: [],
  jurisdictions: ['federal'],
  audience: 'both',
  documentDate: '2025-01-15',
  lastReviewedAt: null,
  citations: [],
  offenseTypes: [],
  consequences: [],
  body: `# ${title}\n\nText.`,
});

describe('organizations as records', () => {
  it('lets network admins create and edit them, lists them publicly, and refuses everyone else', async () => {
    const admin = await ctx.user('admin');
    const editor = await ctx.user('editor');
    const body = { name: 'Harbor Immigrant Rights Project', slug: 'harbor-irp', reviewPolicy: 'two_person' };
    expect((await call(editor, 'POST', '/api/admin/organizations', body)).statusCode).toBe(403);
    const created = await call(admin, 'POST', '/api/admin/organizations', body);
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await call(admin, 'POST', '/api/admin/organizations', body)).statusCode).toBe(409);
    expect(
      (await call(admin, 'POST', '/api/admin/organizations', { ...body, name: 'Other', slug: 'Not A Slug' }))
        .statusCode,
    ).toBe(400);
    const edited = await call(admin, 'PATCH', `/api/admin/organizations/${id}`, {
      contact: 'intake@harbor.example.org',
      reviewPolicy: 'single',
    });
    expect(edited.json()).toMatchObject({
      slug: 'harbor-irp',
      reviewPolicy: 'single',
      contact: 'intake@harbor.example.org',
    });
    const list = await call(await ctx.user('reader'), 'GET', '/api/organizations');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: Array<{ slug: string }> }).items.map((o) => o.slug)).toContain('harbor-irp');
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(['organization.create', 'organization.update']);
  });

  it('takes membership through PATCH /api/admin/users/:id, and organization admins manage their own members only', async () => {
    const admin = await ctx.user('admin');
    const orgA = await ctx.organization();
    const orgB = await ctx.organization();
    const lead = await ctx.user('editor', { organizationId: orgA, orgAdmin: true });
    const member = await ctx.user('reader', { organizationId: null });
    const patched = await call(admin, 'PATCH', `/api/admin/users/${member.id}`, { organizationId: orgA });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ organizationId: orgA, orgAdmin: false } satisfies Partial<User>);
    expect(
      (await call(admin, 'PATCH', `/api/admin/users/${member.id}`, { organizationId: crypto.randomUUID() })).statusCode,
    ).toBe(400);

    const members = await call(lead, 'GET', `/api/organizations/${orgA}/members`);
    expect((members.json() as { items: Array<{ id: string }> }).items.map((m) => m.id)).toContain(member.id);
    const promoted = await call(lead, 'PATCH', `/api/organizations/${orgA}/members/${member.id}`, { role: 'editor' });
    expect(promoted.statusCode).toBe(200);
    expect((await call(lead, 'GET', `/api/organizations/${orgB}/members`)).statusCode).toBe(403);
    const plain = await ctx.user('editor', { organizationId: orgA });
    expect((await call(plain, 'GET', `/api/organizations/${orgA}/members`)).statusCode).toBe(403);
    const removed = await call(lead, 'PATCH', `/api/organizations/${orgA}/members/${member.id}`, { remove: true });
    expect((removed.json() as { items: Array<{ id: string }> }).items.map((m) => m.id)).not.toContain(member.id);
  });
});

describe('two-person review', () => {
  it("refuses the author's own publish with 409 and the reason; another editor of the organization publishes, and the history shows the approval", async () => {
    const org = await ctx.organization({ name: 'Two Person Org', reviewPolicy: 'two_person' });
    const author = await ctx.user('editor', { organizationId: org, name: 'Ada Author' });
    const reviewer = await ctx.user('editor', { organizationId: org, name: 'Rey Reviewer' });
    const created = (await call(author, 'POST', '/api/documents', draftBody('Two-person advisory'))).json() as {
      id: string;
    };
    expect((await call(author, 'POST', `/api/documents/${created.id}/submit`, {})).statusCode).toBe(200);
    const comment = await call(reviewer, 'POST', `/api/documents/${created.id}/comments`, {
      body: 'Cite the circuit split in the second section.',
    });
    expect(comment.statusCode).toBe(201);

    const own = await call(author, 'POST', `/api/documents/${created.id}/publish`, { note: 'looks fine to me' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toMatch(/two people.*another editor of Two Person Org/);
    expect((await ctx.db.select().from(documents).where(eq(documents.id, created.id)))[0]?.status).toBe('in_review');

    const approved = await call(reviewer, 'POST', `/api/documents/${created.id}/publish`, {
      note: 'Checked every citation.',
    });
    expect(approved.statusCode).toBe(200);
    expect((approved.json() as EditorDocument).status).toBe('published');

    const history = (await call(author, 'GET', `/api/documents/${created.id}/revisions`)).json() as RevisionHistory;
    expect(history.reviews[0]).toMatchObject({
      kind: 'approval',
      author: { id: reviewer.id, name: 'Rey Reviewer' },
      body: 'Checked every citation.',
      revisionNumber: 1,
    });
    expect(history.reviews[1]).toMatchObject({
      kind: 'comment',
      body: 'Cite the circuit split in the second section.',
    });
    const [publication] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.publish'), eq(auditLog.targetId, created.id)));
    expect(publication).toMatchObject({
      actorId: reviewer.id,
      details: expect.objectContaining({
        approvedBy: reviewer.id,
        reviewPolicy: 'two_person',
        note: 'Checked every citation.',
      }),
    });

    // A later change by the reviewer: now the reviewer is the author, and the first author approves.
    const editor = (await call(reviewer, 'GET', `/api/documents/${created.id}/editor`)).json() as EditorDocument;
    expect(editor.reviewPolicy).toBe('two_person');
    const saved = await call(reviewer, 'PUT', `/api/documents/${created.id}/draft`, {
      ...editor.head.content,
      summary: 'Sample content, not legal advice. Updated.',
      baseRevisionId: editor.head.id,
    });
    expect(saved.statusCode).toBe(200);
    expect((await call(reviewer, 'POST', `/api/documents/${created.id}/publish`, {})).statusCode).toBe(409);
    expect((await call(author, 'POST', `/api/documents/${created.id}/publish`, {})).statusCode).toBe(200);
  });

  it('lets the author publish under the single policy, and records the approval all the same', async () => {
    const org = await ctx.organization({ reviewPolicy: 'single' });
    const author = await ctx.user('editor', { organizationId: org });
    const created = (await call(author, 'POST', '/api/documents', draftBody('Single-policy advisory'))).json() as {
      id: string;
    };
    expect((await call(author, 'POST', `/api/documents/${created.id}/publish`, {})).statusCode).toBe(200);
    const history = (await call(author, 'GET', `/api/documents/${created.id}/revisions`)).json() as RevisionHistory;
    expect(history.reviews).toEqual([
      expect.objectContaining({ kind: 'approval', author: expect.objectContaining({ id: author.id }) }),
    ]);
  });
});

describe('ownership', () => {
  it('makes the publisher the owning organization, whatever the client writes', async () => {
    const org = await ctx.organization({ name: 'Named Owner' });
    const author = await ctx.user('editor', { organizationId: org });
    const created = await call(author, 'POST', '/api/documents', {
      ...draftBody('Owned advisory'),
      publisher: 'Somebody Else Entirely',
    });
    const { id } = created.json() as { id: string };
    const editor = (await call(author, 'GET', `/api/documents/${id}/editor`)).json() as EditorDocument;
    expect(editor.head.content.publisher).toBe('Named Owner');
    expect(editor.organization).toMatchObject({ id: org, name: 'Named Owner' });
    const orphan = await ctx.user('editor', { organizationId: null });
    const refused = await call(orphan, 'POST', '/api/documents', draftBody('No organization'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/do not belong to an organization/);
  });
});

describe('JSON Lines imports name organizations', () => {
  it('refuses a file naming an unknown publisher with its line number, and imports nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-org-import-'));
    const file = path.join(dir, 'batch.jsonl');
    const line = (id: string, publisher?: string) =>
      JSON.stringify({
        id,
        title: `Advisory ${id}`,
        kind: 'advisory',
        body: 'Text.',
        ...(publisher ? { publisher } : {}),
      });
    writeFileSync(
      file,
      [
        line('org-1', 'Example Crimmigration Law Center'),
        line('org-2'),
        line('org-3', 'Nonexistent Defense League'),
        line('org-4', 'eclc'),
      ].join('\n'),
    );
    const [before] = await ctx.db.select({ n: count() }).from(documents);
    const report = await importJsonLinesFile(ctx.db, file);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(report.errors).toEqual([
      { line: 3, message: expect.stringMatching(/unknown publisher "Nonexistent Defense League"/) },
    ]);
    const [after] = await ctx.db.select({ n: count() }).from(documents);
    expect(after?.n).toBe(before?.n);

    // Without the unknown line the file imports, each line owned by the organization it names.
    writeFileSync(
      file,
      [line('org-1', 'Example Crimmigration Law Center'), line('org-2'), line('org-4', 'eclc')].join('\n'),
    );
    expect(await importJsonLinesFile(ctx.db, file)).toMatchObject({ created: 3, errors: [] });
    const owned = await ctx.db
      .select({ externalId: documents.externalId, slug: organizations.slug, publisher: revisions.publisher })
      .from(documents)
      .innerJoin(revisions, eq(revisions.id, documents.headRevisionId))
      .leftJoin(organizations, eq(organizations.id, documents.organizationId))
      .where(sql`${documents.externalId} like 'org-%'`)
      .orderBy(documents.externalId);
    expect(owned).toEqual([
      { externalId: 'org-1', slug: 'example-crimmigration-law-center', publisher: 'Example Crimmigration Law Center' },
      { externalId: 'org-2', slug: null, publisher: '' },
      { externalId: 'org-4', slug: 'example-crimmigration-law-center', publisher: 'Example Crimmigration Law Center' },
    ]);
  });
});

describe('the seed', () => {
  it('has four organizations, and every demo document belongs to one (all four own some)', async () => {
    const seeded = readSeedOrganizations();
    expect(seeded).toHaveLength(4);
    const rows = await ctx.db.select().from(organizations);
    for (const o of seeded) expect(rows.map((r) => r.slug)).toContain(o.slug);
    const demoIds = readDemoDocuments().map((d) => d.record.externalId);
    const unowned = await ctx.db
      .select({ externalId: documents.externalId })
      .from(documents)
      .where(and(isNull(documents.organizationId), inArray(documents.externalId, demoIds)));
    expect(unowned).toEqual([]);
    const owners = await ctx.db
      .selectDistinct({ organizationId: documents.organizationId })
      .from(documents)
      .where(inArray(documents.externalId, demoIds));
    expect(owners).toHaveLength(4);
  });

  it('serves an organization page: what it publishes newest first, its charts, its contact line', async () => {
    const reader = await ctx.user('reader');
    const page = await call(reader, 'GET', '/api/organizations/sample-national-guild-immigration-project');
    expect(page.statusCode).toBe(200);
    const body = page.json() as OrganizationPage;
    expect(body.organization).toMatchObject({ reviewPolicy: 'two_person', contact: expect.stringMatching(/@/) });
    expect(body.documents.length).toBeGreaterThanOrEqual(5);
    const dates = body.documents.map((d) => d.documentDate ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await call(reader, 'GET', '/api/organizations/no-such-org')).statusCode).toBe(404);
  });
});
