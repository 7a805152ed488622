/** Placeholder until this feature lands (see the open issue). */
export function VocabularyPage() {
  return (
    <div className="page narrow">
      <h1>Vocabulary</h1>
      <p className="muted">Offense types and consequences — not available yet.</p>
    </div>
  );
}
