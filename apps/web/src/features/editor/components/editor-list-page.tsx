/** Placeholder until this feature lands (see the open issue). */
export function EditorListPage() {
  return (
    <div className="page narrow">
      <h1>Editor</h1>
      <p className="muted">Drafts, review and publishing — not available yet.</p>
    </div>
  );
}
