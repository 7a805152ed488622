import { type Database, organizations } from '@kb/db';

const NAME = 'Cross-process Test Organization';

/**
 * The organization editors of the cross-process tests belong to: an editor without one may not
 * write (issue 21), and these tests are about faults and attacks, not ownership.
 */
export async function testOrganizationId(db: Database): Promise<string> {
  await db.insert(organizations).values({ name: NAME, slug: 'cross-process-test-organization' }).onConflictDoNothing();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const row = rows.find((r) => r.name === NAME);
  if (!row) throw new Error('test organization missing');
  return row.id;
}
