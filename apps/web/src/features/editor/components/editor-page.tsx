import {
  type DocumentContent,
  type EditorDocument,
  type EditorRevision,
  readerPath,
  STATUS_LABELS,
} from '@kb/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { OffenseEntryForm, offenseTitle } from '../../charts';
import { editorDocumentQueryOptions, useEditorDocument } from '../api/get-editor-document';
import { editorKeys } from '../api/keys';
import { restoreRevision, type Transition, useTransition } from '../api/transitions';
import { type SaveState, useDraftSession } from '../hooks/use-draft-session';
import { ConflictView } from './conflict-view';
import styles from './editor.module.css';
import { SAVE_STATE_CLASS, STATUS_CLASS } from './editor-classes';
import { HistoryPanel } from './history-panel';
import { MarkdownEditor } from './markdown-editor';
import { MetadataForm } from './metadata-form';
import { ReplaceRequestPanel } from './replace-request-panel';
import { ReviewComments } from './review-comments';
import { SupersedePanel } from './supersede-panel';

/** /editor/:id — /editor/new starts a document that is created on its first save. */
export function EditorPage() {
  const { id = 'new' } = useParams();
  const navigate = useNavigate();
  const [session, setSession] = useState<{ n: number; createdId: string | null }>({ n: 0, createdId: null });
  // Back on /editor/new after creating one: a fresh, empty editor.
  if (id === 'new' && session.createdId) setSession({ n: session.n + 1, createdId: null });
  if (id === 'new' || id === session.createdId) {
    return (
      <DocumentEditor
        key={`new-${session.n}`}
        documentId={null}
        head={null}
        onCreated={(createdId) => {
          setSession((s) => ({ ...s, createdId }));
          navigate(`/editor/${createdId}`, { replace: true });
        }}
        onReload={() => setSession((s) => ({ n: s.n + 1, createdId: null }))}
      />
    );
  }
  return <ExistingDocumentEditor key={id} id={id} />;
}

function ExistingDocumentEditor({ id }: { id: string }) {
  const doc = useEditorDocument(id);
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  if (doc.isPending) return <Spinner label="Opening the document…" />;
  if (doc.isError) {
    const missing = doc.error instanceof ApiError && (doc.error.status === 404 || doc.error.status === 400);
    const notOurs = doc.error instanceof ApiError && doc.error.status === 403;
    return (
      <div className="page narrow">
        {notOurs ? (
          <>
            <h1>Not your organization’s document</h1>
            <p>{errorText(doc.error)}</p>
            <p>
              <Link to={`/documents/${id}`}>Read it</Link> · <Link to="/editor">Your organization’s documents</Link>
            </p>
          </>
        ) : missing ? (
          <>
            <h1>Document not found</h1>
            <p>
              It may have been removed, or the address is mistyped. <Link to="/editor">All documents</Link>
            </p>
          </>
        ) : (
          <ErrorMessage error={doc.error} retry={() => void doc.refetch()} />
        )}
      </div>
    );
  }
  return (
    <DocumentEditor
      key={`${id}-${generation}`}
      documentId={id}
      head={doc.data.head}
      onReload={async () => {
        await queryClient.refetchQueries({ queryKey: editorKeys.document(id) });
        setGeneration((g) => g + 1);
      }}
    />
  );
}

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Not saved',
  conflict: 'Conflict: not saved',
};

const SET_ASIDE_KEY = (id: string) => `kb.editor.setAside.${id}`;

