import type { EditorDocument, RevisionHistory, SupersessionRequest } from '@kb/contracts';
import { auditLog, documents } from '@kb/db';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let editorA: TestUser;
let editorB: TestUser;
let editorC: TestUser;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  const [orgA, orgB, orgC] = await Promise.all([
    ctx.organization({ name: 'Requesting Org' }),
    ctx.organization({ name: 'Owning Org', reviewPolicy: 'two_person' }),
    ctx.organization({ name: 'Bystander Org' }),
  ]);
  editorA = await ctx.user('editor', { organizationId: orgA, name: 'Ana Asker' });
  editorB = await ctx.user('editor', { organizationId: orgB, name: 'Bea Owner' });
  editorC = await ctx.user('editor', { organizationId: orgC });
  admin = await ctx.user('admin');
});
afterAll(() => ctx?.close());

const call = (user: TestUser, method: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method: method as 'GET', url, headers: user.auth, payload: payload as object });

let counter = 0;
/** A document of the editor's organization, published unless `draft` (by a network admin under two_person). */
async function documentOf(editor: TestUser, options: { draft?: boolean } = {}): Promise<string> {
  const title = `Advisory ${++counter} on PC 273.5`;
  const created = await call(editor, 'POST', '/api/documents', {
    kind: 'advisory',
    title,
    summary: 'Sample content, not legal advice.',
    publisher: '',
    authors: [],
    jurisdictions: ['us-ca'],
    audience: 'both',
    documentDate: '2025-02-01',
    lastReviewedAt: null,
    citations: [],
    offenseTypes: [],
    consequences: [],
    body: `# ${title}\n\nText.`,
  });
  expect(created.statusCode).toBe(201);
  const { id } = created.json() as { id: string };
  if (!options.draft) expect((await call(admin, 'POST', `/api/documents/${id}/publish`, {})).statusCode).toBe(200);
  return id;
}

const ask = (editor: TestUser, successorId: string, documentId: string, note?: string) =>
  call(editor, 'POST', `/api/documents/${successorId}/supersession-requests`, { documentId, note });
const decide = (editor: TestUser, id: string, decision: 'approve' | 'decline' | 'withdraw', note?: string) =>
  call(editor, 'POST', `/api/supersession-requests/${id}/${decision}`, note ? { note } : {});
const list = async (editor: TestUser, query = '') =>
  ((await call(editor, 'GET', `/api/supersession-requests${query}`)).json() as { items: SupersessionRequest[] }).items;
const successorOf = async (id: string) =>
  (await ctx.db.select().from(documents).where(eq(documents.id, id)))[0]?.supersededById ?? null;

