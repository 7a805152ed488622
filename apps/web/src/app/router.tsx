import { Component, type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, type RouteObject, useLocation, useRoutes } from 'react-router';
import { Spinner } from '../components/ui/spinner';
import { AcceptInvitePage, AccountPage, ResetPasswordPage, SignInPage } from '../features/auth';
import { Layout } from './layout';
import { RequireAuth, RequireRole } from './require-auth';
import { RouteError } from './route-error';

/**
 * The app's routes, matched by `useRoutes` (React Router's declarative mode: its data router,
 * loaders and actions the app does not use, was ~50 kB of the first screen's script). Feature
 * pages load when first shown (`page`); the account pages are small and one of them (sign-in)
 * is often the first screen: they come with the app. The search page (the home page) is loaded
 * already when the routes are made (mount.tsx), so the first address renders at once.
 */
export const createRoutes = (SearchPage: ComponentType) =>
  defineRoutes([
    { path: '/sign-in', Component: SignInPage },
    {
      path: '/accept-invite',
      Component: AcceptInvitePage,
    },
    {
      path: '/reset-password',
      Component: ResetPasswordPage,
    },
    {
      Component: RequireAuth,
      children: [
        {
          Component: Layout,
          children: [
            { index: true, Component: SearchPage },
            {
              path: 'documents/:idOrSlug',
              Component: page(() => import('../features/documents').then((m) => m.DocumentPage)),
            },
            {
              path: 'documents/:idOrSlug/changes',
              Component: page(() => import('../features/documents').then((m) => m.ChangesPage)),
            },
            {
              path: 'charts',
              Component: page(() => import('../features/charts').then((m) => m.ChartsIndexPage)),
            },
            {
              path: 'charts/:jurisdiction',
              Component: page(() => import('../features/charts').then((m) => m.ChartPage)),
            },
            {
              path: 'charts/:jurisdiction/:slug',
              Component: page(() => import('../features/charts').then((m) => m.OffenseEntryPage)),
            },
            {
              path: 'authorities',
              Component: page(() => import('../features/authorities').then((m) => m.loadAuthoritiesPage())),
            },
            {
              path: 'authorities/:slug',
              Component: page(() => import('../features/authorities').then((m) => m.loadAuthorityPage())),
            },
            {
              path: 'organizations',
              Component: page(() => import('../features/organizations').then((m) => m.OrganizationsPage)),
            },
            {
              path: 'organizations/:slug',
              Component: page(() => import('../features/organizations').then((m) => m.OrganizationPage)),
            },
            {
              // The page itself tells a non-admin that only the organization's admins manage it.
              path: 'organizations/:slug/manage',
              Component: () => <RequireRole minimum="editor" />,
              children: [
                {
                  index: true,
                  Component: page(() => import('../features/organizations').then((m) => m.OrganizationManagePage)),
                },
              ],
            },
            {
              path: 'library',
              Component: page(() => import('../features/library').then((m) => m.LibraryPage)),
            },
            {
              path: 'analyzer',
              Component: page(() => import('../features/analyzer').then((m) => m.AnalyzerPage)),
            },
            {
              path: 'analyzer/:id',
              Component: page(() => import('../features/analyzer').then((m) => m.SavedAnalysisPage)),
            },
            {
              path: 'analyzer/:id/memo',
              Component: page(() => import('../features/analyzer').then((m) => m.MemoPage)),
            },
            { path: 'search', Component: SearchAddress },
            {
              path: 'notifications',
              Component: page(() => import('../features/alerts').then((m) => m.loadNotificationsPage())),
            },
            {
              path: 'watches',
              Component: page(() => import('../features/alerts').then((m) => m.loadWatchesPage())),
            },
            {
              path: 'account',
              Component: AccountRoute,
            },
            {
              path: 'editor',
              Component: () => <RequireRole minimum="editor" />,
              children: [
                {
                  index: true,
                  Component: page(() => import('../features/editor').then((m) => m.EditorListPage)),
                },
                {
                  path: 'requests',
                  Component: page(() => import('../features/editor').then((m) => m.SupersessionRequestsPage)),
                },
                {
                  path: 'review-queue',
                  Component: page(() => import('../features/authorities').then((m) => m.loadReviewQueuePage())),
                },
                {
                  path: ':id',
                  Component: page(() => import('../features/editor').then((m) => m.EditorPage)),
                },
              ],
            },
            {
              // Editors read the search analytics too: what readers look for is what they write.
              path: 'admin/search-analytics',
              Component: () => <RequireRole minimum="editor" />,
              children: [
                {
                  index: true,
                  Component: page(() => import('../features/admin').then((m) => m.SearchAnalyticsPage)),
                },
              ],
            },
            {
              path: 'admin',
              Component: () => <RequireRole minimum="admin" />,
              children: [
                // The admin pages have no page of their own: /admin opens the first (as the header's link does).
                { index: true, Component: () => <Navigate to="/admin/users" replace /> },
                {
                  path: 'users',
                  Component: page(() => import('../features/admin').then((m) => m.UsersPage)),
                },
                {
                  path: 'audit',
                  Component: page(() => import('../features/admin').then((m) => m.AuditPage)),
                },
                {
                  path: 'vocabulary',
                  Component: page(() => import('../features/admin').then((m) => m.VocabularyPage)),
                },
              ],
            },
            { path: '*', Component: () => <RouteNotFound /> },
          ],
        },
      ],
    },
  ]);

