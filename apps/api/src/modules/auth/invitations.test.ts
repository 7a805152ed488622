import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import type { AccountMail } from '../admin';
import { REFRESH_COOKIE } from './auth.routes';

let ctx: TestContext;
let admin: TestUser;
/** A second app on the same database, configured as a deployment could be. */
let configured: App;
const mailbox: AccountMail[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin');
  configured = await buildApp({
    databaseUrl: ctx.databaseUrl,
    meiliUrl: ctx.services.meiliUrl,
    meiliMasterKey: ctx.services.meiliKey,
    meiliIndexPrefix: ctx.indexPrefix,
    jwtSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
    runSearchSync: false,
    allowSignUp: true,
    publicUrl: 'https://kb.example.org/',
    mailer: {
      async send(mail) {
        mailbox.push(mail);
        return true;
      },
    },
  });
  await configured.ready();
});
afterAll(async () => {
  await configured?.close();
  await ctx?.close();
});

const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function invite(email: string, role: 'reader' | 'editor' | 'admin' = 'editor') {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/invitations',
    // The Host never chooses where a link points (PUBLIC_URL does; here the default).
    headers: { ...admin.auth, host: 'evil.example' },
    payload: { email, role },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    invitation: { id: string; email: string; role: string; expiresAt: string };
    link: { url: string; expiresAt: string; delivered: boolean };
  };
}

const post = (url: string, payload: object, app: App = ctx.app) => app.inject({ method: 'POST', url, payload });
const accept = (token: string, extra: object = {}) =>
  post('/api/auth/invitations/accept', {
    token,
    name: 'Invited Person',
    password: 'a-long-enough-passphrase',
    ...extra,
  });

