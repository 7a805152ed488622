import { createHmac, randomBytes } from 'node:crypto';
import { users } from '@kb/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { apiRoutes, fillPath, pathParams, type RouteEntry, recordRoutes } from '../../testing/route-table';
import { DEVICE_COOKIE, RATE_LIMITS, REFRESH_COOKIE } from './auth.routes';
import { MAX_FAILURES_PER_ADDRESS_PER_MINUTE, MAX_FAILURES_PER_MINUTE } from './auth.service';

let ctx: TestContext;
let routes: RouteEntry[];
beforeAll(async () => {
  // The app's own route table, so that a route added later is checked too.
  const recorder = recordRoutes();
  try {
    ctx = await createTestContext();
  } finally {
    recorder.stop();
  }
  routes = apiRoutes(recorder.routes);
});
afterAll(() => ctx?.close());

// Failures are counted per address: each test that fails sign-ins comes from its own.
let nextAddress = 10;
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function login(email: string, password: string, ip = freshAddress(), deviceCookie?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': ip },
    cookies: deviceCookie ? { [DEVICE_COOKIE]: deviceCookie } : {},
    payload: { email, password },
  });
}

const deviceCookieOf = (response: { cookies: Array<{ name: string; value: string }> }) =>
  response.cookies.find((c) => c.name === DEVICE_COOKIE)?.value;

/** Sign-in attempts for `email` that reached a password check, and those refused before it. */
async function attemptsOn(email: string) {
  const { rows } = await ctx.db.$client.query<{ action: string; n: number; details: string | null }>(
    `select action, count(*)::int as n, string_agg(details::text, ' ') as details from audit_log
      where (details->>'email' = $1 or target_id = (select id::text from users where lower(email) = $1))
        and action in ('auth.sign_in', 'auth.sign_in_failed', 'auth.sign_in_throttled')
      group by action`,
    [email.toLowerCase()],
  );
  const count = (action: string) => rows.find((r) => r.action === action)?.n ?? 0;
  return {
    verified: count('auth.sign_in') + count('auth.sign_in_failed'),
    throttled: count('auth.sign_in_throttled'),
    details: rows.map((r) => r.details ?? '').join(' '),
  };
}

const refreshCookieOf = (response: { cookies: Array<{ name: string; value: string }> }) =>
  response.cookies.find((c) => c.name === REFRESH_COOKIE)?.value;

async function refreshWith(cookie: string | undefined, ip = freshAddress()) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    headers: { 'x-forwarded-for': ip },
    cookies: cookie ? { [REFRESH_COOKIE]: cookie } : {},
  });
}

