import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { AcceptInvitePage, AccountPage, ResetPasswordPage, SignInPage } from '../features/auth';
import { Layout } from './layout';
import { RequireAuth, RequireRole } from './require-auth';
import { RouteError } from './route-error';

/**
 * Routes; feature pages load lazily so the first screen ships little JavaScript. The account
 * pages are small and one of them (sign-in) is often the first screen: they come with the app.
 * The search page (the home page) is loaded already when the router is made (mount.tsx): a lazy
 * route at the first address made the first render a router transition, rendered in slices
 * after the route resolved, instead of one render of the whole page.
 */
export const createRouter = (SearchPage: ComponentType) =>
  createBrowserRouter([
    { path: '/sign-in', Component: SignInPage, errorElement: <RouteError /> },
    {
      path: '/accept-invite',
      Component: AcceptInvitePage,
      errorElement: <RouteError />,
    },
    {
      path: '/reset-password',
      Component: ResetPasswordPage,
      errorElement: <RouteError />,
    },
    {
      Component: RequireAuth,
      errorElement: <RouteError />,
      children: [
        {
          Component: Layout,
          errorElement: <RouteError />,
          children: [
            { index: true, Component: SearchPage, errorElement: <RouteError /> },
            {
              path: 'documents/:idOrSlug',
              lazy: () => import('../features/documents').then((m) => ({ Component: m.DocumentPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'documents/:idOrSlug/changes',
              lazy: () => import('../features/documents').then((m) => ({ Component: m.ChangesPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'charts',
              lazy: () => import('../features/charts').then((m) => ({ Component: m.ChartsIndexPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'charts/:jurisdiction',
              lazy: () => import('../features/charts').then((m) => ({ Component: m.ChartPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'charts/:jurisdiction/:slug',
              lazy: () => import('../features/charts').then((m) => ({ Component: m.OffenseEntryPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'authorities',
              lazy: () =>
                import('../features/authorities').then(async (m) => ({ Component: await m.loadAuthoritiesPage() })),
              errorElement: <RouteError />,
            },
            {
              path: 'authorities/:slug',
              lazy: () =>
                import('../features/authorities').then(async (m) => ({ Component: await m.loadAuthorityPage() })),
              errorElement: <RouteError />,
            },
            {
              path: 'organizations',
              lazy: () => import('../features/organizations').then((m) => ({ Component: m.OrganizationsPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'organizations/:slug',
              lazy: () => import('../features/organizations').then((m) => ({ Component: m.OrganizationPage })),
              errorElement: <RouteError />,
            },
            {
              // The page itself tells a non-admin that only the organization's admins manage it.
              path: 'organizations/:slug/manage',
              Component: () => <RequireRole minimum="editor" />,
              errorElement: <RouteError />,
              children: [
                {
                  index: true,
                  lazy: () =>
                    import('../features/organizations').then((m) => ({ Component: m.OrganizationManagePage })),
                },
              ],
            },
            {
              path: 'library',
              lazy: () => import('../features/library').then((m) => ({ Component: m.LibraryPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'analyzer',
              lazy: () => import('../features/analyzer').then((m) => ({ Component: m.AnalyzerPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'analyzer/:id',
              lazy: () => import('../features/analyzer').then((m) => ({ Component: m.SavedAnalysisPage })),
              errorElement: <RouteError />,
            },
            {
              path: 'analyzer/:id/memo',
              lazy: () => import('../features/analyzer').then((m) => ({ Component: m.MemoPage })),
              errorElement: <RouteError />,
            },
            { path: 'search', Component: SearchAddress },
            {
              path: 'notifications',
              lazy: () =>
                import('../features/alerts').then(async (m) => ({ Component: await m.loadNotificationsPage() })),
              errorElement: <RouteError />,
            },
            {
              path: 'watches',
              lazy: () => import('../features/alerts').then(async (m) => ({ Component: await m.loadWatchesPage() })),
              errorElement: <RouteError />,
            },
            {
              path: 'account',
              Component: AccountRoute,
              errorElement: <RouteError />,
            },
            {
              path: 'editor',
              Component: () => <RequireRole minimum="editor" />,
              errorElement: <RouteError />,
              children: [
                {
                  index: true,
                  lazy: () =>
                    import('../features/editor').then((m) => ({
                      Component: m.EditorListPage,
                    })),
                },
                {
                  path: 'requests',
                  lazy: () => import('../features/editor').then((m) => ({ Component: m.SupersessionRequestsPage })),
                },
                {
                  path: 'review-queue',
                  lazy: () =>
                    import('../features/authorities').then(async (m) => ({ Component: await m.loadReviewQueuePage() })),
                },
                {
                  path: ':id',
                  lazy: () => import('../features/editor').then((m) => ({ Component: m.EditorPage })),
                },
              ],
            },
            {
              // Editors read the search analytics too: what readers look for is what they write.
              path: 'admin/search-analytics',
              Component: () => <RequireRole minimum="editor" />,
              errorElement: <RouteError />,
              children: [
                {
                  index: true,
                  lazy: () => import('../features/admin').then((m) => ({ Component: m.SearchAnalyticsPage })),
                },
              ],
            },
            {
              path: 'admin',
              Component: () => <RequireRole minimum="admin" />,
              errorElement: <RouteError />,
              children: [
                // The admin pages have no page of their own: /admin opens the first (as the header's link does).
                { index: true, Component: () => <Navigate to="/admin/users" replace /> },
                {
                  path: 'users',
                  lazy: () => import('../features/admin').then((m) => ({ Component: m.UsersPage })),
                },
                {
                  path: 'audit',
                  lazy: () => import('../features/admin').then((m) => ({ Component: m.AuditPage })),
                },
                {
                  path: 'vocabulary',
                  lazy: () => import('../features/admin').then((m) => ({ Component: m.VocabularyPage })),
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