describe('supersession across organizations', () => {
  it("is requested by the successor's organization, seen by the owner's editors, and approval marks the document superseded in both histories and the audit log", async () => {
    const old = await documentOf(editorB);
    const replacement = await documentOf(editorA);
    // The direct route stays the owner's.
    expect(
      (await call(editorA, 'POST', `/api/documents/${old}/supersede`, { successorId: replacement })).statusCode,
    ).toBe(403);

    const asked = await ask(editorA, replacement, old, 'Our 2025 advisory covers the new Ninth Circuit case.');
    expect(asked.statusCode).toBe(201);
    const request = asked.json() as SupersessionRequest;
    expect(request).toMatchObject({
      status: 'pending',
      document: { id: old, organization: { name: 'Owning Org' } },
      successor: { id: replacement, organization: { name: 'Requesting Org' } },
      requestedBy: { id: editorA.id, name: 'Ana Asker' },
    });
    expect((await ask(editorA, replacement, old)).statusCode).toBe(409); // already pending
    expect(await successorOf(old)).toBeNull();

    expect((await list(editorB, '?direction=incoming')).map((r) => r.id)).toEqual([request.id]);
    expect(await list(editorB, '?direction=outgoing')).toEqual([]);
    expect((await list(editorA, '?direction=outgoing')).map((r) => r.id)).toEqual([request.id]);
    expect(await list(editorC)).toEqual([]);
    expect((await list(admin)).map((r) => r.id)).toContain(request.id);

    // Only the owner's editors answer; a bystander does not even learn of the request.
    expect((await decide(editorA, request.id, 'approve')).statusCode).toBe(403);
    expect((await decide(editorC, request.id, 'approve')).statusCode).toBe(404);
    expect((await decide(editorB, request.id, 'withdraw')).statusCode).toBe(403);
    expect(await successorOf(old)).toBeNull();

    const approved = await decide(editorB, request.id, 'approve', 'Agreed: ours is out of date.');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: { id: editorB.id },
      decisionNote: 'Agreed: ours is out of date.',
    });
    expect(await successorOf(old)).toBe(replacement);
    expect((await decide(editorB, request.id, 'approve')).statusCode).toBe(409);
    expect(await list(editorB)).toEqual([]);
    expect((await list(editorB, '?status=approved')).map((r) => r.id)).toEqual([request.id]);

    const oldEditor = (await call(editorB, 'GET', `/api/documents/${old}/editor`)).json() as EditorDocument;
    expect(oldEditor.supersededBy?.id).toBe(replacement);
    for (const [editor, id, text] of [
      [editorB, old, /Superseded by “Advisory \d+ on PC 273\.5” \(Requesting Org\).*Agreed: ours is out of date\./],
      [editorA, replacement, /Supersedes “Advisory \d+ on PC 273\.5” \(Owning Org\), approved by its organization/],
    ] as const) {
      const history = (await call(editor, 'GET', `/api/documents/${id}/revisions`)).json() as RevisionHistory;
      expect(history.reviews[0]).toMatchObject({ kind: 'supersession', author: { id: editorB.id } });
      expect(history.reviews[0]?.body).toMatch(text);
    }
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(like(auditLog.action, 'document.superse%'), eq(auditLog.actorId, editorB.id)));
    expect(audit.map((a) => `${a.action} ${a.targetId === old ? 'old' : 'replacement'}`).sort()).toEqual([
      'document.supersede old',
      'document.supersession_approved old',
      'document.supersession_approved replacement',
    ]);
    expect(audit.find((a) => a.action === 'document.supersede')?.details).toMatchObject({
      successorId: replacement,
      requestId: request.id,
      requestedBy: editorA.id,
    });
  });

  it('can be declined by the owner or withdrawn by the requester, and then changes nothing', async () => {
    const old = await documentOf(editorB);
    const replacement = await documentOf(editorA);
    const first = (await ask(editorA, replacement, old)).json() as SupersessionRequest;
    const declined = await decide(editorB, first.id, 'decline', 'Ours still applies in state court.');
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: 'Ours still applies in state court.' });
    expect(await successorOf(old)).toBeNull();
    // Asked again after the answer: a new request.
    const second = (await ask(editorA, replacement, old)).json() as SupersessionRequest;
    expect(second.id).not.toBe(first.id);
    expect((await decide(editorA, second.id, 'withdraw')).json()).toMatchObject({ status: 'withdrawn' });
    expect((await decide(editorB, second.id, 'approve')).statusCode).toBe(409);
    expect(await successorOf(old)).toBeNull();
    const actions = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, old));
    expect(actions.map((a) => a.action).filter((a) => a.includes('supersession'))).toEqual(
      expect.arrayContaining([
        'document.supersession_requested',
        'document.supersession_declined',
        'document.supersession_withdrawn',
      ]),
    );
  });

  it('refuses requests that could not be approved: own documents, drafts, itself, cycles, another organization’s successor', async () => {
    const oursOld = await documentOf(editorA);
    const ours = await documentOf(editorA);
    const theirs = await documentOf(editorB);
    const theirDraft = await documentOf(editorB, { draft: true });
    const ourDraft = await documentOf(editorA, { draft: true });
    expect((await ask(editorA, ours, oursOld)).statusCode).toBe(409); // ours: supersede directly
    expect((await ask(editorA, ours, theirDraft)).statusCode).toBe(404); // another organization's draft
    expect((await ask(editorA, ours, crypto.randomUUID())).statusCode).toBe(404);
    expect((await ask(editorA, ours, ours)).statusCode).toBe(409);
    expect((await ask(editorA, ourDraft, theirs)).statusCode).toBe(409); // the successor must be published
    expect((await ask(editorA, theirs, ours)).statusCode).toBe(403); // asked on another organization's document
    // theirs is superseded by ours already: ours superseded by theirs would loop.
    expect((await call(editorB, 'POST', `/api/documents/${theirs}/supersede`, { successorId: ours })).statusCode).toBe(
      200,
    );
    expect((await ask(editorB, theirs, ours)).statusCode).toBe(409);
    expect((await ask(editorA, ours, theirs)).statusCode).toBe(409); // already superseded by it
    expect(await list(editorB, '?direction=incoming')).toEqual([]);
  });
});
