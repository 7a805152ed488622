import type { DocumentContent } from '@kb/contracts';
import type { RevisionRow } from './documents.repository';

/** The content of a revision, as editors and the API see it. */
export function contentOf(revision: RevisionRow): DocumentContent {
  return {
    kind: revision.kind as DocumentContent['kind'],
    title: revision.title,
    summary: revision.summary,
    publisher: revision.publisher,
    authors: revision.authors,
    jurisdictions: revision.jurisdictions,
    audience: revision.audience,
    documentDate: revision.documentDate,
    lastReviewedAt: revision.lastReviewedAt,
    citations: revision.citations,
    offenseTypes: revision.offenseTypes,
    consequences: revision.consequences,
    body: revision.body,
    // Only entries have a row: other kinds keep the content shape they always had.
    ...(revision.offense ? { offense: revision.offense } : {}),
  };
}

/** JSON with object keys sorted: jsonb does not keep the key order a row was written in. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

export function sameContent(a: DocumentContent, b: DocumentContent): boolean {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as Array<keyof DocumentContent>;
  // `offense` absent and null mean the same.
  return keys.every((k) => stableJson(a[k] ?? null) === stableJson(b[k] ?? null));
}

/** Trims and de-duplicates list fields so a stray blank or a double tag never gets stored. */
export function normalizeContent(content: DocumentContent): DocumentContent {
  const list = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    ...content,
    title: content.title.trim(),
    summary: content.summary.trim(),
    publisher: content.publisher.trim(),
    authors: list(content.authors),
    jurisdictions: list(content.jurisdictions),
    citations: list(content.citations),
    offenseTypes: list(content.offenseTypes),
    consequences: list(content.consequences),
  };
}
