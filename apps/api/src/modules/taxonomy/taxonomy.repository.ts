import type { AdminTaxonomyTerm, TaxonomyResponse, TaxonomyTerm } from '@kb/contracts';
import { type Database, documentTerms, taxonomyTerms } from '@kb/db';
import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { notFound } from '../../lib/errors';

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

export async function adminTerm(db: Database, id: string): Promise<AdminTaxonomyTerm> {
  const [term] = await listAdminTaxonomy(db, id);
  if (!term) throw notFound('Term');
  return term;
}
