import { StartupError } from '@kb/embedded';
import { ConfigError } from '../config';

/** Prints a user-fixable startup failure as one line (no stack trace) and exits non-zero. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`advisory-kb: ${error.message}`);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port;
    console.error(
      `advisory-kb: PORT ${port ?? ''} is already in use — stop the other server or set PORT to a free port`,
    );
  } else {
    console.error('advisory-kb: failed to start:', error);
  }
  process.exit(1);
}
