import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  SearchAnalyticsQuery,
  SearchAnalyticsResponse,
  SearchClickBody,
  SearchQuery,
  SearchResponse,
  SearchStatusResponse,
  SuggestQuery,
  SuggestResponse,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../lib/errors';
import { acceptPendingUser } from '../../plugins/auth';
import { SearchAnalytics } from './search.analytics';
import { search, searchStatus, suggest } from './search.service';

/**
 * Refuses query parameters the schema does not name. The app's validator strips unknown
 * properties silently; for search that would turn a misspelt filter ("offensetype") into a
 * broader search than the reader asked for, so it is an error instead.
 */
const onlyKnownParameters = (schema: { properties: Record<string, unknown> }) => {
  const known = Object.keys(schema.properties);
  return async (request: FastifyRequest) => {
    const unknown = Object.keys((request.query as Record<string, unknown>) ?? {}).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw badRequest(
        `Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown
          .slice(0, 5)
          .map((k) => `"${k.slice(0, 40)}"`)
          .join(', ')}. Known: ${known.join(', ')}.`,
      );
    }
  };
};

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const analytics = new SearchAnalytics(app.db, app.log);
  app.addHook('onClose', () => analytics.stop());

  app.get(
    '/search',
    {
      // The reader is checked in the same query as the hits' states: one round trip per cached search.
      config: { access: 'reader', userCheck: 'in-handler' },
      preValidation: onlyKnownParameters(SearchQuery),
      schema: {
        tags: ['search'],
        summary: 'Search published guidance by words, citations, offense type, consequence, jurisdiction, kind',
        description:
          'One hit per document, at its best-matching section, with a structured snippet. Filters repeat ' +
          '(`?consequence=cimt&consequence=aggravated-felony`: either) and combine across facets (both). ' +
          'Facet counts are disjunctive: a facet is counted without its own filter. `degraded: true` means ' +
          'the search engine was unavailable and PostgreSQL full-text search answered.',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (request, reply) => {
      const pending = request.pendingUser;
      const { total, body } = await search(
        app,
        request.query,
        pending && {
          who: { id: pending.payload.sub, sid: pending.payload.sid ?? null },
          get checked() {
            return pending.checked;
          },
          accept: (user) => acceptPendingUser(request, pending, user),
        },
      );
      analytics.recordSearch(request.query, total);
      // Bytes are the answer already written as JSON (search.reply.ts): Fastify sends a Buffer as it
      // is (the type provider only knows the object form).
      if (Buffer.isBuffer(body)) return reply.type('application/json; charset=utf-8').send(body as never);
      return body;
    },
  );

  app.post(
    '/search/clicks',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['search'],
        summary:
          'Count that a result of this query was opened (for search analytics; nothing about the reader is kept)',
        body: SearchClickBody,
        response: { 204: Type.Null(), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      analytics.recordClick(request.body.q);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/search-analytics',
    {
      config: { access: 'editor' },
      preValidation: onlyKnownParameters(SearchAnalyticsQuery),
      schema: {
        tags: ['search', 'admin'],
        summary:
          "Search analytics: the period's top queries, queries that found nothing or whose results nobody opened, and the filters used",
        description:
          'Aggregated counts per day and normalized query, never linked to a user; kept 90 days. `days` (default 7) is the period, today included.',
        querystring: SearchAnalyticsQuery,
        response: { 200: SearchAnalyticsResponse, 400: ErrorResponse },
      },
    },
    async (request) => analytics.report(request.query.days ?? 7),
  );

  app.get(
    '/search/suggest',
    {
      config: { access: 'reader' },
      preValidation: onlyKnownParameters(SuggestQuery),
      schema: {
        tags: ['search'],
        summary: 'As-you-type suggestions: vocabulary terms, published titles and citations',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse, 400: ErrorResponse },
      },
    },
    async (request) => suggest(app, request.query),
  );

  app.get(
    '/admin/search/status',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['search', 'admin'],
        summary: 'Search index health: changes waiting, failing, the lag and the last error',
        response: { 200: SearchStatusResponse },
      },
    },
    async () => searchStatus(app),
  );
};

export default searchRoutes;
