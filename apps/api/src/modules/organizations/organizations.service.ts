import type {
  CreateOrganizationBody,
  Organization,
  OrganizationMember,
  OrganizationPage,
  OrganizationRef,
  UpdateMemberBody,
  UpdateOrganizationBody,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import { conflict, forbidden, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import {
  chartsOf,
  findMember,
  findOrganization,
  findOrganizationBySlug,
  insertOrganization,
  listOrganizations,
  membersOf,
  type OrganizationRow,
  organizationNameTaken,
  publishedDocumentsOf,
  updateMembership,
  updateOrganizationRow,
} from './organizations.repository';

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  shortName: row.shortName,
  slug: row.slug,
  description: row.description,
  contact: row.contact,
  reviewPolicy: row.reviewPolicy,
  createdAt: row.createdAt.toISOString(),
});

export const toOrganizationRef = (row: Pick<OrganizationRow, 'id' | 'slug' | 'name'>): OrganizationRef => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
});

interface Context {
  db: Database;
  actor: CurrentUser;
  ip?: string | null;
}

export async function organizations(db: Database) {
  return { items: (await listOrganizations(db)).map(toOrganization) };
}

export async function createOrganization(ctx: Context, body: CreateOrganizationBody): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    if (await organizationNameTaken(tx, body.name)) throw conflict(`An organization named "${body.name}" exists.`);
    const row = await insertOrganization(tx, body);
    if (!row) throw conflict(`The address "${body.slug}" is taken by another organization.`);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: 'organization.create',
      targetType: 'organization',
      targetId: row.id,
      details: { name: row.name, slug: row.slug, reviewPolicy: row.reviewPolicy },
      ip: ctx.ip,
    });
    return { id: row.id };
  });
}

/**
 * Renames or changes the policy of an organization. Published revisions keep the publisher
 * name they were published under (like a printed imprint); the next publication uses the new one.
 */
export async function updateOrganization(ctx: Context, id: string, change: UpdateOrganizationBody) {
  return ctx.db.transaction(async (tx) => {
    const before = await findOrganization(tx, id);
    if (!before) throw notFound('Organization');
    if (change.name !== undefined && (await organizationNameTaken(tx, change.name, id))) {
      throw conflict(`An organization named "${change.name}" exists.`);
    }
    const row = await updateOrganizationRow(tx, id, change);
    if (!row) throw notFound('Organization');
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: 'organization.update',
      targetType: 'organization',
      targetId: id,
      details: { ...change, ...(change.reviewPolicy ? { previousReviewPolicy: before.reviewPolicy } : {}) },
      ip: ctx.ip,
    });
    return toOrganization(row);
  });
}

export async function organizationPage(db: Database, slug: string): Promise<OrganizationPage> {
  const row = await findOrganizationBySlug(db, slug);
  if (!row) throw notFound('Organization');
  const [docs, charts] = await Promise.all([publishedDocumentsOf(db, row.id), chartsOf(db, row.id)]);
  return {
    organization: toOrganization(row),
    documents: docs.map((d) => ({
      ...d,
      kind: d.kind as OrganizationPage['documents'][number]['kind'],
      publishedAt: d.publishedAt?.toISOString() ?? null,
    })),
    charts,
  };
}

/** Network admins manage every organization's members and invitations; an organization admin, their own. */
export function ensureManagesMembers(actor: CurrentUser, organizationId: string): void {
  if (actor.role === 'admin') return;
  if (actor.orgAdmin && actor.organizationId === organizationId) return;
  throw forbidden('Only an administrator of this organization (or a network administrator) manages its members.');
}

export async function members(ctx: Context, organizationId: string): Promise<{ items: OrganizationMember[] }> {
  if (!(await findOrganization(ctx.db, organizationId))) throw notFound('Organization');
  ensureManagesMembers(ctx.actor, organizationId);
  const rows = await membersOf(ctx.db, organizationId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      orgAdmin: r.orgAdmin,
      disabled: r.disabledAt !== null,
    })),
  };
}

/** An organization admin's changes to a member: editor or reader, admin of the organization or not, or out. */
export async function updateMember(ctx: Context, organizationId: string, userId: string, change: UpdateMemberBody) {
  if (!(await findOrganization(ctx.db, organizationId))) throw notFound('Organization');
  ensureManagesMembers(ctx.actor, organizationId);
  await ctx.db.transaction(async (tx) => {
    const member = await findMember(tx, organizationId, userId);
    if (!member) throw notFound('Member');
    // Network roles are the network admins' to change.
    if (member.role === 'admin' && change.role !== undefined) {
      throw forbidden('A network administrator’s role is changed by network administrators.');
    }
    const next = change.remove
      ? { organizationId: null, orgAdmin: false }
      : {
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.orgAdmin !== undefined ? { orgAdmin: change.orgAdmin } : {}),
        };
    await updateMembership(tx, userId, next);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: change.remove ? 'organization.member_removed' : 'organization.member_changed',
      targetType: 'user',
      targetId: userId,
      details: { organizationId, email: member.email, ...change },
      ip: ctx.ip,
    });
  });
  return members(ctx, organizationId);
}
