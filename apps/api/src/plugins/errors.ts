import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, isDatabaseUnavailable, isInvalidTextInput, isSearchUnavailable } from '../lib/errors';

/** A 503 is always temporary here (a server restarting, a search overloaded): say when to retry. */
const RETRY_AFTER_SECONDS = '2';

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) => {
  if (status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
};

/**
 * Text PostgreSQL cannot store: a NUL byte, or a UTF-16 surrogate without its pair (JSON allows
 * `"\ud800"`; a jsonb column refuses it, a text column would silently store U+FFFD instead).
 */
const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;

/** The first string in `value` (keys included, at any depth) that PostgreSQL would refuse. */
export function findUnstorableText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? value : undefined;
  if (!value || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnstorableText(item, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (UNSTORABLE_TEXT.test(key)) return key;
    const found = findUnstorableText(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const unstorableText = (where: string) =>
  new AppError(
    400,
    'bad_request',
    `The ${where} contains characters that cannot be stored (a NUL byte or an unpaired UTF-16 surrogate).`,
  );

/** One place that turns every error into the JSON error shape and hides internals of 5xx. */
export default fp(
  async (app: FastifyInstance) => {
    // Well-formed text only, checked once for every route before anything reads the request:
    // the headers before authentication, then the query, the path parameters and the body.
    app.addHook('onRequest', async (request) => {
      if (findUnstorableText(request.headers) !== undefined) throw unstorableText('request headers');
    });
    app.addHook('preValidation', async (request) => {
      if (findUnstorableText(request.query) !== undefined) throw unstorableText('query string');
      if (findUnstorableText(request.params) !== undefined) throw unstorableText('URL');
      if (findUnstorableText(request.body) !== undefined) throw unstorableText('request body');
    });

    // Ajv coerces "1e309" to Infinity and lets it pass as an integer under any maximum; no
    // route means an infinite number, so refuse it before a handler turns it into bad SQL.
    app.addHook('preHandler', async (request) => {
      for (const source of [request.query, request.params]) {
        if (!source || typeof source !== 'object') continue;
        for (const value of Object.values(source as Record<string, unknown>)) {
          const values = Array.isArray(value) ? value : [value];
          if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
            throw new AppError(400, 'validation_failed', 'Numbers in the request must be finite.');
          }
        }
      }
    });

    app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
      if (error instanceof AppError) return send(reply, error.statusCode, error.code, error.message, error.details);
      const fe = error as FastifyError & { validation?: unknown[]; validationContext?: string };
      if (fe.validation) {
        return send(reply, 400, 'validation_failed', `Invalid ${fe.validationContext ?? 'request'}: ${fe.message}`);
      }
      if (isInvalidTextInput(error)) {
        return send(
          reply,
          400,
          'bad_request',
          'The request contains characters that cannot be stored (such as NUL bytes).',
        );
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

/**
 * Errors Fastify's router raises before any route runs (an undecodable URL, an over-long path
 * parameter): the same JSON error shape as everything else. Passed as `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, 414, 'bad_request', 'A part of the URL is too long.');
  }
  if (error.code === 'FST_ERR_BAD_URL') return send(reply, 400, 'bad_request', 'The URL is not valid.');
  return send(reply, 400, 'bad_request', 'The request could not be routed.');
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over the 16 KB
 * limit, malformed requests, timeouts): answered on the raw socket in the JSON error shape.
 * Passed as `clientErrorHandler`.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers or URL are too long (the limit is 16 KB).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request is malformed.'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
