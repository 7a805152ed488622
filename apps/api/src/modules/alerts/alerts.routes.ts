import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AlertSettings,
  CreateWatchBody,
  CreateWatchResponse,
  ErrorResponse,
  IdParams,
  MarkNotificationsReadBody,
  MarkNotificationsReadResponse,
  NotificationsQuery,
  NotificationsResponse,
  UnsubscribeQuery,
  UnsubscribeResponse,
  WatchListResponse,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../lib/errors';
import { type UnsubscribeLinks, unsubscribePage } from './alerts.mail';
import { emailModeOf, setEmailMode, userExists } from './alerts.repository';
import {
  alertSettingsOf,
  follow,
  listNotifications,
  listWatches,
  readNotifications,
  unfollow,
  updateAlertSettings,
} from './alerts.service';

export interface AlertsRoutesOptions {
  links: UnsubscribeLinks;
}

const tags = ['alerts'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };
const reader = { access: 'reader' as const };

/** JSON for API clients (`Accept: application/json`), a page for a person clicking the link. */
const wantsJson = (request: FastifyRequest) => /application\/json/.test(String(request.headers.accept ?? ''));

const unsubscribeResponse = {
  200: {
    description: 'A confirmation page (text/html), or the alert settings as JSON for Accept: application/json',
    content: {
      'application/json': { schema: UnsubscribeResponse },
      'text/html': { schema: Type.String() },
    },
  },
  400: ErrorResponse,
};

/** Watches, notifications and alert settings under /api/me; the unsubscribe link under /api/alerts. */
const alertsRoutes: FastifyPluginAsyncTypebox<AlertsRoutesOptions> = async (app, options) => {
  const { links } = options;

  app.post(
    '/me/watches',
    {
      config: reader,
      schema: {
        tags,
        summary:
          'Follow an offense entry, a statute citation (covering its future entries), an offense type, a consequence, a jurisdiction, a saved search or a document; following again answers the same id',
        body: CreateWatchBody,
        response: { 201: CreateWatchResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await follow(app.db, request.user.id, request.body)),
  );

  app.get(
    '/me/watches',
    {
      config: reader,
      schema: { tags, summary: 'What I follow, newest first', response: { 200: WatchListResponse, ...errors } },
    },
    async (request) => listWatches(app.db, request.user.id),
  );

  app.delete(
    '/me/watches/:id',
    {
      config: reader,
      schema: { tags, summary: 'Stop following', params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await unfollow(app.db, request.user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/notifications',
    {
      config: reader,
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationsQuery,
        response: { 200: NotificationsResponse, ...errors },
      },
    },
    async (request) => listNotifications(app.db, request.user.id, request.query),
  );

  app.post(
    '/me/notifications/read',
    {
      config: reader,
      schema: {
        tags,
        summary: 'Mark notifications read: these ids, or all',
        body: MarkNotificationsReadBody,
        response: { 200: MarkNotificationsReadResponse, ...errors },
      },
    },
    async (request) => readNotifications(app.db, request.user.id, request.body),
  );

  app.get(
    '/me/alert-settings',
    {
      config: reader,
      schema: { tags, summary: 'How I hear by e-mail', response: { 200: AlertSettings, ...errors } },
    },
    async (request) => alertSettingsOf(app.db, request.user.id),
  );

  app.put(
    '/me/alert-settings',
    {
      config: reader,
      schema: {
        tags,
        summary: 'Hear by e-mail immediately, in a daily digest, or not at all',
        body: AlertSettings,
        response: { 200: AlertSettings, ...errors },
      },
    },
    async (request) => updateAlertSettings(app.db, request.user.id, request.body.email),
  );

  // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` as a form.
  // The body says nothing the signed link does not, so it is read and dropped.
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));
  }

  const checked = async (query: { u: string; t: string }) => {
    if (!links.verify(query.u, query.t) || !(await userExists(app.db, query.u))) {
      throw badRequest(
        'This unsubscribe link is not valid. Sign in and change your alert e-mails on your account page.',
      );
    }
  };

  app.get(
    '/alerts/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The signed link of every alert e-mail: a confirmation page (nothing changes until it is posted)',
        querystring: UnsubscribeQuery,
        produces: ['text/html', 'application/json'],
        response: unsubscribeResponse,
      },
    },
    async (request, reply) => {
      await checked(request.query);
      const email = await emailModeOf(app.db, request.query.u);
      if (wantsJson(request)) return { email, unsubscribed: email === 'none' };
      return reply.type('text/html; charset=utf-8').send(unsubscribePage('confirm', links.url(request.query.u)));
    },
  );

  app.post(
    '/alerts/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One-click unsubscribe (RFC 8058): no more alert e-mails for the signed link’s user',
        querystring: UnsubscribeQuery,
        produces: ['text/html', 'application/json'],
        response: unsubscribeResponse,
      },
    },
    async (request, reply) => {
      await checked(request.query);
      await setEmailMode(app.db, request.query.u, 'none');
      if (wantsJson(request)) return { email: 'none' as const, unsubscribed: true };
      return reply.type('text/html; charset=utf-8').send(unsubscribePage('done'));
    },
  );
};

export default alertsRoutes;
