import type {
  AdminUserListQuery,
  AuditEntry,
  AuditListQuery,
  CreatedInvitation,
  CreateInvitationRequest,
  CreateOrganizationInvitationRequest,
  Invitation,
  OneTimeLink,
  UpdateUserRequest,
  User,
} from '@kb/contracts';
import type { FastifyInstance } from 'fastify';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import {
  findUserByEmail,
  findUserById,
  issueOneTimeToken,
  revokeUserTokens,
  setRoleAndDisabled,
  toUser,
} from '../auth';
import { ensureManagesMembers, findOrganization, toOrganizationRef } from '../organizations';
import {
  expireInvitation,
  listAudit,
  listPendingInvitations,
  listUsers,
  lockUserAndAdmins,
  pendingInvitationOf,
} from './admin.repository';
import type { AccountMail, Mailer } from './mailer';

export interface AdminContext {
  app: FastifyInstance;
  actor: CurrentUser;
  ip: string;
}

export const DEFAULT_PER_PAGE = 25;

export async function searchUsers(app: FastifyInstance, query: AdminUserListQuery) {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? DEFAULT_PER_PAGE;
  const { rows, total } = await listUsers(app.db, { ...query, page, perPage });
  return { items: rows.map(toUser), total, page, perPage };
}

/**
 * Changes a role and/or disables or enables an account. Disabling ends every session at once.
 * At least one enabled admin always remains, so nobody can lock the organization out.
 */
export async function updateUser(ctx: AdminContext, userId: string, change: UpdateUserRequest): Promise<User> {
  if (
    change.role === undefined &&
    change.disabled === undefined &&
    change.organizationId === undefined &&
    change.orgAdmin === undefined
  ) {
    throw badRequest('Say what to change: role, disabled, organizationId and/or orgAdmin.');
  }
  if (change.organizationId && !(await findOrganization(ctx.app.db, change.organizationId))) {
    throw badRequest('No organization has that id.');
  }
  if (change.disabled === true && userId === ctx.actor.id) {
    throw badRequest('You cannot disable your own account. Ask another administrator.');
  }
  const row = await ctx.app.db.transaction(async (tx) => {
    const { user, enabledAdminIds } = await lockUserAndAdmins(tx, userId);
    if (!user) throw notFound('User');
    const role = change.role ?? user.role;
    const disabled = change.disabled ?? user.disabledAt !== null;
    const wasEnabledAdmin = user.role === 'admin' && user.disabledAt === null;
    const staysEnabledAdmin = role === 'admin' && !disabled;
    if (wasEnabledAdmin && !staysEnabledAdmin && enabledAdminIds.length <= 1) {
      throw conflict('This is the only active administrator. Make someone else an administrator first.');
    }
    const audit = { actorId: ctx.actor.id, targetType: 'user', targetId: user.id, ip: ctx.ip } as const;
    if (role !== user.role) {
      await recordAudit(tx, {
        ...audit,
        action: 'admin.role_changed',
        details: { email: user.email, from: user.role, to: role },
      });
    }
    if (disabled !== (user.disabledAt !== null)) {
      await recordAudit(tx, {
        ...audit,
        action: disabled ? 'admin.user_disabled' : 'admin.user_enabled',
        details: { email: user.email },
      });
      // Refresh tokens die now; access tokens die by the version bump (checked on every request).
      if (disabled) await revokeUserTokens(tx, user.id);
    }
    const organizationId = change.organizationId !== undefined ? change.organizationId : user.organizationId;
    const orgAdmin = organizationId ? (change.orgAdmin ?? user.orgAdmin) : false;
    if (organizationId !== user.organizationId || orgAdmin !== user.orgAdmin) {
      await recordAudit(tx, {
        ...audit,
        action: 'admin.membership_changed',
        details: { email: user.email, from: user.organizationId, to: organizationId, orgAdmin },
      });
    }
    const updated = await setRoleAndDisabled(tx, user, { role, disabled, organizationId, orgAdmin });
    return updated ?? user;
  });
  return toUser(row);
}

// The token travels in the fragment: browsers never send it to the server, so no access log has it.
const linkUrl = (base: string, page: 'accept-invite' | 'reset-password', token: string) =>
  `${base}/${page}#token=${token}`;

async function deliver(ctx: AdminContext, mailer: Mailer, mail: Omit<AccountMail, 'sentBy'>): Promise<boolean> {
  try {
    return await mailer.send({ ...mail, sentBy: { name: ctx.actor.name, email: ctx.actor.email } });
  } catch (error) {
    // The link is shown to the admin anyway; a mail failure must not lose it.
    ctx.app.log.warn({ err: error, mail: { kind: mail.kind } }, 'mail delivery failed');
    return false;
  }
}

/** A network admin's invitation: any role, into any organization or none. */
export async function createInvitation(
  ctx: AdminContext,
  input: CreateInvitationRequest,
  options: { base: string; mailer: Mailer },
): Promise<CreatedInvitation> {
  const organization = input.organizationId ? await findOrganization(ctx.app.db, input.organizationId) : null;
  if (input.organizationId && !organization) throw badRequest('No organization has that id.');
  return invite(ctx, { email: input.email, role: input.role, organization: organization ?? null }, options);
}

/**
 * An organization admin's invitation into their own organization, as an editor or a reader
 * (network admins may use it too). Another organization's pending invitation of the same
 * person is not replaced: only a network admin can.
 */
