import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, isDatabaseUnavailable, isSearchUnavailable } from '../lib/errors';

const send = (
  reply: import('fastify').FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) => reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** One place that turns every error into the JSON error shape and hides internals of 5xx. */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
      if (error instanceof AppError) return send(reply, error.statusCode, error.code, error.message, error.details);
      const fe = error as FastifyError & { validation?: unknown[]; validationContext?: string };
      if (fe.validation) {
        return send(reply, 400, 'validation_failed', `Invalid ${fe.validationContext ?? 'request'}: ${fe.message}`);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        return send(reply, 503, 'unavailable', 'The database is unavailable. Try again shortly.');
      }
      if (isSearchUnavailable(error)) {
        request.log.warn({ err: error }, 'search unavailable');
        return send(reply, 503, 'unavailable', 'Search is unavailable. Try again shortly.');
      }
      const status = fe.statusCode ?? 500;
      if (status === 429) return send(reply, 429, 'rate_limited', fe.message || 'Too many requests. Try again later.');
      if (status === 413) return send(reply, 413, 'payload_too_large', 'The request body is too large.');
      if (status === 415) return send(reply, 415, 'unsupported_media_type', fe.message);
      if (status >= 400 && status < 500) {
        const code =
          status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request';
        return send(reply, status, code, fe.message || 'Bad request.');
      }
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, 'internal', 'Something went wrong on our side. The error was logged.');
    });

    app.setNotFoundHandler((request, reply) =>
      send(reply, 404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`),
    );
  },
  { name: 'errors' },
);
