import type { TaxonomyResponse, TaxonomyTerm } from '@kb/contracts';
import { type Database, taxonomyTerms } from '@kb/db';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/** The whole controlled vocabulary, in display order. */
export async function listTaxonomy(db: Database): Promise<TaxonomyResponse> {
  const parent = alias(taxonomyTerms, 'parent');
  const rows = await db
    .select({
      id: taxonomyTerms.id,
      vocabulary: taxonomyTerms.vocabulary,
      code: taxonomyTerms.code,
      label: taxonomyTerms.label,
      parentCode: parent.code,
      synonyms: taxonomyTerms.synonyms,
      position: taxonomyTerms.position,
    })
    .from(taxonomyTerms)
    .leftJoin(parent, eq(parent.id, taxonomyTerms.parentId))
    .orderBy(asc(taxonomyTerms.vocabulary), asc(taxonomyTerms.position), asc(taxonomyTerms.code));
  const terms: TaxonomyTerm[] = rows.map((r) => ({ ...r, parentCode: r.parentCode ?? null }));
  return {
    offenseTypes: terms.filter((t) => t.vocabulary === 'offense_type'),
    consequences: terms.filter((t) => t.vocabulary === 'consequence'),
  };
}
