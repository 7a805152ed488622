/**
 * Reader-side context of a document: related guidance (shared taxonomy tags) and links from
 * its citations to the primary sources the knowledge base holds.
 */
import type { CitationLink, DocumentKind, DocumentRelatedResponse } from '@kb/contracts';
import type { Tx } from '@kb/db';
import { findCitations } from '@kb/search';
import {
  publishedFingerprint,
  publishedPrimarySourceRevisions,
  relatedDocuments,
  revisionCitationsAndTags,
  revisionTitlesAndCitations,
} from './documents.related.repository';

/* Citation links --------------------------------------------------------------------------- */

interface PrimarySource {
  id: string;
  slug: string;
  title: string;
  kind: DocumentKind;
}

export interface CitationIndex {
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

interface SourceKeys {
  title: string;
  provisions: string[];
  reporters: string[];
  caseName: string | null;
}

// A revision's title and citations never change, so a source's keys are kept by its published
// revision: publishing a primary source changes the fingerprint, and the rebuild then reads and
// parses only the revisions it has not seen, not the citations of every source (~1,500 on the
// bench's corpus: 100–200 ms of CPU and most of the read, measured).
const keysByRevision = new Map<string, SourceKeys>();
const MAX_KEYED_REVISIONS = 100_000;

function sourceKeys(title: string, citations: string[]): SourceKeys {
  const provisions: string[] = [];
  const reporters: string[] = [];
  for (const citation of citations.length > 0 ? citations : [title]) {
    provisions.push(...ownProvisionKeys(citation));
    reporters.push(...reporterKeys(citation));
  }
  return { title, provisions, reporters, caseName: caseName(title) };
}

// Indexes by fingerprint (the database's name and the state of its published primary sources,
// which publishing changes), so that a publish transaction, seeing its own uncommitted change,
// gets its own index, and several databases in one process (tests) never share one.
const indexes = new Map<string, CitationIndex>();
const MAX_INDEXES = 16;

export async function citationIndex(db: Tx): Promise<CitationIndex> {
  const fingerprint = await publishedFingerprint(db);
  const cached = indexes.get(fingerprint);
  if (cached) return cached;
  const rows = await publishedPrimarySourceRevisions(db);
  let unseen = rows.filter((row) => !keysByRevision.has(row.revisionId)).map((row) => row.revisionId);
  if (keysByRevision.size + unseen.length > MAX_KEYED_REVISIONS) {
    keysByRevision.clear();
    unseen = rows.map((row) => row.revisionId);
  }
  for (const revision of await revisionTitlesAndCitations(db, unseen)) {
    keysByRevision.set(revision.id, sourceKeys(revision.title, revision.citations));
  }
  const index: CitationIndex = { fingerprint, byKey: new Map(), byReporter: new Map(), byCaseName: new Map() };
  for (const row of rows) {
    const keys = keysByRevision.get(row.revisionId);
    if (!keys) continue; // deleted since the first read
    const source: PrimarySource = { id: row.id, slug: row.slug, title: keys.title, kind: row.kind as DocumentKind };
    for (const key of keys.provisions) push(index.byKey, key, source);
    for (const key of keys.reporters) push(index.byReporter, key, source);
    if (keys.caseName) push(index.byCaseName, keys.caseName, source);
  }
  if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  indexes.set(fingerprint, index);
  return index;
}

/** The primary source a citation points at, if the knowledge base holds it. */
export function resolveCitation(index: CitationIndex, text: string): PrimarySource | undefined {
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

export async function citationLinks(db: Tx, documentId: string, citations: string[]): Promise<CitationLink[]> {
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
  db: Tx,
  documentId: string,
  revisionId: string,
): Promise<DocumentRelatedResponse | null> {
  const revision = await revisionCitationsAndTags(db, documentId, revisionId);
  if (!revision) return null;
  const [related, citations] = await Promise.all([
    relatedDocuments(db, documentId, revision),
    citationLinks(db, documentId, revision.citations),
  ]);
  return { related, citations };
}
