import type { CreateOrganizationBody, UpdateOrganizationBody } from '@kb/contracts';
import { type Database, documents, organizations, revisions, type Tx, users } from '@kb/db';
import { and, asc, desc, eq, isNotNull, or, sql } from 'drizzle-orm';

export type OrganizationRow = typeof organizations.$inferSelect;
type Reader = Database | Tx;

export async function listOrganizations(db: Reader): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(asc(organizations.name));
}

export async function findOrganization(db: Reader, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function findOrganizationBySlug(db: Reader, slug: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

/** The organization a publisher text names: its name, short name or slug, in any case. */
export async function findOrganizationByPublisher(db: Reader, publisher: string): Promise<OrganizationRow | undefined> {
  const wanted = publisher.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(organizations)
    .where(
      or(
        eq(sql`lower(${organizations.name})`, wanted),
        and(sql`${organizations.shortName} <> ''`, eq(sql`lower(${organizations.shortName})`, wanted)),
        eq(organizations.slug, wanted),
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(1);
  return row;
}

export async function insertOrganization(db: Reader, values: CreateOrganizationBody): Promise<OrganizationRow | null> {
  const [row] = await db
    .insert(organizations)
    .values({
      name: values.name.trim(),
      slug: values.slug,
      reviewPolicy: values.reviewPolicy,
      shortName: values.shortName?.trim() ?? '',
      description: values.description?.trim() ?? '',
      contact: values.contact?.trim() ?? '',
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function updateOrganizationRow(
  db: Reader,
  id: string,
  change: UpdateOrganizationBody,
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .update(organizations)
    .set({
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.shortName !== undefined ? { shortName: change.shortName.trim() } : {}),
      ...(change.description !== undefined ? { description: change.description.trim() } : {}),
      ...(change.contact !== undefined ? { contact: change.contact.trim() } : {}),
      ...(change.reviewPolicy !== undefined ? { reviewPolicy: change.reviewPolicy } : {}),
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, id))
    .returning();
  return row;
}

export async function organizationNameTaken(db: Reader, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(sql`lower(${organizations.name})`, name.trim().toLowerCase()));
  return rows.some((r) => r.id !== exceptId);
}

/** What the organization has published (not archived), newest first. */
export async function publishedDocumentsOf(db: Reader, organizationId: string) {
  return db
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      kind: revisions.kind,
      summary: revisions.summary,
      jurisdictions: revisions.jurisdictions,
      documentDate: revisions.documentDate,
      publishedAt: documents.publishedAt,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(
      and(
        eq(documents.organizationId, organizationId),
        eq(documents.status, 'published'),
        sql`${revisions.kind} <> 'offense_entry'`,
      ),
    )
    .orderBy(desc(sql`coalesce(${revisions.documentDate}, ${documents.publishedAt}::date)`), asc(revisions.title))
    .limit(500);
}

/** The charts an organization contributes to: its published offense entries by jurisdiction. */
export async function chartsOf(db: Reader, organizationId: string) {
  const rows = await db.execute<{ jurisdiction: string; entries: number }>(sql`
    select j as jurisdiction, count(*)::int as entries
    from ${documents} d join ${revisions} r on r.id = d.published_revision_id, unnest(r.jurisdictions) j
    where d.organization_id = ${organizationId} and d.status = 'published' and r.kind = 'offense_entry'
    group by j order by j`);
  return rows.rows;
}

export async function membersOf(db: Reader, organizationId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      orgAdmin: users.orgAdmin,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(users.name));
}

export async function findMember(db: Reader, organizationId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId), isNotNull(users.organizationId)))
    .for('update');
  return row;
}

export async function updateMembership(
  db: Reader,
  userId: string,
  change: { role?: 'reader' | 'editor'; orgAdmin?: boolean; organizationId?: string | null },
) {
  await db.update(users).set(change).where(eq(users.id, userId));
}
