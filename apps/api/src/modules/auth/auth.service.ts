import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { User } from '@kb/contracts';
import type { Database } from '@kb/db';
import type { FastifyInstance } from 'fastify';
import { AppError, badRequest, conflict, unauthorized } from '../../lib/errors';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/auth';
import { recordAudit } from '../audit';
import {
  claimRefreshToken,
  findRefreshToken,
  findUserByEmail,
  findUserById,
  insertRefreshToken,
  insertUser,
  recordSignIn,
  revokeFamily,
  revokeUserTokens,
  setPassword,
  signInAttempts,
  type UserRow,
} from './auth.repository';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { signInGate } from './sign-in-gate';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
export const MAX_FAILURES_PER_MINUTE = 10;
/**
 * An address's allowance, above an account's: one office (or a courthouse's Wi-Fi) signs its
 * lawyers in through one address, and an attempt counts from the moment it starts (so that
 * parallel guesses are bounded), so a morning's simultaneous sign-ins must fit in it.
 */
export const MAX_FAILURES_PER_ADDRESS_PER_MINUTE = 30;
const BAD_CREDENTIALS = 'The e-mail address or password is incorrect.';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    practice: row.practice,
    organization: row.organization,
    organizationId: row.organizationId,
    orgAdmin: row.orgAdmin,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: User;
}

export async function issueSession(
  app: FastifyInstance,
  user: UserRow,
  familyId: string = randomUUID(),
): Promise<Session> {
  const refreshToken = newToken();
  await insertRefreshToken(app.db, {
    userId: user.id,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
  });
  const accessToken = app.jwt.sign({ sub: user.id, role: user.role, ver: user.tokenVersion, sid: familyId });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, user: toUser(user) };
}

/** 429 with the seconds to wait; the auth routes copy them into a Retry-After header. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Too many failed sign-in attempts. Wait a minute and try again.', {
    retryAfterSeconds,
  });

/** How long a sign-in from an address over its limit waits, when its browser is trusted for the account. */
export const SLOWED_SIGN_IN_MS = 1_000;

/**
 * The limits a sign-in attempt counts against (OWASP's device-cookie design). A browser holding
 * a device cookie for the account — it signed in to it before — counts against its own device
 * only: failures from elsewhere never lock it out, and its address is slowed at most. Any other
 * client counts against the account's untrusted clients and against its address: an attacker
 * locks out untrusted clients only, and one address cannot try many accounts.
 */
function signInBuckets(email: string, ip: string, device: { email: string; deviceId: string } | undefined) {
  const account = email.trim().toLowerCase();
  if (device && device.email === account) {
    return { trusted: true, buckets: [{ key: `device:${device.deviceId}`, limit: MAX_FAILURES_PER_MINUTE }] };
  }
  return {
    trusted: false,
    buckets: [
      { key: `account:${account}`, limit: MAX_FAILURES_PER_MINUTE },
      { key: `address:${ip}`, limit: MAX_FAILURES_PER_ADDRESS_PER_MINUTE },
    ],
  };
}

export interface SignInResult extends Session {
  /** A device cookie for this browser and account, set on every successful sign-in. */
  deviceCookie: string;
}

export async function signIn(
  app: FastifyInstance,
  input: { email: string; password: string; ip: string; deviceCookie?: string },
): Promise<SignInResult> {
  const { email, password, ip } = input;
  const { trusted, buckets } = signInBuckets(email, ip, app.deviceCookies.read(input.deviceCookie));
  const gate = signInGate(app.db);
  const reserved: string[] = [];
  for (const { key: bucket, limit } of buckets) {
    const attempt = await gate.reserve(bucket, limit);
    if (!attempt.reserved) {
      await Promise.all(reserved.map((taken) => gate.release(taken)));
      // Counted in the audit log, without the password: who was refused, from where, by which limit.
      await recordAudit(app.db, {
        actorId: null,
        action: 'auth.sign_in_throttled',
        details: { email: email.trim().toLowerCase().slice(0, 254), limit: bucket.split(':')[0] },
        ip,
      });
      throw tooManyAttempts(attempt.retryAfterSeconds);
    }
    reserved.push(bucket);
  }
  if (trusted && (await signInAttempts(app.db, `address:${ip}`)) >= MAX_FAILURES_PER_ADDRESS_PER_MINUTE) {
    await new Promise((resolve) => setTimeout(resolve, SLOWED_SIGN_IN_MS));
  }
  const user = await findUserByEmail(app.db, email);
  // The same work whether or not the account exists: no enumeration by timing.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user?.passwordHash || !ok || user.disabledAt) {
    await recordAudit(app.db, {
      actorId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      details: { email: email.trim().toLowerCase().slice(0, 254), trustedDevice: trusted },
      ip,
    });
    throw unauthorized(BAD_CREDENTIALS);
  }
  // Only failures count against the limits.
  await Promise.all(reserved.map((bucket) => gate.release(bucket)));
  await recordSignIn(app.db, user.id);
  await recordAudit(app.db, { actorId: user.id, action: 'auth.sign_in', targetType: 'user', targetId: user.id, ip });
  const session = await issueSession(app, { ...user, lastSignInAt: new Date() });
  return { ...session, deviceCookie: app.deviceCookies.issue(user.email) };
}

