/** Placeholder until this feature lands (see the open issue). */
export function EditorPage() {
  return (
    <div className="page narrow">
      <h1>Edit document</h1>
      <p className="muted">The document editor — not available yet.</p>
    </div>
  );
}
