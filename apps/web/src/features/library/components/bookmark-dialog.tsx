import type { Bookmark } from '@kb/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Dialog, DialogActions } from '../../../components/ui/dialog';
import { errorText } from '../../../components/ui/error-message';
import { ApiError } from '../../../lib/api-client';
import { useCreateBookmark } from '../api/create-bookmark';
import { useEnsureFolder } from '../api/create-folder';
import { useDeleteBookmark } from '../api/delete-bookmark';
import { useFolders } from '../api/list-folders';
import { useUpdateBookmark } from '../api/update-bookmark';
import styles from './library.module.css';

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
 * folder, which can be created right here. The mutations refresh the library's queries.
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
  const folders = useFolders();
  const ensureFolder = useEnsureFolder();
  const create = useCreateBookmark();
  const update = useUpdateBookmark();
  const remove = useDeleteBookmark();
  const [note, setNote] = useState(existing?.note ?? '');
  const [folder, setFolder] = useState(existing?.folderId ?? '');
  const [newFolderName, setNewFolderName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function saveBookmark(folderId: string | null): Promise<Bookmark> {
    if (existing) return update.mutateAsync({ id: existing.id, note, folderId });
    try {
      return await create.mutateAsync({
        documentId: target.documentId,
        sectionAnchor: target.sectionAnchor ?? '',
        note,
        folderId,
      });
    } catch (e) {
      // Saved meanwhile (another tab): update that bookmark rather than drop what was typed.
      const bookmarkId = (e as ApiError).details as { bookmarkId?: string } | undefined;
      if (!(e instanceof ApiError && e.status === 409 && bookmarkId?.bookmarkId)) throw e;
      return update.mutateAsync({ id: bookmarkId.bookmarkId, note, folderId });
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const folderId =
        folder === NEW_FOLDER ? await ensureFolder.mutateAsync(newFolderName.trim()) : folder === '' ? null : folder;
      onClose(await saveBookmark(folderId));
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
    <Dialog
      title={existing ? 'Edit bookmark' : target.sectionAnchor ? 'Bookmark this section' : 'Bookmark this document'}
      onSubmit={save}
      // Esc or the browser closing it: a cancel.
      onCancel={() => onClose()}
    >
      <p className={styles.bookmarkDialogTarget}>
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
      <DialogActions
        start={
          existing ? (
            <button type="button" className="button danger" onClick={() => void removeBookmark()} disabled={busy}>
              Remove bookmark
            </button>
          ) : (
            <Link to="/library" className="button link">
              My library
            </Link>
          )
        }
      >
        <button type="button" className="button secondary" onClick={() => onClose()} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : existing ? 'Save changes' : 'Save bookmark'}
        </button>
      </DialogActions>
    </Dialog>
  );
}
