import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DecideSupersessionRequestBody,
  ErrorResponse,
  IdParams,
  SupersessionRequest,
  SupersessionRequestListQuery,
  SupersessionRequestListResponse,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './documents.editor.service';
import { decideSupersession, supersessionRequests } from './documents.supersession.service';

const editor = { access: 'editor' } as const;
const tags = ['editorial'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const actorOf = (request: FastifyRequest): Actor => ({ user: request.user, ip: request.ip });

/**
 * Supersession across organizations, from the requests' side (asked on the successor:
 * POST /documents/:id/supersession-requests). The answer is the replaced document's organization's.
 */
const supersessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/supersession-requests',
    {
      config: editor,
      schema: {
        tags,
        summary:
          "Supersession requests concerning the caller's organization (incoming: replacing its documents; outgoing: asked by it); pending unless status says otherwise",
        querystring: SupersessionRequestListQuery,
        response: { 200: SupersessionRequestListResponse, 400: ErrorResponse },
      },
    },
    async (request) => supersessionRequests(app.db, actorOf(request), request.query),
  );

  for (const decision of ['approve', 'decline', 'withdraw'] as const) {
    app.post(
      `/supersession-requests/:id/${decision}`,
      {
        config: editor,
        schema: {
          tags,
          summary:
            decision === 'withdraw'
              ? "Withdraw a pending request (the requesting organization's editors)"
              : decision === 'approve'
                ? "Approve a pending request: the document is marked superseded (the replaced document's organization's editors)"
                : "Decline a pending request (the replaced document's organization's editors)",
          params: IdParams,
          body: DecideSupersessionRequestBody,
          response: { 200: SupersessionRequest, ...errors },
        },
      },
      async (request) => decideSupersession(app.db, actorOf(request), request.params.id, decision, request.body.note),
    );
  }
};

export default supersessionRoutes;
