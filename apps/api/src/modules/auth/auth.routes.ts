import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChangePasswordRequest, ErrorResponse, LoginRequest, Ok, SessionResponse, User } from '@kb/contracts';
import type { FastifyReply } from 'fastify';
import { unauthorized } from '../../lib/errors';
import { findUserById } from './auth.repository';
import { changePassword, REFRESH_TOKEN_TTL_MS, refresh, type Session, signIn, signOut, toUser } from './auth.service';

export const REFRESH_COOKIE = 'kb_refresh';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse };

const authRoutes: FastifyPluginAsyncTypebox<{ secureCookies: boolean }> = async (app, { secureCookies }) => {
  const setRefreshCookie = (reply: FastifyReply, session: Session) =>
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies,
      path: '/api/auth',
      maxAge: Math.floor(REFRESH_TOKEN_TTL_MS / 1000),
    });
  const answer = (reply: FastifyReply, session: Session) => {
    setRefreshCookie(reply, session);
    reply.header('cache-control', 'no-store');
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  };

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign in', body: LoginRequest, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => answer(reply, await signIn(app, request.body.email, request.body.password, request.ip)),
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Renew the session (rotates the refresh cookie)',
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => answer(reply, await refresh(app, request.cookies[REFRESH_COOKIE], request.ip)),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out (revokes the session)', response: { 200: Ok } },
    },
    async (request, reply) => {
      await signOut(app, request.cookies[REFRESH_COOKIE], request.ip);
      reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
      return { ok: true as const };
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'reader' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: User, 401: ErrorResponse } },
    },
    async (request) => {
      const user = await findUserById(app.db, request.user.id);
      if (!user) throw unauthorized();
      return toUser(user);
    },
  );

  app.post(
    '/me/password',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (ends your other sessions)',
        body: ChangePasswordRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => answer(reply, await changePassword(app, request.user.id, request.body, request.ip)),
  );
};

export default authRoutes;
