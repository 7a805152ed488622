import type { AnalysisRequest, AnalysisResult } from '@kb/contracts';
import { analyses, type Database, type Tx } from '@kb/db';
import { and, desc, eq, sql } from 'drizzle-orm';

export type AnalysisRow = typeof analyses.$inferSelect;

/** Every query is scoped by the owner: another user's analysis is simply not found. */
const owned = (userId: string, id: string) => and(eq(analyses.userId, userId), eq(analyses.id, id));

export async function insertAnalysis(
  tx: Tx,
  values: { userId: string; matter: string; advice: string; request: AnalysisRequest; result: AnalysisResult },
): Promise<AnalysisRow> {
  const [row] = await tx.insert(analyses).values(values).returning();
  return row!;
}

export async function findAnalysis(db: Database | Tx, userId: string, id: string): Promise<AnalysisRow | undefined> {
  const [row] = await db.select().from(analyses).where(owned(userId, id));
  return row;
}

export async function listAnalyses(db: Database, userId: string) {
  return db
    .select({
      id: analyses.id,
      matter: analyses.matter,
      createdAt: analyses.createdAt,
      updatedAt: analyses.updatedAt,
      analyzedOn: sql<string>`${analyses.result}->>'analyzedOn'`,
      alternatives: sql<
        string[]
      >`coalesce((select jsonb_agg(a->>'label') from jsonb_array_elements(${analyses.result}->'alternatives') a), '[]'::jsonb)`,
    })
    .from(analyses)
    .where(eq(analyses.userId, userId))
    .orderBy(desc(analyses.createdAt), desc(analyses.id))
    .limit(500);
}

export async function updateAnalysis(
  db: Database,
  userId: string,
  id: string,
  patch: { matter?: string; advice?: string },
): Promise<AnalysisRow | undefined> {
  const [row] = await db
    .update(analyses)
    .set({ ...patch, updatedAt: new Date() })
    .where(owned(userId, id))
    .returning();
  return row;
}

export async function deleteAnalysis(tx: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await tx.delete(analyses).where(owned(userId, id)).returning({ id: analyses.id });
  return rows.length > 0;
}
