/** Placeholder until this feature lands (see the open issue). */
export function LibraryPage() {
  return (
    <div className="page narrow">
      <h1>My library</h1>
      <p className="muted">Bookmarks and folders — not available yet.</p>
    </div>
  );
}
