import type { Role } from '@kb/contracts';
import { auditLog, type Database, oneTimeTokens, organizations, type Tx, users } from '@kb/db';
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/** `%`, `_` and `\` typed by the admin are literal characters, not LIKE wildcards. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listUsers(
  db: Database,
  filter: { q?: string; role?: Role; status?: 'active' | 'disabled'; page: number; perPage: number },
) {
  const conditions: SQL[] = [];
  const q = filter.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    const match = or(ilike(users.email, pattern), ilike(users.name, pattern), ilike(users.organization, pattern));
    if (match) conditions.push(match);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status === 'active') conditions.push(isNull(users.disabledAt));
  if (filter.status === 'disabled') conditions.push(isNotNull(users.disabledAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(sql`lower(${users.name})`), asc(sql`lower(${users.email})`))
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/**
 * Locks the enabled admins, then the target, in that order (every caller uses it, so two admins
 * changing each other at once cannot both succeed in leaving no admin).
 */
export async function lockUserAndAdmins(tx: Tx, userId: string) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for('update');
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  return { user, enabledAdminIds: admins.map((a) => a.id) };
}

const inviter = alias(users, 'inviter');

/** An invitation that can still be accepted. */
const pending = and(
  eq(oneTimeTokens.purpose, 'invitation'),
  isNull(oneTimeTokens.usedAt),
  gt(oneTimeTokens.expiresAt, sql`now()`),
);

/** Invitations not yet accepted nor expired, newest first; of one organization when given. */
export async function listPendingInvitations(db: Database, organizationId?: string) {
  return db
    .select({
      id: oneTimeTokens.id,
      email: oneTimeTokens.email,
      role: oneTimeTokens.role,
      createdAt: oneTimeTokens.createdAt,
      expiresAt: oneTimeTokens.expiresAt,
      inviterId: inviter.id,
      inviterEmail: inviter.email,
      inviterName: inviter.name,
      organizationId: organizations.id,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
    })
    .from(oneTimeTokens)
    .leftJoin(inviter, eq(inviter.id, oneTimeTokens.createdBy))
    .leftJoin(organizations, eq(organizations.id, oneTimeTokens.organizationId))
    .where(and(pending, organizationId !== undefined ? eq(oneTimeTokens.organizationId, organizationId) : undefined))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(500);
}

/** The pending invitation of an e-mail (any case), if there is one. */
export async function pendingInvitationOf(db: Database | Tx, email: string) {
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(and(pending, sql`lower(${oneTimeTokens.email}) = ${email.trim().toLowerCase()}`))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  return row;
}

/**
 * Ends a pending invitation (of one organization when given); undefined when there is none
 * by that id (or it was used or expired, or belongs to another organization).
 */
export async function expireInvitation(tx: Tx, id: string, organizationId?: string) {
  const [row] = await tx
    .update(oneTimeTokens)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.id, id),
        pending,
        organizationId !== undefined ? eq(oneTimeTokens.organizationId, organizationId) : undefined,
      ),
    )
    .returning();
  return row;
}

const actor = alias(users, 'actor');
const target = alias(users, 'target');

export async function listAudit(
  db: Database,
  filter: { action?: string; actor?: string; page: number; perPage: number },
) {
  const conditions: SQL[] = [];
  const action = filter.action?.trim();
  if (action) {
    conditions.push(
      action.endsWith('.')
        ? sql`${auditLog.action} like ${`${action.replace(/[\\%_]/g, '\\$&')}%`}`
        : eq(auditLog.action, action),
    );
  }
  const who = filter.actor?.trim();
  if (who) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(who);
    const match = isUuid
      ? eq(auditLog.actorId, who)
      : or(ilike(actor.email, likePattern(who)), ilike(actor.name, likePattern(who)));
    if (match) conditions.push(match);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        details: auditLog.details,
        ip: sql<string | null>`host(${auditLog.ip})`,
        createdAt: auditLog.createdAt,
        actorId: actor.id,
        actorEmail: actor.email,
        actorName: actor.name,
        targetEmail: target.email,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .leftJoin(target, and(eq(auditLog.targetType, 'user'), eq(sql`${target.id}::text`, auditLog.targetId)))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage),
    db.select({ value: count() }).from(auditLog).leftJoin(actor, eq(actor.id, auditLog.actorId)).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}
