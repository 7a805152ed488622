import { randomUUID } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CountingIndex } from '@kb/search';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { adminRoutes, type Mailer } from './modules/admin';
import { alertsPlugin, alertsRoutes, UnsubscribeLinks } from './modules/alerts';
import { analysesRoutes } from './modules/analyses';
import { authRoutes } from './modules/auth';
import { authoritiesRoutes } from './modules/authorities';
import { documentsRoutes, taggedDocuments } from './modules/documents';
import { libraryRoutes } from './modules/library';
import { offensesRoutes } from './modules/offenses';
import { organizationsRoutes } from './modules/organizations';
import { searchRoutes, searchSyncPlugin } from './modules/search';
import { systemRoutes } from './modules/system';
import { taxonomyPlugin, taxonomyRoutes } from './modules/taxonomy';
import { uploadsRoutes } from './modules/uploads';
import authPlugin from './plugins/auth';
import dbPlugin from './plugins/db';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors';
import mailPlugin from './plugins/mail';
import notificationsPlugin from './plugins/notifications';
import searchPlugin from './plugins/search';
import swaggerPlugin from './plugins/swagger';
import webPlugin, { inlineScriptSources } from './plugins/web';

export interface AppOptions {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  meiliIndexPrefix: string;
  jwtSecret: string;
  /** Secure cookies (HTTPS) everywhere but local development and tests. */
  secureCookies: boolean;
  /**
   * Where search totals and facet counts come from (SEARCH_COUNT_FROM): the per-document
   * counting index (default), or `sections`, the former design kept for the bench's reference.
   */
  searchCountFrom?: CountingIndex;
  /**
   * Keep Meilisearch's answers to hot queries in memory (SEARCH_CACHE, default on); the bench
   * turns it off to measure the engine rather than the cache.
   */
  searchCache?: boolean;
  /** Run the search outbox worker in this process. */
  runSearchSync?: boolean;
  serveWeb?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Visitors may create reader accounts themselves (ALLOW_SIGN_UP); default: invitation only. */
  allowSignUp?: boolean;
  /**
   * The address users reach (PUBLIC_URL), the base of invitation and password-reset links —
   * never a request's Host header. Tests may leave it out: http://localhost.
   */
  publicUrl?: string;
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits, audit). Off by
   * default: otherwise any client could choose its address and dodge per-address limits.
   */
  trustProxy?: boolean | number | string[];
  /**
   * Delivers invitation and reset links; default: SMTP when `smtpUrl` is set, else none (the
   * admin passes the link on). Tests of the admin pages may plug in their own.
   */
  mailer?: Mailer;
  /** SMTP_URL: real e-mail (alerts, invitations, resets); unset: in-app notifications only. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of every message. */
  mailFrom?: string;
  /** Run the alerts worker (fan-out to followers, e-mail) in this process; the server does, tests choose. */
  runAlerts?: boolean;
  /** ALERT_DIGEST_HOUR: the UTC hour of the daily digest (default 7). */
  alertDigestHour?: number;
  /** The digest clock: tests move it to the digest hour. */
  alertClock?: () => Date;
}

/** Where secrets can appear in a log line: never written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'currentPassword',
  'newPassword',
  'accessToken',
  'refreshToken',
  'passwordHash',
  'token',
];

export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The access log: one line per request when it is answered (method, URL, client, status, time),
 * instead of Fastify's two (one on arrival, one on completion) — half the logging work of every
 * request, a twentieth of a cached search's CPU. Errors are logged as before.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

const ajvCompilers = AjvCompiler();

/**
 * Query strings, path parameters and headers arrive as text, so their numbers and booleans are
 * coerced. JSON bodies arrive typed and are not: coercion would turn a JSON null into 0 (or a 0
 * into null, whichever the schema lists first) — a "not given" sentence read as "no custody".
 */
