/** Domain errors: services throw these; the error handler maps them to HTTP. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in to continue.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const unavailable = (message: string) => new AppError(503, 'unavailable', message);

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True for errors that mean "PostgreSQL cannot be reached right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; cause?: unknown };
    if (e.code && CONNECTION_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|the database system is (shutting down|starting up)|terminating connection/i.test(
        e.message,
      )
    ) {
      return true;
    }
    current = e.cause;
  }
  return false;
}

/** PostgreSQL refusing text it cannot store: NUL bytes (22021) or untranslatable characters (22P05). */
const INVALID_TEXT_CODES = new Set(['22021', '22P05']);

/** True when the database refused a value of the request itself (bad input, not a bug): answer 400. */
export function isInvalidTextInput(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; cause?: unknown };
    if (e.code && INVALID_TEXT_CODES.has(e.code)) return true;
    current = e.cause;
  }
  return false;
}

/** True for errors from the Meilisearch client meaning the search engine cannot be reached. */
export function isSearchUnavailable(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: unknown };
  return (
    e?.name === 'MeiliSearchRequestError' ||
    e?.name === 'MeiliSearchRequestTimeOutError' ||
    /fetch failed|ECONNREFUSED|timed? ?out/i.test(e?.message ?? '')
  );
}
