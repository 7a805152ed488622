/** Placeholder until this feature lands (see the open issue). */
export function UsersPage() {
  return (
    <div className="page narrow">
      <h1>Users</h1>
      <p className="muted">Invite users and manage roles — not available yet.</p>
    </div>
  );
}
