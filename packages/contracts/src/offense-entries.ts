import { type Static, Type } from 'typebox';
import { DateOnly, DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { CurrencyFields } from './currency';
import { DocumentRef, DocumentStatusSchema, JurisdictionCode, TermCode } from './documents';
import { ChangeNote } from './editorial';
import {
  ASSESSMENT_OUTCOMES,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  type ConsequenceColumn,
  OFFENSE_GRADES,
  OffenseEntryData,
} from './offenses';

// ---------------------------------------------------------------------------------------
// How the API shows offense entries (chart rows): one entry, a jurisdiction's chart, the
// search answer for a citation query, the editor's requests and the CSV columns.
// ---------------------------------------------------------------------------------------

/** Jurisdictions a chart can exist for: `federal` and the states (`us-ca`). */
export const CHART_JURISDICTION_PATTERN = '^(federal|us-[a-z]{2})$';

/**
 * An entry's document slug is `<jurisdiction>-<row key>` (`us-ca-pc-273-5-a`); its page is
 * `/charts/<jurisdiction>/<row key>` (`/charts/us-ca/pc-273-5-a`).
 */
export function offenseEntryPath(slug: string): string {
  const match = /^(federal|us-[a-z]{2})-(.+)$/.exec(slug);
  return match ? `/charts/${match[1]}/${match[2]}` : `/documents/${slug}`;
}

/** Where a reader opens a document: an offense entry on its chart row's page, anything else at /documents. */
export function readerPath(document: { kind: string; slug: string }): string {
  return document.kind === 'offense_entry' ? offenseEntryPath(document.slug) : `/documents/${document.slug}`;
}

/** The short reference to an entry: enough to link to it and name it. */
export const OffenseEntryRef = Type.Object({
  id: Uuid,
  slug: Type.String(),
  /** The SPA page of the row: `/charts/us-ca/pc-273-5-a`. */
  path: Type.String(),
  jurisdiction: Type.String(),
  statutes: Type.Array(Type.String()),
  offenseName: Type.String(),
  grade: StringEnum(OFFENSE_GRADES),
});
export type OffenseEntryRef = Static<typeof OffenseEntryRef>;

/** A safer plea as written, with the entry for its statute when the library holds one (published). */
export const SaferAlternativeView = Type.Object({
  statute: Type.String(),
  advice: Type.String(),
  entry: Nullable(OffenseEntryRef),
});
export type SaferAlternativeView = Static<typeof SaferAlternativeView>;

/** A published document (or one of its sections) linked from or linking to an entry. */
export const AdvisoryLink = Type.Object({
  slug: Type.String(),
  /** Section anchor, when the link is to a section. */
  anchor: Nullable(Type.String()),
  title: Type.String(),
  /** The section's heading, when the link is to a section that exists. */
  sectionHeading: Nullable(Type.String()),
});
export type AdvisoryLink = Static<typeof AdvisoryLink>;

/** An authority cited by an assessment, resolved to the library's primary source when it holds one. */
export const AuthorityLink = Type.Object({
  /** The citation text exactly as the entry writes it. */
  text: Type.String(),
  document: DocumentRef,
});
export type AuthorityLink = Static<typeof AuthorityLink>;

/** One chart row: the entry's published content (or, for editors, the revision asked for). */
export const OffenseEntryRow = Type.Object({
  id: Uuid,
  slug: Type.String(),
  path: Type.String(),
  status: DocumentStatusSchema,
  revisionId: Uuid,
  revisionNumber: Type.Integer(),
  lastReviewedAt: Nullable(DateOnly),
  jurisdiction: Type.String(),
  data: OffenseEntryData,
  saferAlternatives: Type.Array(SaferAlternativeView),
  /** It cites an authority flagged after its last review (see currency.ts). */
  needsReview: Type.Boolean(),
});
export type OffenseEntryRow = Static<typeof OffenseEntryRow>;

/** GET /api/offenses/:id — an entry's page: its row, with authorities, advisories and history links. */
export const OffenseEntryView = Type.Object({
  ...OffenseEntryRow.properties,
  /** `<statute> — <offense name>`, the document's title. */
  title: Type.String(),
  summary: Type.String(),
  /** Who wrote the row; sample rows say "sample content, not legal advice" here and in `summary`. */
  publisher: Type.String(),
  /** The organization that owns the entry and alone may change it (null: network admins'). */
  organization: Nullable(OrganizationRef),
  jurisdictionLabel: Type.String(),
  publishedAt: Nullable(DateTime),
  updatedAt: DateTime,
  /** The advisories (sections) the entry names as explaining it, resolved (published ones only). */
  advisories: Type.Array(AdvisoryLink),
  /**
   * Published documents that link to the entry's page or name it among their rows (an entry is
   * not an authority: nothing cites it in the citation graph's sense).
   */
  citedBy: Type.Array(AdvisoryLink),
  /** The entry's citations resolved (see currency.ts), its flagged authorities' reasons for review. */
  cites: CurrencyFields.cites,
  reviewReasons: CurrencyFields.reviewReasons,
  /** Assessment authorities the library holds as primary sources. */
  authorityLinks: Type.Array(AuthorityLink),
  supersededBy: Nullable(DocumentRef),
});
export type OffenseEntryView = Static<typeof OffenseEntryView>;

/** `GET /api/offenses/:id`: the entry's uuid or its slug (`us-ca-pc-273-5-a`). */
export const OffenseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const OFFENSE_SORTS = ['statute', 'name', 'reviewed'] as const;
export type OffenseSort = (typeof OFFENSE_SORTS)[number];

/**
 * GET /api/offenses: `q` understands citations ("PC 273", "273.5 PC") and words;
 * `consequence` + `outcome` filter by a column's outcome ("not an aggravated felony":
 * `consequence=aggravated_felony&outcome=no`; `outcome` is repeatable). An entry that has
 * no assessment for the column counts as `unclear`.
 */
export const OffenseListQuery = Type.Object(
  {
    jurisdiction: Type.Optional(JurisdictionCode),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    consequence: Type.Optional(StringEnum(CONSEQUENCE_COLUMN_CODES)),
    outcome: Type.Optional(Type.Array(StringEnum(ASSESSMENT_OUTCOMES), { maxItems: 4 })),
    sort: Type.Optional(StringEnum(OFFENSE_SORTS)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type OffenseListQuery = Static<typeof OffenseListQuery>;

export const OffenseListResponse = Type.Object({
  items: Type.Array(OffenseEntryRow),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export type OffenseListResponse = Static<typeof OffenseListResponse>;

/** A rule of federal immigration law that applies whatever the state. */
export const FederalRule = Type.Object({
  consequence: StringEnum(CONSEQUENCE_COLUMN_CODES),
  title: Type.String(),
  summary: Type.String(),
  /** The authorities, as cited. */
  authorities: Type.Array(Type.String()),
  /** A published library document that explains the rule, when there is one. */
  document: Nullable(DocumentRef),
});
export type FederalRule = Static<typeof FederalRule>;

/** Guidance that is the closest the library has for an uncovered jurisdiction. */
export const NearestGuidance = Type.Object({
  /** `chart`: another jurisdiction's chart (same circuit first); `document`: a published document. */
  type: StringEnum(['chart', 'document'] as const),
  title: Type.String(),
  /** SPA path: `/charts/us-ca` or `/documents/<slug>`. */
  path: Type.String(),
  /** Why it is near: "Same federal circuit (9th Circuit)", "Tagged Arizona". */
  reason: Type.String(),
});
export type NearestGuidance = Static<typeof NearestGuidance>;

export const ChartCoverage = Type.Object({
  /** True when the jurisdiction has at least one published entry. */
  covered: Type.Boolean(),
  /** The federal circuit whose precedent governs the state (`cir-9`), null for `federal`. */
  circuit: Nullable(Type.String()),
  /** Always present: the federal rules apply everywhere, covered or not. */
  federalRules: Type.Array(FederalRule),
  /** Empty when covered; otherwise charts of the same circuit and documents about the place. */
  nearest: Type.Array(NearestGuidance),
});
export type ChartCoverage = Static<typeof ChartCoverage>;

/** A jurisdiction code (`us-ca`, `federal`); one that has no chart, or is no jurisdiction, is a 404. */
export const ChartParams = Type.Object({
  jurisdiction: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9-]+$' }),
});

/** GET /api/charts/:jurisdiction — published rows in statute order (filtering and sorting are the page's). */
export const ChartResponse = Type.Object({
  jurisdiction: Type.String(),
  label: Type.String(),
  entries: Type.Array(OffenseEntryRow),
  /** The most recent review date among the rows. */
  lastReviewedAt: Nullable(DateOnly),
  /** The narrative chart documents of the jurisdiction (introduction, method, caveats). */
  narratives: Type.Array(DocumentRef),
  coverage: ChartCoverage,
});
export type ChartResponse = Static<typeof ChartResponse>;

/** GET /api/charts — the jurisdictions that have published rows. */
export const ChartListResponse = Type.Object({
  charts: Type.Array(
    Type.Object({
      jurisdiction: Type.String(),
      label: Type.String(),
      entries: Type.Integer(),
      lastReviewedAt: Nullable(DateOnly),
    }),
  ),
});
export type ChartListResponse = Static<typeof ChartListResponse>;

/**
 * The search `answer`: the entries a citation query means. `exact`: the entries for that
 * provision (its subsections, or the section that contains it); `candidates`: a partial
 * citation ("PC 273") and the provisions it could mean (273.5, 273a, 273d…).
 */
export const SearchAnswer = Type.Object({
  match: StringEnum(['exact', 'candidates'] as const),
  /** The citation as understood, e.g. "PC 273.5". */
  citation: Type.String(),
  entries: Type.Array(OffenseEntryRow),
});
export type SearchAnswer = Static<typeof SearchAnswer>;

// ---------------------------------------------------------------------------------------
// Editing. Title, body, citations and jurisdictions of an entry's document are derived from
// its data (an entry is one section: the row as Markdown); the rest is the editor's.
// Publish, submit, archive, supersede, history and diffs are the documents' editorial routes
// (POST /api/documents/:id/publish, GET /api/documents/:id/revisions, …/diff/:b), whose
// diff lists a row's changes one leaf at a time: `offense.assessments.aggravated_felony.outcome`.
// GET /api/documents/:id/editor opens an entry too (`head.content.offense`).
// ---------------------------------------------------------------------------------------

const OffenseEditorFields = {
  offense: OffenseEntryData,
  summary: Type.Optional(Type.String({ maxLength: 5000 })),
  publisher: Type.Optional(Type.String({ maxLength: 200 })),
  documentDate: Type.Optional(Nullable(DateOnly)),
  lastReviewedAt: Type.Optional(Nullable(DateOnly)),
  offenseTypes: Type.Optional(Type.Array(TermCode, { maxItems: 50 })),
  consequences: Type.Optional(Type.Array(TermCode, { maxItems: 80 })),
  note: Type.Optional(ChangeNote),
};

/** POST /api/offenses (editors) → 201 CreateDocumentResponse: a new entry, as a draft. */
export const CreateOffenseBody = Type.Object(OffenseEditorFields, { additionalProperties: false });
export type CreateOffenseBody = Static<typeof CreateOffenseBody>;

/** PUT /api/offenses/:id/draft (editors) → SaveDraftResponse; 409 DraftConflictResponse when the base is stale. */
export const SaveOffenseDraftBody = Type.Object(
  { ...OffenseEditorFields, baseRevisionId: Uuid },
  { additionalProperties: false },
);
export type SaveOffenseDraftBody = Static<typeof SaveOffenseDraftBody>;

// ---------------------------------------------------------------------------------------
// CSV: one row per entry, the columns below in this order (export writes all of them;
// import requires jurisdiction, statutes, offense_name and grade, and ignores
// `revision_number`). Lists inside a cell are one item per line (a line break inside the
// quoted cell); statutes and subparagraphs may also be separated by ";". Safer alternatives
// are "statute: advice", circuit notes "cir-9: note". An empty `<column>_outcome` means the
// column is not assessed. Import is idempotent by jurisdiction + statute keys.
// ---------------------------------------------------------------------------------------

export const CHART_CSV_ENTRY_COLUMNS = [
  'jurisdiction',
  'statutes',
  'offense_name',
  'grade',
  'max_sentence_days',
] as const;
export const CHART_CSV_ASSESSMENT_FIELDS = [
  'outcome',
  'summary',
  'subparagraphs',
  'sentence_days_at_least',
  'loss_over',
  'quantity_grams_over',
  'circuit_notes',
  'authorities',
] as const;
export const CHART_CSV_TRAILING_COLUMNS = [
  'safer_alternatives',
  'practice_notes',
  'advisories',
  'last_reviewed_at',
  'revision_number',
] as const;

export const chartCsvColumn = (consequence: ConsequenceColumn, field: (typeof CHART_CSV_ASSESSMENT_FIELDS)[number]) =>
  `${consequence}_${field}`;

export const CHART_CSV_COLUMNS: string[] = [
  ...CHART_CSV_ENTRY_COLUMNS,
  ...CONSEQUENCE_COLUMN_CODES.flatMap((c) => CHART_CSV_ASSESSMENT_FIELDS.map((f) => chartCsvColumn(c, f))),
  ...CHART_CSV_TRAILING_COLUMNS,
];

/** Short heading of each consequence column (re-exported for CSV and cards). */
export const CHART_COLUMN_HEADINGS = CONSEQUENCE_COLUMN_SHORT;

export const CsvCellError = Type.Object({
  /** 1-based line of the file (the header is line 1). */
  line: Type.Integer(),
  column: Type.String(),
  message: Type.String(),
});
export type CsvCellError = Static<typeof CsvCellError>;

/** 422 answer to an import with bad cells: nothing was changed. */
export const ChartImportErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Object({ errors: Type.Array(CsvCellError) }),
  }),
});
export type ChartImportErrorResponse = Static<typeof ChartImportErrorResponse>;

/** POST /api/charts/import (editors; body: the CSV as `text/csv`) → ChartImportResponse, or 422 ChartImportErrorResponse. */
export const ChartImportQuery = Type.Object(
  {
    /** Publish the imported rows (default true); false leaves new and changed rows as drafts. */
    publish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ChartImportResponse = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      line: Type.Integer(),
      id: Uuid,
      slug: Type.String(),
      action: StringEnum(['created', 'updated', 'unchanged'] as const),
    }),
  ),
});
export type ChartImportResponse = Static<typeof ChartImportResponse>;
