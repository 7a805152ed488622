import { type Static, Type } from 'typebox';
import { DateOnly, DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { CurrencyFields } from './currency';
import { OffenseEntryData } from './offenses';
import { AUDIENCES, DOCUMENT_KIND_CODES, DOCUMENT_STATUSES, JURISDICTION_CODES } from './vocabulary';

export const DocumentKindSchema = StringEnum(DOCUMENT_KIND_CODES);
export const DocumentStatusSchema = StringEnum(DOCUMENT_STATUSES);
export const AudienceSchema = StringEnum(AUDIENCES);
export const JurisdictionCode = StringEnum(JURISDICTION_CODES);
export const TermCode = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9][a-z0-9-]*$' });

/** Everything an editor can write about a document: one revision's content and metadata. */
export const DocumentContent = Type.Object({
  kind: DocumentKindSchema,
  title: Type.String({ minLength: 1, maxLength: 500 }),
  summary: Type.String({ maxLength: 5000 }),
  publisher: Type.String({ maxLength: 200 }),
  authors: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  jurisdictions: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 60 }),
  audience: AudienceSchema,
  documentDate: Nullable(DateOnly),
  lastReviewedAt: Nullable(DateOnly),
  citations: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 500 }),
  offenseTypes: Type.Array(TermCode, { maxItems: 50 }),
  consequences: Type.Array(TermCode, { maxItems: 80 }),
  body: Type.String({ maxLength: 5_000_000 }),
  /**
   * The chart row, for (and only for) documents of kind `offense_entry`; absent means null.
   * For an entry, title, body, citations and jurisdictions are derived from it on save.
   */
  offense: Type.Optional(Nullable(OffenseEntryData)),
});
export type DocumentContent = Static<typeof DocumentContent>;

/**
 * The fields of a document's content, in the schema's order. Written out rather than read from
 * the schema (`Object.keys(DocumentContent.properties)`): the SPA uses the list, and reading it
 * from the schema put the schema library in its first screen (documents.test.ts checks the two agree).
 */
export const DOCUMENT_CONTENT_FIELDS: Array<keyof DocumentContent> = [
  'kind',
  'title',
  'summary',
  'publisher',
  'authors',
  'jurisdictions',
  'audience',
  'documentDate',
  'lastReviewedAt',
  'citations',
  'offenseTypes',
  'consequences',
  'body',
  'offense',
];

export const Section = Type.Object({
  anchor: Type.String(),
  heading: Type.String(),
  level: Type.Integer(),
  chapterAnchor: Nullable(Type.String()),
  body: Type.String(),
});
export type Section = Static<typeof Section>;

export const DocumentRef = Type.Object({ id: Uuid, slug: Type.String(), title: Type.String() });
export type DocumentRef = Static<typeof DocumentRef>;

/** A document as a reader sees it: its published revision. */
export const DocumentView = Type.Object({
  id: Uuid,
  externalId: Nullable(Type.String()),
  slug: Type.String(),
  status: DocumentStatusSchema,
  revisionId: Uuid,
  revisionNumber: Type.Integer(),
  kind: DocumentKindSchema,
  title: Type.String(),
  summary: Type.String(),
  publisher: Type.String(),
  /** The owning organization (null: the public-domain library, maintained by network admins). */
  organization: Nullable(OrganizationRef),
  authors: Type.Array(Type.String()),
  jurisdictions: Type.Array(Type.String()),
  audience: AudienceSchema,
  documentDate: Nullable(Type.String()),
  lastReviewedAt: Nullable(Type.String()),
  citations: Type.Array(Type.String()),
  offenseTypes: Type.Array(Type.String()),
  consequences: Type.Array(Type.String()),
  source: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  updatedAt: DateTime,
  supersededBy: Nullable(DocumentRef),
  supersedes: Type.Array(DocumentRef),
  sections: Type.Array(Section),
  /** Cited by, cites, its own status as an authority, and whether it needs review (see currency.ts). */
  ...CurrencyFields,
});
export type DocumentView = Static<typeof DocumentView>;

export const DocumentListItem = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  status: DocumentStatusSchema,
  publisher: Type.String(),
  organization: Nullable(OrganizationRef),
  summary: Type.String(),
  jurisdictions: Type.Array(Type.String()),
  documentDate: Nullable(Type.String()),
  updatedAt: DateTime,
  superseded: Type.Boolean(),
  hasUnpublishedChanges: Type.Boolean(),
});
export type DocumentListItem = Static<typeof DocumentListItem>;

export const DocumentListQuery = Type.Object({
  status: Type.Optional(DocumentStatusSchema),
  kind: Type.Optional(DocumentKindSchema),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('updated'), Type.Literal('title')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type DocumentListQuery = Static<typeof DocumentListQuery>;

export const DocumentListResponse = Type.Object({
  items: Type.Array(DocumentListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export type DocumentListResponse = Static<typeof DocumentListResponse>;
