import { ApiError } from '../../lib/api-client';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(error)}</p>
      {retry ? (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
