import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateDocumentBody,
  CreateDocumentResponse,
  CreateReviewCommentBody,
  CreateSupersessionRequestBody,
  DocumentReviewInput,
  DocumentReviewResponse,
  DraftConflictResponse,
  EditorDocument,
  EditorRevision,
  ErrorResponse,
  IdParams,
  PublishBody,
  RestoreBody,
  ReviewEntriesResponse,
  RevisionDiff,
  RevisionDiffParams,
  RevisionHistory,
  SaveDraftBody,
  SaveDraftResponse,
  SupersedeBody,
  SupersessionRequest,
  TransitionBody,
  Uuid,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { hasRole } from '../../plugins/auth';
import {
  documentReviews,
  documentRevision,
  editorDocument,
  type HistoryView,
  revisionHistory,
} from './documents.editor.repository';
import {
  type Actor,
  addReviewComment,
  changeStatus,
  createDocument,
  ensureManagesDocument,
  managesDocument,
  publishDocument,
  restoreRevision,
  reviewDocument,
  revisionDiff,
  saveDraft,
  supersedeDocument,
} from './documents.editor.service';
import { requestSupersession } from './documents.supersession.service';

const editor = { access: 'editor' } as const;
const tags = ['editorial'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const actorOf = (request: FastifyRequest): Actor => ({ user: request.user, ip: request.ip });
// Readers may follow a published document's history (published revisions only); editors see it all.
const reader = { access: 'reader' } as const;
/** The editor's view of a document's history is its owning organization's editors' (and network admins'). */
const viewOf = async (db: Database, request: FastifyRequest, documentId: string): Promise<HistoryView> =>
  request.user && hasRole(request.user, 'editor') && (await managesDocument(db, request.user, documentId))
    ? 'editor'
    : 'reader';

/** The editorial side of documents: drafts, the review lifecycle, history. Editors and admins only. */
// A whole treatise (the body may hold 5 million characters) must fit in one save; other
// routes keep the app's small default limit.
const DOCUMENT_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

const documentsEditorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Actions like submit need no body: an empty request counts as `{}` (this plugin only).
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) request.body = {};
  });
  // Every route on one document is its owning organization's (network admins: all): another
  // organization's editor gets 403 before anything is read or written.
  // (The history routes are readers' too: another organization's editor reads them as a reader.)
  app.addHook('preHandler', async (request) => {
    const id = (request.params as { id?: string } | undefined)?.id;
    if (id && request.routeOptions.config.access === 'editor') await ensureManagesDocument(app.db, request.user, id);
  });

  app.post(
    '/documents',
    {
      config: editor,
      bodyLimit: DOCUMENT_BODY_LIMIT_BYTES,
      schema: {
        tags,
        summary: 'Create a document: its metadata and body become revision 1 of a new draft',
        body: CreateDocumentBody,
        response: { 201: CreateDocumentResponse, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createDocument(app.db, actorOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/documents/:id/editor',
    {
      config: editor,
      schema: {
        tags,
        summary: 'Open a document in the editor: latest revision, published revision, status, allowed actions',
        params: IdParams,
        response: { 200: EditorDocument, ...errors },
      },
    },
    async (request) => editorDocument(app.db, request.params.id),
  );

  app.put(
    '/documents/:id/draft',
    {
      config: editor,
      bodyLimit: DOCUMENT_BODY_LIMIT_BYTES,
      schema: {
        tags,
        summary:
          'Save a draft revision based on baseRevisionId; 409 with the current revision when another save landed first. Editing a published document leaves readers on the published revision.',
        params: IdParams,
        body: SaveDraftBody,
        response: { 200: SaveDraftResponse, ...errors, 409: DraftConflictResponse },
      },
    },
    async (request) => saveDraft(app.db, actorOf(request), request.params.id, request.body),
  );

  for (const [action, summary] of [
    ['submit', 'Submit a draft for review (draft → in review)'],
    ['withdraw', 'Send a document in review back to draft (in review → draft)'],
    ['archive', 'Archive a document (draft, in review or published → archived); removes it from search'],
    ['reopen', 'Reopen an archived document as a draft (archived → draft)'],
  ] as const) {
    app.post(
      `/documents/:id/${action}`,
      {
        config: editor,
        schema: {
          tags,
          summary: `${summary}. 409 when the document's state does not allow it.`,
          params: IdParams,
          body: TransitionBody,
          response: { 200: EditorDocument, ...errors, 409: ErrorResponse },
        },
      },
      async (request) => {
        await changeStatus(app.db, actorOf(request), request.params.id, action, request.body.note);
        return editorDocument(app.db, request.params.id);
      },
    );
  }

  app.post(
    '/documents/:id/publish',
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Approve and publish a revision (default: the latest) from draft, in review, or published with changes. Only the owning organization's editors (and network admins); under its two_person policy the author of the unpublished revisions cannot (409). The approval (who, when, note) goes into the history and the audit log.",
        params: IdParams,
        body: PublishBody,
        response: { 200: EditorDocument, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => {
      await publishDocument(app.db, actorOf(request), request.params.id, request.body);
      return editorDocument(app.db, request.params.id);
    },
  );

  app.post(
    '/documents/:id/review',
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Record that the published guidance was reviewed and is still right: a new published revision with today's last-reviewed date and the note as its change note (the publication date stays). Clears needs-review for this document. Only the owning organization's editors (and network admins); 409 when the document is not published.",
        params: IdParams,
        body: DocumentReviewInput,
        response: { 200: DocumentReviewResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => reviewDocument(app.db, actorOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/documents/:id/supersede',
    {
      config: editor,
      schema: {
        tags,
        summary:
          'Mark a published document as superseded by another published document (successorId null clears it); no self-reference, no cycles',
        params: IdParams,
        body: SupersedeBody,
        response: { 200: EditorDocument, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => {
      await supersedeDocument(app.db, actorOf(request), request.params.id, request.body.successorId);
      return editorDocument(app.db, request.params.id);
    },
  );

  app.post(
    '/documents/:id/supersession-requests',
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Ask that this published document supersede another organization's published document (documentId); that organization's editors approve or decline",
        params: IdParams,
        body: CreateSupersessionRequestBody,
        response: { 201: SupersessionRequest, ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestSupersession(app.db, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/documents/:id/restore',
    {
      config: editor,
      schema: {
        tags,
        summary: 'Restore an older revision as a new draft revision on top of the latest (nothing is discarded)',
        params: IdParams,
        body: RestoreBody,
        response: { 200: SaveDraftResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => restoreRevision(app.db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/documents/:id/comments',
    {
      config: editor,
      schema: {
        tags,
        summary: "Review comments and approvals of a document, newest first (the owning organization's editors)",
        params: IdParams,
        response: { 200: ReviewEntriesResponse, ...errors },
      },
    },
    async (request) => ({ items: await documentReviews(app.db, request.params.id) }),
  );

  app.post(
    '/documents/:id/comments',
    {
      config: editor,
      schema: {
        tags,
        summary: "Comment on a document under review (default: its latest revision); the owning organization's editors",
        params: IdParams,
        body: CreateReviewCommentBody,
        response: { 201: ReviewEntriesResponse, ...errors },
      },
    },
    async (request, reply) => {
      await addReviewComment(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ items: await documentReviews(app.db, request.params.id) });
    },
  );

  app.get(
    '/documents/:id/revisions',
    {
      config: reader,
      schema: {
        tags,
        summary:
          'Revision history, newest first: number, author, time, note, latest/published markers (readers: the published revisions of a published document)',
        params: IdParams,
        response: { 200: RevisionHistory, ...errors },
      },
    },
    async (request) => revisionHistory(app.db, request.params.id, await viewOf(app.db, request, request.params.id)),
  );

  app.get(
    '/documents/:id/revisions/:revisionId',
    {
      config: reader,
      schema: {
        tags,
        summary: 'One revision with its full content (readers: published revisions only; 404 otherwise)',
        params: Type.Object({ id: Uuid, revisionId: Uuid }),
        response: { 200: EditorRevision, ...errors },
      },
    },
    async (request) =>
      documentRevision(
        app.db,
        request.params.id,
        request.params.revisionId,
        await viewOf(app.db, request, request.params.id),
      ),
  );

  app.get(
    '/documents/:id/revisions/:a/diff/:b',
    {
      config: reader,
      schema: {
        tags,
        summary:
          'What changed from revision a to revision b: metadata fields, the body section by section and line by line (readers: published revisions only; 404 for a draft revision)',
        params: RevisionDiffParams,
        response: { 200: RevisionDiff, ...errors },
      },
    },
    async (request) =>
      revisionDiff(
        app.db,
        request.params.id,
        request.params.a,
        request.params.b,
        await viewOf(app.db, request, request.params.id),
      ),
  );
};

export default documentsEditorRoutes;
