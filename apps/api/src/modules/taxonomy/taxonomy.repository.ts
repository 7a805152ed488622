import type { AdminTaxonomyTerm, TaxonomyResponse, TaxonomyTerm, Vocabulary } from '@kb/contracts';
import { appMeta, type Database, documentTerms, searchPhrases, type Tx, taxonomyTerms } from '@kb/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/** The columns of a term as the API shows it, with its parent's code. */
const termFields = (parent: ReturnType<typeof alias<typeof taxonomyTerms, 'parent'>>) => ({
  id: taxonomyTerms.id,
  vocabulary: taxonomyTerms.vocabulary,
  code: taxonomyTerms.code,
  label: taxonomyTerms.label,
  parentCode: parent.code,
  synonyms: taxonomyTerms.synonyms,
  position: taxonomyTerms.position,
  mergedCodes: taxonomyTerms.mergedCodes,
});

/** The whole controlled vocabulary, in display order. */
export async function listTaxonomy(db: Database): Promise<TaxonomyResponse> {
  const parent = alias(taxonomyTerms, 'parent');
  const rows = await db
    .select(termFields(parent))
    .from(taxonomyTerms)
    .leftJoin(parent, eq(parent.id, taxonomyTerms.parentId))
    .orderBy(asc(taxonomyTerms.vocabulary), asc(taxonomyTerms.position), asc(taxonomyTerms.code));
  const terms: TaxonomyTerm[] = rows.map((r) => ({ ...r, parentCode: r.parentCode ?? null }));
  return {
    offenseTypes: terms.filter((t) => t.vocabulary === 'offense_type'),
    consequences: terms.filter((t) => t.vocabulary === 'consequence'),
  };
}

export type TermRow = typeof taxonomyTerms.$inferSelect;

/** Every term with the number of published documents tagged with it, for the admin page. */
export async function listAdminTaxonomy(db: Database, id?: string): Promise<AdminTaxonomyTerm[]> {
  const parent = alias(taxonomyTerms, 'parent');
  const rows = await db
    .select({
      ...termFields(parent),
      documentCount: sql<number>`(select count(*) from ${documentTerms} where ${documentTerms.termId} = ${taxonomyTerms.id})`,
    })
    .from(taxonomyTerms)
    .leftJoin(parent, eq(parent.id, taxonomyTerms.parentId))
    .where(id ? eq(taxonomyTerms.id, id) : undefined)
    .orderBy(asc(taxonomyTerms.vocabulary), asc(taxonomyTerms.position), asc(taxonomyTerms.code));
  return rows.map((r) => ({ ...r, parentCode: r.parentCode ?? null, documentCount: Number(r.documentCount) }));
}

/** Every term with its parent's code and the codes merged into it, in display order. */
export async function vocabularyRows(db: Tx) {
  const parent = alias(taxonomyTerms, 'parent');
  return db
    .select({
      vocabulary: taxonomyTerms.vocabulary,
      code: taxonomyTerms.code,
      label: taxonomyTerms.label,
      synonyms: taxonomyTerms.synonyms,
      parentCode: parent.code,
      mergedCodes: taxonomyTerms.mergedCodes,
    })
    .from(taxonomyTerms)
    .leftJoin(parent, eq(parent.id, taxonomyTerms.parentId))
    .orderBy(asc(taxonomyTerms.position));
}

export async function lockTerm(tx: Tx, id: string): Promise<TermRow | undefined> {
  const [row] = await tx.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id)).for('update');
  return row;
}

export async function findTermId(tx: Tx, vocabulary: Vocabulary, code: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: taxonomyTerms.id })
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.vocabulary, vocabulary), eq(taxonomyTerms.code, code)));
  return row?.id;
}

/** Id, code and parent of every term of a vocabulary: the tree, to check a new parent. */
export async function vocabularyTree(tx: Tx, vocabulary: Vocabulary) {
  return tx
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, parentId: taxonomyTerms.parentId })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.vocabulary, vocabulary));
}

/** Adds a term at the end of its vocabulary; undefined when the code is taken (seeding skips it). */
export async function insertTerm(
  tx: Tx,
  values: { vocabulary: Vocabulary; code: string; label: string; parentId: string | null; synonyms: string[] },
  position?: number,
): Promise<string | undefined> {
  const [{ next } = { next: 0 }] =
    position === undefined
      ? await tx
          .select({ next: sql<number>`coalesce(max(${taxonomyTerms.position}), -1) + 1` })
          .from(taxonomyTerms)
          .where(eq(taxonomyTerms.vocabulary, values.vocabulary))
      : [{ next: position }];
  const [row] = await tx
    .insert(taxonomyTerms)
    .values({ ...values, position: Number(next) })
    .onConflictDoNothing()
    .returning({ id: taxonomyTerms.id });
  return row?.id;
}

