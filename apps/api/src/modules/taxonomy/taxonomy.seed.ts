import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, seedDataFolder } from '@kb/db';
import { findTermId, insertSeedPhrases, insertTerm } from './taxonomy.repository';

interface TaxonomyFile {
  offenseTypes: Array<{ code: string; label: string; synonyms: string[]; parent?: string }>;
  consequences: Array<{ code: string; label: string; synonyms: string[]; parent?: string }>;
}

/** Inserts the seed vocabulary; existing codes are left as admins edited them. */
export async function seedTaxonomy(db: Database): Promise<number> {
  const file = JSON.parse(readFileSync(path.join(seedDataFolder, 'taxonomy.json'), 'utf8')) as TaxonomyFile;
  let inserted = 0;
  await db.transaction(async (tx) => {
    for (const [vocabulary, terms] of [
      ['offense_type', file.offenseTypes],
      ['consequence', file.consequences],
    ] as const) {
      for (const [position, term] of terms.entries()) {
        const parentId = term.parent ? await findTermId(tx, vocabulary, term.parent) : undefined;
        const id = await insertTerm(
          tx,
          { vocabulary, code: term.code, label: term.label, synonyms: term.synonyms, parentId: parentId ?? null },
          position,
        );
        if (id) inserted++;
      }
    }
  });
  await seedSearchPhrases(db);
  return inserted;
}

interface SearchVocabularyFile {
  abbreviations: Array<{ phrase: string; meanings: string[] }>;
  layTerms: Array<{ phrase: string; meanings: string[] }>;
  offenseNames: Array<{ phrase: string; meanings: string[] }>;
}

/** The lawyer's vocabulary of db/seed/search-vocabulary.json, once per database. */
export async function seedSearchPhrases(db: Database): Promise<number> {
  const file = JSON.parse(
    readFileSync(path.join(seedDataFolder, 'search-vocabulary.json'), 'utf8'),
  ) as SearchVocabularyFile;
  return insertSeedPhrases(db, [
    ...file.abbreviations.map((e) => ({ ...e, kind: 'abbreviation' as const })),
    ...file.layTerms.map((e) => ({ ...e, kind: 'lay_term' as const })),
    ...file.offenseNames.map((e) => ({ ...e, kind: 'offense_name' as const })),
  ]);
}
