import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, seedDataFolder } from '@kb/db';
import { findTermId, insertTerm } from './taxonomy.repository';

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
  return inserted;
}
