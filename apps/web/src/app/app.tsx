import { QueryClientProvider } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from '../lib/auth';
import { queryClient } from './query-client';
import { AppRoutes } from './router';

export function App({ routes }: { routes: RouteObject[] }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes routes={routes} />
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
