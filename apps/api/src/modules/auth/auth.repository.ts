import { isIP } from 'node:net';
import { type Database, oneTimeTokens, refreshTokens, signInThrottle, type Tx, users } from '@kb/db';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export async function findUserById(db: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** A value PostgreSQL accepts as inet; anything else (a forged header) is not an address. */
export const validIp = (ip: string): string | null => (isIP(ip) ? ip : null);

/**
 * Reserves one sign-in attempt in `bucket` unless `limit` were made in its current one-minute
 * window — the check and the count in one statement (an upsert that locks the bucket's row), so
 * parallel requests cannot all pass a check made before any of them was counted. Refused: the
 * seconds until the window ends.
 */
export async function reserveSignInAttempt(
  db: Database,
  bucket: string,
  limit: number,
): Promise<{ reserved: true } | { reserved: false; retryAfterSeconds: number }> {
  // One round trip either way: the upsert, and (for a refusal) the wait, read from the row as
  // it was before this statement (a refused upsert changes nothing).
  const { rows } = await db.execute<{ reserved: boolean; wait: number | null }>(sql`
    with reserved as (
      insert into ${signInThrottle} as t (bucket, window_start, attempts)
      select ${bucket}, now(), 1
      -- A bucket already full is refused without touching (and so without locking) its row:
      -- a burst against one account must not queue every request on that row.
      where not exists (
        select 1 from ${signInThrottle}
         where bucket = ${bucket} and attempts >= ${limit} and window_start > now() - interval '1 minute')
      on conflict (bucket) do update set
        window_start = case when t.window_start <= now() - interval '1 minute' then now() else t.window_start end,
        attempts = case when t.window_start <= now() - interval '1 minute' then 1 else t.attempts + 1 end
      where t.window_start <= now() - interval '1 minute' or t.attempts < ${limit}
      returning 1
    )
    select exists (select 1 from reserved) as reserved,
           (select extract(epoch from window_start + interval '1 minute' - now())
              from ${signInThrottle} where bucket = ${bucket}) as wait`);
  const [row] = rows;
  if (row?.reserved) return { reserved: true };
  return { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row?.wait ?? 60))) };
}

/** Gives back a reserved attempt (the sign-in succeeded: only failures count against a limit). */
export async function releaseSignInAttempt(db: Database, bucket: string): Promise<void> {
  await db
    .update(signInThrottle)
    .set({ attempts: sql`greatest(${signInThrottle.attempts} - 1, 0)` })
    .where(eq(signInThrottle.bucket, bucket));
}

/** Attempts counted in `bucket`'s current window (0 when it has none). */
export async function signInAttempts(db: Database, bucket: string): Promise<number> {
  const [row] = await db
    .select({ attempts: signInThrottle.attempts })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.bucket, bucket), sql`${signInThrottle.windowStart} > now() - interval '1 minute'`));
  return row?.attempts ?? 0;
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

export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;
export type OneTimeTokenPurpose = OneTimeTokenRow['purpose'];

export async function insertOneTimeToken(
  tx: Tx,
  values: Pick<OneTimeTokenRow, 'purpose' | 'tokenHash' | 'email' | 'role' | 'userId' | 'createdBy' | 'expiresAt'> &
    Partial<Pick<OneTimeTokenRow, 'organizationId'>>,
): Promise<OneTimeTokenRow> {
  const [row] = await tx.insert(oneTimeTokens).values(values).returning();
  if (!row) throw new Error('one-time token insert returned nothing');
  return row;
}

export async function findOneTimeToken(
  db: Tx,
  purpose: OneTimeTokenPurpose,
  tokenHash: string,
): Promise<OneTimeTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, purpose), eq(oneTimeTokens.tokenHash, tokenHash)));
  return row;
}

/** Marks the token used if it still can be; undefined when another request used it first or it expired. */
export async function claimOneTimeToken(
  tx: Tx,
  purpose: OneTimeTokenPurpose,
  tokenHash: string,
): Promise<OneTimeTokenRow | undefined> {
  const [row] = await tx
    .update(oneTimeTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        eq(oneTimeTokens.tokenHash, tokenHash),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

/** Ends the still-valid links of one purpose for an e-mail or a user (a newer link replaces them). */
export async function expireOutstandingTokens(
  tx: Tx,
  purpose: OneTimeTokenPurpose,
  match: { email: string } | { userId: string },
): Promise<number> {
  const rows = await tx
    .update(oneTimeTokens)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
        'email' in match
          ? sql`lower(${oneTimeTokens.email}) = ${match.email.trim().toLowerCase()}`
          : eq(oneTimeTokens.userId, match.userId),
      ),
    )
    .returning({ id: oneTimeTokens.id });
  return rows.length;
}

export async function insertUser(db: Pick<Database, 'insert'>, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

export async function recordSignIn(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}

/** Sets a new password and bumps the token version, so every access token issued before dies. */
export async function setPassword(tx: Tx, userId: string, passwordHash: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(eq(users.id, userId))
    .returning();
  return row;
}

/** Changes role and enablement; disabling bumps the token version (access tokens die at once). */
export async function setRoleAndDisabled(
  tx: Tx,
  user: UserRow,
  change: { role: UserRow['role']; disabled: boolean; organizationId: string | null; orgAdmin: boolean },
): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({
      role: change.role,
      organizationId: change.organizationId,
      orgAdmin: change.orgAdmin,
      disabledAt: change.disabled ? (user.disabledAt ?? new Date()) : null,
      tokenVersion: change.disabled && !user.disabledAt ? sql`${users.tokenVersion} + 1` : user.tokenVersion,
    })
    .where(eq(users.id, user.id))
    .returning();
  return row;
}
