import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AcceptInvitationRequest,
  AuthSettings,
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  ErrorResponse,
  InvitationDetails,
  LoginRequest,
  Ok,
  OneTimeTokenRequest,
  PasswordResetDetails,
  SessionResponse,
  SignUpRequest,
  User,
} from '@kb/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../../lib/errors';
import type { AccessTokenPayload } from '../../plugins/auth';
import {
  acceptInvitation,
  completePasswordReset,
  inspectInvitation,
  inspectPasswordReset,
  signUp,
} from './accounts.service';
import { findUserById } from './auth.repository';
import { changePassword, REFRESH_TOKEN_TTL_MS, refresh, type Session, signIn, signOut, toUser } from './auth.service';

export const REFRESH_COOKIE = 'kb_refresh';
/** "This browser has signed in to this account before": its sign-ins are not locked out by others' failures. */
export const DEVICE_COOKIE = 'kb_device';
const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Coarse per-address limits against floods (per process, in memory). The precise rules — per
 * account for untrusted clients, per device cookie, per address — are counted in the database
 * by signIn, so they hold across replicas.
 */
export const RATE_LIMITS = {
  login: { max: 60, timeWindow: '1 minute' },
  refresh: { max: 120, timeWindow: '1 minute' },
  accountForms: { max: 30, timeWindow: '1 minute' },
} as const;

const errors = { 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse };
const linkErrors = {
  400: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  410: ErrorResponse,
  429: ErrorResponse,
};

export interface AuthRoutesOptions {
  secureCookies: boolean;
  /** Visitors may create reader accounts themselves (ALLOW_SIGN_UP). */
  allowSignUp?: boolean;
}

const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (
  app,
  { secureCookies, allowSignUp = false },
) => {
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

  const isTrustedFor = (request: FastifyRequest) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    const device = app.deviceCookies.read(request.cookies[DEVICE_COOKIE]);
    return typeof email === 'string' && device?.email === email.trim().toLowerCase();
  };

  // A 429 tells the client when to come back, in the header as well as in the JSON body.
  app.addHook('onError', async (_request, reply, error) => {
    const seconds = (error instanceof AppError ? (error.details as { retryAfterSeconds?: unknown }) : undefined)
      ?.retryAfterSeconds;
    if (typeof seconds === 'number') reply.header('retry-after', String(Math.ceil(seconds)));
  });

  app.get(
    '/auth/settings',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign-in settings (is self-sign-up open?)', response: { 200: AuthSettings } },
    },
    async () => ({ allowSignUp }),
  );

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          ...RATE_LIMITS.login,
          // After the body is read, so that a browser trusted for the account it signs in to
          // (its device cookie) passes: an address is slowed for it, never locked (signIn).
          hook: 'preHandler',
          allowList: (request) => isTrustedFor(request),
        },
      },
      schema: { tags: ['auth'], summary: 'Sign in', body: LoginRequest, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const session = await signIn(app, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        deviceCookie: request.cookies[DEVICE_COOKIE],
      });
      // Kept across sign-outs: it says which browser this is, not who is signed in.
      reply.setCookie(DEVICE_COOKIE, session.deviceCookie, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/api/auth',
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      });
      return answer(reply, session);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.refresh },
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
      // A client holding only an access token signs out its session too.
      const token = await request.jwtVerify<AccessTokenPayload>().catch(() => undefined);
      const accessSession = token?.sid ? { userId: token.sub, sessionId: token.sid } : undefined;
      await signOut(app, request.cookies[REFRESH_COOKIE], request.ip, accessSession);
      reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/sign-up',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.accountForms },
      schema: {
        tags: ['auth'],
        summary: 'Create a reader account (only when the deployment allows self-sign-up)',
        body: SignUpRequest,
        response: { 200: SessionResponse, 403: ErrorResponse, ...linkErrors },
      },
    },
    async (request, reply) => {
      if (!allowSignUp) throw forbidden('Accounts are created by invitation. Ask your administrator.');
      return answer(reply, await signUp(app, request.body, request.ip));
    },
  );

  // One-time links carry their token in the body, never in a URL: URLs end up in logs.
  app.post(
    '/auth/invitations/inspect',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.accountForms },
      schema: {
        tags: ['auth'],
        summary: 'What an invitation link is for (without using it)',
        body: OneTimeTokenRequest,
        response: { 200: InvitationDetails, ...linkErrors },
      },
    },
    async (request) => inspectInvitation(app, request.body.token),
  );

  app.post(
    '/auth/invitations/accept',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.accountForms },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set a name and password, and sign in',
        body: AcceptInvitationRequest,
        response: { 200: SessionResponse, ...linkErrors },
      },
    },
    async (request, reply) => answer(reply, await acceptInvitation(app, request.body, request.ip)),
  );

  app.post(
    '/auth/password-resets/inspect',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.accountForms },
      schema: {
        tags: ['auth'],
        summary: 'Which account a password-reset link is for (without using it)',
        body: OneTimeTokenRequest,
        response: { 200: PasswordResetDetails, ...linkErrors },
      },
    },
    async (request) => inspectPasswordReset(app, request.body.token),
  );

  app.post(
    '/auth/password-resets/complete',
    {
      config: { access: 'public', rateLimit: RATE_LIMITS.accountForms },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link (ends every other session) and sign in',
        body: CompletePasswordResetRequest,
        response: { 200: SessionResponse, ...linkErrors },
      },
    },
    async (request, reply) => answer(reply, await completePasswordReset(app, request.body, request.ip)),
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
      // Limited: a stolen access token must not become a way to guess the current password.
      config: { access: 'reader', rateLimit: RATE_LIMITS.accountForms },
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
