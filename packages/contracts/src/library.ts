import { type Static, Type } from 'typebox';
import { DateTime, Nullable, Uuid } from './common';
import { DocumentKindSchema, DocumentRef } from './documents';

/** Personal library: folders and bookmarks of one user ("My library"). */

// Not blank, no control characters: a name shows up in menus, exports and file names.
export const FolderName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\x00-\\x1f\\x7f]*\\S[^\\x00-\\x1f\\x7f]*$',
});
export const BookmarkNote = Type.String({ maxLength: 10_000 });
// '' (or omitted) bookmarks the whole document.
export const SectionAnchor = Type.String({ maxLength: 200 });

export const Folder = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: DateTime,
  bookmarkCount: Type.Integer(),
});
export type Folder = Static<typeof Folder>;

export const FolderListResponse = Type.Object({
  items: Type.Array(Folder),
  /** Bookmarks in no folder ("Unfiled"). */
  unfiledCount: Type.Integer(),
});
export type FolderListResponse = Static<typeof FolderListResponse>;

export const FolderInput = Type.Object({ name: FolderName });
export type FolderInput = Static<typeof FolderInput>;

export const FOLDER_DELETE_MODES = ['unfile', 'delete'] as const;
export type FolderDeleteMode = (typeof FOLDER_DELETE_MODES)[number];

export const FolderDeleteQuery = Type.Object({
  /** What happens to the folder's bookmarks: moved to Unfiled (default) or deleted with it. */
  bookmarks: Type.Optional(Type.Union([Type.Literal('unfile'), Type.Literal('delete')])),
});

export const FolderDeleteResponse = Type.Object({
  ok: Type.Literal(true),
  unfiledBookmarks: Type.Integer(),
  deletedBookmarks: Type.Integer(),
});
export type FolderDeleteResponse = Static<typeof FolderDeleteResponse>;

export const BookmarkRevision = Type.Object({ id: Uuid, number: Type.Integer() });

/** The bookmarked document as the reader can see it now. */
export const BookmarkedDocument = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  publisher: Type.String(),
  documentDate: Nullable(Type.String()),
  lastReviewedAt: Nullable(Type.String()),
  citations: Type.Array(Type.String()),
  /** False when the document was withdrawn (archived or unpublished) after it was saved. */
  available: Type.Boolean(),
  publishedAt: Nullable(DateTime),
  /** It cites an authority flagged after its last review: badge the bookmark. */
  needsReview: Type.Boolean(),
});

export const Bookmark = Type.Object({
  id: Uuid,
  folderId: Nullable(Uuid),
  note: Type.String(),
  /** null: the whole document. */
  sectionAnchor: Nullable(Type.String()),
  /** The section's heading now, or as it was when saved if the section is gone. */
  sectionHeading: Nullable(Type.String()),
  /** The bookmarked section is not in the current published revision: links fall back to the document. */
  sectionMissing: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
  document: BookmarkedDocument,
  /** A newer revision was published after the bookmark was saved (or last marked as seen). */
  updatedSinceSaved: Type.Boolean(),
  /**
   * "What changed since you saved it": the published revision current when it was saved (or
   * last marked seen) and the current one. When they differ, the SPA opens
   * /documents/:id/revisions/:saved/diff/:current at `sectionAnchor`.
   */
  savedRevision: Nullable(BookmarkRevision),
  currentRevision: Nullable(BookmarkRevision),
  superseded: Type.Boolean(),
  supersededBy: Nullable(DocumentRef),
});
export type Bookmark = Static<typeof Bookmark>;

export const BookmarkCreate = Type.Object({
  documentId: Uuid,
  sectionAnchor: Type.Optional(Nullable(SectionAnchor)),
  note: Type.Optional(BookmarkNote),
  folderId: Type.Optional(Nullable(Uuid)),
});
export type BookmarkCreate = Static<typeof BookmarkCreate>;

export const BookmarkUpdate = Type.Object({
  note: Type.Optional(BookmarkNote),
  folderId: Type.Optional(Nullable(Uuid)),
  /** Acknowledge the current published revision: clears "updated since you saved it". */
  markSeen: Type.Optional(Type.Literal(true)),
});
export type BookmarkUpdate = Static<typeof BookmarkUpdate>;

export const BOOKMARK_SORTS = ['saved', 'document_date', 'title'] as const;
export type BookmarkSort = (typeof BOOKMARK_SORTS)[number];

/** `folder`: a folder id, `unfiled`, or omitted for all. */
export const FolderSelector = Type.Union([Uuid, Type.Literal('unfiled'), Type.Literal('all')]);

export const BookmarkListQuery = Type.Object({
  folder: Type.Optional(FolderSelector),
  documentId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Union([Type.Literal('saved'), Type.Literal('document_date'), Type.Literal('title')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type BookmarkListQuery = Static<typeof BookmarkListQuery>;

export const BookmarkListResponse = Type.Object({
  items: Type.Array(Bookmark),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export type BookmarkListResponse = Static<typeof BookmarkListResponse>;

export const EXPORT_FORMATS = ['markdown', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const BookmarkExportQuery = Type.Object({
  folder: Type.Optional(FolderSelector),
  format: Type.Union([Type.Literal('markdown'), Type.Literal('csv')]),
});
export type BookmarkExportQuery = Static<typeof BookmarkExportQuery>;

/** Reader-side context of a document: related guidance and the primary sources it cites. */
export const RelatedDocument = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  publisher: Type.String(),
  documentDate: Nullable(Type.String()),
  superseded: Type.Boolean(),
  /** Taxonomy codes both documents carry. */
  sharedTerms: Type.Array(Type.String()),
});
export type RelatedDocument = Static<typeof RelatedDocument>;

export const CitationLink = Type.Object({
  text: Type.String(),
  /** The primary source in the knowledge base this citation points at, if held. */
  document: Nullable(Type.Object({ id: Uuid, slug: Type.String(), title: Type.String(), kind: DocumentKindSchema })),
});
export type CitationLink = Static<typeof CitationLink>;

export const DocumentRelatedResponse = Type.Object({
  related: Type.Array(RelatedDocument),
  citations: Type.Array(CitationLink),
});
export type DocumentRelatedResponse = Static<typeof DocumentRelatedResponse>;
