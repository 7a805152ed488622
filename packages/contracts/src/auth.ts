import { type Static, Type } from 'typebox';
import { DateTime, Nullable, StringEnum, Uuid } from './common';
import { PRACTICES, ROLES } from './vocabulary';

export const RoleSchema = StringEnum(ROLES);
export const PracticeSchema = StringEnum(PRACTICES);

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
