import type { Database } from '@kb/db';
import { indexVersion, type SearchIndex, toSectionDocuments } from '@kb/search';
import { publishedForIndex, queueForIndex } from '../documents';
import { loadVocabulary, searchVocabulary } from '../taxonomy';
import { notifyIndexChanged } from './search.repository';

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
  await notifyIndexChanged(db);
  return { documents, sections };
}

type Drift = { missing: string[]; stale: string[]; extra: string[] };

export interface VerifyReport extends Drift {
  checked: number;
  /** The drift of each index; the lists above are their union. */
  byIndex: { sections: Drift; documents: Drift };
  repaired: boolean;
}

function driftOf(expected: Map<string, string>, indexed: Map<string, string>): Drift {
  return {
    missing: [...expected.keys()].filter((id) => !indexed.has(id)),
    stale: [...expected.entries()].filter(([id, at]) => indexed.has(id) && indexed.get(id) !== at).map(([id]) => id),
    extra: [...indexed.keys()].filter((id) => !expected.has(id)),
  };
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * Compares published documents (ids, versions) with both indexes — the sections and the
 * counting records — and queues repairs for drift in either.
 */
export async function verifyIndex(
  db: Database,
  index: SearchIndex,
  options: { repair: boolean },
): Promise<VerifyReport> {
  const sectionsIndexed = await index.indexedDocuments('sections');
  const documentsIndexed = await index.indexedDocuments('documents');
  const expected = new Map<string, string>();
  let after: string | null = null;
  for (;;) {
    const page = await publishedForIndex(db, { after, limit: 500 });
    if (page.length === 0) break;
    for (const doc of page) expected.set(doc.id, indexVersion(doc));
    after = page.at(-1)?.id ?? null;
  }
  const sections = driftOf(expected, sectionsIndexed);
  const documents = driftOf(expected, documentsIndexed);
  const missing = union(sections.missing, documents.missing);
  const missingSet = new Set(missing);
  const stale = union(sections.stale, documents.stale).filter((id) => !missingSet.has(id));
  const extra = union(sections.extra, documents.extra);
  const drift = [...new Set([...missing, ...stale, ...extra])];
  if (options.repair && drift.length > 0) {
    await db.transaction(async (tx) => queueForIndex(tx, drift));
  }
  return {
    checked: expected.size,
    missing,
    stale,
    extra,
    byIndex: { sections, documents },
    repaired: options.repair && drift.length > 0,
  };
}

/**
 * Queues every published document when the counting index is empty but the sections index is
 * not (indexes built before the counting index existed); until it is filled, searches count
 * from the sections (see search.service). Returns how many were queued.
 */
export async function backfillCountingIndex(db: Database, index: SearchIndex): Promise<number> {
  const stats = await index.stats();
  if (stats.sections === 0 || (stats.documents ?? 0) > 0) return 0;
  const report = await verifyIndex(db, index, { repair: true });
  return report.byIndex.documents.missing.length;
}
