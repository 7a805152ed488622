import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DocumentListQuery,
  DocumentListResponse,
  DocumentRelatedResponse,
  DocumentView,
  ErrorResponse,
} from '@kb/contracts';
import { Type } from 'typebox';
import editorRoutes from './documents.editor.routes';
import { listDocumentsFor, readDocument, readRelated } from './documents.reading.service';
import supersessionRoutes from './documents.supersession.routes';

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
    async (request) => listDocumentsFor(app.db, request.user, request.query),
  );

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
    async (request) => readDocument(app.db, request.params.idOrSlug, request.query.view, request.user),
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
    async (request) => readRelated(app.db, request.params.idOrSlug, request.query.view, request.user),
  );

  // The editorial side: drafts, revisions, the lifecycle.
  await app.register(editorRoutes);
  await app.register(supersessionRoutes);
};

export default documentsRoutes;