/** Rotates a refresh token; presenting an already-rotated one revokes its whole family. */
export async function refresh(app: FastifyInstance, refreshToken: string | undefined, ip: string): Promise<Session> {
  if (!refreshToken) throw unauthorized('Your session has ended. Sign in again.');
  const row = await findRefreshToken(app.db, hashToken(refreshToken));
  if (!row) throw unauthorized('Your session has ended. Sign in again.');
  if (row.rotatedAt || row.revokedAt) {
    if (!row.revokedAt) {
      await revokeFamily(app.db, row.familyId);
      await recordAudit(app.db, {
        actorId: row.userId,
        action: 'auth.refresh_reuse_detected',
        targetType: 'user',
        targetId: row.userId,
        ip,
      });
    }
    throw unauthorized('Your session has ended. Sign in again.');
  }
  if (row.expiresAt.getTime() < Date.now()) throw unauthorized('Your session has expired. Sign in again.');
  const user = await findUserById(app.db, row.userId);
  if (!user || user.disabledAt) throw unauthorized('Your session has ended. Sign in again.');
  if (!(await claimRefreshToken(app.db, row.id))) {
    // Lost a race with another use of the same token: treat as reuse.
    await revokeFamily(app.db, row.familyId);
    throw unauthorized('Your session has ended. Sign in again.');
  }
  return issueSession(app, user, row.familyId);
}

/**
 * Ends the session of the refresh cookie, or of the access token when a client sends only that:
 * its refresh tokens are revoked, and its access tokens stop working at once (the per-request
 * check sees the revoked family).
 */
export async function signOut(
  app: FastifyInstance,
  refreshToken: string | undefined,
  ip: string,
  accessSession?: { userId: string; sessionId: string },
): Promise<void> {
  const row = refreshToken ? await findRefreshToken(app.db, hashToken(refreshToken)) : undefined;
  const session = row ? { userId: row.userId, sessionId: row.familyId } : accessSession;
  if (!session) return;
  await revokeFamily(app.db, session.sessionId);
  await recordAudit(app.db, {
    actorId: session.userId,
    action: 'auth.sign_out',
    targetType: 'user',
    targetId: session.userId,
    ip,
  });
}

export async function changePassword(
  app: FastifyInstance,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<Session> {
  const user = await findUserById(app.db, userId);
  if (!user?.passwordHash) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('The current password is incorrect.');
  }
  const problem = passwordProblem(input.newPassword, { email: user.email, name: user.name });
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(input.newPassword);
  const updated = await app.db.transaction(async (tx) => {
    const row = await setPassword(tx, userId, passwordHash);
    // Every other session ends; this one continues with a fresh token.
    await revokeUserTokens(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: userId,
      ip,
    });
    return row;
  });
  if (!updated) throw unauthorized();
  return issueSession(app, updated);
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRow['role'];
  organization?: string | null;
  practice?: UserRow['practice'];
  /** Membership: the organization whose documents the user may edit. */
  organizationId?: string | null;
  orgAdmin?: boolean;
  /** Set when the account is created by signing in at once (invitation, sign-up). */
  signedInAt?: Date;
}

/** Creates an account after checking the password; 409 when the e-mail is taken (any case). */
export async function createUser(db: Pick<Database, 'insert'>, input: NewUser): Promise<UserRow> {
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(input.password);
  const row = await insertUser(db, {
    email: input.email.trim(),
    name: input.name.trim(),
    role: input.role,
    passwordHash,
    organization: input.organization?.trim() || null,
    practice: input.practice ?? null,
    organizationId: input.organizationId ?? null,
    orgAdmin: input.orgAdmin ?? false,
    lastSignInAt: input.signedInAt ?? null,
  });
  if (!row) throw conflict(`An account with the e-mail ${input.email.trim()} already exists.`);
  return row;
}
