import type { DocumentListQuery, DocumentRelatedResponse, DocumentView } from '@kb/contracts';
import type { Database } from '@kb/db';
import type { Static } from 'typebox';
import { notFound } from '../../lib/errors';
import { type CurrentUser, hasRole } from '../../plugins/auth';
import { documentCurrency } from './documents.citations';
import { mayManage } from './documents.editor.service';
import { documentView, findDocumentByIdOrSlug, listDocuments } from './documents.reading.repository';
import { countRead } from './documents.reads';
import { documentContext } from './documents.related';

/** Which revision a reader asks for: the published one, or (editors only) the latest draft. */
export type RevisionView = 'published' | 'draft' | undefined;

/**
 * The document and the revision this user may read: the published one, or for the owning
 * organization's editors asking for ?view=draft the latest. Others get the same 404 for a
 * draft as for nothing: drafts do not exist for them.
 */
async function visibleRevision(db: Database, idOrSlug: string, view: RevisionView, user: CurrentUser) {
  const doc = await findDocumentByIdOrSlug(db, idOrSlug);
  const revisionId =
    view === 'draft' && doc && mayManage(user, doc)
      ? doc.headRevisionId
      : doc?.status === 'published'
        ? doc.publishedRevisionId
        : null;
  if (!doc || !revisionId) throw notFound('Document');
  return { doc, revisionId };
}

/** GET /documents/:idOrSlug: the document through the revision this user may read. */
export async function readDocument(
  db: Database,
  idOrSlug: string,
  view: RevisionView,
  user: CurrentUser,
): Promise<DocumentView> {
  const { doc, revisionId } = await visibleRevision(db, idOrSlug, view, user);
  const document = await documentView(db, doc, revisionId);
  if (!document) throw notFound('Document');
  const published = doc.status === 'published' && revisionId === doc.publishedRevisionId;
  const currency = await documentCurrency(db, doc.id, { published, citations: document.citations });
  if (published) countRead(db, doc.id);
  return { ...document, ...currency };
}

/** GET /documents/:idOrSlug/related: related guidance and citation links of that revision. */
export async function readRelated(
  db: Database,
  idOrSlug: string,
  view: RevisionView,
  user: CurrentUser,
): Promise<DocumentRelatedResponse> {
  const { doc, revisionId } = await visibleRevision(db, idOrSlug, view, user);
  const context = await documentContext(db, doc.id, revisionId);
  if (!context) throw notFound('Document');
  return context;
}

/**
 * GET /documents: readers see published documents; editors their own organization's, by
 * status (network admins every one).
 */
export async function listDocumentsFor(db: Database, user: CurrentUser, query: Static<typeof DocumentListQuery>) {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 20;
  const editing = hasRole(user, 'editor') && query.status !== 'published';
  const result = await listDocuments(db, {
    audience: editing ? 'editor' : 'reader',
    organizationId: editing && user.role !== 'admin' ? (user.organizationId ?? 'none') : undefined,
    status: query.status,
    kind: query.kind,
    q: query.q,
    sort: query.sort,
    page,
    perPage,
  });
  return { ...result, page, perPage };
}
