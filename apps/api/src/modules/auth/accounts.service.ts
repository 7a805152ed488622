import type {
  AcceptInvitationRequest,
  CompletePasswordResetRequest,
  InvitationDetails,
  PasswordResetDetails,
  SignUpRequest,
} from '@kb/contracts';
import type { Tx } from '@kb/db';
import type { FastifyInstance } from 'fastify';
import { AppError, badRequest } from '../../lib/errors';
import { recordAudit } from '../audit';
import { findOrganization, toOrganizationRef } from '../organizations';
import {
  claimOneTimeToken,
  expireOutstandingTokens,
  findOneTimeToken,
  insertOneTimeToken,
  type OneTimeTokenPurpose,
  type OneTimeTokenRow,
  revokeUserTokens,
  setPassword,
} from './auth.repository';
import { createUser, hashToken, issueSession, newToken, type Session } from './auth.service';
import { hashPassword, passwordProblem } from './passwords';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const PASSWORD_RESET_TTL_MS = 24 * 3600 * 1000;

const WHAT: Record<OneTimeTokenPurpose, string> = { invitation: 'invitation', password_reset: 'password-reset' };

/**
 * Creates a one-time link's token: only its hash is stored, the token itself is returned once.
 * A newer link of the same purpose for the same person replaces the older ones.
 */
export async function issueOneTimeToken(
  tx: Tx,
  input: Pick<OneTimeTokenRow, 'purpose' | 'email' | 'role' | 'userId' | 'createdBy'> &
    Partial<Pick<OneTimeTokenRow, 'organizationId'>>,
): Promise<{ token: string; row: OneTimeTokenRow }> {
  await expireOutstandingTokens(
    tx,
    input.purpose,
    input.purpose === 'password_reset' && input.userId ? { userId: input.userId } : { email: input.email },
  );
  const token = newToken();
  const ttl = input.purpose === 'invitation' ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS;
  const row = await insertOneTimeToken(tx, {
    ...input,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttl),
  });
  return { token, row };
}

/** The row of a link that can still be used, or the error telling the visitor why not. */
async function usableToken(db: Tx, purpose: OneTimeTokenPurpose, token: string): Promise<OneTimeTokenRow> {
  const row = await findOneTimeToken(db, purpose, hashToken(token));
  const what = WHAT[purpose];
  if (!row) {
    throw new AppError(
      404,
      'link_invalid',
      `This ${what} link is not valid. Check that you copied all of it, or ask your administrator for a new one.`,
    );
  }
  if (row.usedAt) {
    throw new AppError(
      410,
      'link_used',
      purpose === 'invitation'
        ? 'This invitation has already been accepted. Sign in with the account it created.'
        : 'This password-reset link has already been used. Ask your administrator for a new one if you need it.',
    );
  }
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new AppError(410, 'link_expired', `This ${what} link has expired. Ask your administrator for a new one.`);
  }
  return row;
}

/** Claims a link inside the transaction of what it allows; only one request ever succeeds. */
async function claimToken(tx: Tx, purpose: OneTimeTokenPurpose, token: string): Promise<OneTimeTokenRow> {
  const claimed = await claimOneTimeToken(tx, purpose, hashToken(token));
  if (claimed) return claimed;
  await usableToken(tx, purpose, token); // throws the precise reason
  throw new AppError(410, 'link_used', `This ${WHAT[purpose]} link has already been used.`);
}

export async function inspectInvitation(app: FastifyInstance, token: string): Promise<InvitationDetails> {
  const row = await usableToken(app.db, 'invitation', token);
  const organization = row.organizationId ? await findOrganization(app.db, row.organizationId) : undefined;
  return {
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    organization: organization ? toOrganizationRef(organization) : null,
  };
}

export async function acceptInvitation(
  app: FastifyInstance,
  input: AcceptInvitationRequest,
  ip: string,
): Promise<Session> {
  // Checked before the token is claimed, so a weak password leaves the link usable.
  const invitation = await usableToken(app.db, 'invitation', input.token);
  const problem = passwordProblem(input.password, { email: invitation.email, name: input.name });
  if (problem) throw badRequest(problem);
  const user = await app.db.transaction(async (tx) => {
    const claimed = await claimToken(tx, 'invitation', input.token);
    const created = await createUser(tx, {
      email: claimed.email,
      name: input.name,
      password: input.password,
      role: claimed.role,
      practice: input.practice ?? null,
      organization: input.organization ?? null,
      // An organization's invitation makes the new account its member.
      organizationId: claimed.organizationId,
      signedInAt: new Date(),
    });
    await recordAudit(tx, {
      actorId: created.id,
      action: 'auth.invitation_accepted',
      targetType: 'user',
      targetId: created.id,
      details: {
        email: created.email,
        role: created.role,
        organizationId: claimed.organizationId,
        invitationId: claimed.id,
        invitedBy: claimed.createdBy,
      },
      ip,
    });
    return created;
  });
  return issueSession(app, user);
}

export async function inspectPasswordReset(app: FastifyInstance, token: string): Promise<PasswordResetDetails> {
  const row = await usableToken(app.db, 'password_reset', token);
  return { email: row.email, expiresAt: row.expiresAt.toISOString() };
}

/** Sets a new password from a reset link; every session of the account ends, a new one begins. */
export async function completePasswordReset(
  app: FastifyInstance,
  input: CompletePasswordResetRequest,
  ip: string,
): Promise<Session> {
  const reset = await usableToken(app.db, 'password_reset', input.token);
  const problem = passwordProblem(input.password, { email: reset.email });
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(input.password);
  const user = await app.db.transaction(async (tx) => {
    const claimed = await claimToken(tx, 'password_reset', input.token);
    const row = claimed.userId ? await setPassword(tx, claimed.userId, passwordHash) : undefined;
    if (!row || row.disabledAt) {
      throw new AppError(410, 'link_invalid', 'This account cannot be signed in to. Ask your administrator.');
    }
    await revokeUserTokens(tx, row.id);
    await recordAudit(tx, {
      actorId: row.id,
      action: 'auth.password_reset',
      targetType: 'user',
      targetId: row.id,
      details: { issuedBy: claimed.createdBy },
      ip,
    });
    return row;
  });
  return issueSession(app, user);
}

/** Self-sign-up (only when the deployment allows it): always a reader. */
export async function signUp(app: FastifyInstance, input: SignUpRequest, ip: string): Promise<Session> {
  const user = await app.db.transaction(async (tx) => {
    const created = await createUser(tx, {
      email: input.email,
      name: input.name,
      password: input.password,
      role: 'reader',
      practice: input.practice ?? null,
      organization: input.organization ?? null,
      signedInAt: new Date(),
    });
    await recordAudit(tx, {
      actorId: created.id,
      action: 'auth.sign_up',
      targetType: 'user',
      targetId: created.id,
      details: { email: created.email },
      ip,
    });
    return created;
  });
  return issueSession(app, user);
}