describe('invitations', () => {
  it('gives the admin a one-time link valid 7 days and stores only its hash', async () => {
    const email = `invitee-${randomBytes(3).toString('hex')}@test.example.org`;
    const before = Date.now();
    const { invitation, link } = await invite(email, 'editor');
    expect(invitation).toMatchObject({ email, role: 'editor' });
    expect(link.url).toMatch(/^http:\/\/localhost(:\d+)?\/accept-invite#token=[\w-]{40,}$/);
    expect(link.delivered).toBe(false);
    const days = (Date.parse(link.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const token = tokenOf(link.url);
    const stored = await ctx.db.$client.query('select * from one_time_tokens where id = $1', [invitation.id]);
    expect(stored.rows[0].token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored.rows[0])).not.toContain(token);

    const pending = await ctx.app.inject({ method: 'GET', url: '/api/admin/invitations', headers: admin.auth });
    expect(pending.json().items.map((i: { email: string }) => i.email)).toContain(email);
    expect(pending.body).not.toContain(token);
  });

  it('works once: the invitee sets a name and password, is signed in, then the link is spent', async () => {
    const email = `once-${randomBytes(3).toString('hex')}@test.example.org`;
    const token = tokenOf((await invite(email, 'editor')).link.url);

    const details = await post('/api/auth/invitations/inspect', { token });
    expect(details.statusCode).toBe(200);
    expect(details.json()).toMatchObject({ email, role: 'editor' });

    // A weak password is refused and leaves the link usable.
    const weak = await accept(token, { password: 'password123' });
    expect(weak.statusCode).toBe(400);

    const accepted = await accept(token, {
      name: 'Ana Ruiz',
      organization: 'Public Defender',
      practice: 'criminal_defense',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email,
      name: 'Ana Ruiz',
      role: 'editor',
      organization: 'Public Defender',
      practice: 'criminal_defense',
    });
    expect(accepted.cookies.find((c) => c.name === REFRESH_COOKIE)?.httpOnly).toBe(true);
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${accepted.json().accessToken}` },
    });
    expect(me.json().email).toBe(email);

    const again = await accept(token, { name: 'Someone Else' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('link_used');
    expect((await post('/api/auth/invitations/inspect', { token })).statusCode).toBe(410);

    const login = await post('/api/auth/login', { email, password: 'a-long-enough-passphrase' });
    expect(login.statusCode).toBe(200);

    const audit = await ctx.db.$client.query(
      `select action, actor_id from audit_log where action in ('admin.invitation_created', 'auth.invitation_accepted')
        and details->>'email' = $1 order by id`,
      [email],
    );
    expect(audit.rows).toEqual([
      { action: 'admin.invitation_created', actor_id: admin.id },
      { action: 'auth.invitation_accepted', actor_id: accepted.json().user.id },
    ]);
  });

  it('lets only one of two simultaneous acceptances succeed', async () => {
    const token = tokenOf((await invite(`race-${randomBytes(3).toString('hex')}@test.example.org`)).link.url);
    const results = await Promise.all([accept(token), accept(token), accept(token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
  });

  it('expires', async () => {
    const { invitation, link } = await invite(`late-${randomBytes(3).toString('hex')}@test.example.org`);
    await ctx.db.$client.query(`update one_time_tokens set expires_at = now() - interval '1 second' where id = $1`, [
      invitation.id,
    ]);
    const token = tokenOf(link.url);
    const inspected = await post('/api/auth/invitations/inspect', { token });
    expect(inspected.statusCode).toBe(410);
    expect(inspected.json().error.code).toBe('link_expired');
    expect((await accept(token)).statusCode).toBe(410);
  });

  it('refuses a tampered or unknown token with 404', async () => {
    const token = tokenOf((await invite(`tamper-${randomBytes(3).toString('hex')}@test.example.org`)).link.url);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const response = await accept(tampered);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('link_invalid');
    expect((await post('/api/auth/invitations/inspect', { token: 'short' })).statusCode).toBe(400);
  });

  it('replaces an older invitation to the same address, and can be revoked', async () => {
    const email = `twice-${randomBytes(3).toString('hex')}@test.example.org`;
    const first = tokenOf((await invite(email)).link.url);
    const second = await invite(email.toUpperCase());
    expect((await post('/api/auth/invitations/inspect', { token: first })).statusCode).toBe(410);
    const revoke = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${second.invitation.id}`,
      headers: admin.auth,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await accept(tokenOf(second.link.url))).statusCode).toBe(410);
    const again = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${second.invitation.id}`,
      headers: admin.auth,
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses to invite an address that already has an account', async () => {
    const existing = await ctx.user('reader');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.auth,
      payload: { email: existing.email.toUpperCase(), role: 'reader' },
    });
    expect(response.statusCode).toBe(409);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.auth,
      payload: { email: 'not an address', role: 'owner' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('uses PUBLIC_URL for links and hands them to the mail hook when one is configured', async () => {
    const adminToken = configured.jwt.sign({ sub: admin.id, role: 'admin', ver: 0 });
    const email = `mailed-${randomBytes(3).toString('hex')}@test.example.org`;
    const response = await configured.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      // A forged Host (or forwarded host) must not choose where the link points.
      headers: { authorization: `Bearer ${adminToken}`, host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      payload: { email, role: 'reader' },
    });
    expect(response.statusCode).toBe(200);
    const { link } = response.json();
    expect(link.url).toMatch(/^https:\/\/kb\.example\.org\/accept-invite#token=/);
    expect(link.delivered).toBe(true);
    expect(mailbox.at(-1)).toMatchObject({ kind: 'invitation', to: email, url: link.url, role: 'reader' });
  });
});

describe('password-reset links', () => {
  async function resetLink(userId: string) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/users/${userId}/password-reset`,
      headers: admin.auth,
    });
    return response;
  }
  const complete = (token: string, password = 'a-brand-new-passphrase') =>
    post('/api/auth/password-resets/complete', { token, password });

  it('sets a new password once, ending every other session', async () => {
    const user = await ctx.user('reader');
    const session = await post('/api/auth/login', { email: user.email, password: user.password });
    const issued = await resetLink(user.id);
    expect(issued.statusCode).toBe(200);
    expect(issued.json().url).toMatch(/\/reset-password#token=/);
    const token = tokenOf(issued.json().url);

    // Issuing a link changes nothing yet: the account keeps working.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: user.auth })).statusCode).toBe(200);
    const details = await post('/api/auth/password-resets/inspect', { token });
    expect(details.json()).toMatchObject({ email: user.email });

    expect((await complete(token, 'short')).statusCode).toBe(400);
    const done = await complete(token);
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(user.email);

    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: user.auth })).statusCode).toBe(401);
    const oldRefresh = session.cookies.find((c) => c.name === REFRESH_COOKIE)?.value ?? '';
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { [REFRESH_COOKIE]: oldRefresh },
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: user.email, password: 'a-brand-new-passphrase' })).statusCode).toBe(
      200,
    );

    const reused = await complete(token, 'yet-another-passphrase');
    expect(reused.statusCode).toBe(410);

    const audit = await ctx.db.$client.query(
      `select action, actor_id from audit_log where target_id = $1 and action like '%password_reset%' order by id`,
      [user.id],
    );
    expect(audit.rows).toEqual([
      { action: 'admin.password_reset_issued', actor_id: admin.id },
      { action: 'auth.password_reset', actor_id: user.id },
    ]);
  });

  it('expires, and a newer link replaces an older one', async () => {
    const user = await ctx.user('reader');
    const first = tokenOf((await resetLink(user.id)).json().url);
    const second = tokenOf((await resetLink(user.id)).json().url);
    expect((await complete(first)).statusCode).toBe(410);
    await ctx.db.$client.query(
      `update one_time_tokens set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null`,
      [user.id],
    );
    const expired = await complete(second);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('link_expired');
  });

  it('is refused for a disabled account and for an unknown user', async () => {
    const user = await ctx.user('reader');
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.auth,
      payload: { disabled: true },
    });
    expect((await resetLink(user.id)).statusCode).toBe(409);
    expect((await resetLink('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('self-sign-up', () => {
  const signUp = (app: App, email: string) =>
    post('/api/auth/sign-up', { email, name: 'Self Starter', password: 'a-long-enough-passphrase' }, app);

  it('is closed by default', async () => {
    const settings = await ctx.app.inject({ method: 'GET', url: '/api/auth/settings' });
    expect(settings.json()).toEqual({ allowSignUp: false });
    const response = await signUp(ctx.app, `closed-${randomBytes(3).toString('hex')}@test.example.org`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('creates readers only when the deployment allows it', async () => {
    const settings = await configured.inject({ method: 'GET', url: '/api/auth/settings' });
    expect(settings.json()).toEqual({ allowSignUp: true });
    const email = `open-${randomBytes(3).toString('hex')}@test.example.org`;
    const response = await post(
      '/api/auth/sign-up',
      { email, name: 'Self Starter', password: 'a-long-enough-passphrase', role: 'admin' },
      configured,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ email, role: 'reader' });
    expect((await signUp(configured, email.toUpperCase())).statusCode).toBe(409);
  });
});
