import type { EditorDocument, NotificationsResponse, OffenseEntryView, WatchListResponse } from '@kb/contracts';
import { alertDeliveries, documentEvents, notifications } from '@kb/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advisory,
  createDraft,
  createDraftDocument,
  createTestContext,
  eventually,
  publishNewDocument,
  publishRevision,
  reviseDocument,
  startSmtpServer,
  type TestContext,
  type TestSmtpServer,
  type TestUser,
  uniqueWord,
  updateDocument,
} from '../../testing';

/**
 * Watches and alerts against the real services and a real SMTP server started here: the app's
 * nodemailer delivers over SMTP, the server parses what arrives.
 */
let smtp: TestSmtpServer;
let ctx: TestContext;
let editor: TestUser;
/** The digest clock: real time unless a test moves it. */
let clock: () => Date = () => new Date();

beforeAll(async () => {
  smtp = await startSmtpServer();
  ctx = await createTestContext({ alerts: true, smtpUrl: smtp.url, alertClock: () => clock(), alertDigestHour: 7 });
  // The sample entries' editor: a member of the organization that owns them all here.
  const { rows } = await ctx.db.$client.query<{ id: string }>(
    `update documents set organization_id = (select id from organizations order by name limit 1)
     where id in (select document_id from revisions where kind = 'offense_entry') returning organization_id as id`,
  );
  editor = await ctx.user('editor', { organizationId: rows[0]?.id ?? null });
  // The seeded library's events, fanned out before the tests (nobody follows anything yet).
  await ctx.app.alerts.drainAll();
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers
async function call<T = any>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  user?: TestUser,
  payload?: unknown,
) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: user?.auth,
    payload: payload as never,
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T, response };
}

const unread = async (user: TestUser) => (await call<NotificationsResponse>('GET', '/api/me/notifications', user)).body;

