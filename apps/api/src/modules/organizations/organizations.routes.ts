import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateOrganizationBody,
  CreateOrganizationResponse,
  ErrorResponse,
  IdParams,
  MemberParams,
  Organization,
  OrganizationListResponse,
  OrganizationMembersResponse,
  OrganizationPage,
  OrganizationSlugParams,
  UpdateMemberBody,
  UpdateOrganizationBody,
} from '@kb/contracts';
import type { FastifyRequest } from 'fastify';
import {
  createOrganization,
  members,
  organizationPage,
  organizations,
  updateMember,
  updateOrganization,
} from './organizations.service';

const tags = ['organizations'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const organizationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = (request: FastifyRequest) => ({ db: app.db, actor: request.user, ip: request.ip });

  app.get(
    '/organizations',
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary: 'The organizations of the network, by name',
        response: { 200: OrganizationListResponse },
      },
    },
    async () => organizations(app.db),
  );

  app.get(
    '/organizations/:slug',
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary: 'An organization for readers: what it publishes (newest first), its charts, its contact line',
        params: OrganizationSlugParams,
        response: { 200: OrganizationPage, ...errors },
      },
    },
    async (request) => organizationPage(app.db, request.params.slug),
  );

  app.post(
    '/admin/organizations',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an organization (network admins)',
        body: CreateOrganizationBody,
        response: { 201: CreateOrganizationResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrganization(ctx(request), request.body)),
  );

  app.patch(
    '/admin/organizations/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Rename an organization or change its review policy, description or contact line (network admins)',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: Organization, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => updateOrganization(ctx(request), request.params.id, request.body),
  );

  app.get(
    '/organizations/:id/members',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: "An organization's members (its organization admins and network admins)",
        params: IdParams,
        response: { 200: OrganizationMembersResponse, ...errors },
      },
    },
    async (request) => members(ctx(request), request.params.id),
  );

  app.patch(
    '/organizations/:id/members/:userId',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Make a member an editor or a reader, an organization admin or not, or remove them (organization admins)',
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: OrganizationMembersResponse, ...errors },
      },
    },
    async (request) => updateMember(ctx(request), request.params.id, request.params.userId, request.body),
  );
};

export default organizationsRoutes;
