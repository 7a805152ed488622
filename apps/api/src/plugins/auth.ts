import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { Role } from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../lib/errors';
import { type CurrentUserRow, prepareCurrentUser } from './auth.repository';

/** Access tokens whose signature was verified, kept until they expire (bounded, oldest out first). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Verified access tokens by their text: a client sends the same token for up to 15 minutes, and
 * checking its signature and decoding it again on every request was a twentieth of a cached
 * search's CPU. Only the signature check is skipped: expiry is checked on every use, and whether
 * the token's user, version and session still hold is checked against the database per request.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, AccessTokenPayload>();

  constructor(
    private readonly verify: (token: string) => AccessTokenPayload,
    private readonly max = VERIFIED_TOKENS_MAX,
  ) {}

  /** The token's payload, or a throw when it is not a valid, unexpired token of ours. */
  payloadOf(token: string, now = Date.now()): AccessTokenPayload {
    const known = this.entries.get(token);
    if (known && (known.exp ?? 0) * 1000 > now) return known;
    if (known) this.entries.delete(token);
    const payload = Object.freeze(this.verify(token));
    // A token without an expiry is not kept: nothing would ever end its entry.
    if (typeof payload.exp === 'number') {
      this.entries.set(token, payload);
      if (this.entries.size > this.max) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return payload;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The token of an `Authorization: Bearer <token>` header, as @fastify/jwt reads it; else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const parts = header.split(' ');
  return parts.length === 2 && parts[1] ? parts[1] : undefined;
}

/** Who may call a route: anyone, or a signed-in user with at least this role. */
export type Access = 'public' | Role;

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The organization whose documents the user may change (null: none). */
  organizationId: string | null;
  /** Manages the members of their organization. */
  orgAdmin: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  /** The user's token version when signed; a bump revokes every outstanding access token. */
  ver: number;
  /** The session (refresh-token family) it belongs to: signing out or a detected reuse ends it at once. */
  sid?: string;
  /** Expiry, seconds since the epoch (set when signed). */
  exp?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * `in-handler`: the token is verified before the handler, and the handler checks the user
     * in the same query as its own read (one round trip on a hot route), calling `acceptUser`.
     * Nothing is sent before the user is checked: a response whose handler did not check it
     * (an error, a path that read nothing) is held until the usual check has passed.
     */
    userCheck?: 'in-handler';
  }
  interface FastifyRequest {
    /** The verified token of a route that checks the user itself, until it has. */
    pendingUser?: PendingUser;
  }
  interface FastifyInstance {
    /** Signs and reads device cookies: "this browser has signed in to this account before". */
    deviceCookies: DeviceCookies;
  }
}

export interface DeviceCookies {
  /** A new device cookie value for `email` (a random device id, signed). */
  issue(email: string): string;
  /** The device a cookie value names, when its signature holds; otherwise undefined. */
  read(value: string | undefined): { email: string; deviceId: string } | undefined;
}

/**
 * OWASP's device cookies: `<e-mail, base64url>.<device id>.<HMAC>` under a key derived from the
 * JWT secret (so replicas sharing the secret share the trust), never readable by scripts.
 */
function deviceCookies(secret: string): DeviceCookies {
  const key = createHash('sha256').update(`device-cookie:${secret}`).digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    issue(email) {
      const payload = `${Buffer.from(email.trim().toLowerCase()).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
      return `${payload}.${mac(payload)}`;
    },
    read(value) {
      const [account, deviceId, signature] = value?.split('.') ?? [];
      if (!account || !deviceId || !signature) return undefined;
      const expected = Buffer.from(mac(`${account}.${deviceId}`));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return { email: Buffer.from(account, 'base64url').toString('utf8'), deviceId };
    },
  };
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenPayload;
    user: CurrentUser;
  }
}

/** A verified token whose user the handler still has to check (see `userCheck`). */
export interface PendingUser {
  payload: AccessTokenPayload;
  access: Role;
  checked: boolean;
}

/**
 * The signed-in user a token's subject is now, or a 401 (no such user, disabled, password
 * changed, signed out) or 403 (a role below the route's). Checked against the database on every
 * request, so disabling a user, changing a password or signing out takes effect at once, not
 * when the token expires.
 */
export function acceptUser(user: CurrentUserRow | undefined, payload: AccessTokenPayload, access: Role): CurrentUser {
  if (!user || user.disabledAt || user.tokenVersion !== payload.ver || user.sessionEnded) {
    throw unauthorized('Your session is no longer valid. Sign in again.');
  }
  if (!hasRole(user, access)) throw forbidden();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    orgAdmin: user.orgAdmin,
  };
}

/** The user of a pending token, checked by the handler's own query: the request may go on. */
export function acceptPendingUser(request: FastifyRequest, pending: PendingUser, user: CurrentUserRow | undefined) {
  pending.checked = true;
  request.user = acceptUser(user, pending.payload, pending.access);
}

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export function hasRole(user: Pick<CurrentUser, 'role'>, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}

/** Routes under /api must declare `config.access`; undeclared routes do not start. */
export function routeAccess(config: unknown): Access | undefined {
  return (config as { access?: Access } | undefined)?.access;
}

export default fp<{ jwtSecret: string; secureCookies: boolean }>(
  async (app, options) => {
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: options.jwtSecret,
      sign: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      // Pinned: tokens signed with any other algorithm (including "none") are refused.
      verify: { algorithms: ['HS256'] },
    });

    app.decorate('deviceCookies', deviceCookies(options.jwtSecret));

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return;
      const access = routeAccess(route.config);
      if (!access) {
        throw new Error(`route ${route.method} ${route.url} declares no access (config.access): refusing to start`);
      }
    });

    const currentUser = prepareCurrentUser(app.db);
    const verifiedTokens = new VerifiedTokens((token) => app.jwt.verify<AccessTokenPayload>(token));

    /** Authenticates and authorizes every request by the access its route declares. */
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const access = routeAccess(request.routeOptions.config);
      if (!access || access === 'public') return;
      let payload: AccessTokenPayload;
      try {
        const token = bearerToken(request.headers.authorization);
        if (!token) throw new Error('no bearer token');
        payload = verifiedTokens.payloadOf(token);
      } catch {
        throw unauthorized('Your session is missing or has expired. Sign in again.');
      }
      if (request.routeOptions.config.userCheck === 'in-handler') {
        request.pendingUser = { payload, access, checked: false };
        return;
      }
      const [user] = await currentUser.execute({ id: payload.sub, sid: payload.sid ?? null });
      request.user = acceptUser(user, payload, access);
    });

    /** A route checking the user itself sends nothing (not even an error) until the user was checked. */
    app.addHook('onSend', async (request) => {
      const pending = request.pendingUser;
      if (!pending || pending.checked) return;
      const [user] = await currentUser.execute({ id: pending.payload.sub, sid: pending.payload.sid ?? null });
      acceptPendingUser(request, pending, user);
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
