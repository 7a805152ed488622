import { lazy, Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { hasRole, useAuth } from '../lib/auth';

// The bell loads with the alerts feature, after the first screen: the main bundle stays small.
const NotificationBell = lazy(() =>
  import('../features/alerts').then(async (m) => ({ default: await m.loadNotificationBell() })),
);

/** The signed-in frame: header with navigation matching the user's role, and the page. */
export function Layout() {
  const { state, signOut } = useAuth();
  const user = state.user;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            §
          </span>
          Advisory KB
        </Link>
        <nav aria-label="Main" className="nav">
          <NavLink to="/" end>
            Search
          </NavLink>
          <NavLink to="/charts">Charts</NavLink>
          <NavLink to="/authorities">Authorities</NavLink>
          <NavLink to="/analyzer">Analyzer</NavLink>
          <NavLink to="/library">My library</NavLink>
          <NavLink to="/organizations">Organizations</NavLink>
          {hasRole(user, 'editor') ? <NavLink to="/editor">Editor</NavLink> : null}
          {hasRole(user, 'editor') && !hasRole(user, 'admin') ? (
            <NavLink to="/admin/search-analytics">Search analytics</NavLink>
          ) : null}
          {hasRole(user, 'admin') ? <NavLink to="/admin/users">Admin</NavLink> : null}
        </nav>
        <div className="account">
          {user ? (
            <>
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
              <Link to="/account" className="account-name" title={user.email}>
                {user.name}
              </Link>
              <button type="button" className="button link" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" className="main">
        <Outlet />
      </main>
      <footer className="footer">
        Advisory KB — practice advisories on the immigration consequences of crimes. Demo content is sample material,
        not legal advice.
      </footer>
    </div>
  );
}