const me = (authorization: string) => ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sign-in', () => {
  it('signs in with the right password and answers /api/me with the user', async () => {
    const user = await ctx.user('reader');
    const response = await login(user.email, user.password);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: user.email, role: 'reader' });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
    const cookie = response.cookies.find((c) => c.name === REFRESH_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    const answer = await me(`Bearer ${body.accessToken}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ email: user.email });
  });

  it('accepts the e-mail in any letter case', async () => {
    const user = await ctx.user('reader');
    expect((await login(user.email.toUpperCase(), user.password)).statusCode).toBe(200);
  });

  it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
    const user = await ctx.user('reader');
    const wrong = await login(user.email, 'wrong-password-1');
    const unknown = await login('nobody@test.example.org', 'wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers /api/me without a token with 401 in the JSON error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('records sign-ins and failed sign-ins in the audit log with the address', async () => {
    const user = await ctx.user('reader');
    const ip = freshAddress();
    await login(user.email, 'not-the-password', ip);
    await login(user.email, user.password, ip);
    const rows = await ctx.db.$client.query(
      `select action, actor_id, host(ip) as ip, details from audit_log
        where action in ('auth.sign_in', 'auth.sign_in_failed') and host(ip) = $1 order by id`,
      [ip],
    );
    expect(rows.rows).toEqual([
      { action: 'auth.sign_in_failed', actor_id: user.id, ip, details: { email: user.email, trustedDevice: false } },
      { action: 'auth.sign_in', actor_id: user.id, ip, details: {} },
    ]);
  });

  it('survives a forged, malformed X-Forwarded-For (no 500)', async () => {
    const user = await ctx.user('reader');
    const response = await login(user.email, 'wrong-password-1', 'not-an-address, 1.2.3');
    expect(response.statusCode).toBe(401);
  });
});

describe('throttling', () => {
  it(`answers the ${MAX_FAILURES_PER_MINUTE + 1}th failed attempt on one account within a minute with 429 and Retry-After`, async () => {
    const user = await ctx.user('reader');
    for (let i = 0; i < MAX_FAILURES_PER_MINUTE; i++) {
      // From a different address each time: the limit is per account too.
      expect((await login(user.email, `wrong-password-${i}`)).statusCode).toBe(401);
    }
    // Even the right password is refused while the account is throttled.
    const throttled = await login(user.email, user.password);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } },
    });
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account is not affected.
    const other = await ctx.user('reader');
    expect((await login(other.email, other.password)).statusCode).toBe(200);
  });

  it('throttles an address that fails on many accounts', async () => {
    const ip = freshAddress();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_PER_MINUTE; i++) {
      expect((await login(`spray-${i}@test.example.org`, 'wrong-password-1', ip)).statusCode).toBe(401);
    }
    const user = await ctx.user('reader');
    const throttled = await login(user.email, user.password, ip);
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });

  it('signs in a whole office at once from one address (20 lawyers in the same second)', async () => {
    const ip = freshAddress();
    const lawyers = await Promise.all(Array.from({ length: 20 }, () => ctx.user('reader')));
    const answers = await Promise.all(lawyers.map((lawyer) => login(lawyer.email, lawyer.password, ip)));
    expect(answers.map((a) => a.statusCode)).toEqual(lawyers.map(() => 200));
  });

  it('gives 50 parallel wrong passwords from one address at most the limit of password checks; the rest 429 with Retry-After', async () => {
    const user = await ctx.user('reader');
    const ip = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(user.email, `parallel-wrong-${i}`, ip)),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_MINUTE);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    for (const refused of answers.filter((a) => a.statusCode === 429)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const attempts = await attemptsOn(user.email);
    expect(attempts.verified).toBeLessThanOrEqual(MAX_FAILURES_PER_MINUTE);
    // Every refusal is in the audit log, and no password is.
    expect(attempts.throttled).toBe(statuses.filter((s) => s === 429).length);
    expect(attempts.details).not.toMatch(/parallel-wrong/);
  });

  it('gives 300 parallel guesses over 5 addresses no more password checks than the account limit', async () => {
    const user = await ctx.user('reader');
    const addresses = Array.from({ length: 5 }, () => freshAddress());
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        login(user.email, i === 200 ? user.password : `guess-${i}`, addresses[i % addresses.length]),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s !== 401 && s !== 429 && s !== 200)).toEqual([]);
    const attempts = await attemptsOn(user.email);
    expect(attempts.verified).toBeLessThanOrEqual(MAX_FAILURES_PER_MINUTE);
    expect(statuses.filter((s) => s !== 429).length).toBe(attempts.verified);
    console.log(
      `[figures] 300 parallel guesses over 5 addresses: ${attempts.verified} password checks, ${statuses.filter((s) => s === 429).length} × 429`,
    );
  });

  it("lets the owner's browser (device cookie) in at once after 100 failures from elsewhere; other clients stay locked", async () => {
    const user = await ctx.user('reader');
    const first = await login(user.email, user.password);
    const device = deviceCookieOf(first);
    expect(device).toBeTruthy();
    expect(first.cookies.find((c) => c.name === DEVICE_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    const attack = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(user.email, `attack-${i}`, `203.0.113.${(i % 50) + 1}`)),
    );
    expect(attack.filter((a) => a.statusCode === 429).length).toBeGreaterThanOrEqual(100 - MAX_FAILURES_PER_MINUTE);
    // A fresh browser (no device cookie) is an untrusted client: locked with the attacker.
    expect((await login(user.email, user.password)).statusCode).toBe(429);
    // The owner's browser is not.
    const owner = await login(user.email, user.password, freshAddress(), device);
    expect(owner.statusCode).toBe(200);
    // A device cookie for another account, or a forged one, earns no trust.
    const other = await ctx.user('reader');
    const otherDevice = deviceCookieOf(await login(other.email, other.password));
    expect((await login(user.email, user.password, freshAddress(), otherDevice)).statusCode).toBe(429);
    const [account, id] = (device ?? '').split('.');
    expect((await login(user.email, user.password, freshAddress(), `${account}.${id}.forged`)).statusCode).toBe(429);
  });

  it("slows, never locks, an address for the accounts it holds a device cookie for; a device's own failures lock that device", async () => {
    const user = await ctx.user('reader');
    const ip = freshAddress();
    const device = deviceCookieOf(await login(user.email, user.password, ip));
    // The office's address is over its limit (failures on other accounts).
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_PER_MINUTE; i++) {
      await login(`someone-${i}@test.example.org`, 'wrong-password-1', ip);
    }
    expect((await login(user.email, user.password, ip)).statusCode).toBe(429);
    const started = Date.now();
    expect((await login(user.email, user.password, ip, device)).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    for (let i = 0; i < MAX_FAILURES_PER_MINUTE; i++) {
      expect((await login(user.email, `typo-${i}`, freshAddress(), device)).statusCode).toBe(401);
    }
    const locked = await login(user.email, user.password, freshAddress(), device);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('limits refresh requests per address as a coarse flood guard', async () => {
    const ip = freshAddress();
    let last = await refreshWith(undefined, ip);
    for (let i = 1; i <= RATE_LIMITS.refresh.max; i++) last = await refreshWith(undefined, ip);
    expect(last.statusCode).toBe(429);
    expect(last.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect((await refreshWith(undefined, freshAddress())).statusCode).toBe(401);
  });
});

describe('access tokens', () => {
  let reader: TestUser;
  beforeAll(async () => {
    reader = await ctx.user('reader');
  });

  it('refuses an expired token', async () => {
    const issuedAnHourAgo = ctx.app.jwt.sign(
      { sub: reader.id, role: 'reader', ver: 0 },
      { clockTimestamp: Date.now() - 3600_000 },
    );
    expect((await me(reader.auth.authorization)).statusCode).toBe(200);
    expect((await me(`Bearer ${issuedAnHourAgo}`)).statusCode).toBe(401);
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const [header, , signature] = reader.token.split('.');
    const payload = JSON.parse(Buffer.from(reader.token.split('.')[1] ?? '', 'base64url').toString());
    const forged = `${header}.${base64url({ ...payload, role: 'admin' })}.${signature}`;
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const payload = JSON.parse(Buffer.from(reader.token.split('.')[1] ?? '', 'base64url').toString());
    for (const alg of ['none', 'None', 'NONE']) {
      const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}.`;
      expect((await me(`Bearer ${unsigned}`)).statusCode).toBe(401);
    }
  });

  it('refuses a token signed with another key or another algorithm', async () => {
    const payload = JSON.parse(Buffer.from(reader.token.split('.')[1] ?? '', 'base64url').toString());
    const sign = (alg: string, hash: string) => {
      const head = `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}`;
      return `${head}.${createHmac(hash, randomBytes(32)).update(head).digest('base64url')}`;
    };
    expect((await me(`Bearer ${sign('HS256', 'sha256')}`)).statusCode).toBe(401);
    expect((await me(`Bearer ${sign('HS512', 'sha512')}`)).statusCode).toBe(401);
    expect((await me('Bearer not.a.token')).statusCode).toBe(401);
  });

  it('refuses a token of a user who no longer exists', async () => {
    const ghost = ctx.app.jwt.sign({ sub: '00000000-0000-4000-8000-000000000000', role: 'admin', ver: 0 });
    expect((await me(`Bearer ${ghost}`)).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('rotates the refresh token; reusing a rotated one revokes the whole family', async () => {
    const user = await ctx.user('reader');
    const first = refreshCookieOf(await login(user.email, user.password));
    const rotated = await refreshWith(first);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().user.email).toBe(user.email);
    const second = refreshCookieOf(rotated);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    // An attacker replays the old token: refused, and the legitimate newer one dies with it.
    expect((await refreshWith(first)).statusCode).toBe(401);
    expect((await refreshWith(second)).statusCode).toBe(401);
    const audit = await ctx.db.$client.query(
      `select count(*)::int as n from audit_log where action = 'auth.refresh_reuse_detected' and actor_id = $1`,
      [user.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('keeps other sign-ins alive when one family is revoked', async () => {
    const user = await ctx.user('reader');
    const laptop = refreshCookieOf(await login(user.email, user.password));
    const phone = refreshCookieOf(await login(user.email, user.password));
    const rotated = refreshCookieOf(await refreshWith(laptop));
    await refreshWith(laptop); // reuse → the laptop family is revoked
    expect((await refreshWith(rotated)).statusCode).toBe(401);
    expect((await refreshWith(phone)).statusCode).toBe(200);
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const user = await ctx.user('reader');
    const cookie = refreshCookieOf(await login(user.email, user.password));
    const logout = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { [REFRESH_COOKIE]: cookie ?? '' },
    });
    expect(logout.statusCode).toBe(200);
    expect(logout.cookies.find((c) => c.name === REFRESH_COOKIE)?.value).toBe('');
    expect((await refreshWith(cookie)).statusCode).toBe(401);
  });

  it('ends the access token at once on sign-out, with the cookie or with the token alone', async () => {
    const user = await ctx.user('reader');
    const viaCookie = await login(user.email, user.password);
    const cookieToken = `Bearer ${viaCookie.json().accessToken}`;
    const other = await login(user.email, user.password);
    const otherToken = `Bearer ${other.json().accessToken}`;
    expect((await me(cookieToken)).statusCode).toBe(200);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { [REFRESH_COOKIE]: refreshCookieOf(viaCookie) ?? '' },
    });
    expect((await me(cookieToken)).statusCode).toBe(401);
    // Another sign-in of the same account is another session: it goes on.
    expect((await me(otherToken)).statusCode).toBe(200);

    // An API client that holds only the access token signs out its own session.
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: otherToken } });
    expect((await me(otherToken)).statusCode).toBe(401);
    expect((await refreshWith(refreshCookieOf(other))).statusCode).toBe(401);
  });

  it('ends the access tokens of a session whose refresh token was replayed', async () => {
    const user = await ctx.user('reader');
    const session = await login(user.email, user.password);
    const cookie = refreshCookieOf(session);
    const rotated = await refreshWith(cookie);
    expect(rotated.statusCode).toBe(200);
    const fresh = `Bearer ${rotated.json().accessToken}`;
    expect((await me(fresh)).statusCode).toBe(200);
    await refreshWith(cookie); // the replay of a spent token: someone else holds it
    expect((await me(fresh)).statusCode).toBe(401);
  });

  it('refuses a disabled user at once: access token, refresh and sign-in', async () => {
    const admin = await ctx.user('admin');
    const user = await ctx.user('editor');
    const session = await login(user.email, user.password);
    const accessToken = `Bearer ${session.json().accessToken}`;
    expect((await me(accessToken)).statusCode).toBe(200);

    const disable = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.auth,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().disabled).toBe(true);

    expect((await me(accessToken)).statusCode).toBe(401);
    expect((await me(user.auth.authorization)).statusCode).toBe(401);
    expect((await refreshWith(refreshCookieOf(session))).statusCode).toBe(401);
    const again = await login(user.email, user.password);
    expect(again.statusCode).toBe(401);
    expect(again.json()).toEqual((await login('nobody@test.example.org', 'whatever-1234')).json());

    // Enabled again: signs in, but the old tokens stay dead.
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.auth,
      payload: { disabled: false },
    });
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    expect((await me(accessToken)).statusCode).toBe(401);
  });

  it('changing the password needs the current one and ends the other sessions', async () => {
    const user = await ctx.user('reader');
    const other = await login(user.email, user.password);
    const current = await login(user.email, user.password);
    const change = (currentPassword: string, newPassword: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: { authorization: `Bearer ${current.json().accessToken}` },
        payload: { currentPassword, newPassword },
      });
    expect((await change('not-my-password', 'a-new-long-passphrase')).statusCode).toBe(400);
    const weak = await change(user.password, 'password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/common/);

    const changed = await change(user.password, 'a-new-long-passphrase');
    expect(changed.statusCode).toBe(200);
    expect((await me(`Bearer ${other.json().accessToken}`)).statusCode).toBe(401);
    expect((await refreshWith(refreshCookieOf(other))).statusCode).toBe(401);
    // The session that changed it goes on with the new tokens.
    expect((await me(`Bearer ${changed.json().accessToken}`)).statusCode).toBe(200);
    expect((await refreshWith(refreshCookieOf(changed))).statusCode).toBe(200);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, 'a-new-long-passphrase')).statusCode).toBe(200);
  });

  it('stores only hashes of passwords and refresh tokens', async () => {
    const user = await ctx.user('reader');
    const cookie = refreshCookieOf(await login(user.email, user.password));
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const stored = await ctx.db.$client.query('select token_hash from refresh_tokens where user_id = $1', [user.id]);
    expect(stored.rows.length).toBeGreaterThan(0);
    for (const r of stored.rows) expect(r.token_hash).not.toBe(cookie);
  });
});

