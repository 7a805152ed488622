import type { DocumentRef } from '@kb/contracts';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { DocumentPicker } from './document-picker';
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
      <DocumentPicker
        label="Find the newer document"
        accepts={(d) => d.id !== documentId}
        describe={(d) => (
          <div className="muted small">
            {kindLabel(d.kind)}
            {d.publisher ? ` · ${d.publisher}` : ''}
            {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ''}
            {d.superseded ? ' · itself superseded' : ''}
          </div>
        )}
        action={(d) => (
          <button
            type="button"
            className="button small"
            disabled={busy || current?.id === d.id}
            onClick={() => onPick(d.id)}
          >
            {current?.id === d.id ? 'Current successor' : 'Choose'}
          </button>
        )}
        empty="No published document matches."
      />
    </section>
  );
}