export async function inviteToOrganization(
  ctx: AdminContext,
  organizationId: string,
  input: CreateOrganizationInvitationRequest,
  options: { base: string; mailer: Mailer },
): Promise<CreatedInvitation> {
  const organization = await findOrganization(ctx.app.db, organizationId);
  if (!organization) throw notFound('Organization');
  ensureManagesMembers(ctx.actor, organizationId);
  if (ctx.actor.role !== 'admin') {
    const pending = await pendingInvitationOf(ctx.app.db, input.email);
    if (pending && pending.organizationId !== organizationId) {
      throw conflict(
        `${input.email.trim()} has a pending invitation from ${pending.organizationId ? 'another organization' : 'the network administrators'}. Ask a network administrator.`,
      );
    }
  }
  return invite(ctx, { ...input, organization }, options);
}

type InvitedOrganization = Parameters<typeof toOrganizationRef>[0] | null;

async function invite(
  ctx: AdminContext,
  input: { email: string; role: CreateInvitationRequest['role']; organization: InvitedOrganization },
  options: { base: string; mailer: Mailer },
): Promise<CreatedInvitation> {
  const email = input.email.trim();
  const { organization } = input;
  if (await findUserByEmail(ctx.app.db, email)) {
    throw conflict(
      ctx.actor.role === 'admin'
        ? `${email} already has an account. Change its role or send a password-reset link instead.`
        : `${email} already has an account. A network administrator can add it to your organization.`,
    );
  }
  const { token, row } = await ctx.app.db.transaction(async (tx) => {
    const issued = await issueOneTimeToken(tx, {
      purpose: 'invitation',
      email,
      role: input.role,
      organizationId: organization?.id ?? null,
      userId: null,
      createdBy: ctx.actor.id,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: 'admin.invitation_created',
      targetType: 'invitation',
      targetId: issued.row.id,
      details: {
        email,
        role: input.role,
        organizationId: organization?.id ?? null,
        expiresAt: issued.row.expiresAt.toISOString(),
      },
      ip: ctx.ip,
    });
    return issued;
  });
  const url = linkUrl(options.base, 'accept-invite', token);
  const delivered = await deliver(ctx, options.mailer, {
    kind: 'invitation',
    to: email,
    url,
    role: row.role,
    expiresAt: row.expiresAt,
  });
  const invitation: Invitation = {
    id: row.id,
    email: row.email,
    role: row.role,
    organization: organization ? toOrganizationRef(organization) : null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    invitedBy: { id: ctx.actor.id, email: ctx.actor.email, name: ctx.actor.name },
  };
  return { invitation, link: { url, expiresAt: row.expiresAt.toISOString(), delivered } };
}

/** Pending invitations: every one for network admins, or one organization's (`organizationId`). */
export async function pendingInvitations(
  app: FastifyInstance,
  organizationId?: string,
): Promise<{ items: Invitation[] }> {
  const rows = await listPendingInvitations(app.db, organizationId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      organization:
        r.organizationId && r.organizationSlug && r.organizationName
          ? { id: r.organizationId, slug: r.organizationSlug, name: r.organizationName }
          : null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      invitedBy: r.inviterId ? { id: r.inviterId, email: r.inviterEmail ?? '', name: r.inviterName ?? '' } : null,
    })),
  };
}

/** An organization's pending invitations, for its admins (and network admins). */
export async function organizationInvitations(ctx: AdminContext, organizationId: string) {
  if (!(await findOrganization(ctx.app.db, organizationId))) throw notFound('Organization');
  ensureManagesMembers(ctx.actor, organizationId);
  return pendingInvitations(ctx.app, organizationId);
}

/** Revokes a pending invitation; with `organizationId`, only one into that organization (404 otherwise). */
export async function revokeInvitation(ctx: AdminContext, id: string, organizationId?: string): Promise<void> {
  if (organizationId !== undefined) {
    if (!(await findOrganization(ctx.app.db, organizationId))) throw notFound('Organization');
    ensureManagesMembers(ctx.actor, organizationId);
  }
  await ctx.app.db.transaction(async (tx) => {
    const row = await expireInvitation(tx, id, organizationId);
    if (!row) throw notFound('Pending invitation');
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: 'admin.invitation_revoked',
      targetType: 'invitation',
      targetId: row.id,
      details: { email: row.email, role: row.role, organizationId: row.organizationId },
      ip: ctx.ip,
    });
  });
}

/** A one-time link to set a new password; the account keeps working until it is used. */
export async function issuePasswordReset(
  ctx: AdminContext,
  userId: string,
  options: { base: string; mailer: Mailer },
): Promise<OneTimeLink> {
  const { token, row } = await ctx.app.db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw notFound('User');
    if (user.disabledAt) throw conflict('This account is disabled. Enable it before sending a password-reset link.');
    const issued = await issueOneTimeToken(tx, {
      purpose: 'password_reset',
      email: user.email,
      role: user.role,
      userId: user.id,
      createdBy: ctx.actor.id,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: 'admin.password_reset_issued',
      targetType: 'user',
      targetId: user.id,
      details: { email: user.email, expiresAt: issued.row.expiresAt.toISOString() },
      ip: ctx.ip,
    });
    return issued;
  });
  const url = linkUrl(options.base, 'reset-password', token);
  const delivered = await deliver(ctx, options.mailer, {
    kind: 'password_reset',
    to: row.email,
    url,
    expiresAt: row.expiresAt,
  });
  return { url, expiresAt: row.expiresAt.toISOString(), delivered };
}

export async function auditTrail(app: FastifyInstance, query: AuditListQuery) {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 50;
  const { rows, total } = await listAudit(app.db, { ...query, page, perPage });
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    action: r.action,
    actor: r.actorId ? { id: r.actorId, email: r.actorEmail ?? '', name: r.actorName ?? '' } : null,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetEmail ?? null,
    details: r.details,
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, total, page, perPage };
}
