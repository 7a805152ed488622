import { type Database, users } from '@kb/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Who a token's subject is now (runs on every signed-in request): prepared once, so drizzle
 * builds no SQL per request and PostgreSQL plans it once per connection.
 */
export function prepareCurrentUser(db: Database) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      tokenVersion: users.tokenVersion,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('auth_current_user');
}