// Parameters in a valid shape, so that a route answering anything but 401/403 would have run.
const SAMPLE = '00000000-0000-4000-8000-000000000000';
const call = (route: RouteEntry, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: route.method as 'GET',
    url: fillPath(route.url, Object.fromEntries(pathParams(route.url).map((name) => [name, SAMPLE]))),
    headers: {
      ...headers,
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
  });
const label = (route: RouteEntry) => `${route.method} ${route.url}`;

/** The routes anyone may call without signing in. A new one must be added here on purpose. */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/ready',
  'GET /api/auth/settings',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/sign-up',
  'POST /api/auth/invitations/inspect',
  'POST /api/auth/invitations/accept',
  'POST /api/auth/password-resets/inspect',
  'POST /api/auth/password-resets/complete',
  // The signed link in every alert e-mail works without signing in (RFC 8058 one-click).
  'GET /api/alerts/unsubscribe',
  'POST /api/alerts/unsubscribe',
];

describe('authorization, enumerated from the route table', () => {
  it('sees the routes of every module', () => {
    const urls = routes.map(label);
    expect(urls).toContain('GET /api/me');
    expect(urls).toContain('GET /api/admin/users');
    expect(urls).toContain('GET /api/admin/audit');
    expect(routes.every((r) => r.access)).toBe(true);
  });

  it('has no public route but the known ones', () => {
    const open = routes.filter((r) => r.access === 'public').map(label);
    expect(open.filter((r) => !PUBLIC_ROUTES.includes(r))).toEqual([]);
  });

  it('answers 401 on every non-public route without a token', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const response = await call(route);
      if (response.statusCode !== 401 || response.json().error?.code !== 'unauthorized') {
        wrong.push(`${label(route)} → ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to a reader on every editor and admin route', async () => {
    const reader = await ctx.user('reader');
    const guarded = routes.filter((r) => r.access === 'editor' || r.access === 'admin');
    expect(guarded.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const route of guarded) {
      const response = await call(route, reader.auth);
      if (response.statusCode !== 403 || response.json().error?.code !== 'forbidden') {
        wrong.push(`${label(route)} → ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an editor on every admin route', async () => {
    const editor = await ctx.user('editor');
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access === 'admin')) {
      const response = await call(route, editor.auth);
      if (response.statusCode !== 403) wrong.push(`${label(route)} → ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets an admin through the admin routes (not 401/403)', async () => {
    const admin = await ctx.user('admin');
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access === 'admin' && r.method === 'GET')) {
      const response = await call(route, admin.auth);
      if (response.statusCode === 401 || response.statusCode === 403)
        wrong.push(`${label(route)} → ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
