import { randomBytes } from 'node:crypto';
import type { AuditEntry, User } from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let admin: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin', { name: 'Alma Admin' });
});
afterAll(() => ctx?.close());

const get = (url: string, as: TestUser = admin) => ctx.app.inject({ method: 'GET', url, headers: as.auth });
const patch = (id: string, payload: object, as: TestUser = admin) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: as.auth, payload });

describe('users', () => {
  it('lists accounts with search, filters and paging, without secrets', async () => {
    const tag = randomBytes(3).toString('hex');
    for (let i = 0; i < 3; i++) await ctx.user('reader', { email: `paging-${tag}-${i}@test.example.org` });
    await ctx.user('editor', { email: `paging-${tag}-editor@test.example.org`, name: `Editor ${tag}` });

    const all = await get(`/api/admin/users?q=${tag}&perPage=2`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 4, page: 1, perPage: 2 });
    expect(all.json().items).toHaveLength(2);
    const second = await get(`/api/admin/users?q=${tag}&perPage=2&page=2`);
    expect(second.json().items).toHaveLength(2);
    const ids = [...all.json().items, ...second.json().items].map((u: User) => u.id);
    expect(new Set(ids).size).toBe(4);
    expect(all.body).not.toMatch(/argon2|password|token/i);

    const editors = await get(`/api/admin/users?q=${tag}&role=editor`);
    expect(editors.json().items.map((u: User) => u.email)).toEqual([`paging-${tag}-editor@test.example.org`]);
    const byName = await get(`/api/admin/users?q=${encodeURIComponent(`editor ${tag}`.toUpperCase())}`);
    expect(byName.json().total).toBe(1);
  });

  it('treats search text literally and rejects bad filters with 400', async () => {
    const wildcard = await get('/api/admin/users?q=%25');
    expect(wildcard.statusCode).toBe(200);
    expect(wildcard.json().total).toBe(0);
    expect((await get('/api/admin/users?role=owner')).statusCode).toBe(400);
    expect((await get('/api/admin/users?perPage=1000')).statusCode).toBe(400);
    expect((await get('/api/admin/users?page=0')).statusCode).toBe(400);
  });

  it('changes a role, effective at once, and records who did it', async () => {
    const user = await ctx.user('reader');
    expect((await get('/api/admin/users', user)).statusCode).toBe(403);
    const promoted = await patch(user.id, { role: 'admin' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ id: user.id, role: 'admin' });
    // The same access token now carries the new rights: roles are read from the database.
    expect((await get('/api/admin/users', user)).statusCode).toBe(200);
    await patch(user.id, { role: 'reader' });
    expect((await get('/api/admin/users', user)).statusCode).toBe(403);

    const audit = await get(`/api/admin/audit?action=admin.role_changed&actor=${admin.id}`);
    const entries = (audit.json().items as AuditEntry[]).filter((e) => e.targetId === user.id);
    expect(entries.map((e) => e.details)).toEqual([
      { email: user.email, from: 'admin', to: 'reader' },
      { email: user.email, from: 'reader', to: 'admin' },
    ]);
    expect(entries[0]).toMatchObject({ actor: { id: admin.id, name: 'Alma Admin' }, targetLabel: user.email });
  });

  it('answers 404 for an unknown user and 400 for an empty or malformed change', async () => {
    expect((await patch('00000000-0000-4000-8000-000000000000', { role: 'editor' })).statusCode).toBe(404);
    expect((await patch('not-a-uuid', { role: 'editor' })).statusCode).toBe(400);
    const user = await ctx.user('reader');
    expect((await patch(user.id, {})).statusCode).toBe(400);
    expect((await patch(user.id, { role: 'superuser' })).statusCode).toBe(400);
    expect((await patch(user.id, { disabled: 'yes please' })).statusCode).toBe(400);
  });

  it('never leaves the organization without an active administrator', async () => {
    const only = await ctx.user('admin');
    await ctx.db.$client.query(`update users set disabled_at = now() where role = 'admin' and id <> $1`, [only.id]);

    const demote = await patch(only.id, { role: 'editor' }, only);
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/only active administrator/);
    expect((await patch(only.id, { disabled: true }, only)).statusCode).toBe(400);

    // With a second admin, one may step down; then the other is the last one.
    const second = await ctx.user('admin');
    expect((await patch(only.id, { role: 'editor' }, only)).statusCode).toBe(200);
    expect((await patch(second.id, { role: 'reader' }, second)).statusCode).toBe(409);

    // Two admins demoting each other at the same moment: only one succeeds.
    const third = await ctx.user('admin');
    const results = await Promise.all([
      patch(third.id, { role: 'reader' }, second),
      patch(second.id, { role: 'reader' }, third),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const left = await ctx.db.$client.query(
      `select count(*)::int as n from users where role = 'admin' and disabled_at is null`,
    );
    expect(left.rows[0].n).toBe(1);
    await ctx.db.$client.query(`update users set disabled_at = null where id = $1`, [admin.id]);
  });
});

describe('audit log', () => {
  it('pages newest first and filters by action, action prefix and actor', async () => {
    const user = await ctx.user('reader');
    const ip = '192.0.2.44';
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': ip },
      payload: { email: user.email, password: user.password },
    });
    await patch(user.id, { disabled: true });
    await patch(user.id, { disabled: false });

    const mine = await get(`/api/admin/audit?actor=${encodeURIComponent(user.email.toUpperCase())}`);
    expect(mine.statusCode).toBe(200);
    const signIn = (mine.json().items as AuditEntry[]).find((e) => e.action === 'auth.sign_in');
    expect(signIn).toMatchObject({ actor: { id: user.id, email: user.email }, ip, targetLabel: user.email });

    const adminActions = await get(`/api/admin/audit?action=admin.&actor=${admin.id}&perPage=2`);
    const body = adminActions.json();
    expect(body.perPage).toBe(2);
    expect(body.items.map((e: AuditEntry) => e.action)).toEqual(['admin.user_enabled', 'admin.user_disabled']);
    expect(body.total).toBeGreaterThanOrEqual(2);
    const times = body.items.map((e: AuditEntry) => Date.parse(e.createdAt));
    expect(times[0]).toBeGreaterThanOrEqual(times[1]);

    const exact = await get('/api/admin/audit?action=admin.user_disabled');
    expect((exact.json().items as AuditEntry[]).every((e) => e.action === 'admin.user_disabled')).toBe(true);

    const actions = await get('/api/admin/audit/actions');
    expect(actions.json().actions).toEqual(expect.arrayContaining(['auth.sign_in', 'admin.user_disabled']));
    expect((await get('/api/admin/audit?perPage=0')).statusCode).toBe(400);
    expect((await get('/api/admin/audit?action=%25')).json().total).toBe(0);
  });
});
