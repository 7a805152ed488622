import { citationKeys } from './citations';

/** One document section as stored in the index: the section plus its document's fields. */
export interface SectionDocument {
  id: string;
  documentId: string;
  externalId: string | null;
  slug: string;
  title: string;
  kind: string;
  status: 'published';
  publisher: string;
  audience: string;
  jurisdictions: string[];
  offenseTypes: string[];
  consequences: string[];
  /** Labels and synonyms of the document's tags, so the words lawyers use match the tags. */
  tagLabels: string[];
  citations: string[];
  citationKeys: string[];
  summary: string;
  anchor: string;
  heading: string;
  body: string;
  position: number;
  publishedAt: number | null;
  year: number | null;
  superseded: boolean;
  /** What was indexed: the published revision and the superseded flag (checked by search:verify). */
  version: string;
}

export interface PublishedDocumentInput {
  id: string;
  externalId: string | null;
  slug: string;
  title: string;
  kind: string;
  publisher: string;
  audience: string;
  summary: string;
  jurisdictions: string[];
  offenseTypes: string[];
  consequences: string[];
  citations: string[];
  documentDate: string | null;
  superseded: boolean;
  revisionId: string;
  sections: Array<{ position: number; anchor: string; heading: string; body: string }>;
}

export interface TermInfo {
  code: string;
  label: string;
  synonyms: string[];
  parentCode: string | null;
}

// Meilisearch ids allow [A-Za-z0-9_-]; a uuid without dashes plus the position fits.
export const sectionId = (documentId: string, position: number) => `${documentId.replace(/-/g, '')}_${position}`;

export const indexVersion = (doc: Pick<PublishedDocumentInput, 'revisionId' | 'superseded'>) =>
  `${doc.revisionId}:${doc.superseded ? 1 : 0}`;

/** Adds each term's ancestors, so filtering by "aggravated felony" finds documents tagged "AF (G)". */
export function withAncestors(codes: string[], terms: Map<string, TermInfo>): string[] {
  const all = new Set<string>();
  for (const code of codes) {
    let current: string | null | undefined = code;
    let guard = 0;
    while (current && guard++ < 10) {
      all.add(current);
      current = terms.get(current)?.parentCode;
    }
  }
  return [...all];
}

/** The index documents of one published document: one per section. */
export function toSectionDocuments(
  doc: PublishedDocumentInput,
  offenseTerms: Map<string, TermInfo>,
  consequenceTerms: Map<string, TermInfo>,
): SectionDocument[] {
  const offenseTypes = withAncestors(doc.offenseTypes, offenseTerms);
  const consequences = withAncestors(doc.consequences, consequenceTerms);
  const tagLabels = [
    ...offenseTypes.flatMap((c) => {
      const t = offenseTerms.get(c);
      return t ? [t.label, ...t.synonyms] : [];
    }),
    ...consequences.flatMap((c) => {
      const t = consequenceTerms.get(c);
      return t ? [t.label, ...t.synonyms] : [];
    }),
  ];
  const documentKeys = citationKeys(doc.title, ...doc.citations);
  const publishedAt = doc.documentDate ? Date.parse(`${doc.documentDate}T00:00:00Z`) / 1000 : null;
  const sections = doc.sections.length > 0 ? doc.sections : [{ position: 0, anchor: '', heading: doc.title, body: '' }];
  return sections.map((section) => ({
    id: sectionId(doc.id, section.position),
    documentId: doc.id,
    externalId: doc.externalId,
    slug: doc.slug,
    title: doc.title,
    kind: doc.kind,
    status: 'published',
    publisher: doc.publisher,
    audience: doc.audience,
    jurisdictions: doc.jurisdictions,
    offenseTypes,
    consequences,
    tagLabels: [...new Set(tagLabels)],
    citations: doc.citations,
    citationKeys: [...new Set([...documentKeys, ...citationKeys(section.heading, section.body)])],
    summary: doc.summary,
    anchor: section.anchor,
    heading: section.heading,
    body: section.body,
    position: section.position,
    publishedAt,
    year: publishedAt ? new Date(publishedAt * 1000).getUTCFullYear() : null,
    superseded: doc.superseded,
    version: indexVersion(doc),
  }));
}