// The account page comes with the app; its alert settings come with the alerts feature, when shown.
const AlertSettingsPanel = lazy(() =>
  import('../features/alerts').then(async (m) => ({ default: await m.loadAlertSettingsPanel() })),
);

function AccountRoute() {
  return (
    <AccountPage
      more={(className) => (
        <Suspense fallback={null}>
          <AlertSettingsPanel className={className} />
        </Suspense>
      )}
    />
  );
}

/** `/search?…` (how watches and alert e-mails name a search) is the search page, at `/`. */
function SearchAddress() {
  const { search } = useLocation();
  return <Navigate to={`/${search}`} replace />;
}

function RouteNotFound() {
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p>The address may be mistyped, or the page was moved.</p>
    </div>
  );
}

/**
 * A page whose code loads when it is first shown. A navigation to it is a transition (the
 * router's), so the page being left stays on screen until it has loaded; on a first load the
 * app's Suspense (AppRoutes) shows a spinner.
 */
function page(load: () => Promise<ComponentType>): ComponentType {
  return lazy(() => load().then((Page) => ({ default: Page })));
}

/**
 * Each route's element behind an error boundary: a broken page (or its code failing to load)
 * shows RouteError in its place and never blanks the whole app.
 */
function defineRoutes(routes: RouteObject[]): RouteObject[] {
  return routes.map(({ Component: Page, children, ...route }) => ({
    ...route,
    ...(Page ? { element: <RouteBoundary page={Page} /> } : {}),
    ...(children ? { children: defineRoutes(children) } : {}),
  })) as RouteObject[];
}

function RouteBoundary({ page: Page }: { page: ComponentType }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary pathname={pathname}>
      <Page />
    </ErrorBoundary>
  );
}

/** Catches a page's error until the address changes (another page, or the same page retried). */
class ErrorBoundary extends Component<
  { pathname: string; children: ReactNode },
  { failed: boolean; error: unknown; pathname: string }
> {
  override state = { failed: false, error: null as unknown, pathname: this.props.pathname };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: { pathname: string }) {
    return props.pathname === state.pathname ? null : { failed: false, error: null, pathname: props.pathname };
  }

  override render() {
    return this.state.failed ? <RouteError error={this.state.error} /> : this.props.children;
  }
}

/** The page at the current address. */
export function AppRoutes({ routes }: { routes: RouteObject[] }) {
  return <Suspense fallback={<Spinner label="Loading…" />}>{useRoutes(routes)}</Suspense>;
}
