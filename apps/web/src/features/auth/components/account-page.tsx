/** Placeholder until this feature lands (see the open issue). */
export function AccountPage() {
  return (
    <div className="page narrow">
      <h1>Your account</h1>
      <p className="muted">Change your password — not available yet.</p>
    </div>
  );
}
