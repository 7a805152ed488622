import type { Role } from '@kb/contracts';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Spinner } from '../components/ui/spinner';
import { onUnauthorized } from '../lib/api-client';
import { hasRole, useAuth } from '../lib/auth';

const signInPath = (next: string) => `/sign-in?next=${encodeURIComponent(next)}`;

/** Everything but the sign-in pages: a visitor without a session goes to sign-in, and comes back after. */
export function RequireAuth() {
  const { state } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const here = `${location.pathname}${location.search}${location.hash}`;

  useEffect(() => onUnauthorized(() => navigate(signInPath(here), { replace: true })), [navigate, here]);

  if (state.status === 'loading') return <Spinner label="Restoring your session…" />;
  if (state.status === 'signed-out') return <Navigate to={signInPath(here)} replace />;
  return <Outlet />;
}

/** Hides pages from roles that cannot use them (the server enforces the same rule). */
export function RequireRole({ minimum }: { minimum: Role }) {
  const { state } = useAuth();
  if (!hasRole(state.user, minimum)) {
    return (
      <div className="page narrow">
        <h1>Not available</h1>
        <p>This page needs the {minimum} role. Ask an administrator if you need access.</p>
      </div>
    );
  }
  return <Outlet />;
}
