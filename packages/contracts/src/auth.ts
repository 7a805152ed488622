import { type Static, Type } from 'typebox';
import { DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { PRACTICES, ROLES } from './vocabulary';

export const RoleSchema = StringEnum(ROLES);
export const PracticeSchema = StringEnum(PRACTICES);

/** The shortest password the server accepts (it also refuses the most common ones). */
export const MIN_PASSWORD_LENGTH = 10;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Length bounds only; strength rules are checked by the server with a clear message. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  practice: Nullable(PracticeSchema),
  organization: Nullable(Type.String()),
  /** Membership: the organization whose documents the user may edit (readers: optional). */
  organizationId: Nullable(Uuid),
  orgAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: DateTime,
  lastSignInAt: Nullable(DateTime),
});
export type User = Static<typeof User>;

export const LoginRequest = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password });
export type LoginRequest = Static<typeof LoginRequest>;

export const SessionResponse = Type.Object({ accessToken: Type.String(), expiresIn: Type.Integer(), user: User });
export type SessionResponse = Static<typeof SessionResponse>;

export const ChangePasswordRequest = Type.Object({ currentPassword: Password, newPassword: Password });
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

/** Public sign-in settings the SPA needs before anyone signs in. */
export const AuthSettings = Type.Object({ allowSignUp: Type.Boolean() });
export type AuthSettings = Static<typeof AuthSettings>;

const PersonName = Type.String({ minLength: 1, maxLength: 200 });
const Organization = Type.String({ maxLength: 200 });

export const SignUpRequest = Type.Object({
  email: Email,
  name: PersonName,
  password: Password,
  practice: Type.Optional(Nullable(PracticeSchema)),
  organization: Type.Optional(Nullable(Organization)),
});
export type SignUpRequest = Static<typeof SignUpRequest>;

/** A one-time link's secret, sent in a body (never in a URL, so it never reaches a log). */
const OneTimeToken = Type.String({ minLength: 16, maxLength: 200 });
export const OneTimeTokenRequest = Type.Object({ token: OneTimeToken });
export type OneTimeTokenRequest = Static<typeof OneTimeTokenRequest>;

/** What an invitee may see about the invitation before accepting it. */
export const InvitationDetails = Type.Object({
  email: Type.String(),
  role: RoleSchema,
  expiresAt: DateTime,
  /** The organization the new account joins (null: none). */
  organization: Nullable(OrganizationRef),
});
export type InvitationDetails = Static<typeof InvitationDetails>;

export const AcceptInvitationRequest = Type.Object({
  token: OneTimeToken,
  name: PersonName,
  password: Password,
  practice: Type.Optional(Nullable(PracticeSchema)),
  organization: Type.Optional(Nullable(Organization)),
});
export type AcceptInvitationRequest = Static<typeof AcceptInvitationRequest>;

export const PasswordResetDetails = Type.Object({ email: Type.String(), expiresAt: DateTime });
export type PasswordResetDetails = Static<typeof PasswordResetDetails>;

export const CompletePasswordResetRequest = Type.Object({
  token: OneTimeToken,
  password: Password,
});
export type CompletePasswordResetRequest = Static<typeof CompletePasswordResetRequest>;

/** What each role may do, in the words an admin choosing one needs. */
export const ROLE_DESCRIPTIONS: Record<(typeof ROLES)[number], string> = {
  reader: 'Searches, reads and bookmarks published guidance.',
  editor: 'Also writes, reviews, publishes and supersedes documents.',
  admin: 'Also manages accounts, roles, the vocabulary and the audit log.',
};

export const PRACTICE_LABELS: Record<(typeof PRACTICES)[number], string> = {
  criminal_defense: 'Criminal defense',
  immigration: 'Immigration',
  other: 'Other',
};
