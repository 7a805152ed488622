import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { citationKeys, findCitations, provisionKeys } from './citations';
import { dayInSeconds } from './filters';
import { jurisdictionNames, jurisdictionToken } from './vocabulary';

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
  /** Labels and synonyms of the document's tags and the names of its jurisdictions ("California", "9th Cir."). */
  tagLabels: string[];
  citations: string[];
  /** Keys of the provisions the title names: a document *about* PC 273.5 before one that cites it. */
  titleKeys: string[];
  /** A dissent or concurrence: the opinion of the court ranks before it among equal matches. */
  separateOpinion: boolean;
  /**
   * Among equally good matches, the guidance on the topic and its law come first (0), then a
   * chart row (1: one line on the topic, which a citation search also shows above the hits),
   * then the compendia that touch every topic in a line (2: charts, checklists, sample filings).
   */
  compendium: number;
  /** Keys of the provisions this section *is* (a statute's own citation and the paragraphs it sets out). */
  identityKeys: string[];
  /** Keys of every provision the document or this section cites, each with its ancestors. */
  citationKeys: string[];
  summary: string;
  anchor: string;
  heading: string;
  body: string;
  position: number;
  publishedAt: number | null;
  year: number | null;
  superseded: boolean;
  /** The day last reviewed (else the document's date), in seconds: filter and sort by last review. */
  reviewedOn: number | null;
  /** It cites an authority flagged since its last review. */
  needsReview: boolean;
  /** What was indexed: the published revision and the superseded and needs-review flags (checked by search:verify). */
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
  lastReviewedAt: string | null;
  superseded: boolean;
  needsReview: boolean;
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

export const indexVersion = (doc: Pick<PublishedDocumentInput, 'revisionId' | 'superseded' | 'needsReview'>) =>
  `${doc.revisionId}:${doc.superseded ? 1 : 0}:${doc.needsReview ? 1 : 0}`;

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

const PRIMARY_SOURCES = new Set<string>(PRIMARY_SOURCE_KINDS);

/**
 * The text of a Markdown section as a reader sees it, for matching and snippets: no emphasis
 * markers, link targets, heading hashes or table rules. Control characters are removed too, so
 * nothing in a document can imitate the highlight markers of a snippet.
 */
