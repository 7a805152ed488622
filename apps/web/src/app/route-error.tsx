import { Link } from 'react-router';
import { errorText } from '../components/ui/error-message';

/** What a route shows in place of a page that failed (router.tsx's error boundary). */
export function RouteError({ error }: { error: unknown }) {
  return (
    <div className="page narrow">
      <h1>This page could not be shown</h1>
      <p>{errorText(error)}</p>
      <p>
        <Link to="/">Back to search</Link>
      </p>
    </div>
  );
}
