/** Placeholder until this feature lands (see the open issue). */
export function AuditPage() {
  return (
    <div className="page narrow">
      <h1>Audit log</h1>
      <p className="muted">Who did what, when — not available yet.</p>
    </div>
  );
}
