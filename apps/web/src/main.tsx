import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { queryClient } from './app/query-client';
import { restoreSession } from './lib/auth';
import './styles.css';

// The first screen's requests go out now, side by side, not one after another as React renders:
// the session (refresh cookie) and, on the search page, its code and then its results as soon
// as the token is known.
const session = restoreSession();
if (window.location.pathname === '/') {
  const search = import('./features/search');
  void Promise.all([session, search])
    .then(([restored, { prefetchSearchResults }]) =>
      restored ? prefetchSearchResults(queryClient, window.location.search) : undefined,
    )
    .catch(() => {
      // The page asks again itself when it mounts.
    });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
