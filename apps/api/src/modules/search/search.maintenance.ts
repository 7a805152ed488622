import type { Database } from '@kb/db';
import { indexVersion, type SearchIndex, toSectionDocuments } from '@kb/search';
import { publishedForIndex, queueForIndex } from '../documents';
import { loadVocabulary, searchVocabulary } from '../taxonomy';

/** Builds a fresh index from the database and swaps it in; searches keep working meanwhile. */
export async function reindexAll(db: Database, index: SearchIndex): Promise<{ documents: number; sections: number }> {
  const vocabulary = await loadVocabulary(db);
  let documents = 0;
  let sections = 0;
  await index.rebuild(await searchVocabulary(db), async (push) => {
    let after: string | null = null;
    for (;;) {
      const page = await publishedForIndex(db, { after, limit: 200 });
      if (page.length === 0) break;
      const docs = page.flatMap((doc) => toSectionDocuments(doc, vocabulary.offenseTypes, vocabulary.consequences));
      await push(docs);
      documents += page.length;
      sections += docs.length;
      after = page.at(-1)?.id ?? null;
    }
  });
  return { documents, sections };
}

export interface VerifyReport {
  checked: number;
  missing: string[];
  stale: string[];
  extra: string[];
  repaired: boolean;
}

/** Compares published documents (ids, indexed versions) with the index; queues repairs for drift. */
export async function verifyIndex(
  db: Database,
  index: SearchIndex,
  options: { repair: boolean },
): Promise<VerifyReport> {
  const indexed = await index.indexedDocuments();
  const expected = new Map<string, string>();
  let after: string | null = null;
  for (;;) {
    const page = await publishedForIndex(db, { after, limit: 500 });
    if (page.length === 0) break;
    for (const doc of page) expected.set(doc.id, indexVersion(doc));
    after = page.at(-1)?.id ?? null;
  }
  const missing = [...expected.keys()].filter((id) => !indexed.has(id));
  const stale = [...expected.entries()]
    .filter(([id, at]) => indexed.has(id) && indexed.get(id) !== at)
    .map(([id]) => id);
  const extra = [...indexed.keys()].filter((id) => !expected.has(id));
  const drift = [...missing, ...stale, ...extra];
  if (options.repair && drift.length > 0) {
    await db.transaction(async (tx) => queueForIndex(tx, drift));
  }
  return { checked: expected.size, missing, stale, extra, repaired: options.repair && drift.length > 0 };
}