export async function updateTermRow(
  tx: Tx,
  id: string,
  values: Partial<Pick<TermRow, 'label' | 'synonyms' | 'parentId' | 'mergedCodes'>>,
): Promise<void> {
  await tx.update(taxonomyTerms).set(values).where(eq(taxonomyTerms.id, id));
}

/** Moves the narrower terms of `fromId` under `toId` (never `toId` under itself). */
export async function moveChildren(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx
    .update(taxonomyTerms)
    .set({ parentId: toId })
    .where(and(eq(taxonomyTerms.parentId, fromId), sql`${taxonomyTerms.id} <> ${toId}`));
}

export async function deleteTerm(tx: Tx, id: string): Promise<void> {
  await tx.delete(taxonomyTerms).where(eq(taxonomyTerms.id, id));
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Terms whose label, code or synonyms contain the typed text; labels starting with it first. */
export async function suggestTerms(db: Tx, text: string, limit: number) {
  const pattern = likePattern(text);
  return db
    .select({ vocabulary: taxonomyTerms.vocabulary, code: taxonomyTerms.code, label: taxonomyTerms.label })
    .from(taxonomyTerms)
    .where(
      sql`${taxonomyTerms.label} ilike ${pattern} or ${taxonomyTerms.code} ilike ${pattern}
        or exists (select 1 from unnest(${taxonomyTerms.synonyms}) s where s ilike ${pattern})`,
    )
    .orderBy(
      sql`${taxonomyTerms.label} ilike ${`${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} desc`,
      asc(taxonomyTerms.position),
    )
    .limit(limit);
}

/** The lawyer's vocabulary (what practitioners type → what the guidance says), by kind then phrase. */
export async function listSearchPhrases(db: Database | Tx): Promise<SearchPhraseRow[]> {
  return db
    .select()
    .from(searchPhrases)
    .orderBy(asc(searchPhrases.kind), asc(sql`lower(${searchPhrases.phrase})`));
}

export type SearchPhraseRow = typeof searchPhrases.$inferSelect;

export async function findSearchPhrase(db: Database | Tx, id: string): Promise<SearchPhraseRow | undefined> {
  const [row] = await db.select().from(searchPhrases).where(eq(searchPhrases.id, id));
  return row;
}

/** The phrase spelled the same way (case aside), if any. */
export async function findSearchPhraseByText(db: Database | Tx, phrase: string): Promise<SearchPhraseRow | undefined> {
  const [row] = await db.select().from(searchPhrases).where(sql`lower(${searchPhrases.phrase}) = lower(${phrase})`);
  return row;
}

export async function insertSearchPhrase(
  db: Database | Tx,
  values: Pick<SearchPhraseRow, 'kind' | 'phrase' | 'meanings'>,
): Promise<SearchPhraseRow> {
  const [row] = await db.insert(searchPhrases).values(values).returning();
  if (!row) throw new Error('search phrase insert returned nothing');
  return row;
}

export async function updateSearchPhrase(
  db: Database | Tx,
  id: string,
  values: Partial<Pick<SearchPhraseRow, 'kind' | 'phrase' | 'meanings'>>,
): Promise<SearchPhraseRow | undefined> {
  const [row] = await db
    .update(searchPhrases)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(searchPhrases.id, id))
    .returning();
  return row;
}

export async function deleteSearchPhrase(db: Database | Tx, id: string): Promise<boolean> {
  const rows = await db.delete(searchPhrases).where(eq(searchPhrases.id, id)).returning({ id: searchPhrases.id });
  return rows.length > 0;
}

const PHRASES_SEEDED = 'search_phrases_seeded_at';

/**
 * Inserts the seed phrases once per database (also into one seeded before they existed);
 * phrases admins removed since are not brought back.
 */
export async function insertSeedPhrases(
  db: Database,
  rows: Array<Pick<SearchPhraseRow, 'kind' | 'phrase' | 'meanings'>>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [done] = await tx.select().from(appMeta).where(eq(appMeta.key, PHRASES_SEEDED));
    if (done) return 0;
    const inserted = rows.length
      ? await tx.insert(searchPhrases).values(rows).onConflictDoNothing().returning({ id: searchPhrases.id })
      : [];
    await tx.insert(appMeta).values({ key: PHRASES_SEEDED, value: new Date().toISOString() }).onConflictDoNothing();
    return inserted.length;
  });
}