export function searchableText(markdown: string): string {
  return markdown
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[\^[^\]]+\]:?/g, '')
    .replace(/^ {0,3}#{1,6}\s+/gm, '')
    .replace(/^ {0,3}>\s?/gm, '')
    .replace(/^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*$/gm, '')
    .replace(/^[ \t]*\|[ \t]*/gm, '')
    .replace(/[ \t]*\|[ \t]*$/gm, '')
    .replace(/[ \t]*\|[ \t]*/g, ' · ')
    .replace(/(\*\*|__|`{1,3})/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/gm, '$1$2')
    .replace(/^\s*[*+-]\s+/gm, '• ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type ParagraphStyle = 'number' | 'lower' | 'upper' | 'lowerRoman' | 'upperRoman' | 'double';

/** The letter before a roman numeral that is also a letter: "(i)" after "(h)" is a letter. */
const LETTER_BEFORE: Record<string, string> = { i: 'h', v: 'u', x: 'w' };

/**
 * The kind of a paragraph marker, given the markers it sits under: "(i)" is the ninth letter
 * after "(h)" and a roman numeral otherwise.
 */
function styleOf(token: string, stack: Array<{ style: ParagraphStyle; marker: string }>): ParagraphStyle {
  if (/^\d+[a-z]?$/.test(token)) return 'number';
  const letterLevel = (style: ParagraphStyle) => stack.find((level) => level.style === style)?.marker;
  if (/^[ivx]+$/.test(token)) {
    const before = LETTER_BEFORE[token];
    return before && letterLevel('lower') === before ? 'lower' : 'lowerRoman';
  }
  if (/^[IVX]+$/.test(token)) {
    const before = LETTER_BEFORE[token.toLowerCase()];
    return before && letterLevel('upper') === before.toUpperCase() ? 'upper' : 'upperRoman';
  }
  if (/^[a-z]$/.test(token)) return 'lower';
  if (/^[A-Z]$/.test(token)) return 'upper';
  return 'double';
}

// Markers opening a line: "(48)(A) The term…", "(i)(I) the alien…", "SEC. 240A. [8 U.S.C. 1229b] (a) CANCELLATION…".
const LEADING_MARKERS = /^[ \t>*•-]*(?:SEC\.\s+\S+\s*(?:\[[^\]\n]*\]\s*)?)?((?:\([A-Za-z0-9]{1,4}\)\s?)+)/gm;

/** Bounds the keys of one section: a long statute sets out hundreds of paragraphs. */
const MAX_KEYS_PER_SECTION = 300;

/**
 * The keys of a primary source's own provisions, per section: the citations the document is
 * known by, and every paragraph the sections set out under them, read from the paragraph
 * markers that open lines ("(a)", "(1)", "(A)", "(i)", "(I)") as the nesting they are, across
 * sections. Searching for "INA § 101(a)(48)(A)" or "8 U.S.C. § 1229b(b)(1)" then finds the
 * section of the statute that sets it out, not only documents citing it.
 */
export function sectionProvisionKeys(ownCitations: string[], bodies: string[]): string[][] {
  const perSection = bodies.map(() => new Set<string>());
  const seen = new Set<string>();
  for (const citation of ownCitations) {
    for (const found of findCitations(citation)) {
      const own = found.keys.at(-1) ?? '';
      if (seen.has(own)) continue;
      seen.add(own);
      const stack: Array<{ style: ParagraphStyle; marker: string }> = [];
      for (const marker of found.subsections) stack.push({ style: styleOf(marker, stack), marker });
      for (const [i, body] of bodies.entries()) {
        const keys = perSection[i] as Set<string>;
        for (const key of found.keys) keys.add(key);
        for (const line of body.matchAll(LEADING_MARKERS)) {
          for (const m of (line[1] ?? '').matchAll(/\(([A-Za-z0-9]{1,4})\)/g)) {
            const marker = m[1] ?? '';
            const style = styleOf(marker, stack);
            const level = stack.findIndex((l) => l.style === style);
            if (level >= 0) stack.length = level;
            stack.push({ style, marker });
            if (keys.size < MAX_KEYS_PER_SECTION) {
              for (const key of provisionKeys(
                found.base,
                stack.map((l) => l.marker),
              ))
                keys.add(key);
            }
          }
        }
      }
    }
  }
  return perSection.map((keys) => [...keys]);
}

/** The provision keys of one section on its own (see sectionProvisionKeys). */
export function identityKeys(ownCitations: string[], body: string): string[] {
  return sectionProvisionKeys(ownCitations, [body])[0] ?? [];
}

/** Kinds that cover every topic briefly: they rank after the focused guidance among equal matches. */
const COMPENDIA = new Set(['chart', 'checklist', 'sample_filing']);

const SEPARATE_OPINION = /\b(?:dissenting|concurring|dissent|concurrence)\b/i;

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
    // A jurisdiction named in a query ranks the guidance of that jurisdiction first.
    ...doc.jurisdictions.flatMap(jurisdictionNames),
    ...doc.jurisdictions.map(jurisdictionToken),
  ];
  const documentKeys = citationKeys(doc.title, ...doc.citations);
  const publishedAt = doc.documentDate ? Date.parse(`${doc.documentDate}T00:00:00Z`) / 1000 : null;
  const sections = doc.sections.length > 0 ? doc.sections : [{ position: 0, anchor: '', heading: doc.title, body: '' }];
  const ownKeys = PRIMARY_SOURCES.has(doc.kind)
    ? sectionProvisionKeys(
        doc.citations,
        sections.map((s) => s.body),
      )
    : [];
  return sections.map((section, i) => ({
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
    // The provisions the title names exactly, without their ancestors: a document about
    // § 101(a)(43)(M) is not about § 101(a)(43), which its own statute is.
    titleKeys: [...new Set(findCitations(doc.title).flatMap((c) => c.keys.slice(-1)))],
    separateOpinion: doc.kind === 'court_opinion' && SEPARATE_OPINION.test(doc.title),
    compendium: COMPENDIA.has(doc.kind) ? 2 : doc.kind === 'offense_entry' ? 1 : 0,
    identityKeys: ownKeys[i] ?? [],
    citationKeys: [...new Set([...documentKeys, ...citationKeys(section.heading, section.body)])],
    summary: doc.summary,
    anchor: section.anchor,
    heading: section.heading,
    body: searchableText(section.body),
    position: section.position,
    publishedAt,
    year: publishedAt ? new Date(publishedAt * 1000).getUTCFullYear() : null,
    superseded: doc.superseded,
    reviewedOn: dayInSeconds(doc.lastReviewedAt ?? doc.documentDate),
    needsReview: doc.needsReview,
    version: indexVersion(doc),
  }));
}

/**
 * One published document as the counting index holds it: the document's fields and tags for
 * filters and facets, and the words of all its sections (each section its own attribute, so
 * a phrase never spans two sections: with an array, a quoted phrase matched across two of its
 * elements) so that a query matches it exactly when it matches one of its sections. No hit is
 * ever read from it: it answers totals and facet counts only, and counting documents here needs
 * no deduplication of sections (BENCHMARKS.md).
 */
export type DocumentRecord = Omit<
  SectionDocument,
  'anchor' | 'heading' | 'body' | 'position' | 'identityKeys' | 'citationKeys'
> & {
  /** Per section (`s<position>`): each its own attribute, so a phrase never joins two sections. */
  heading: Record<string, string>;
  body: Record<string, string>;
  /** Of all its sections. */
  identityKeys: string[];
  citationKeys: string[];
};

/** The counting record of a document, built from its section records (so both hold one state). */
export function toDocumentRecord(sections: SectionDocument[]): DocumentRecord {
  const first = sections[0];
  if (!first) throw new Error('a document record needs at least one section');
  const union = (pick: (s: SectionDocument) => string[]) => [...new Set(sections.flatMap(pick))];
  const perSection = (pick: (s: SectionDocument) => string) =>
    Object.fromEntries(sections.map((s) => [`s${s.position}`, pick(s)]));
  // Every document-level field of its sections (whatever fields are added later: filters must
  // work on both indexes), then what differs per section, gathered.
  const { anchor: _anchor, heading: _heading, body: _body, position: _position, ...documentFields } = first;
  return {
    ...documentFields,
    id: first.documentId.replace(/-/g, ''),
    heading: perSection((s) => s.heading),
    body: perSection((s) => s.body),
    identityKeys: union((s) => s.identityKeys),
    citationKeys: union((s) => s.citationKeys),
  };
}
