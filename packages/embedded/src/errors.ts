/** A failure the user can fix; its message is one line that says what to do. */
export class StartupError extends Error {
  override name = 'StartupError';
}
