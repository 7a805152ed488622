import { DOCUMENT_STATUSES, type DocumentStatus, STATUS_LABELS } from '@kb/contracts';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents/api/list-documents';
import { useImportDocument } from '../api/import-document';
import './editor.css';

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
    <div className="page editor-list">
      <div className="editor-list-head">
        <h1>Documents</h1>
        <div className="editor-list-actions">
          <ImportButton />
          <Link className="button primary" to="/editor/new">
            New document
          </Link>
        </div>
      </div>

      <fieldset className="status-tabs">
        <legend className="visually-hidden">Filter by status</legend>
        {([undefined, ...DOCUMENT_STATUSES] as Array<DocumentStatus | undefined>).map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className={`status-tab${status === s ? ' active' : ''}`}
            aria-pressed={status === s}
            onClick={() => setParam({ status: s ?? null })}
          >
            {s ? STATUS_LABELS[s] : 'All'}
          </button>
        ))}
      </fieldset>
      <form className="editor-search" onSubmit={(e) => e.preventDefault()}>
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
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Kind
                </th>
                <th scope="col" className="hide-narrow">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.data.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/editor/${d.id}`} className="doc-link">
                      {d.title}
                    </Link>
                    {d.publisher ? <div className="muted small">{d.publisher}</div> : null}
                  </td>
                  <td>
                    <span className={`badge status-${d.status}`}>{STATUS_LABELS[d.status]}</span>
                    {d.hasUnpublishedChanges ? (
                      <span className="badge badge-warning" title="Saved changes not yet published">
                        Changes
                      </span>
                    ) : null}
                    {d.superseded ? <span className="badge badge-muted">Superseded</span> : null}
                  </td>
                  <td className="hide-narrow">{kindLabel(d.kind)}</td>
                  <td className="hide-narrow">{formatDate(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="button small"
                disabled={page <= 1}
                onClick={() => setParam({ page: String(page - 1) })}
              >
                Previous
              </button>
              <span className="muted small">
                Page {page} of {pages}
              </span>
              <button
                type="button"
                className="button small"
                disabled={page >= pages}
                onClick={() => setParam({ page: String(page + 1) })}
              >
                Next
              </button>
            </nav>
          ) : null}
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
    <div className="import">
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        id="import-file"
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
        <p className="alert alert-error import-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
