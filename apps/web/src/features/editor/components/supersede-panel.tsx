import type { DocumentRef } from '@kb/contracts';
import { useDeferredValue, useState } from 'react';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents';
import styles from './editor.module.css';

/** Picks the published document that replaces this one, by searching titles. */
export function SupersedePanel({
  documentId,
  current,
  busy,
  onPick,
  onClear,
  onClose,
}: {
  documentId: string;
  current: DocumentRef | null;
  busy: boolean;
  onPick: (successorId: string) => void;
  onClear: () => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const results = useDocuments({ status: 'published', q: query || undefined, sort: 'newest', perPage: 8 });
  const candidates = (results.data?.items ?? []).filter((d) => d.id !== documentId);
  return (
    <section className={`${styles.panel} supersede`} aria-labelledby="supersede-title">
      <div className={styles.panelHead}>
        <h2 id="supersede-title">Superseded by…</h2>
        <button type="button" className="button link" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">
        Readers of this document will see a warning pointing to the newer guidance. The successor must be published.
      </p>
      {current ? (
        <p>
          Now superseded by <strong>{current.title}</strong>.{' '}
          <button type="button" className="button link" disabled={busy} onClick={onClear}>
            Remove this link
          </button>
        </p>
      ) : null}
      <label className="field">
        <span>Find the newer document</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title words" />
      </label>
      {results.isPending ? <Spinner label="Searching…" /> : null}
      <ul className={styles.pickList}>
        {candidates.map((d) => (
          <li key={d.id}>
            <div>
              <strong>{d.title}</strong>
              <div className="muted small">
                {kindLabel(d.kind)}
                {d.publisher ? ` · ${d.publisher}` : ''}
                {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ''}
                {d.superseded ? ' · itself superseded' : ''}
              </div>
            </div>
            <button
              type="button"
              className="button small"
              disabled={busy || current?.id === d.id}
              onClick={() => onPick(d.id)}
            >
              {current?.id === d.id ? 'Current successor' : 'Choose'}
            </button>
          </li>
        ))}
        {results.data && candidates.length === 0 ? <li className="muted">No published document matches.</li> : null}
      </ul>
    </section>
  );
}