describe('following and being told (acceptance 1)', () => {
  it('a reader following "PC 273.5" hears of a revised outcome in the app within 5 s and by one e-mail with a working unsubscribe link', async () => {
    const reader = await ctx.user('reader');
    const followed = await call<{ id: string }>('POST', '/api/me/watches', reader, {
      kind: 'citation',
      target: 'PC 273.5',
    });
    expect(followed.status).toBe(201);
    const watches = await call<WatchListResponse>('GET', '/api/me/watches', reader);
    expect(watches.body.items).toEqual([
      expect.objectContaining({ id: followed.body.id, kind: 'citation', target: 'PC 273.5', name: 'PC 273.5' }),
    ]);
    expect((await unread(reader)).unread).toBe(0);

    const entry = (await call<OffenseEntryView>('GET', '/api/charts/us-ca/pc-273-5-a', reader)).body;
    const opened = (await call<EditorDocument>('GET', `/api/documents/${entry.id}/editor`, editor)).body;
    const old = entry.data.assessments.cimt?.outcome ?? 'unclear';
    const outcome = old === 'yes' ? 'depends' : 'yes';
    const saved = await call('PUT', `/api/offenses/${entry.id}/draft`, editor, {
      offense: {
        ...entry.data,
        assessments: {
          ...entry.data.assessments,
          cimt: { ...entry.data.assessments.cimt, outcome, summary: 'Revised for the alert test.', authorities: [] },
        },
      },
      baseRevisionId: opened.head.id,
      note: 'CIMT outcome revised after a new decision',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const published = await call('POST', `/api/documents/${entry.id}/publish`, editor, {});
    expect(published.status).toBe(200);
    const publishedAt = Date.now();

    const inbox = await eventually(async () => {
      const body = await unread(reader);
      return body.unread === 1 ? body : null;
    }, 5_000);
    expect(Date.now() - publishedAt).toBeLessThan(5_000);
    const [item] = inbox.items;
    expect(item?.event).toBe('revised');
    expect(item?.title).toContain('273.5');
    expect(item?.summary).toContain(`CIMT: ${old} → ${outcome}`);
    expect(item?.summary).toContain('CIMT outcome revised after a new decision');
    expect(item?.url).toMatch(
      new RegExp(`^/charts/us-ca/pc-273-5-a\\?diff=${opened.publishedRevisionId}\\.\\.[0-9a-f-]{36}$`),
    );
    expect(item?.readAt).toBeNull();

    const [mail] = await eventually(async () => {
      const got = smtp.to(reader.email);
      return got.length > 0 ? got : null;
    }, 60_000);
    expect(mail?.subject).toContain('273.5');
    expect(mail?.text).toContain(`CIMT: ${old} → ${outcome}`);
    expect(mail?.html).toContain('CIMT');
    expect(mail?.text).toContain('http://localhost/charts/us-ca/pc-273-5-a?diff=');
    const listUnsubscribe = mail?.header('List-Unsubscribe') ?? '';
    expect(mail?.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /<([^>]+)>/.exec(listUnsubscribe)?.[1] ?? '';
    expect(link).toMatch(/^http:\/\/localhost\/api\/alerts\/unsubscribe\?u=/);
    expect(mail?.text).toContain(link);

    // Read and unread.
    const read = await call('POST', '/api/me/notifications/read', reader, { ids: [item?.id] });
    expect(read.body).toEqual({ unread: 0 });
    expect((await unread(reader)).items[0]?.readAt).not.toBeNull();

    // The link: GET shows a confirmation (nothing changes), POST (one click, RFC 8058) unsubscribes.
    const path = link.replace('http://localhost', '');
    const page = await ctx.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post"');
    expect((await call('GET', '/api/me/alert-settings', reader)).body).toEqual({ email: 'immediate' });
    const oneClick = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await call('GET', '/api/me/alert-settings', reader)).body).toEqual({ email: 'none' });
    // A forged link changes nothing.
    const forged = await ctx.app.inject({ method: 'POST', url: path.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAA') });
    expect(forged.statusCode).toBe(400);
    expect(smtp.to(reader.email)).toHaveLength(1);
  });
});

describe('watches', () => {
  it('refuses unknown kinds and targets with a 4xx, follows a thing once, and removes it', async () => {
    const reader = await ctx.user('reader');
    const bad = [
      { kind: 'planet', target: 'mars' },
      { kind: 'citation', target: 'no section number' },
      { kind: 'offenseType', target: 'not-a-term' },
      { kind: 'jurisdiction', target: 'us-zz' },
      { kind: 'search', target: 'page=2' },
      { kind: 'search', target: 'kind=not-a-kind' },
    ];
    for (const body of bad) {
      const res = await call('POST', '/api/me/watches', reader, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBeTypeOf('string');
    }
    for (const kind of ['offense', 'document']) {
      const res = await call('POST', '/api/me/watches', reader, {
        kind,
        target: '00000000-0000-4000-8000-000000000000',
      });
      expect(res.status).toBe(404);
    }
    const entry = (await call<OffenseEntryView>('GET', '/api/charts/us-ca/pc-273-5-a', reader)).body;
    const first = await call('POST', '/api/me/watches', reader, { kind: 'offense', target: 'us-ca-pc-273-5-a' });
    const again = await call('POST', '/api/me/watches', reader, { kind: 'offense', target: entry.id });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const search = await call('POST', '/api/me/watches', reader, {
      kind: 'search',
      target: 'q=firearm&jurisdiction=us-ca',
      name: 'Firearms in California',
    });
    expect(search.status).toBe(201);
    const list = (await call<WatchListResponse>('GET', '/api/me/watches', reader)).body.items;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'offense', target: entry.id, url: '/charts/us-ca/pc-273-5-a' }),
        expect.objectContaining({
          kind: 'search',
          name: 'Firearms in California',
          target: 'q=firearm&jurisdiction=us-ca',
          url: '/search?q=firearm&jurisdiction=us-ca',
        }),
      ]),
    );
    // Another user's watch is not yours to remove.
    const other = await ctx.user('reader');
    expect((await call('DELETE', `/api/me/watches/${first.body.id}`, other)).status).toBe(404);
    expect((await call('DELETE', `/api/me/watches/${first.body.id}`, reader)).status).toBe(204);
    expect((await call<WatchListResponse>('GET', '/api/me/watches', reader)).body.items).toHaveLength(1);
  });

  it('a saved search hears of a new matching document, and its e-mail escapes the title', async () => {
    const reader = await ctx.user('reader');
    const word = uniqueWord();
    await call('POST', '/api/me/watches', reader, { kind: 'search', target: `q=${word}&jurisdiction=us-ca` });
    // Filters that do not match: no notification.
    await publishNewDocument(ctx.db, advisory(word, { jurisdictions: ['us-ny'], title: `Elsewhere ${word}` }));
    const id = await publishNewDocument(ctx.db, advisory(word, { title: `Pleas <script>alert(1)</script> & ${word}` }));
    const inbox = await eventually(async () => {
      const body = await unread(reader);
      return body.unread > 0 ? body : null;
    }, 10_000);
    await ctx.app.alerts.drainAll();
    expect((await unread(reader)).items.map((n) => n.documentId)).toEqual([id]);
    expect(inbox.items[0]?.event).toBe('published');
    const [mail] = await eventually(async () => {
      const got = smtp.to(reader.email);
      return got.length > 0 ? got : null;
    }, 60_000);
    expect(mail?.html).toContain('Pleas &lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.text).toContain(`Pleas <script>alert(1)</script> & ${word}`);
  });
});

