import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DocumentListQuery,
  DocumentListResponse,
  DocumentRelatedResponse,
  DocumentView,
  ErrorResponse,
} from '@kb/contracts';
import { Type } from 'typebox';
import { notFound } from '../../lib/errors';
import { type CurrentUser, hasRole } from '../../plugins/auth';
import { documentView, findDocumentByIdOrSlug, listDocuments } from './documents.queries';
import { documentContext } from './documents.related';

const IdOrSlug = Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) });

const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/documents',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['documents'],
        summary: 'List documents (readers: published only; editors: all, by status)',
        querystring: DocumentListQuery,
        response: { 200: DocumentListResponse, 400: ErrorResponse },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const perPage = request.query.perPage ?? 20;
      const result = await listDocuments(app.db, {
        audience: hasRole(request.user, 'editor') && request.query.status !== 'published' ? 'editor' : 'reader',
        status: request.query.status,
        kind: request.query.kind,
        q: request.query.q,
        sort: request.query.sort,
        page,
        perPage,
      });
      return { ...result, page, perPage };
    },
  );

  /**
   * The document and the revision this user may read: the published one, or for editors asking
   * for ?view=draft the latest. Readers get the same 404 for a draft as for nothing: drafts do
   * not exist for them.
   */
  const visibleRevision = async (idOrSlug: string, view: 'published' | 'draft' | undefined, user: CurrentUser) => {
    const doc = await findDocumentByIdOrSlug(app.db, idOrSlug);
    const revisionId =
      view === 'draft' && hasRole(user, 'editor')
        ? doc?.headRevisionId
        : doc?.status === 'published'
          ? doc.publishedRevisionId
          : null;
    if (!doc || !revisionId) throw notFound('Document');
    return { doc, revisionId };
  };

  app.get(
    '/documents/:idOrSlug',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['documents'],
        summary: 'A document: its published revision (editors may ask for the draft with ?view=draft)',
        params: IdOrSlug,
        querystring: Type.Object({
          view: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('draft')])),
        }),
        response: { 200: DocumentView, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { doc, revisionId } = await visibleRevision(request.params.idOrSlug, request.query.view, request.user);
      const view = await documentView(app.db, doc, revisionId);
      if (!view) throw notFound('Document');
      return view;
    },
  );

  // Reader side: what the document page shows beside the text.
  app.get(
    '/documents/:idOrSlug/related',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['documents'],
        summary: 'Related published documents (shared tags) and links from its citations to primary sources held',
        params: IdOrSlug,
        querystring: Type.Object({
          view: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('draft')])),
        }),
        response: { 200: DocumentRelatedResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { doc, revisionId } = await visibleRevision(request.params.idOrSlug, request.query.view, request.user);
      const context = await documentContext(app.db, doc.id, revisionId);
      if (!context) throw notFound('Document');
      return context;
    },
  );
};

export default documentsRoutes;
