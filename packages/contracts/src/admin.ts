import { type Static, Type } from 'typebox';
import { Email, RoleSchema, User } from './auth';
import { DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';

const Page = Type.Integer({ minimum: 1, maximum: 10_000 });
const PerPage = Type.Integer({ minimum: 1, maximum: 100 });

export const USER_STATUSES = ['active', 'disabled'] as const;

export const AdminUserListQuery = Type.Object({
  /** Matches e-mail, name or organization. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(RoleSchema),
  status: Type.Optional(StringEnum(USER_STATUSES)),
  page: Type.Optional(Page),
  perPage: Type.Optional(PerPage),
});
export type AdminUserListQuery = Static<typeof AdminUserListQuery>;

export const AdminUserListResponse = Type.Object({
  items: Type.Array(User),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export type AdminUserListResponse = Static<typeof AdminUserListResponse>;

/** Changes an admin may make to an account; at least one field. */
export const UpdateUserRequest = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    /** The organization the user belongs to (null: none). */
    organizationId: Type.Optional(Nullable(Uuid)),
    /** Whether the user manages their organization's members. */
    orgAdmin: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

export const UserRef = Type.Object({ id: Uuid, email: Type.String(), name: Type.String() });
export type UserRef = Static<typeof UserRef>;

export const CreateInvitationRequest = Type.Object({
  email: Email,
  role: RoleSchema,
  /** The organization the new account joins (null or absent: none). */
  organizationId: Type.Optional(Nullable(Uuid)),
});
export type CreateInvitationRequest = Static<typeof CreateInvitationRequest>;

/** An organization admin invites into their own organization, as an editor or a reader only. */
export const CreateOrganizationInvitationRequest = Type.Object({
  email: Email,
  role: StringEnum(['reader', 'editor'] as const),
});
export type CreateOrganizationInvitationRequest = Static<typeof CreateOrganizationInvitationRequest>;

export const OrganizationInvitationParams = Type.Object({ id: Uuid, invitationId: Uuid });

export const Invitation = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: RoleSchema,
  /** The organization accepting joins (null: none). */
  organization: Nullable(OrganizationRef),
  createdAt: DateTime,
  expiresAt: DateTime,
  invitedBy: Nullable(UserRef),
});
export type Invitation = Static<typeof Invitation>;

export const InvitationListResponse = Type.Object({ items: Type.Array(Invitation) });
export type InvitationListResponse = Static<typeof InvitationListResponse>;

/**
 * A one-time link, shown once to the admin who created it (only its hash is stored).
 * `delivered` tells whether a mail hook sent it too; otherwise the admin passes it on.
 */
export const OneTimeLink = Type.Object({ url: Type.String(), expiresAt: DateTime, delivered: Type.Boolean() });
export type OneTimeLink = Static<typeof OneTimeLink>;

export const CreatedInvitation = Type.Object({ invitation: Invitation, link: OneTimeLink });
export type CreatedInvitation = Static<typeof CreatedInvitation>;

export const AuditListQuery = Type.Object({
  /** An exact action (`auth.sign_in`) or a prefix ending with a dot (`admin.`). */
  action: Type.Optional(Type.String({ maxLength: 100 })),
  /** The actor's id, or part of their e-mail or name. */
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Page),
  perPage: Type.Optional(PerPage),
});
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actor: Nullable(UserRef),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  /** A readable name of the target when it is a user (their e-mail). */
  targetLabel: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: Nullable(Type.String()),
  createdAt: DateTime,
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditListResponse = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export type AuditListResponse = Static<typeof AuditListResponse>;

export const AuditActionsResponse = Type.Object({ actions: Type.Array(Type.String()) });
export type AuditActionsResponse = Static<typeof AuditActionsResponse>;

/** Readable names of the audited actions the SPA knows; others show their code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.sign_out': 'Signed out',
  'auth.sign_up': 'Signed up',
  'auth.password_changed': 'Changed password',
  'auth.password_reset': 'Reset password with a link',
  'auth.refresh_reuse_detected': 'Reused session token (session revoked)',
  'auth.invitation_accepted': 'Accepted invitation',
  'admin.invitation_created': 'Invited a user',
  'admin.invitation_revoked': 'Revoked an invitation',
  'admin.role_changed': 'Changed a role',
  'admin.user_disabled': 'Disabled a user',
  'admin.user_enabled': 'Enabled a user',
  'admin.password_reset_issued': 'Issued a password-reset link',
};
