import type { Bookmark, Folder } from '@kb/contracts';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { FormActions } from '../../../components/ui/form-actions';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { NeedsReviewBadge } from '../../authorities';
import { useDeleteBookmark } from '../api/delete-bookmark';
import { useUpdateBookmark } from '../api/update-bookmark';
import styles from './library.module.css';

function bookmarkHref(b: Bookmark): string {
  const anchor = b.sectionAnchor && !b.sectionMissing ? `#${b.sectionAnchor}` : '';
  return `/documents/${b.document.slug}${anchor}`;
}

/**
 * "What changed since you saved it": the reader's comparison from the revision current when the
 * bookmark was saved, open at its section. (The documents feature reads this address; it imports
 * this feature, so the address is spelled here rather than imported.)
 */
function changesSinceHref(b: Bookmark): string {
  const query = new URLSearchParams(
    b.savedRevision && b.currentRevision
      ? { from: b.savedRevision.id, to: b.currentRevision.id }
      : { since: b.createdAt },
  );
  const anchor = b.sectionAnchor && !b.sectionMissing ? `#${b.sectionAnchor}` : '';
  return `/documents/${b.document.slug}/changes?${query}${anchor}`;
}

/** One saved place: what it is, whether it is still current, the user's note, and its actions. */
export function BookmarkItem({ bookmark: b, folders }: { bookmark: Bookmark; folders: Folder[] }) {
  const update = useUpdateBookmark();
  const remove = useDeleteBookmark();
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(b.note);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // The folder chosen shows at once (the library refetches later, and a controlled select that
  // keeps the old value meanwhile is put back by React); a failed move falls back to the server's.
  const [folderId, setFolderId] = useState<string | null>();
  const id = useId();
  const error = update.error ?? remove.error;

  return (
    <li className={`result ${styles.bookmarkItem}`} aria-labelledby={`${id}-title`}>
      <div className="result-meta">
        <span className="badge">{kindLabel(b.document.kind)}</span>
        {b.document.publisher ? <span>{b.document.publisher}</span> : null}
        {b.document.documentDate ? <span>{formatDate(b.document.documentDate)}</span> : null}
        {b.updatedSinceSaved ? (
          <span className={`badge ${styles.badgeUpdated}`}>Updated since you saved it</span>
        ) : null}
        {b.document.needsReview ? <NeedsReviewBadge /> : null}
        {b.superseded ? <span className="badge badge-warning">Superseded</span> : null}
        {!b.document.available ? <span className="badge badge-danger">No longer published</span> : null}
      </div>
      <h3 className="result-title" id={`${id}-title`}>
        {b.document.available ? <Link to={bookmarkHref(b)}>{b.document.title}</Link> : b.document.title}
      </h3>
      <p className={styles.bookmarkPlace}>
        {b.sectionAnchor ? (
          <>
            <span className={styles.bookmarkSectionMark} aria-hidden="true">
              §
            </span>{' '}
            {b.sectionHeading ?? b.sectionAnchor}
          </>
        ) : (
          <span className="muted">Whole document</span>
        )}
      </p>
      {b.sectionMissing ? (
        <p className={styles.bookmarkNotice}>
          This section is no longer in the current version of the document (it was renamed or removed). The link opens
          the document.
        </p>
      ) : null}
      {b.document.needsReview ? (
        <p className={styles.bookmarkNotice}>
          An authority this relies on has changed since it was last reviewed; the editors are reviewing it.
        </p>
      ) : null}
      {b.updatedSinceSaved && b.document.available ? (
        <p className={styles.bookmarkChanges}>
          <Link to={changesSinceHref(b)} data-testid="changes-since-saved">
            What changed since you saved it
          </Link>
        </p>
      ) : null}
      {b.supersededBy ? (
        <p className={styles.bookmarkNotice}>
          Superseded by <Link to={`/documents/${b.supersededBy.slug}`}>{b.supersededBy.title}</Link>.
        </p>
      ) : null}
      {!b.document.available ? (
        <p className={styles.bookmarkNotice}>The publisher withdrew this document. Your bookmark and note are kept.</p>
      ) : null}

      {editing ? (
        <form
          className={styles.bookmarkNoteForm}
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: b.id, note }, { onSuccess: () => setEditing(false) });
          }}
        >
          <label className="field">
            <span>Note</span>
            <textarea
              rows={3}
              value={note}
              maxLength={10_000}
              onChange={(e) => setNote(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: opened by the user to type a note
              autoFocus
            />
          </label>
          <FormActions
            submit="Save note"
            pending={update.isPending}
            small
            onCancel={() => {
              setNote(b.note);
              setEditing(false);
            }}
          />
        </form>
      ) : b.note ? (
        <blockquote className={styles.bookmarkNote}>{b.note}</blockquote>
      ) : null}

      <div className={styles.bookmarkActions}>
        <span className="muted small">Saved {formatDate(b.createdAt)}</span>
        {!editing ? (
          <button type="button" className="button link small" onClick={() => setEditing(true)}>
            {b.note ? 'Edit note' : 'Add note'}
          </button>
        ) : null}
        <label className={styles.bookmarkMove}>
          <span className="visually-hidden">Folder of “{b.document.title}”</span>
          <select
            value={(folderId === undefined ? b.folderId : folderId) ?? ''}
            disabled={update.isPending}
            onChange={(e) => {
              const chosen = e.target.value || null;
              setFolderId(chosen);
              update.mutate({ id: b.id, folderId: chosen }, { onError: () => setFolderId(undefined) });
            }}
          >
            <option value="">Unfiled</option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        {b.updatedSinceSaved ? (
          <button
            type="button"
            className="button link small"
            onClick={() => update.mutate({ id: b.id, markSeen: true })}
          >
            Mark as read
          </button>
        ) : null}
        {confirmDelete ? (
          <span className={styles.bookmarkConfirm}>
            Delete this bookmark{b.note ? ' and its note' : ''}?
            <button type="button" className="button danger small" onClick={() => remove.mutate(b.id)}>
              Delete
            </button>
            <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className={`button link small ${styles.dangerLink}`}
            onClick={() => setConfirmDelete(true)}
          >
            Delete
          </button>
        )}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </li>
  );
}
