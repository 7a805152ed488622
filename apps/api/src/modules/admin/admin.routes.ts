import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminUserListQuery,
  AdminUserListResponse,
  AuditActionsResponse,
  AuditListQuery,
  AuditListResponse,
  CreatedInvitation,
  CreateInvitationRequest,
  CreateOrganizationInvitationRequest,
  ErrorResponse,
  IdParams,
  InvitationListResponse,
  Ok,
  OneTimeLink,
  OrganizationInvitationParams,
  UpdateUserRequest,
  User,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import { listAuditActions } from './admin.repository';
import {
  type AdminContext,
  auditTrail,
  createInvitation,
  inviteToOrganization,
  issuePasswordReset,
  organizationInvitations,
  pendingInvitations,
  revokeInvitation,
  searchUsers,
  updateUser,
} from './admin.service';
import { logOnlyMailer, type Mailer, smtpMailer } from './mailer';

export interface AdminRoutesOptions {
  /** The address users reach (PUBLIC_URL): the base of one-time links, never the request's Host. */
  publicUrl: string;
  /** Delivers one-time links by mail; by default nothing is sent and the admin passes the link on. */
  mailer?: Mailer;
}

const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Accounts, invitations and the audit trail: network admins, and organization admins for their own invitations. */
const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  // Invitation and reset links by e-mail when SMTP is configured; otherwise only the admin passes them on.
  const mailer = options.mailer ?? (app.mail ? smtpMailer(app.mail) : logOnlyMailer(app.log));
  const context = (request: FastifyRequest): AdminContext => ({ app, actor: request.user, ip: request.ip });
  const links = { base: options.publicUrl.replace(/\/+$/, ''), mailer };

  app.get(
    '/admin/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Accounts, searched by e-mail, name or organization, filtered by role and status',
        querystring: AdminUserListQuery,
        response: { 200: AdminUserListResponse, 400: ErrorResponse },
      },
    },
    async (request) => searchUsers(app, request.query),
  );

  app.patch(
    '/admin/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Change a role, or disable / enable an account (disabling ends its sessions at once)',
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User, ...errors },
      },
    },
    async (request) => updateUser(context(request), request.params.id, request.body),
  );

  app.post(
    '/admin/users/:id/password-reset',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Issue a one-time password-reset link (valid 24 hours) for the admin to pass on',
        params: IdParams,
        response: { 200: OneTimeLink, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return issuePasswordReset(context(request), request.params.id, links);
    },
  );

  app.get(
    '/admin/invitations',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Invitations not yet accepted and not expired',
        response: { 200: InvitationListResponse },
      },
    },
    async () => pendingInvitations(app),
  );

  app.post(
    '/admin/invitations',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Invite someone with a role: a one-time link valid 7 days, shown once',
        body: CreateInvitationRequest,
        response: { 200: CreatedInvitation, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return createInvitation(context(request), request.body, links);
    },
  );

  app.delete(
    '/admin/invitations/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke a pending invitation (its link stops working)',
        params: IdParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await revokeInvitation(context(request), request.params.id);
      return { ok: true as const };
    },
  );

  // An organization's own invitations: its organization admins (and network admins) only.
  app.get(
    '/organizations/:id/invitations',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['organizations'],
        summary: "An organization's pending invitations (its organization admins and network admins)",
        params: IdParams,
        response: { 200: InvitationListResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => organizationInvitations(context(request), request.params.id),
  );

  app.post(
    '/organizations/:id/invitations',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['organizations'],
        summary: 'Invite an editor or a reader into the organization: a one-time link valid 7 days, shown once',
        params: IdParams,
        body: CreateOrganizationInvitationRequest,
        response: { 200: CreatedInvitation, 403: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return inviteToOrganization(context(request), request.params.id, request.body, links);
    },
  );

  app.delete(
    '/organizations/:id/invitations/:invitationId',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['organizations'],
        summary: 'Revoke a pending invitation into the organization (its link stops working)',
        params: OrganizationInvitationParams,
        response: { 200: Ok, 403: ErrorResponse, ...errors },
      },
    },
    async (request) => {
      await revokeInvitation(context(request), request.params.invitationId, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The audit trail, newest first: who did what, when, from where',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, 400: ErrorResponse },
      },
    },
    async (request) => auditTrail(app, request.query),
  );

  app.get(
    '/admin/audit/actions',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The actions that occur in the audit trail (for filtering)',
        response: { 200: AuditActionsResponse },
      },
    },
    async () => ({ actions: await listAuditActions(app.db) }),
  );
};

export default adminRoutes;
