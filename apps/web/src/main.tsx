import { startSearchPageLoad } from './features/search';
import { restoreSession } from './lib/session';
import './styles.css';

// The entry script is small (no React): it runs as soon as it arrives, and the first screen's
// requests go out from here while the app's code (React, the router, the pages) still loads
// and compiles, not after it: the session (refresh cookie) at once, and on the search page its
// code and, as soon as the token is known, its results.
performance.mark('kb:entry');
const session = restoreSession();
if (window.location.pathname === '/') startSearchPageLoad(session, window.location.search);
void import('./app/mount').then(({ mount }) => mount());
