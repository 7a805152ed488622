import { type Database, refreshTokens, users } from '@kb/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Who a token's subject is now (runs on every signed-in request): prepared once, so drizzle
 * builds no SQL per request and PostgreSQL plans it once per connection.
 */
export function prepareCurrentUser(db: Database) {
  return db
    .select(currentUserFields)
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('auth_current_user');
}

/**
 * What the check of a token's subject reads, over the placeholders `id` (the user) and `sid`
 * (the session): a route that checks the user in its own query (`userCheck: 'in-handler'`)
 * selects these from `users` beside what it reads.
 */
export const currentUserFields = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organizationId: users.organizationId,
  orgAdmin: users.orgAdmin,
  disabledAt: users.disabledAt,
  tokenVersion: users.tokenVersion,
  // The token's session (refresh-token family) was ended: signed out, or a replay detected.
  sessionEnded: sql<boolean>`exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${sql.placeholder('sid')}::uuid and ${refreshTokens.revokedAt} is not null)`,
};

export type CurrentUserRow = Awaited<ReturnType<ReturnType<typeof prepareCurrentUser>['execute']>>[number];
