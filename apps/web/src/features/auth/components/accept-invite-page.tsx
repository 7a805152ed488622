/** Placeholder until invitations land (see the open issue on accounts). */
export function AcceptInvitePage() {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>Accept invitation</h1>
        <p className="muted">Invitations are not available yet.</p>
      </div>
    </div>
  );
}

export function ResetPasswordPage() {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>Reset password</h1>
        <p className="muted">Password reset is not available yet.</p>
      </div>
    </div>
  );
}
