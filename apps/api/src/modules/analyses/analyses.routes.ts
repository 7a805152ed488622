import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AnalysisRequest,
  AnalysisResult,
  ErrorResponse,
  IdParams,
  Ok,
  SavedAnalysis,
  SavedAnalysisCreate,
  SavedAnalysisListResponse,
  SavedAnalysisUpdate,
} from '@kb/contracts';
import { Type } from 'typebox';
import { memoPdf } from './analyses.memo';
import {
  computeAnalysis,
  deleteSavedAnalysis,
  getSavedAnalysis,
  listSavedAnalyses,
  saveAnalysis,
  updateSavedAnalysis,
} from './analyses.service';

const reader = { access: 'reader' as const };
const errors = { 400: ErrorResponse, 404: ErrorResponse };
const tags = ['analyses'];

/** The plea consequence analyzer: previews for anyone signed in; saved analyses belong to their owner alone. */
const analysesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/analyses/preview',
    {
      config: reader,
      schema: {
        tags,
        summary: 'Analyze a client’s plea alternatives without saving (422 when a citation matches no published entry)',
        body: AnalysisRequest,
        response: { 200: AnalysisResult, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => computeAnalysis(app.db, request.body),
  );

  app.get(
    '/analyses',
    {
      config: reader,
      schema: { tags, summary: 'My saved analyses, newest first', response: { 200: SavedAnalysisListResponse } },
    },
    async (request) => listSavedAnalyses(app.db, request.user.id),
  );

  app.post(
    '/analyses',
    {
      config: reader,
      schema: {
        tags,
        summary: 'Save an analysis under a matter label (computed now, with the entry revisions it rests on)',
        body: SavedAnalysisCreate,
        response: { 201: SavedAnalysis, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await saveAnalysis(app.db, request.user.id, request.body, request.ip ?? null)),
  );

  app.get(
    '/analyses/:id',
    {
      config: reader,
      schema: {
        tags,
        summary: 'One of my saved analyses',
        params: IdParams,
        response: { 200: SavedAnalysis, ...errors },
      },
    },
    async (request) => getSavedAnalysis(app.db, request.user.id, request.params.id),
  );

  app.patch(
    '/analyses/:id',
    {
      config: reader,
      schema: {
        tags,
        summary: 'Edit the matter label or the advice text of a saved analysis',
        params: IdParams,
        body: SavedAnalysisUpdate,
        response: { 200: SavedAnalysis, ...errors },
      },
    },
    async (request) => updateSavedAnalysis(app.db, request.user.id, request.params.id, request.body),
  );

  app.delete(
    '/analyses/:id',
    {
      config: reader,
      schema: { tags, summary: 'Delete a saved analysis for good', params: IdParams, response: { 200: Ok, ...errors } },
    },
    async (request) => deleteSavedAnalysis(app.db, request.user.id, request.params.id, request.ip ?? null),
  );

  app.get(
    '/analyses/:id/memo.pdf',
    {
      config: reader,
      schema: {
        tags,
        summary: 'The advisal memo of a saved analysis as a PDF',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const saved = await getSavedAnalysis(app.db, request.user.id, request.params.id);
      const pdf = await memoPdf(saved, `${request.user.name} <${request.user.email}>`);
      const name =
        saved.matter
          .replace(/[^\w.-]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 60) || 'analysis';
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="advisal-memo-${name}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};

export default analysesRoutes;
