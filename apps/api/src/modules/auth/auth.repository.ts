import { auditLog, type Database, refreshTokens, users } from '@kb/db';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Failed sign-ins in the last minute for this e-mail and from this address. */
export async function recentFailures(
  db: Database,
  email: string,
  ip: string,
): Promise<{ byEmail: number; byIp: number }> {
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${auditLog.details}->>'email' = ${email.trim().toLowerCase()})`,
      byIp: sql<number>`count(*) filter (where ${auditLog.ip} = ${ip}::inet)`,
    })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.sign_in_failed'), gt(auditLog.createdAt, sql`now() - interval '1 minute'`)));
  return { byEmail: Number(row?.byEmail ?? 0), byIp: Number(row?.byIp ?? 0) };
}

export async function insertRefreshToken(
  db: Pick<Database, 'insert'>,
  values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
) {
  await db.insert(refreshTokens).values(values);
}

export async function findRefreshToken(db: Database, tokenHash: string) {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks a token used; false when another request already rotated or revoked it. */
export async function claimRefreshToken(db: Pick<Database, 'update'>, id: string): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ rotatedAt: new Date() })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

export async function revokeFamily(db: Pick<Database, 'update'>, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Revokes every refresh token of the user, except those of `keepFamilyId`. */
export async function revokeUserTokens(
  db: Pick<Database, 'update'>,
  userId: string,
  keepFamilyId?: string,
): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined,
      ),
    );
}
