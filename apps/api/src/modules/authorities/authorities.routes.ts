import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuthorityCard,
  AuthorityListResponse,
  AuthoritySlugParams,
  AuthorityStatusResponse,
  AuthorityStatusUpdate,
  ErrorResponse,
  ReviewQueueQuery,
  ReviewQueueResponse,
} from '@kb/contracts';
import { authorityCard, listAuthorities, readReviewQueue, setAuthorityStatus } from './authorities.service';

const tags = ['authorities'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Authority cards, authority status ("is this still good law?") and the editors' review queue. */
const authoritiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/authorities',
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary:
          'The authority cards: cases lawyers cite that the library does not hold in full, with status and counts',
        response: { 200: AuthorityListResponse, ...errors },
      },
    },
    async () => listAuthorities(app.db),
  );

  app.get(
    '/authorities/:slug',
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary: 'An authority card: its holding, status and status history, and the published guidance citing it',
        params: AuthoritySlugParams,
        response: { 200: AuthorityCard, ...errors },
      },
    },
    async (request) => authorityCard(app.db, request.params.slug),
  );

  app.put(
    '/authorities/status',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Mark an authority overruled, abrogated, vacated, superseded, amended, enjoined or questioned (or good again)',
        description:
          'Name it by `documentId` (a published primary source) or `citation` (one resolving to a held document or an ' +
          'authority card flags that; otherwise the citation itself). A new entry in its status history, audited; ' +
          'every published document and entry citing it needs review until reviewed or revised. `good` clears the flag.',
        body: AuthorityStatusUpdate,
        response: { 200: AuthorityStatusResponse, ...errors },
      },
    },
    async (request) => setAuthorityStatus(app.db, { user: request.user, ip: request.ip }, request.body),
  );

  app.get(
    '/editor/review-queue',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Published guidance that needs review (a cited authority flagged since) or is overdue, most bookmarked first, then most recently read',
        description: "An editor sees their organization's guidance; a network admin everyone's.",
        querystring: ReviewQueueQuery,
        response: { 200: ReviewQueueResponse, ...errors },
      },
    },
    async (request) => readReviewQueue(app.db, request.user, request.query),
  );
};

export default authoritiesRoutes;
