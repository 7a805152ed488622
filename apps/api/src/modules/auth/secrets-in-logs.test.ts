import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from '../../app';
import { createTestContext, type TestContext } from '../../testing/harness';
import { REFRESH_COOKIE } from './auth.routes';

// The app logs as in production (same redaction), at the most verbose level, into this buffer.
const lines: string[] = [];
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    logger: {
      level: 'trace',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      stream: { write: (line: string) => lines.push(line) },
    },
  });
});
afterAll(() => ctx?.close());

describe('logs', () => {
  it('never contain passwords, password hashes, access or refresh tokens, or one-time links', async () => {
    const secrets: string[] = [];
    const keep = (...values: Array<string | undefined>) => {
      for (const value of values) if (value) secrets.push(value);
      return values[0] ?? '';
    };
    const cookieOf = (response: { cookies: Array<{ name: string; value: string }> }) =>
      keep(response.cookies.find((c) => c.name === REFRESH_COOKIE)?.value);

    const admin = await ctx.user('admin');
    const reader = await ctx.user('reader');
    keep(admin.password, admin.token, reader.password, reader.token);

    // Sign-in (wrong, then right), renewal, a request, a password change, sign-out.
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: reader.email, password: 'wrong-password-typed-by-mistake' },
    });
    keep('wrong-password-typed-by-mistake');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: reader.email, password: reader.password },
    });
    expect(login.statusCode).toBe(200);
    keep(login.json().accessToken);
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { [REFRESH_COOKIE]: cookieOf(login) },
    });
    expect(refreshed.statusCode).toBe(200);
    const access = keep(refreshed.json().accessToken);
    cookieOf(refreshed);
    await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${access}` } });
    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { authorization: `Bearer ${access}` },
      payload: { currentPassword: reader.password, newPassword: keep('the-new-secret-passphrase') },
    });
    expect(changed.statusCode).toBe(200);
    keep(changed.json().accessToken);
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { [REFRESH_COOKIE]: cookieOf(changed) } });

    // An invitation, inspected and accepted; a password-reset link, used.
    const invitation = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.auth,
      payload: { email: 'logged-invitee@test.example.org', role: 'editor' },
    });
    expect(invitation.statusCode).toBe(200);
    const inviteUrl = keep(invitation.json().link.url);
    const inviteToken = keep(new URL(inviteUrl).hash.slice('#token='.length));
    await ctx.app.inject({ method: 'POST', url: '/api/auth/invitations/inspect', payload: { token: inviteToken } });
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token: inviteToken, name: 'Logged Invitee', password: keep('invitee-chosen-passphrase') },
    });
    expect(accepted.statusCode).toBe(200);
    keep(accepted.json().accessToken);
    cookieOf(accepted);

    const reset = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/users/${reader.id}/password-reset`,
      headers: admin.auth,
    });
    const resetToken = keep(new URL(keep(reset.json().url)).hash.slice('#token='.length));
    const completed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-resets/complete',
      payload: { token: resetToken, password: keep('reset-chosen-passphrase') },
    });
    expect(completed.statusCode).toBe(200);
    keep(completed.json().accessToken);
    cookieOf(completed);

    // A forged token and a bad body are logged as errors of their own.
    await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${access}x` } });
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"email": "x@y.z", "password": "${keep('half-typed-secret-in-bad-json')}"`,
    });

    const hashes = await ctx.db.$client.query<{ password_hash: string }>(
      'select password_hash from users where password_hash is not null and id = any($1)',
      [[admin.id, reader.id, accepted.json().user.id]],
    );
    for (const row of hashes.rows) keep(row.password_hash);
    const tokenHashes = await ctx.db.$client.query<{ h: string }>(
      'select token_hash as h from refresh_tokens union all select token_hash from one_time_tokens',
    );
    for (const row of tokenHashes.rows) keep(row.h);

    const log = lines.join('');
    // The log was captured: one access line per request above (Fastify wrote two), and the rest.
    expect(lines.length).toBeGreaterThan(12);
    // The access log: one line per answered request, with what was asked and how it ended.
    const accessLog = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request completed');
    expect(accessLog.find((l) => l.req?.url === '/api/me' && l.res?.statusCode === 401)).toMatchObject({
      req: { method: 'GET', url: '/api/me' },
      res: { statusCode: 401 },
      responseTime: expect.any(Number),
    });
    expect(lines.some((l) => l.includes('incoming request'))).toBe(false);
    expect(log).toContain('one-time link issued');
    const leaked = secrets.filter((secret) => log.includes(secret));
    expect(leaked).toEqual([]);
    expect(log).not.toMatch(/\$argon2/);
  });
});
