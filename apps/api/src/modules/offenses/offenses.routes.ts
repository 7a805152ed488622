import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChartImportErrorResponse,
  ChartImportQuery,
  ChartImportResponse,
  ChartListResponse,
  ChartParams,
  ChartResponse,
  CreateDocumentResponse,
  CreateOffenseBody,
  DraftConflictResponse,
  ErrorResponse,
  IdParams,
  OffenseEntryView,
  OffenseListQuery,
  OffenseListResponse,
  OffenseParams,
  SaveDraftResponse,
  SaveOffenseDraftBody,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../lib/errors';
import { hasRole } from '../../plugins/auth';
import type { Actor } from '../documents';
import { chartCsv } from './charts.csv';
import { createOffense, importChartCsv, saveOffenseDraft } from './offenses.editor';
import { chart, chartList, entryView, listEntries } from './offenses.service';

const reader = { access: 'reader' } as const;
const editor = { access: 'editor' } as const;
const tags = ['offenses'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const actorOf = (request: FastifyRequest): Actor => ({ user: request.user, ip: request.ip });

/** A chart CSV (a few thousand rows at most) fits in this. */
const CSV_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

const EntryView = Type.Object({ view: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('draft')])) });

/**
 * Offense entries (chart rows) and the charts they form. An entry is a document of kind
 * `offense_entry`: publishing, review, history, diffs and supersession are the documents'
 * editorial routes; these add the row's own reading, writing, charts and CSV.
 */
const offensesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/offenses',
    {
      config: reader,
      schema: {
        tags,
        summary:
          'Published offense entries (chart rows): filter by jurisdiction, citation or words, and a column outcome',
        description:
          '`q` understands citations ("PC 273", "273.5 PC", "Cal. Penal Code § 273.5(a)") and words. ' +
          '`consequence=aggravated_felony&outcome=no` lists rows that are not aggravated felonies; `outcome` repeats. ' +
          'A row with no assessment for the column counts as `unclear`.',
        querystring: OffenseListQuery,
        response: { 200: OffenseListResponse, ...errors },
      },
    },
    async (request) => listEntries(app.db, request.query),
  );

  app.get(
    '/offenses/:id',
    {
      config: reader,
      schema: {
        tags,
        summary: 'One offense entry by id or slug: its row, authorities, advisories and the documents that cite it',
        description:
          'Readers see published entries only (a draft is a 404). Editors may ask for `?view=draft`: the latest revision.',
        params: OffenseParams,
        querystring: EntryView,
        response: { 200: OffenseEntryView, ...errors },
      },
    },
    async (request) =>
      entryView(
        app.db,
        request.params.id,
        request.query.view === 'draft' && hasRole(request.user, 'editor') ? 'head' : 'published',
      ),
  );

  app.get(
    '/charts',
    {
      config: reader,
      schema: {
        tags,
        summary: 'The jurisdictions with published chart rows, with their counts and last review dates',
        response: { 200: ChartListResponse, ...errors },
      },
    },
    async () => chartList(app.db),
  );

  app.get(
    '/charts/:jurisdiction',
    {
      config: reader,
      schema: {
        tags,
        summary: 'A jurisdiction’s chart (`us-ca`): its rows, narratives and coverage',
        description:
          'Rows in statute order, the narrative chart documents, and coverage: the federal rules that apply everywhere, ' +
          'and for a jurisdiction without rows (`covered: false`) the nearest covered guidance.',
        params: ChartParams,
        response: { 200: ChartResponse, ...errors },
      },
    },
    async (request) => chart(app.db, request.params.jurisdiction),
  );

  app.get(
    '/charts/:jurisdiction.csv',
    {
      config: reader,
      schema: {
        tags,
        summary: 'A jurisdiction’s chart as CSV, with each row’s last review date and revision number',
        description: 'The columns of CHART_CSV_COLUMNS; the file POST /api/charts/import reads back.',
        params: ChartParams,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const { jurisdiction } = request.params;
      const result = await chart(app.db, jurisdiction);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${jurisdiction}-chart.csv"`)
        .send(chartCsv(result.entries));
    },
  );

  app.get(
    '/charts/:jurisdiction/:entry',
    {
      config: reader,
      schema: {
        tags,
        summary: 'One row of a chart by its page address (`/charts/us-ca/pc-273-5-a`)',
        params: Type.Object({
          jurisdiction: ChartParams.properties.jurisdiction,
          entry: Type.String({ minLength: 1, maxLength: 150, pattern: '^[a-z0-9-]+$' }),
        }),
        querystring: EntryView,
        response: { 200: OffenseEntryView, ...errors },
      },
    },
    async (request) => {
      const view = await entryView(
        app.db,
        `${request.params.jurisdiction}-${request.params.entry}`,
        request.query.view === 'draft' && hasRole(request.user, 'editor') ? 'head' : 'published',
      );
      if (view.jurisdiction !== request.params.jurisdiction) throw notFound('Offense entry');
      return view;
    },
  );

  app.post(
    '/offenses',
    {
      config: editor,
      schema: {
        tags: [...tags, 'editorial'],
        summary: 'Create an offense entry as a draft; title, body and citations are derived from the row',
        body: CreateOffenseBody,
        response: { 201: CreateDocumentResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createOffense(app.db, actorOf(request), request.body)),
  );

  app.put(
    '/offenses/:id/draft',
    {
      config: editor,
      schema: {
        tags: [...tags, 'editorial'],
        summary:
          'Save a draft of an entry on top of baseRevisionId; 409 with the current revision when another save landed first',
        params: IdParams,
        body: SaveOffenseDraftBody,
        response: { 200: SaveDraftResponse, ...errors, 409: DraftConflictResponse },
      },
    },
    async (request) => saveOffenseDraft(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/charts/import',
    {
      config: editor,
      bodyLimit: CSV_BODY_LIMIT_BYTES,
      schema: {
        tags: [...tags, 'editorial'],
        summary: 'Import chart rows from CSV (body: text/csv); a file with any bad cell is refused whole (422)',
        description:
          'Every cell is checked first; the 422 names each bad line and column and nothing changes. Rows match existing ' +
          'entries by jurisdiction and statute keys: a row equal to its entry is left alone, so re-importing a file ' +
          'changes nothing. `publish=false` leaves new and changed rows as drafts.',
        querystring: ChartImportQuery,
        body: Type.String({ maxLength: CSV_BODY_LIMIT_BYTES }),
        response: { 200: ChartImportResponse, ...errors, 422: ChartImportErrorResponse },
      },
    },
    async (request) => importChartCsv(app.db, actorOf(request), request.body, { publish: request.query.publish }),
  );
};

export default offensesRoutes;
