import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSearchPage } from '../features/search';
import { App } from './app';
import { createRoutes } from './router';

/** Renders the app into #root (loaded by main.tsx once the first requests are out). */
export async function mount(): Promise<void> {
  performance.mark('kb:app');
  const root = document.getElementById('root');
  if (!root) return;
  // In this file's chunk (the first screen): resolves at once.
  const routes = createRoutes(await loadSearchPage());
  createRoot(root).render(
    <StrictMode>
      <App routes={routes} />
    </StrictMode>,
  );
}
