/**
 * The secret of an invitation or password-reset link. Links carry it in the fragment
 * (`#token=…`), which browsers never send to the server; `?token=` is read too.
 */
export function oneTimeToken(location: { hash: string; search: string }): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return (fromHash ?? new URLSearchParams(location.search).get('token') ?? '').trim();
}
