/**
 * Reader-side context of a document: related guidance (shared taxonomy tags) and links from
 * its citations to the primary sources the knowledge base holds.
 */
import {
  type CitationLink,
  type DocumentKind,
  type DocumentRelatedResponse,
  PRIMARY_SOURCE_KINDS,
  type RelatedDocument,
} from '@kb/contracts';
import { type Database, documents, revisions } from '@kb/db';
import { findCitations } from '@kb/search';
import { and, eq, inArray, sql } from 'drizzle-orm';

/* Related documents ------------------------------------------------------------------------ */

/**
 * Published documents sharing taxonomy tags with the given ones. A shared tag counts more the
 * fewer documents carry it, so two advisories on "aggravated felony — theft (G)" rank above
 * two that merely both mention aggravated felonies. Current guidance comes before superseded.
 */
export async function relatedDocuments(
  db: Database,
  documentId: string,
  tags: { offenseTypes: string[]; consequences: string[] },
  limit = 6,
): Promise<RelatedDocument[]> {
  if (tags.offenseTypes.length === 0 && tags.consequences.length === 0) return [];
  const result = await db.execute<{
    id: string;
    slug: string;
    title: string;
    kind: string;
    publisher: string;
    document_date: string | null;
    superseded: boolean;
    shared: string[];
  }>(sql`
    with mine as (
      select t.id, t.code from taxonomy_terms t
      where (t.vocabulary = 'offense_type' and t.code = any(${sql.param(tags.offenseTypes)}::text[]))
         or (t.vocabulary = 'consequence' and t.code = any(${sql.param(tags.consequences)}::text[]))
    ),
    weights as (
      select dt.term_id, 1.0 / count(*) as weight
      from document_terms dt join mine on mine.id = dt.term_id
      group by dt.term_id
    ),
    scored as (
      select dt.document_id, sum(w.weight) as score, array_agg(mine.code order by w.weight desc) as shared
      from document_terms dt
      join weights w on w.term_id = dt.term_id
      join mine on mine.id = dt.term_id
      where dt.document_id <> ${documentId}
      group by dt.document_id
    )
    select d.id, d.slug, r.title, r.kind, r.publisher, r.document_date::text as document_date,
           (d.superseded_by_id is not null) as superseded, s.shared
    from scored s
    join documents d on d.id = s.document_id and d.status = 'published'
    join revisions r on r.id = d.published_revision_id
    where d.superseded_by_id is distinct from ${documentId}
    order by (d.superseded_by_id is null) desc, s.score desc, r.document_date desc nulls last, r.title
    limit ${limit}
  `);
  return result.rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    kind: r.kind as DocumentKind,
    publisher: r.publisher,
    documentDate: r.document_date,
    superseded: r.superseded,
    sharedTerms: r.shared,
  }));
}

/* Citation links --------------------------------------------------------------------------- */

interface PrimarySource {
  id: string;
  slug: string;
  title: string;
  kind: DocumentKind;
}

interface CitationIndex {
  fingerprint: string;
  /** Most specific canonical statute/regulation key → sources holding exactly that provision. */
  byKey: Map<string, PrimarySource[]>;
  /** Normalized reporter citation ("592|us|224") → decisions. */
  byReporter: Map<string, PrimarySource[]>;
  /** Normalized case name ("pereida v wilkinson") → decisions. */
  byCaseName: Map<string, PrimarySource[]>;
}

