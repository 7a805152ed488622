import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { Layout } from './layout';
import { RequireAuth, RequireRole } from './require-auth';
import { RouteError } from './route-error';

/** Routes; feature pages load lazily so the first screen ships little JavaScript. */
export const router = createBrowserRouter([
  { path: '/sign-in', Component: SignInPage, errorElement: <RouteError /> },
  {
    path: '/accept-invite',
    lazy: () =>
      import('../features/auth/components/accept-invite-page').then((m) => ({ Component: m.AcceptInvitePage })),
    errorElement: <RouteError />,
  },
  {
    path: '/reset-password',
    lazy: () =>
      import('../features/auth/components/accept-invite-page').then((m) => ({ Component: m.ResetPasswordPage })),
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
          {
            index: true,
            lazy: () => import('../features/search/components/search-page').then((m) => ({ Component: m.SearchPage })),
            errorElement: <RouteError />,
          },
          {
            path: 'documents/:idOrSlug',
            lazy: () =>
              import('../features/documents/components/document-page').then((m) => ({ Component: m.DocumentPage })),
            errorElement: <RouteError />,
          },
          {
            path: 'library',
            lazy: () =>
              import('../features/library/components/library-page').then((m) => ({ Component: m.LibraryPage })),
            errorElement: <RouteError />,
          },
          {
            path: 'account',
            lazy: () => import('../features/auth/components/account-page').then((m) => ({ Component: m.AccountPage })),
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
                  import('../features/editor/components/editor-list-page').then((m) => ({
                    Component: m.EditorListPage,
                  })),
              },
              {
                path: ':id',
                lazy: () =>
                  import('../features/editor/components/editor-page').then((m) => ({ Component: m.EditorPage })),
              },
            ],
          },
          {
            path: 'admin',
            Component: () => <RequireRole minimum="admin" />,
            errorElement: <RouteError />,
            children: [
              {
                path: 'users',
                lazy: () => import('../features/admin/components/users-page').then((m) => ({ Component: m.UsersPage })),
              },
              {
                path: 'audit',
                lazy: () => import('../features/admin/components/audit-page').then((m) => ({ Component: m.AuditPage })),
              },
              {
                path: 'vocabulary',
                lazy: () =>
                  import('../features/admin/components/vocabulary-page').then((m) => ({ Component: m.VocabularyPage })),
              },
            ],
          },
          { path: '*', Component: () => <RouteNotFound /> },
        ],
      },
    ],
  },
]);

function RouteNotFound() {
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p>The address may be mistyped, or the page was moved.</p>
    </div>
  );
}