function DocumentEditor({
  documentId: initialId,
  head,
  onCreated,
  onReload,
}: {
  documentId: string | null;
  head: EditorRevision | null;
  onCreated?: (id: string) => void;
  onReload: () => void | Promise<void>;
}) {
  const [currentId, setCurrentId] = useState(initialId);
  const docQuery = useQuery({ ...editorDocumentQueryOptions(currentId ?? ''), enabled: Boolean(currentId) });
  const doc: EditorDocument | undefined = docQuery.data;
  const readOnly = Boolean(doc && !doc.allowedActions.includes('edit'));
  const draft = useDraftSession({
    documentId: initialId,
    head,
    readOnly,
    onCreated: (id) => {
      setCurrentId(id);
      onCreated?.(id);
    },
  });
  const transition = useTransition(currentId ?? '');
  // `?tab=history` opens the history (an entry page's "History" link).
  const [tab, setTab] = useState<'edit' | 'history'>(() =>
    new URLSearchParams(window.location.search).get('tab') === 'history' ? 'history' : 'edit',
  );
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [supersedeOpen, setSupersedeOpen] = useState(false);
  const [replaceOpen, setReplaceOpen] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [setAside, setSetAside] = useState<DocumentContent | null>(() => {
    try {
      const raw = initialId ? localStorage.getItem(SET_ASIDE_KEY(initialId)) : null;
      return raw ? (JSON.parse(raw) as DocumentContent) : null;
    } catch {
      return null;
    }
  });
  const { content, update } = draft;
  const importWarnings = (useLocation().state as { importWarnings?: string[] } | null)?.importWarnings ?? [];

  const keepAside = (value: DocumentContent | null) => {
    setSetAside(value);
    try {
      if (!currentId) return;
      if (value) localStorage.setItem(SET_ASIDE_KEY(currentId), JSON.stringify(value));
      else localStorage.removeItem(SET_ASIDE_KEY(currentId));
    } catch {
      // storage full: the version stays in memory for this visit
    }
  };

  /** Saves pending edits first, so every action applies to exactly what the editor sees. */
  const act = async (t: Transition, done: string) => {
    setNotice(null);
    const revisionId = await draft.saveNow();
    if (!revisionId && t.action !== 'reopen') {
      setNotice({ kind: 'error', text: 'Save your changes first: the last save did not go through.' });
      return;
    }
    const request = t.action === 'publish' ? { ...t, revisionId: revisionId ?? undefined } : t;
    transition.mutate(request, {
      onSuccess: () => setNotice({ kind: 'success', text: done }),
      onError: (error) => setNotice({ kind: 'error', text: errorText(error) }),
    });
  };

  const busy = transition.isPending || restoring;
  const isEntry = content.kind === 'offense_entry';
  const editForm = (
    <div className={styles.editorGrid}>
      <div className={styles.editorMain}>
        {/* A chart row's title is derived from its statutes and name. */}
        <label className="field" hidden={isEntry}>
          <span>Title</span>
          <input
            className={styles.titleInput}
            type="text"
            value={content.title}
            maxLength={500}
            required
            disabled={readOnly}
            placeholder="e.g. Cal. Penal Code § 273.5 and domestic violence deportability"
            onChange={(e) => update('title', e.target.value)}
          />
        </label>
        {!currentId && !content.title.trim() ? (
          <p className="muted small">
            {isEntry
              ? 'The draft is saved as soon as it has a statute and an offense name.'
              : 'The draft is saved as soon as it has a title.'}
          </p>
        ) : null}
        <label className="field">
          <span>Summary</span>
          <textarea
            rows={3}
            value={content.summary}
            maxLength={5000}
            disabled={readOnly}
            placeholder="The bottom line in two or three sentences: readers see it in search results."
            onChange={(e) => update('summary', e.target.value)}
          />
        </label>
        {isEntry ? (
          <OffenseEntryForm
            value={content.offense}
            disabled={readOnly}
            onChange={(offense) => {
              update('offense', offense);
              const title = offenseTitle(offense);
              if (title) update('title', title);
            }}
          />
        ) : (
          <MarkdownEditor value={content.body} onChange={(v) => update('body', v)} disabled={readOnly} />
        )}
      </div>
      <aside className={styles.editorSide} aria-label="Details, tags and review comments">
        <MetadataForm content={content} update={update} disabled={readOnly} />
        {currentId ? <ReviewComments documentId={currentId} /> : null}
      </aside>
    </div>
  );
  const actions = doc?.allowedActions ?? [];
  const status = doc?.status ?? 'draft';

  return (
    <div className={`page ${styles.editorPage}`}>
      <div className={styles.editorHead}>
        <div>
          <p className={styles.editorBreadcrumb}>
            <Link to="/editor">All documents</Link>
          </p>
          <h1 className={styles.editorTitle}>
            {content.title.trim() || (currentId ? 'Untitled document' : 'New document')}
          </h1>
          <div className={styles.editorBadges} data-testid="editor-status">
            <span className={`badge ${STATUS_CLASS[status]}`}>{STATUS_LABELS[status]}</span>
            {doc?.hasUnpublishedChanges ? <span className="badge badge-warning">Unpublished changes</span> : null}
            {doc?.supersededBy ? (
              <span className="badge badge-muted">
                Superseded by <Link to={`/editor/${doc.supersededBy.id}`}>{doc.supersededBy.title}</Link>
              </span>
            ) : null}
            {doc?.publishedRevisionNumber ? (
              <span className="muted small">Readers see revision {doc.publishedRevisionNumber}</span>
            ) : null}
          </div>
        </div>
        <SaveIndicator
          state={draft.saveState}
          error={draft.error}
          savedAt={draft.savedAt}
          onRetry={() => void draft.saveNow()}
        />
      </div>

      <div className={styles.workflow} role="toolbar" aria-label="Workflow">
        {actions.includes('submit') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void act({ action: 'submit' }, 'Submitted for review.')}
          >
            Submit for review
          </button>
        ) : null}
        {actions.includes('publish') || !currentId ? (
          <button
            type="button"
            className="button primary"
            disabled={busy || !currentId || draft.saveState === 'conflict'}
            onClick={() => void act({ action: 'publish' }, 'Published: readers and search see this version now.')}
          >
            {status === 'published' ? 'Publish changes' : status === 'in_review' ? 'Approve and publish' : 'Publish'}
          </button>
        ) : null}
        {actions.includes('withdraw') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void act({ action: 'withdraw' }, 'Back to draft.')}
          >
            Back to draft
          </button>
        ) : null}
        {actions.includes('supersede') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => setSupersedeOpen((o) => !o)}
            aria-expanded={supersedeOpen}
          >
            Superseded by…
          </button>
        ) : null}
        {status === 'published' && currentId ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => setReplaceOpen((o) => !o)}
            aria-expanded={replaceOpen}
          >
            Replaces another organization’s…
          </button>
        ) : null}
        {actions.includes('reopen') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void act({ action: 'reopen' }, 'Reopened as a draft.')}
          >
            Reopen as draft
          </button>
        ) : null}
        {actions.includes('archive') ? (
          confirmArchive ? (
            <span className={styles.confirm}>
              <span>{status === 'published' ? 'Remove it from readers and search?' : 'Archive this document?'}</span>
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => {
                  setConfirmArchive(false);
                  void act({ action: 'archive' }, 'Archived: removed from search and from readers.');
                }}
              >
                Yes, archive
              </button>
              <button type="button" className="button" onClick={() => setConfirmArchive(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="button danger" disabled={busy} onClick={() => setConfirmArchive(true)}>
              Archive…
            </button>
          )
        ) : null}
        {status === 'published' && doc ? (
          <Link className="button link" to={readerPath({ kind: content.kind, slug: doc.slug })}>
            View as reader
          </Link>
        ) : null}
      </div>

      <div aria-live="polite">
        {notice ? (
          <div className={`alert alert-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        ) : null}
        {importWarnings.length > 0 ? (
          <div className="alert alert-info">
            <p>Imported as a draft. Before publishing, check:</p>
            <ul>
              {importWarnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {draft.restoredFromBrowser && draft.saveState !== 'conflict' ? (
          <div className="alert alert-info">Unsaved changes from your last visit were restored from this browser.</div>
        ) : null}
        {draft.backupFailed ? (
          <div className="alert alert-warning">
            This browser could not keep a backup copy of your edits (storage full or disabled). Keep this page open
            until it says “Saved”.
          </div>
        ) : null}
        {setAside && !draft.conflict ? (
          <div className="alert alert-info">
            Your version was set aside when you chose theirs.{' '}
            <button
              type="button"
              className="button link"
              onClick={() => {
                draft.setContent(setAside);
                keepAside(null);
              }}
            >
              Put my version back
            </button>{' '}
            <button type="button" className="button link" onClick={() => keepAside(null)}>
              Discard it
            </button>
          </div>
        ) : null}
        {readOnly ? (
          <div className="alert alert-warning">This document is archived and read-only. Reopen it to edit it.</div>
        ) : null}
      </div>

      {supersedeOpen && currentId && doc ? (
        <SupersedePanel
          documentId={currentId}
          current={doc.supersededBy}
          busy={busy}
          onClose={() => setSupersedeOpen(false)}
          onPick={(successorId) => {
            transition.mutate(
              { action: 'supersede', successorId },
              {
                onSuccess: (d) => {
                  setSupersedeOpen(false);
                  setNotice({ kind: 'success', text: `Marked as superseded by “${d.supersededBy?.title ?? ''}”.` });
                },
                onError: (error) => setNotice({ kind: 'error', text: errorText(error) }),
              },
            );
          }}
          onClear={() =>
            transition.mutate(
              { action: 'supersede', successorId: null },
              {
                onSuccess: () => setNotice({ kind: 'success', text: 'No longer marked as superseded.' }),
                onError: (error) => setNotice({ kind: 'error', text: errorText(error) }),
              },
            )
          }
        />
      ) : null}

      {replaceOpen && currentId && doc ? (
        <ReplaceRequestPanel
          documentId={currentId}
          organizationId={doc.organization?.id ?? null}
          onClose={() => setReplaceOpen(false)}
        />
      ) : null}

      {draft.conflict && currentId ? (
        <ConflictView
          documentId={currentId}
          conflict={draft.conflict}
          busy={draft.saveState === 'saving'}
          onResolve={(resolved, choice) => {
            const theirs = draft.conflict?.theirs;
            if (choice === 'theirs' && draft.conflict) keepAside(draft.conflict.yours);
            const who = theirs ? `revision ${theirs.number}${theirs.authorName ? ` by ${theirs.authorName}` : ''}` : '';
            void draft.resolveConflict(
              resolved,
              choice === 'merged'
                ? `Merged with ${who}`
                : choice === 'yours'
                  ? `Kept my version over ${who}`
                  : undefined,
            );
          }}
        />
      ) : (
        <>
          {currentId ? (
            <div className={styles.tabs} role="tablist" aria-label="Editor views">
              {(['edit', 'history'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  id={`tab-${t}`}
                  aria-selected={tab === t}
                  aria-controls={`panel-${t}`}
                  className={tab === t ? `${styles.tab} active` : styles.tab}
                  onClick={() => setTab(t)}
                >
                  {t === 'edit' ? 'Edit' : 'History'}
                </button>
              ))}
            </div>
          ) : null}
          {!currentId ? (
            editForm
          ) : tab === 'edit' ? (
            <div id="panel-edit" role="tabpanel" aria-labelledby="tab-edit">
              {editForm}
            </div>
          ) : (
            <div id="panel-history" role="tabpanel" aria-labelledby="tab-history">
              <HistoryPanel
                documentId={currentId}
                canRestore={actions.includes('edit')}
                restoring={restoring}
                onRestore={async (revision) => {
                  setRestoring(true);
                  setNotice(null);
                  try {
                    const saved = await draft.saveNow();
                    if (!saved) throw new Error('Save your changes before restoring an older revision.');
                    await restoreRevision(currentId, revision.id);
                    await onReload();
                  } catch (error) {
                    setNotice({ kind: 'error', text: errorText(error) });
                  } finally {
                    setRestoring(false);
                  }
                }}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function SaveIndicator({
  state,
  error,
  savedAt,
  onRetry,
}: {
  state: SaveState;
  error: string | null;
  savedAt: Date | null;
  onRetry: () => void;
}) {
  return (
    <div className={`${styles.saveIndicator} ${SAVE_STATE_CLASS[state]}`} role="status" aria-live="polite">
      <span className={styles.saveDot} aria-hidden="true" />
      <span>
        {SAVE_LABELS[state]}
        {state === 'saved' && savedAt ? (
          <span className="muted"> at {savedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
        ) : null}
      </span>
      {state === 'error' ? (
        <>
          <span className={styles.saveError}>{error}</span>
          <button type="button" className="button small" onClick={onRetry}>
            Retry
          </button>
        </>
      ) : null}
    </div>
  );
}
