import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { useRequestSupersession } from '../api/supersession-requests';
import { DocumentPicker } from './document-picker';
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
  const [note, setNote] = useState('');
  const ask = useRequestSupersession(documentId);
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
      <DocumentPicker
        label="Find their document"
        // Only other organizations' documents need a request; your own you mark superseded directly.
        accepts={(d) => d.id !== documentId && d.organization !== null && d.organization.id !== organizationId}
        describe={(d) => (
          <div className="small">
            {d.organization?.name} · {kindLabel(d.kind)}
            {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ''}
            {d.superseded ? ' · already superseded' : ''}
          </div>
        )}
        action={(d) => (
          <button
            type="button"
            className="button small"
            disabled={ask.isPending}
            onClick={() => ask.mutate({ documentId: d.id, note: note.trim() || undefined })}
            aria-label={`Ask to replace “${d.title}”`}
          >
            Ask to replace
          </button>
        )}
        empty="No other organization’s published document matches."
      >
        <label className="field">
          <span>Why this one replaces it (optional)</span>
          <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {ask.isError ? <ErrorMessage error={ask.error} /> : null}
        {ask.isSuccess ? (
          <p className="alert alert-success" role="status">
            Asked {ask.data.document.organization?.name ?? 'the other organization'} to let this replace “
            {ask.data.document.title}”.
          </p>
        ) : null}
      </DocumentPicker>
    </section>
  );
}
