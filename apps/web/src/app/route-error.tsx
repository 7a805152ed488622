import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorText } from '../components/ui/error-message';

/** Error boundary of every route: a broken page never blanks the whole app. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="page narrow">
      <h1>{notFound ? 'Page not found' : 'This page could not be shown'}</h1>
      <p>{notFound ? 'The address may be mistyped, or the page was moved.' : errorText(error)}</p>
      <p>
        <Link to="/">Back to search</Link>
      </p>
    </div>
  );
}