describe('never about drafts or unreadable documents (acceptance 5)', () => {
  it('says nothing of a draft revision, a new draft, or a document archived before fan-out', async () => {
    const reader = await ctx.user('reader');
    const word = uniqueWord();
    const followedId = await publishNewDocument(ctx.db, advisory(word, { jurisdictions: ['us-wy'] }));
    await ctx.app.alerts.drainAll();
    await call('POST', '/api/me/watches', reader, { kind: 'document', target: followedId });
    await call('POST', '/api/me/watches', reader, { kind: 'jurisdiction', target: 'us-wy' });
    // A saved, unpublished revision of the followed document.
    await reviseDocument(ctx.db, followedId, advisory(word, { jurisdictions: ['us-wy'], body: '## New\n\nDraft.' }), {
      publish: false,
    });
    // A new draft in the followed jurisdiction.
    await createDraftDocument(ctx.db, advisory(uniqueWord(), { jurisdictions: ['us-wy'] }));
    // Published and archived in one transaction: its event is there, the document is not readable.
    await ctx.db.transaction(async (tx) => {
      const { document, revision } = await createDraft(tx, {
        content: advisory(uniqueWord(), { jurisdictions: ['us-wy'] }),
        authorId: null,
      });
      await publishRevision(tx, document.id, revision);
      await updateDocument(tx, document.id, { status: 'archived' });
    });
    // The control: a published document in the jurisdiction (its event comes after the others).
    const control = await publishNewDocument(ctx.db, advisory(uniqueWord(), { jurisdictions: ['us-wy'] }));
    await eventually(async () => (await unread(reader)).unread > 0, 10_000);
    await ctx.app.alerts.drainAll();
    const items = (await unread(reader)).items;
    expect(items.map((n) => n.documentId)).toEqual([control]);
    // A disabled user hears nothing either.
    const disabled = await ctx.user('reader');
    await call('POST', '/api/me/watches', disabled, { kind: 'document', target: followedId });
    await ctx.db.$client.query('update users set disabled_at = now() where id = $1', [disabled.id]);
    await reviseDocument(
      ctx.db,
      followedId,
      advisory(word, { jurisdictions: ['us-wy'], body: '## Now\n\nPublished.' }),
      {
        publish: true,
      },
    );
    await eventually(async () => (await unread(reader)).unread === 2, 10_000);
    const rows = await ctx.db.select().from(notifications).where(eq(notifications.userId, disabled.id));
    expect(rows).toHaveLength(0);
  });

  it('replaying an event creates no second notification or e-mail (unique per user and event)', async () => {
    const reader = await ctx.user('reader');
    const word = uniqueWord();
    const id = await publishNewDocument(ctx.db, advisory(word));
    await ctx.app.alerts.drainAll();
    await call('POST', '/api/me/watches', reader, { kind: 'document', target: id });
    await reviseDocument(ctx.db, id, advisory(word, { body: '## Changed\n\nYes.' }), { publish: true });
    await eventually(async () => smtp.to(reader.email).length === 1, 60_000);
    const [event] = await ctx.db
      .select({ id: documentEvents.id })
      .from(documentEvents)
      .where(and(eq(documentEvents.documentId, id), eq(documentEvents.kind, 'revised')));
    // Forget that it was fanned out, as a worker killed before its commit would have.
    await ctx.db.execute(sql`delete from alert_fanouts where event_id = ${event?.id}`);
    await ctx.app.alerts.drainAll();
    const mine = await ctx.db.select().from(notifications).where(eq(notifications.userId, reader.id));
    expect(mine).toHaveLength(1);
    const deliveries = await ctx.db.select().from(alertDeliveries).where(eq(alertDeliveries.userId, reader.id));
    expect(deliveries).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(reader.email)).toHaveLength(1);
  });
});

