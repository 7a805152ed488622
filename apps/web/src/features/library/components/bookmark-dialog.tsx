import type { Bookmark } from '@kb/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../../components/ui/error-message';
import { ApiError } from '../../../lib/api-client';
import { createBookmark } from '../api/create-bookmark';
import { ensureFolder } from '../api/create-folder';
import { useDeleteBookmark } from '../api/delete-bookmark';
import { libraryKeys } from '../api/keys';
import { useFolders } from '../api/list-folders';
import { updateBookmark } from '../api/update-bookmark';
import './library.css';

const NEW_FOLDER = '__new__';

export interface BookmarkTarget {
  documentId: string;
  documentTitle: string;
  /** null: the whole document. */
  sectionAnchor: string | null;
  sectionHeading: string | null;
}

/**
 * Saves (or edits) a bookmark of a document or one of its sections: an optional note and a
 * folder, which can be created right here. A modal <dialog>: focus stays inside, Esc cancels.
 */
export function BookmarkDialog({
  target,
  existing,
  onClose,
}: {
  target: BookmarkTarget;
  existing?: Bookmark;
  onClose: (saved?: Bookmark | null) => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const folders = useFolders();
  const queryClient = useQueryClient();
  const remove = useDeleteBookmark();
  const [note, setNote] = useState(existing?.note ?? '');
  const [folder, setFolder] = useState(existing?.folderId ?? '');
  const [newFolderName, setNewFolderName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const folderId = folder === NEW_FOLDER ? await ensureFolder(newFolderName.trim()) : folder === '' ? null : folder;
      let saved: Bookmark;
      if (existing) {
        saved = await updateBookmark({ id: existing.id, note, folderId });
      } else {
        try {
          saved = await createBookmark({
            documentId: target.documentId,
            sectionAnchor: target.sectionAnchor ?? '',
            note,
            folderId,
          });
        } catch (e) {
          // Saved meanwhile (another tab): update that bookmark rather than drop what was typed.
          const bookmarkId = (e as ApiError).details as { bookmarkId?: string } | undefined;
          if (!(e instanceof ApiError && e.status === 409 && bookmarkId?.bookmarkId)) throw e;
          saved = await updateBookmark({ id: bookmarkId.bookmarkId, note, folderId });
        }
      }
      await queryClient.invalidateQueries({ queryKey: libraryKeys.all });
      onClose(saved);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  async function removeBookmark() {
    if (!existing) return;
    setBusy(true);
    try {
      await remove.mutateAsync(existing.id);
      onClose(null);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  const what = target.sectionHeading ? `§ ${target.sectionHeading}` : 'Whole document';
  return (
    <dialog
      ref={dialogRef}
      className="bookmark-dialog"
      aria-labelledby={`${id}-title`}
      // Esc or the browser closing it: a cancel.
      onClose={() => onClose()}
    >
      <form onSubmit={save}>
        <h2 id={`${id}-title`}>
          {existing ? 'Edit bookmark' : target.sectionAnchor ? 'Bookmark this section' : 'Bookmark this document'}
        </h2>
        <p className="bookmark-dialog-target">
          <strong>{target.documentTitle}</strong>
          <br />
          <span className="muted">{what}</span>
        </p>
        <label className="field">
          <span>Note (optional)</span>
          <textarea
            rows={4}
            value={note}
            maxLength={10_000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Why this matters — client, case, the point to remember"
          />
        </label>
        <label className="field">
          <span>Folder</span>
          <select value={folder} onChange={(e) => setFolder(e.target.value)} disabled={folders.isPending}>
            <option value="">Unfiled</option>
            {folders.data?.items.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
            <option value={NEW_FOLDER}>New folder…</option>
          </select>
        </label>
        {folder === NEW_FOLDER ? (
          <label className="field">
            <span>New folder name</span>
            <input
              value={newFolderName}
              onChange={(e) => setNewFolderName(e.target.value)}
              required
              maxLength={100}
              autoFocus
            />
          </label>
        ) : null}
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="bookmark-dialog-actions">
          {existing ? (
            <button type="button" className="button danger" onClick={() => void removeBookmark()} disabled={busy}>
              Remove bookmark
            </button>
          ) : (
            <Link to="/library" className="button link">
              My library
            </Link>
          )}
          <span className="spacer" />
          <button type="button" className="button secondary" onClick={() => onClose()} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Save changes' : 'Save bookmark'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