const buildValidatorByPart: typeof ajvCompilers = (externalSchemas, options) => {
  const coercing = ajvCompilers(externalSchemas, options);
  const exact = ajvCompilers(externalSchemas, {
    ...options,
    customOptions: { ...(options?.customOptions as object), coerceTypes: false },
  } as typeof options);
  return (route) => (route.httpPart === 'body' ? exact(route) : coercing(route));
};

/** Builds the whole application; the server only adds listen() and signals. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new AccessLog(),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (options.trustProxy as number)
        : (options.trustProxy ?? false),
    routerOptions: { maxParamLength: 300 },
    // Router and HTTP-parser refusals (bad URL, 431…) in the same JSON error shape as the rest.
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: buildValidatorByPart } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Infrastructure.
  await app.register(errorsPlugin);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The SPA's page has one inline script (its session refresh), allowed by its hash alone.
        scriptSrc: ["'self'", ...(options.serveWeb ? inlineScriptSources() : [])],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Off: it would break plain-HTTP deployments on a LAN; TLS is the proxy's job.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // DENY, as `frame-ancestors 'none'` says: no page may frame the app, not even its own.
    frameguard: { action: 'deny' },
    // Only over HTTPS (below): over plain HTTP the header is meaningless, and on a LAN address
    // served both ways it would lock browsers out of the HTTP one.
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    // request.protocol is https when TLS ends here, or when a trusted proxy says so (X-Forwarded-Proto).
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(dbPlugin, { databaseUrl: options.databaseUrl });
  await app.register(notificationsPlugin, { databaseUrl: options.databaseUrl });
  await app.register(searchPlugin, {
    meiliUrl: options.meiliUrl,
    meiliMasterKey: options.meiliMasterKey,
    indexPrefix: options.meiliIndexPrefix,
    countFrom: options.searchCountFrom,
  });
  await app.register(mailPlugin, { smtpUrl: options.smtpUrl, mailFrom: options.mailFrom });
  await app.register(authPlugin, { jwtSecret: options.jwtSecret, secureCookies: options.secureCookies });
  await app.register(swaggerPlugin);

  // Services modules share (not routes): the vocabulary's change hooks, the search worker.
  await app.register(taxonomyPlugin);
  await app.register(searchSyncPlugin, {
    runSync: options.runSearchSync ?? true,
    cache: options.searchCache ?? true,
  });
  const publicUrl = (options.publicUrl ?? 'http://localhost').replace(/\/+$/, '');
  await app.register(alertsPlugin, {
    runWorker: options.runAlerts ?? false,
    publicUrl,
    jwtSecret: options.jwtSecret,
    digestHour: options.alertDigestHour ?? 7,
    now: options.alertClock,
  });

  // Features, each an encapsulated plugin under /api.
  await app.register(systemRoutes, { prefix: '/api' });
  await app.register(authRoutes, {
    prefix: '/api',
    secureCookies: options.secureCookies,
    allowSignUp: options.allowSignUp ?? false,
  });
  await app.register(adminRoutes, {
    prefix: '/api',
    publicUrl: options.publicUrl ?? 'http://localhost',
    mailer: options.mailer,
  });
  await app.register(organizationsRoutes, { prefix: '/api' });
  await app.register(documentsRoutes, { prefix: '/api' });
  await app.register(uploadsRoutes, { prefix: '/api' });
  await app.register(offensesRoutes, { prefix: '/api' });
  // A merge re-tags documents and a term edit re-indexes them: the vocabulary asks documents.
  await app.register(taxonomyRoutes, { prefix: '/api', documents: taggedDocuments });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(libraryRoutes, { prefix: '/api' });
  await app.register(analysesRoutes, { prefix: '/api' });
  await app.register(alertsRoutes, { prefix: '/api', links: new UnsubscribeLinks(options.jwtSecret, publicUrl) });
  await app.register(authoritiesRoutes, { prefix: '/api' });

  if (options.serveWeb) await app.register(webPlugin);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
