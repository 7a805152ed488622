import type { Role, SessionResponse, User } from '@kb/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSession, refreshSession, setAccessToken, signOutOfServer } from './api-client';
import { rememberSession, restoredSession, restoreSession } from './session';

type AuthState =
  | { status: 'loading'; user: null }
  | { status: 'signed-in'; user: User }
  | { status: 'signed-out'; user: null };

interface AuthContextValue {
  state: AuthState;
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  /** Replaces the session after an action that issued a new one (e.g. a password change). */
  adopt(session: SessionResponse): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };
export const hasRole = (user: User | null, role: Role) => Boolean(user && RANK[user.role] >= RANK[role]);

/**
 * Whether the user may edit a document: network admins any, editors their own organization's
 * (the API says the same with a 403; this only decides which controls to show).
 */
export const mayEdit = (user: User | null, doc: { organization: { id: string } | null }) =>
  Boolean(
    user &&
      (user.role === 'admin' ||
        (user.role === 'editor' && doc.organization !== null && user.organizationId === doc.organization.id)),
  );

const stateOf = (session: SessionResponse | null | undefined): AuthState =>
  session === undefined
    ? { status: 'loading', user: null }
    : session
      ? { status: 'signed-in', user: session.user }
      : { status: 'signed-out', user: null };

export function AuthProvider({ children }: { children: ReactNode }) {
  // The entry script restored the session while the app's code loaded: usually it is known by
  // the first render, which then shows the page at once instead of a spinner first.
  const [initial] = useState(restoredSession);
  const [state, setState] = useState<AuthState>(() => stateOf(initial));
  const [expiresAt, setExpiresAt] = useState<number | null>(() =>
    initial ? Date.now() + initial.expiresIn * 1000 : null,
  );
  const queryClient = useQueryClient();

  const adopt = useCallback((session: SessionResponse | null) => {
    setAccessToken(session?.accessToken ?? null);
    rememberSession(Boolean(session));
    if (session) {
      setState({ status: 'signed-in', user: session.user });
      setExpiresAt(Date.now() + session.expiresIn * 1000);
    } else {
      setState({ status: 'signed-out', user: null });
      setExpiresAt(null);
    }
  }, []);

  // On load, the refresh cookie (if any) restores the session without a sign-in.
  useEffect(() => {
    const unsubscribe = onSession((session) => adopt(session));
    if (initial === undefined) void restoreSession().then((session) => adopt(session));
    else rememberSession(Boolean(initial));
    return () => {
      unsubscribe();
    };
  }, [adopt, initial]);

  // Renews the access token a minute before it expires, silently.
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(() => void refreshSession(), Math.max(5_000, expiresAt - Date.now() - 60_000));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      adopt,
      async signIn(email, password) {
        const session = await api<SessionResponse>('/auth/login', { method: 'POST', body: { email, password } });
        queryClient.clear();
        adopt(session);
        return session.user;
      },
      async signOut() {
        await signOutOfServer(() => queryClient.cancelQueries());
        queryClient.clear();
        adopt(null);
      },
    }),
    [state, adopt, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser without a session');
  return state.user;
}
