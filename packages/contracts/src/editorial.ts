import { type Static, Type } from 'typebox';
import { DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { DocumentContent, DocumentRef, DocumentStatusSchema, TermCode } from './documents';
import { ReviewEntry } from './organizations';
import { TaxonomyTerm, VOCABULARIES } from './taxonomy';
import type { DocumentStatus } from './vocabulary';

// ---------------------------------------------------------------------------------------
// The editorial state machine: one definition, used by the API to refuse a transition and
// by the editor UI to show only the actions that can succeed.
// ---------------------------------------------------------------------------------------

export const EDITORIAL_ACTIONS = ['submit', 'withdraw', 'publish', 'archive', 'reopen', 'supersede', 'edit'] as const;
export type EditorialAction = (typeof EDITORIAL_ACTIONS)[number];

export interface EditorialState {
  status: DocumentStatus;
  /** A published document whose latest saved revision is not the published one. */
  hasUnpublishedChanges: boolean;
}

/**
 * Why `action` is not allowed in `state`, or null when it is. Allowed transitions:
 * draft → in_review (submit); in_review → draft (withdraw); draft | in_review → published
 * (publish: any editor may approve and publish, the author included); published → published
 * (publish the pending changes); draft | in_review | published → archived (archive);
 * archived → draft (reopen); published → published with a successor (supersede).
 * Editing (saving a draft, restoring a revision) works in every state but archived.
 */
export function transitionRefusal(action: EditorialAction, state: EditorialState): string | null {
  const { status } = state;
  switch (action) {
    case 'submit':
      if (status === 'draft') return null;
      if (status === 'in_review') return 'The document is already in review.';
      if (status === 'published') return 'The document is already published: publish its changes when they are ready.';
      return 'The document is archived: reopen it before submitting it for review.';
    case 'withdraw':
      return status === 'in_review' ? null : 'Only a document in review can be sent back to draft.';
    case 'publish':
      if (status === 'draft' || status === 'in_review') return null;
      if (status === 'published') {
        return state.hasUnpublishedChanges ? null : 'This document has no unpublished changes.';
      }
      return 'The document is archived: reopen it before publishing it.';
    case 'archive':
      return status === 'archived' ? 'The document is already archived.' : null;
    case 'reopen':
      return status === 'archived' ? null : 'Only an archived document can be reopened.';
    case 'supersede':
      return status === 'published' ? null : 'Only a published document can be superseded.';
    case 'edit':
      return status === 'archived' ? 'The document is archived and read-only: reopen it to edit it.' : null;
  }
}

export function allowedActions(state: EditorialState): EditorialAction[] {
  return EDITORIAL_ACTIONS.filter((action) => transitionRefusal(action, state) === null);
}

// ---------------------------------------------------------------------------------------
// Requests and responses of the editorial API.
// ---------------------------------------------------------------------------------------

export const ChangeNote = Type.String({ maxLength: 500 });

export const CreateDocumentBody = Type.Object({
  ...DocumentContent.properties,
  note: Type.Optional(ChangeNote),
  /**
   * The owning organization; default the author's. Editors may only name their own; network
   * admins any (or null for the public-domain library). The publisher is the organization's name.
   */
  organizationId: Type.Optional(Nullable(Uuid)),
});
export type CreateDocumentBody = Static<typeof CreateDocumentBody>;

export const CreateDocumentResponse = Type.Object({ id: Uuid, slug: Type.String(), revisionId: Uuid });
export type CreateDocumentResponse = Static<typeof CreateDocumentResponse>;

export const SaveDraftBody = Type.Object({
  ...DocumentContent.properties,
  baseRevisionId: Uuid,
  note: Type.Optional(ChangeNote),
});
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const SaveDraftResponse = Type.Object({
  revisionId: Uuid,
  revisionNumber: Type.Integer(),
  /** False when the content equals the base revision: nothing new was stored. */
  changed: Type.Boolean(),
});
export type SaveDraftResponse = Static<typeof SaveDraftResponse>;

export const RevisionInfo = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  baseRevisionId: Nullable(Uuid),
  authorId: Nullable(Uuid),
  authorName: Nullable(Type.String()),
  createdAt: DateTime,
  note: Type.String(),
});
export type RevisionInfo = Static<typeof RevisionInfo>;

export const EditorRevision = Type.Object({ ...RevisionInfo.properties, content: DocumentContent });
export type EditorRevision = Static<typeof EditorRevision>;

/** A 409 answer to a draft save whose base is no longer the latest revision. */
export const DraftConflictResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    /** `current`: the revision that won (absent when the refusal is about the document's state). */
    details: Type.Optional(
      Type.Object({ current: Type.Optional(EditorRevision), status: Type.Optional(DocumentStatusSchema) }),
    ),
  }),
});
export type DraftConflictResponse = Static<typeof DraftConflictResponse>;

export const EditorialActionSchema = StringEnum(EDITORIAL_ACTIONS);

/** Everything the editor needs to open a document. */
export const EditorDocument = Type.Object({
  id: Uuid,
  slug: Type.String(),
  status: DocumentStatusSchema,
  head: EditorRevision,
  publishedRevisionId: Nullable(Uuid),
  publishedRevisionNumber: Nullable(Type.Integer()),
  publishedAt: Nullable(DateTime),
  hasUnpublishedChanges: Type.Boolean(),
  supersededBy: Nullable(DocumentRef),
  supersedes: Type.Array(DocumentRef),
  updatedAt: DateTime,
  allowedActions: Type.Array(EditorialActionSchema),
  organization: Nullable(OrganizationRef),
  /** The owning organization's review policy: under `two_person` the author cannot publish. */
  reviewPolicy: Nullable(StringEnum(['single', 'two_person'] as const)),
});
export type EditorDocument = Static<typeof EditorDocument>;