describe('daily digest (acceptance 4)', () => {
  it('three events reach a daily-digest user as one message at the digest hour', async () => {
    const reader = await ctx.user('reader');
    expect((await call('PUT', '/api/me/alert-settings', reader, { email: 'daily' })).body).toEqual({ email: 'daily' });
    expect((await call('PUT', '/api/me/alert-settings', reader, { email: 'weekly' })).status).toBe(400);
    const word = uniqueWord();
    const id = await publishNewDocument(ctx.db, advisory(word));
    await ctx.app.alerts.drainAll();
    await call('POST', '/api/me/watches', reader, { kind: 'document', target: id });
    for (const n of [1, 2, 3]) {
      await reviseDocument(ctx.db, id, advisory(word, { body: `## Change ${n}\n\nRevision ${n}.` }), { publish: true });
    }
    await eventually(async () => (await unread(reader)).unread === 3, 10_000);
    await ctx.app.alerts.drainAll();
    expect(smtp.to(reader.email)).toHaveLength(0);
    // The next morning, after the digest hour (07:00 UTC).
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    tomorrow.setUTCHours(8, 0, 0, 0);
    clock = () => tomorrow;
    try {
      await ctx.app.alerts.drainAll();
      const [digest] = await eventually(async () => {
        const got = smtp.to(reader.email);
        return got.length > 0 ? got : null;
      }, 60_000);
      expect(digest?.subject).toContain('3 changes');
      expect(digest?.text.match(/Revised: /g)).toHaveLength(3);
      expect(digest?.header('List-Unsubscribe')).toMatch(/^<http:\/\/localhost\/api\/alerts\/unsubscribe\?u=/);
      // A second run the same day sends nothing more.
      expect(await ctx.app.alerts.digestOnce()).toBe(0);
      await ctx.app.alerts.drainAll();
      expect(smtp.to(reader.email)).toHaveLength(1);
    } finally {
      clock = () => new Date();
    }
  });
});

describe('account e-mail (acceptance 6)', () => {
  it('with SMTP_URL set, an invitation arrives by e-mail and the admin still sees the link', async () => {
    const admin = await ctx.user('admin');
    const email = `invitee-${uniqueWord()}@example.org`;
    const res = await call('POST', '/api/admin/invitations', admin, { email, role: 'reader' });
    expect(res.status).toBe(200);
    expect(res.body.link.delivered).toBe(true);
    const [mail] = await eventually(async () => {
      const got = smtp.to(email);
      return got.length > 0 ? got : null;
    }, 30_000);
    expect(mail?.subject).toBe('Your invitation to Advisory KB');
    expect(mail?.text).toContain(res.body.link.url);
    expect(mail?.html).toContain('accept-invite#token=');
  });
});
