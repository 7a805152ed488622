import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminTaxonomyResponse,
  CreateSearchPhraseBody,
  CreateTermBody,
  ErrorResponse,
  IdParams,
  MergeTermBody,
  SearchPhraseChangeResponse,
  SearchPhrasesResponse,
  TaxonomyResponse,
  TermChangeResponse,
  UpdateSearchPhraseBody,
  UpdateTermBody,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { listAdminTaxonomy, listSearchPhrases, listTaxonomy } from './taxonomy.repository';
import {
  type Actor,
  changeSearchPhrase,
  createSearchPhrase,
  createTerm,
  mergeTerms,
  refreshVocabulary,
  removeSearchPhrase,
  type TaggedDocuments,
  toSearchPhrase,
  updateTerm,
} from './taxonomy.service';

const admin = { access: 'admin' } as const;
/** Editors extend the lawyer vocabulary too: they read the searches that found nothing. */
const editor = { access: 'editor' } as const;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const actorOf = (request: FastifyRequest): Actor => ({ user: request.user, ip: request.ip });

export interface TaxonomyRoutesOptions {
  /** The documents tagged with the vocabulary: re-tagged by a merge, re-indexed by an edit. */
  documents: TaggedDocuments;
}

const taxonomyRoutes: FastifyPluginAsyncTypebox<TaxonomyRoutesOptions> = async (app, { documents }) => {
  app.get(
    '/taxonomy',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['taxonomy'],
        summary: 'The controlled vocabulary: offense types and consequences with codes, labels and synonyms',
        response: { 200: TaxonomyResponse },
      },
    },
    async () => listTaxonomy(app.db),
  );

  app.get(
    '/taxonomy/terms',
    {
      config: admin,
      schema: {
        tags: ['taxonomy'],
        summary: 'Vocabulary management: every term with the number of published documents tagged with it',
        response: { 200: AdminTaxonomyResponse, ...errors },
      },
    },
    async () => ({ terms: await listAdminTaxonomy(app.db) }),
  );

  app.post(
    '/taxonomy/terms',
    {
      config: admin,
      schema: {
        tags: ['taxonomy'],
        summary: 'Add an offense type or consequence (code, label, synonyms, optional broader term)',
        body: CreateTermBody,
        response: { 201: TermChangeResponse, ...errors },
      },
    },
    async (request, reply) => {
      const term = await createTerm(app.db, actorOf(request), request.body);
      const searchSynonymsUpdated = await refreshVocabulary(app);
      return reply.status(201).send({ term, retaggedDocuments: 0, searchSynonymsUpdated });
    },
  );

  app.patch(
    '/taxonomy/terms/:id',
    {
      config: admin,
      schema: {
        tags: ['taxonomy'],
        summary:
          'Rename a term, edit its synonyms or move it under another term; its code stays. Tagged documents are re-indexed and search synonyms refreshed.',
        params: IdParams,
        body: UpdateTermBody,
        response: { 200: TermChangeResponse, ...errors },
      },
    },
    async (request) => {
      const { term } = await updateTerm(app.db, actorOf(request), request.params.id, request.body, documents);
      return { term, retaggedDocuments: 0, searchSynonymsUpdated: await refreshVocabulary(app) };
    },
  );

  app.post(
    '/taxonomy/terms/:id/merge',
    {
      config: admin,
      schema: {
        tags: ['taxonomy'],
        summary:
          'Merge this term into another of the same vocabulary: documents are re-tagged through new revisions (published ones republished), the old label becomes a synonym, the term is removed, search synonyms refresh',
        params: IdParams,
        body: MergeTermBody,
        response: { 200: TermChangeResponse, ...errors },
      },
    },
    async (request) => {
      const { term, retagged } = await mergeTerms(
        app.db,
        actorOf(request),
        request.params.id,
        request.body.intoId,
        documents,
      );
      return { term, retaggedDocuments: retagged, searchSynonymsUpdated: await refreshVocabulary(app) };
    },
  );

  // The lawyer's vocabulary: what practitioners type, and what the guidance calls it.
  app.get(
    '/taxonomy/phrases',
    {
      config: editor,
      schema: {
        tags: ['taxonomy'],
        summary: "The lawyer's vocabulary search understands: abbreviations, lay terms, everyday offense names",
        response: { 200: SearchPhrasesResponse, ...errors },
      },
    },
    async () => ({ phrases: (await listSearchPhrases(app.db)).map(toSearchPhrase) }),
  );

  app.post(
    '/taxonomy/phrases',
    {
      config: editor,
      schema: {
        tags: ['taxonomy'],
        summary:
          'Teach search a phrase ("ICE hold") and what it means ("immigration detainer"); a meaning may be a citation',
        body: CreateSearchPhraseBody,
        response: { 201: SearchPhraseChangeResponse, ...errors },
      },
    },
    async (request, reply) => {
      const phrase = await createSearchPhrase(app.db, actorOf(request), request.body);
      return reply.status(201).send({ phrase, searchSynonymsUpdated: await refreshVocabulary(app) });
    },
  );

  app.patch(
    '/taxonomy/phrases/:id',
    {
      config: editor,
      schema: {
        tags: ['taxonomy'],
        summary: 'Change a phrase of the lawyer vocabulary or its meanings',
        params: IdParams,
        body: UpdateSearchPhraseBody,
        response: { 200: SearchPhraseChangeResponse, ...errors },
      },
    },
    async (request) => {
      const phrase = await changeSearchPhrase(app.db, actorOf(request), request.params.id, request.body);
      return { phrase, searchSynonymsUpdated: await refreshVocabulary(app) };
    },
  );

  app.delete(
    '/taxonomy/phrases/:id',
    {
      config: editor,
      schema: {
        tags: ['taxonomy'],
        summary: 'Remove a phrase from the lawyer vocabulary',
        params: IdParams,
        response: { 200: SearchPhraseChangeResponse, ...errors },
      },
    },
    async (request) => {
      await removeSearchPhrase(app.db, actorOf(request), request.params.id);
      return { phrase: null, searchSynonymsUpdated: await refreshVocabulary(app) };
    },
  );
};

export default taxonomyRoutes;
