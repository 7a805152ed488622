/** auth: accounts, sessions, invitations and password resets (owns users and tokens). */
export { issueOneTimeToken } from './accounts.service';
export {
  findUserByEmail,
  findUserById,
  revokeUserTokens,
  setRoleAndDisabled,
  type UserRow,
} from './auth.repository';
export { type AuthRoutesOptions, default as authRoutes } from './auth.routes';
export { createUser, type NewUser, toUser } from './auth.service';
export { hashPassword } from './passwords';
