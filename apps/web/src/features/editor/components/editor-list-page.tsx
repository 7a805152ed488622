import { DOCUMENT_STATUSES, type DocumentStatus, STATUS_LABELS } from '@kb/contracts';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Pager } from '../../../components/ui/pager';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents';
import { useImportDocument } from '../api/import-document';
import styles from './editor.module.css';
import { STATUS_CLASS } from './editor-classes';

const PER_PAGE = 25;
const IMPORT_LIMIT_MB = 20;

/** Editors' list of every document, filtered by status and searched by title. */
export function EditorListPage() {
  const [params, setParams] = useSearchParams();
  const status = DOCUMENT_STATUSES.find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDeferredValue(search.trim());
  const documents = useDocuments({
    status,
    q: q || undefined,
    sort: 'updated',
    page,
    perPage: PER_PAGE,
  });

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  // The search box drives the URL (so the list can be linked and survives a reload).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const next = new URLSearchParams(window.location.search);
    if (q) next.set('q', q);
    else next.delete('q');
    next.delete('page');
    setParams(next, { replace: true });
  }, [q, setParams]);

  const total = documents.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));

  return (
    <div className="page">
      <div className={styles.editorListHead}>
        <h1>Documents</h1>
        <div className={styles.editorListActions}>
          <Link className="button" to="/editor/review-queue">
            Review queue
          </Link>
          <ImportButton />
          <Link className="button" to="/editor/requests">
            Supersession requests
          </Link>
          <Link className="button primary" to="/editor/new">
            New document
          </Link>
        </div>
      </div>

      <fieldset className={styles.statusTabs}>
        <legend className="visually-hidden">Filter by status</legend>
        {([undefined, ...DOCUMENT_STATUSES] as Array<DocumentStatus | undefined>).map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className={status === s ? `${styles.statusTab} active` : styles.statusTab}
            aria-pressed={status === s}
            onClick={() => setParam({ status: s ?? null })}
          >
            {s ? STATUS_LABELS[s] : 'All'}
          </button>
        ))}
      </fieldset>
      <form className={styles.editorSearch} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Search titles</span>
          <input
            type="search"
            value={search}
            placeholder="Title or address"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
      </form>

      {documents.isPending ? <Spinner /> : null}
      {documents.isError ? <ErrorMessage error={documents.error} retry={() => void documents.refetch()} /> : null}
      {documents.data ? (
        <>
          <p className="muted small" aria-live="polite">
            {total === 0
              ? 'No documents match.'
              : `${total.toLocaleString()} ${total === 1 ? 'document' : 'documents'}${status ? ` · ${STATUS_LABELS[status].toLowerCase()}` : ''}`}
          </p>
          <RecordTable
            className={styles.docTable}
            caption="Documents, most recently updated first"
            columns={[
              'Title',
              'Status',
              { key: 'kind', label: 'Kind', className: styles.hideNarrow },
              { key: 'updated', label: 'Updated', className: styles.hideNarrow },
            ]}
          >
            {documents.data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/editor/${d.id}`} className={styles.docLink}>
                    {d.title}
                  </Link>
                  {d.publisher ? <div className="muted small">{d.publisher}</div> : null}
                </td>
                <td>
                  <span className={`badge ${STATUS_CLASS[d.status]}`}>{STATUS_LABELS[d.status]}</span>
                  {d.hasUnpublishedChanges ? (
                    <span className="badge badge-warning" title="Saved changes not yet published">
                      Changes
                    </span>
                  ) : null}
                  {d.superseded ? <span className="badge badge-muted">Superseded</span> : null}
                </td>
                <td className={styles.hideNarrow}>{kindLabel(d.kind)}</td>
                <td className={styles.hideNarrow}>{formatDate(d.updatedAt)}</td>
              </tr>
            ))}
          </RecordTable>
          <Pager label="Pages" page={page} pages={pages} onPage={(p) => setParam({ page: String(p) })} />
        </>
      ) : null}
    </div>
  );
}

/** Upload a Markdown, PDF or Word file: it becomes a new draft, opened in the editor. */
function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const importing = useImportDocument();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className={styles.import}>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        id="import-file"
        aria-label="File to import"
        // The button below opens it; the hidden input is not a second stop for Tab.
        tabIndex={-1}
        accept=".md,.markdown,.txt,.pdf,.docx,text/markdown,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setMessage(null);
          if (file.size > IMPORT_LIMIT_MB * 1024 * 1024) {
            setMessage(`“${file.name}” is larger than ${IMPORT_LIMIT_MB} MB.`);
            return;
          }
          importing.mutate(
            { file },
            {
              onSuccess: (result) => navigate(`/editor/${result.id}`, { state: { importWarnings: result.warnings } }),
              onError: (error) => setMessage(errorText(error)),
            },
          );
        }}
      />
      <button
        type="button"
        className="button"
        disabled={importing.isPending}
        onClick={() => input.current?.click()}
        title="Markdown, PDF or Word (.docx), up to 20 MB"
      >
        {importing.isPending ? 'Importing…' : 'Import a file'}
      </button>
      {message ? (
        <p className={`alert alert-error ${styles.importError}`} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