// Volume, reporter, first page: U.S., S. Ct., L. Ed., F.2d–4th, F. Supp., F. App'x, I&N Dec.
const REPORTER =
  /\b(\d{1,4})\s+(U\.\s?S\.(?!\s?C)|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|F\.\s?(?:2d|3d|4th)|F\.\s?Supp\.(?:\s?[23]d)?|F\.\s?App'x|I\s?&\s?N\s+Dec\.)\s+(\d{1,5})\b/gi;

export function reporterKeys(text: string): string[] {
  return [...text.matchAll(REPORTER)].map(
    (m) => `${m[1]}|${(m[2] ?? '').toLowerCase().replace(/[\s.']/g, '')}|${m[3]}`,
  );
}

/** "Pereida v. Wilkinson, 592 U.S. 224 (2021)" → "pereida v wilkinson"; "Matter of X, 27 I&N…" → "matter of x". */
export function caseName(text: string): string | null {
  const head = text.split(/,|\s\d{1,4}\s/)[0] ?? '';
  if (!/\sv\.?\s|^(matter|in re)\b/i.test(head)) return null;
  const name = head
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim();
  return name.length >= 5 ? name : null;
}

/** The keys of each citation's most specific provision ("8 U.S.C. § 1101(a)(43)" → its own key). */
function ownProvisionKeys(text: string): string[] {
  return findCitations(text)
    .map((c) => c.keys.at(-1))
    .filter((k): k is string => Boolean(k));
}

const OPINION_PREFERENCE = [/opinion of the court|per curiam/i, /plurality/i, /^(?!.*(dissent|concurr))/i];

/** Among several decisions under one citation (majority, concurrences, dissents), the court's opinion. */
function preferred(candidates: PrimarySource[]): PrimarySource | undefined {
  for (const pattern of OPINION_PREFERENCE) {
    const hit = candidates.find((c) => pattern.test(c.title));
    if (hit) return hit;
  }
  return candidates[0];
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

// One index per database (tests run several apps in one process), rebuilt when any published
// document changed: publishing bumps documents.updated_at.
const indexes = new WeakMap<Database, CitationIndex>();

async function citationIndex(db: Database): Promise<CitationIndex> {
  const [stamp] = await db
    .select({ n: sql<number>`count(*)`, last: sql<string>`coalesce(max(${documents.updatedAt})::text, '')` })
    .from(documents)
    .where(eq(documents.status, 'published'));
  const fingerprint = `${stamp?.n}|${stamp?.last}`;
  const cached = indexes.get(db);
  if (cached?.fingerprint === fingerprint) return cached;

  const rows = await db
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      kind: revisions.kind,
      citations: revisions.citations,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), inArray(revisions.kind, PRIMARY_SOURCE_KINDS)));
  const index: CitationIndex = { fingerprint, byKey: new Map(), byReporter: new Map(), byCaseName: new Map() };
  for (const row of rows) {
    const source: PrimarySource = { id: row.id, slug: row.slug, title: row.title, kind: row.kind as DocumentKind };
    const own = row.citations.length > 0 ? row.citations : [row.title];
    for (const citation of own) {
      for (const key of ownProvisionKeys(citation)) push(index.byKey, key, source);
      for (const key of reporterKeys(citation)) push(index.byReporter, key, source);
    }
    const name = caseName(row.title);
    if (name) push(index.byCaseName, name, source);
  }
  indexes.set(db, index);
  return index;
}

/** The primary source a citation points at, if the knowledge base holds it. */
function resolveCitation(index: CitationIndex, text: string): PrimarySource | undefined {
  for (const key of reporterKeys(text)) {
    const hit = preferred(index.byReporter.get(key) ?? []);
    if (hit) return hit;
  }
  const [statute] = findCitations(text);
  if (statute) {
    // The most specific provision held: "§ 1101(a)(43)(F)" links to a document on § 1101(a)(43).
    for (const key of [...statute.keys].reverse()) {
      const hit = index.byKey.get(key)?.[0];
      if (hit) return hit;
    }
    // Or the one document holding a part of the cited provision ("21 U.S.C. § 802" → § 802(6)…).
    const own = statute.keys.at(-1)?.replace(/z$/, '');
    if (own) {
      const parts = new Set([...index.byKey.entries()].filter(([k]) => k.startsWith(`${own}p`)).flatMap(([, v]) => v));
      if (parts.size === 1) return [...parts][0];
    }
  }
  const name = caseName(text);
  if (name) return preferred(index.byCaseName.get(name) ?? []);
  return undefined;
}

export async function citationLinks(db: Database, documentId: string, citations: string[]): Promise<CitationLink[]> {
  if (citations.length === 0) return [];
  const index = await citationIndex(db);
  return citations.map((text) => {
    const hit = resolveCitation(index, text);
    return {
      text,
      document: hit && hit.id !== documentId ? { id: hit.id, slug: hit.slug, title: hit.title, kind: hit.kind } : null,
    };
  });
}

/** Related documents and citation links of a document as seen through one of its revisions. */
export async function documentContext(
  db: Database,
  documentId: string,
  revisionId: string,
): Promise<DocumentRelatedResponse | null> {
  const [revision] = await db
    .select({
      citations: revisions.citations,
      offenseTypes: revisions.offenseTypes,
      consequences: revisions.consequences,
    })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.documentId, documentId)));
  if (!revision) return null;
  const [related, citations] = await Promise.all([
    relatedDocuments(db, documentId, revision),
    citationLinks(db, documentId, revision.citations),
  ]);
  return { related, citations };
}
