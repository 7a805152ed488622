import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  SearchQuery,
  SearchResponse,
  SearchStatusResponse,
  SuggestQuery,
  SuggestResponse,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../lib/errors';
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
  app.get(
    '/search',
    {
      config: { access: 'reader' },
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
    async (request) => search(app, request.query),
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
