import { useDeferredValue, useState } from 'react';
import { errorText } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents';
import { useRequestSupersession } from '../api/supersession-requests';
import styles from './editor.module.css';

/**
 * Asks another organization that this published document replace one of theirs: the request
 * waits for that organization's editors, who approve (their document is then marked
 * superseded) or decline.
 */
export function ReplaceRequestPanel({
  documentId,
  organizationId,
  onClose,
}: {
  documentId: string;
  organizationId: string | null;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [note, setNote] = useState('');
  const query = useDeferredValue(q.trim());
  const results = useDocuments({ status: 'published', q: query || undefined, sort: 'newest', perPage: 8 });
  const ask = useRequestSupersession(documentId);
  // Only other organizations' documents need a request; your own you mark superseded directly.
  const candidates = (results.data?.items ?? []).filter(
    (d) => d.id !== documentId && d.organization !== null && d.organization.id !== organizationId,
  );
  return (
    <section className={`${styles.panel} supersede`} aria-labelledby="replace-title">
      <div className={styles.panelHead}>
        <h2 id="replace-title">Replace another organization’s document…</h2>
        <button type="button" className="button link" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="small">
        The other organization’s editors see your request and decide: if they approve, readers of their document are
        pointed to this one.
      </p>
      <label className="field">
        <span>Find their document</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title words" />
      </label>
      <label className="field">
        <span>Why this one replaces it (optional)</span>
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {ask.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(ask.error)}
        </div>
      ) : null}
      {ask.isSuccess ? (
        <p className="alert alert-success" role="status">
          Asked {ask.data.document.organization?.name ?? 'the other organization'} to let this replace “
          {ask.data.document.title}”.
        </p>
      ) : null}
      {results.isPending ? <Spinner label="Searching…" /> : null}
      <ul className={styles.pickList}>
        {candidates.map((d) => (
          <li key={d.id}>
            <div>
              <strong>{d.title}</strong>
              <div className="small">
                {d.organization?.name} · {kindLabel(d.kind)}
                {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ''}
                {d.superseded ? ' · already superseded' : ''}
              </div>
            </div>
            <button
              type="button"
              className="button small"
              disabled={ask.isPending}
              onClick={() => ask.mutate({ documentId: d.id, note: note.trim() || undefined })}
              aria-label={`Ask to replace “${d.title}”`}
            >
              Ask to replace
            </button>
          </li>
        ))}
        {results.data && candidates.length === 0 ? <li>No other organization’s published document matches.</li> : null}
      </ul>
    </section>
  );
}