export const PublishBody = Type.Object({
  /** The revision to publish; default the latest. Send the one you reviewed. */
  revisionId: Type.Optional(Uuid),
  note: Type.Optional(ChangeNote),
});
export const SupersedeBody = Type.Object({
  /** The published document that replaces this one; null removes the link. */
  successorId: Nullable(Uuid),
});
export const RestoreBody = Type.Object({ revisionId: Uuid, note: Type.Optional(ChangeNote) });
export const TransitionBody = Type.Object({ note: Type.Optional(ChangeNote) });

export const RevisionListItem = Type.Object({
  ...RevisionInfo.properties,
  title: Type.String(),
  isHead: Type.Boolean(),
  isPublished: Type.Boolean(),
  /** When this revision was made public, if it ever was (recorded publications). */
  publishedAt: Nullable(DateTime),
});
export type RevisionListItem = Static<typeof RevisionListItem>;

export const RevisionHistory = Type.Object({
  documentId: Uuid,
  headRevisionId: Nullable(Uuid),
  publishedRevisionId: Nullable(Uuid),
  revisions: Type.Array(RevisionListItem),
  /** Review comments and approvals (who published which revision, when, with what comment), newest first. */
  reviews: Type.Array(ReviewEntry),
});
export type RevisionHistory = Static<typeof RevisionHistory>;

export const RevisionDiffParams = Type.Object({ id: Uuid, a: Uuid, b: Uuid });

const FieldValue = Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()]);

export const FieldChange = Type.Object({
  field: Type.String(),
  before: FieldValue,
  after: FieldValue,
});
export type FieldChange = Static<typeof FieldChange>;

export const DiffLine = Type.Object({
  type: StringEnum(['same', 'added', 'removed'] as const),
  text: Type.String(),
  /** Line number in the older body (null for added lines). */
  oldNumber: Nullable(Type.Integer()),
  /** Line number in the newer body (null for removed lines). */
  newNumber: Nullable(Type.Integer()),
});
export type DiffLine = Static<typeof DiffLine>;

/** A run of changed lines with a little unchanged context around it. */
export const DiffHunk = Type.Object({
  oldStart: Type.Integer(),
  newStart: Type.Integer(),
  lines: Type.Array(DiffLine),
});
export type DiffHunk = Static<typeof DiffHunk>;

/** One section of the body (by heading anchor) and how it changed between the two revisions. */
export const SectionChange = Type.Object({
  anchor: Type.String(),
  heading: Type.String(),
  change: StringEnum(['added', 'removed', 'changed', 'same'] as const),
  added: Type.Integer(),
  removed: Type.Integer(),
});
export type SectionChange = Static<typeof SectionChange>;

export const RevisionDiff = Type.Object({
  from: RevisionInfo,
  to: RevisionInfo,
  fields: Type.Array(FieldChange),
  /** The body section by section, in the newer revision's order (removed sections after). */
  sections: Type.Array(SectionChange),
  body: Type.Object({
    added: Type.Integer(),
    removed: Type.Integer(),
    hunks: Type.Array(DiffHunk),
  }),
});
export type RevisionDiff = Static<typeof RevisionDiff>;

export const IMPORT_FORMATS = ['markdown', 'pdf', 'docx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const ImportResponse = Type.Object({
  id: Uuid,
  slug: Type.String(),
  revisionId: Uuid,
  title: Type.String(),
  format: StringEnum(IMPORT_FORMATS),
  sectionCount: Type.Integer(),
  /** Things the editor should check (e.g. "headings were guessed from font sizes"). */
  warnings: Type.Array(Type.String()),
});
export type ImportResponse = Static<typeof ImportResponse>;

// ---------------------------------------------------------------------------------------
// Vocabulary management (admins).
// ---------------------------------------------------------------------------------------

const Synonyms = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 });

export const CreateTermBody = Type.Object({
  vocabulary: StringEnum(VOCABULARIES),
  code: TermCode,
  label: Type.String({ minLength: 1, maxLength: 200 }),
  synonyms: Type.Optional(Synonyms),
  parentCode: Type.Optional(Nullable(TermCode)),
});
export type CreateTermBody = Static<typeof CreateTermBody>;

export const UpdateTermBody = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  synonyms: Type.Optional(Synonyms),
  parentCode: Type.Optional(Nullable(TermCode)),
});
export type UpdateTermBody = Static<typeof UpdateTermBody>;

export const MergeTermBody = Type.Object({
  /** The term that stays; the merged term's documents are re-tagged with it. */
  intoId: Uuid,
});
export type MergeTermBody = Static<typeof MergeTermBody>;

export const AdminTaxonomyTerm = Type.Object({
  ...TaxonomyTerm.properties,
  /** Published documents tagged with the term. */
  documentCount: Type.Integer(),
});
export type AdminTaxonomyTerm = Static<typeof AdminTaxonomyTerm>;

export const AdminTaxonomyResponse = Type.Object({ terms: Type.Array(AdminTaxonomyTerm) });
export type AdminTaxonomyResponse = Static<typeof AdminTaxonomyResponse>;

export const TermChangeResponse = Type.Object({
  term: AdminTaxonomyTerm,
  /** Documents given a new revision with the merged tag (merges only). */
  retaggedDocuments: Type.Integer(),
  /** False when Meilisearch could not be reached: synonyms catch up at the next start or reindex. */
  searchSynonymsUpdated: Type.Boolean(),
});
export type TermChangeResponse = Static<typeof TermChangeResponse>;
