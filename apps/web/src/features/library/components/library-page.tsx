import type { Bookmark, ExportFormat, Folder } from '@kb/contracts';
import { type FormEvent, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Dialog, DialogActions } from '../../../components/ui/dialog';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { SavedAnalysesList } from '../../analyzer';
import { useCreateFolder } from '../api/create-folder';
import { useDeleteFolder } from '../api/delete-folder';
import { downloadExport } from '../api/export-bookmarks';
import { useBookmarks } from '../api/list-bookmarks';
import { useFolders } from '../api/list-folders';
import { useRenameFolder } from '../api/update-folder';
import { BookmarkItem } from './bookmark-item';
import styles from './library.module.css';

type Sort = 'saved' | 'document_date';

/** "My library": bookmarks by folder, filtered by text, sorted; folders managed beside them. */
export function LibraryPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('folder') ?? 'all';
  const sort: Sort = params.get('sort') === 'document_date' ? 'document_date' : 'saved';
  const [filter, setFilter] = useState(params.get('q') ?? '');
  const deferredFilter = useDeferredValue(filter);
  const folders = useFolders();
  const bookmarks = useBookmarks({ folder: selected });

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const folderList = folders.data?.items ?? [];
  const currentFolder = folderList.find((f) => f.id === selected);
  // A folder deleted elsewhere (or a stale link): fall back to all bookmarks.
  useEffect(() => {
    if (folders.data && !folders.isFetching && selected !== 'all' && selected !== 'unfiled' && !currentFolder)
      setParam('folder', null);
  });
  const total = (folders.data?.unfiledCount ?? 0) + folderList.reduce((n, f) => n + f.bookmarkCount, 0);
  const title = selected === 'all' ? 'All bookmarks' : selected === 'unfiled' ? 'Unfiled' : (currentFolder?.name ?? '');

  const items = useMemo(
    () => sortBookmarks(filterBookmarks(bookmarks.data?.items ?? [], deferredFilter), sort),
    [bookmarks.data, deferredFilter, sort],
  );

  return (
    <div className="page">
      <header className={styles.libraryHeader}>
        <h1>My library</h1>
        <p className="muted">
          {total} {total === 1 ? 'bookmark' : 'bookmarks'} · {folderList.length}{' '}
          {folderList.length === 1 ? 'folder' : 'folders'}
        </p>
      </header>
      <div className={styles.libraryLayout}>
        <aside className={styles.libraryFolders} aria-label="Folders">
          <FolderNav
            folders={folderList}
            unfiledCount={folders.data?.unfiledCount ?? 0}
            total={total}
            selected={selected}
            onSelect={(folder) => setParam('folder', folder === 'all' ? null : folder)}
          />
          <NewFolderForm onCreated={(folder) => setParam('folder', folder.id)} />
        </aside>

        <section aria-labelledby="library-folder-title">
          <div className={styles.libraryFolderHead}>
            <h2 id="library-folder-title">{title}</h2>
            {currentFolder ? <FolderActions folder={currentFolder} onDeleted={() => setParam('folder', null)} /> : null}
            <ExportButtons folder={selected} folderName={selected === 'all' ? 'My library' : title} />
          </div>

          <search className={styles.libraryToolbar}>
            <label className={styles.libraryFilter}>
              <span className="visually-hidden">Filter bookmarks</span>
              <input
                type="search"
                value={filter}
                placeholder="Filter by title, section, note or citation"
                onChange={(e) => {
                  setFilter(e.target.value);
                  setParam('q', e.target.value || null);
                }}
              />
            </label>
            <label className={styles.librarySort}>
              <span>Sort by</span>
              <select
                value={sort}
                onChange={(e) => setParam('sort', e.target.value === 'saved' ? null : e.target.value)}
              >
                <option value="saved">Date saved (newest first)</option>
                <option value="document_date">Document date (newest first)</option>
              </select>
            </label>
          </search>

          {bookmarks.isPending || folders.isPending ? (
            <Spinner />
          ) : bookmarks.isError ? (
            <ErrorMessage error={bookmarks.error} retry={() => void bookmarks.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState filtered={Boolean(deferredFilter.trim())} folderTotal={bookmarks.data.items.length} />
          ) : (
            <>
              {deferredFilter.trim() ? (
                <p className="muted small" aria-live="polite">
                  {items.length} of {bookmarks.data.items.length} match “{deferredFilter.trim()}”.
                </p>
              ) : null}
              <ul className="result-list">
                {items.map((b) => (
                  <BookmarkItem key={b.id} bookmark={b} folders={folderList} />
                ))}
              </ul>
              {bookmarks.data.total > bookmarks.data.items.length ? (
                <p className="muted small">
                  Showing the first {bookmarks.data.items.length} of {bookmarks.data.total}. Use folders to split a
                  large collection.
                </p>
              ) : null}
            </>
          )}
        </section>
      </div>
      <SavedAnalysesList />
    </div>
  );
}

function filterBookmarks(items: Bookmark[], text: string): Bookmark[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((b) => {
    const haystack = [b.document.title, b.document.publisher, b.sectionHeading ?? '', b.note, ...b.document.citations]
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

function sortBookmarks(items: Bookmark[], sort: Sort): Bookmark[] {
  const sorted = [...items];
  if (sort === 'document_date') {
    sorted.sort(
      (a, b) =>
        (b.document.documentDate ?? '').localeCompare(a.document.documentDate ?? '') ||
        b.createdAt.localeCompare(a.createdAt),
    );
  } else sorted.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return sorted;
}

function FolderNav({
  folders,
  unfiledCount,
  total,
  selected,
  onSelect,
}: {
  folders: Folder[];
  unfiledCount: number;
  total: number;
  selected: string;
  onSelect: (folder: string) => void;
}) {
  const entries = [
    { id: 'all', name: 'All bookmarks', count: total },
    { id: 'unfiled', name: 'Unfiled', count: unfiledCount },
    ...folders.map((f) => ({ id: f.id, name: f.name, count: f.bookmarkCount })),
  ];
  return (
    <nav aria-label="Folders">
      <ul className={styles.folderNav}>
        {entries.map((entry, i) => (
          <li key={entry.id} className={i === 2 ? styles.folderNavFirstFolder : undefined}>
            <button
              type="button"
              className={selected === entry.id ? `${styles.folderNavItem} ${styles.isSelected}` : styles.folderNavItem}
              aria-current={selected === entry.id ? 'true' : undefined}
              onClick={() => onSelect(entry.id)}
            >
              <span className={styles.folderNavName}>{entry.name}</span>
              <span className={styles.folderNavCount}>{entry.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NewFolderForm({ onCreated }: { onCreated: (folder: Folder) => void }) {
  const create = useCreateFolder();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), {
      onSuccess: (folder) => {
        setName('');
        onCreated(folder);
      },
    });
  };
  return (
    <form onSubmit={submit}>
      <label className="field">
        <span>New folder</span>
        <span className={styles.newFolderRow}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Folder name" />
          <button type="submit" className="button small" disabled={create.isPending || !name.trim()}>
            Create
          </button>
        </span>
      </label>
      {create.error ? (
        <p className="alert alert-error small" role="alert">
          {errorText(create.error)}
        </p>
      ) : null}
    </form>
  );
}

function FolderActions({ folder, onDeleted }: { folder: Folder; onDeleted: () => void }) {
  const rename = useRenameFolder();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(folder.name);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className={styles.folderActions}>
      {renaming ? (
        <form
          className={styles.folderRename}
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ id: folder.id, name: name.trim() }, { onSuccess: () => setRenaming(false) });
          }}
        >
          <label>
            <span className="visually-hidden">Folder name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              // biome-ignore lint/a11y/noAutofocus: opened by the user to type the new name
              autoFocus
            />
          </label>
          <button type="submit" className="button primary small" disabled={rename.isPending}>
            Save
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setName(folder.name);
              setRenaming(false);
              rename.reset();
            }}
          >
            Cancel
          </button>
          {rename.error ? (
            <span className={styles.formError} role="alert">
              {errorText(rename.error)}
            </span>
          ) : null}
        </form>
      ) : (
        <>
          <button type="button" className="button small" onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="button small danger" onClick={() => setDeleting(true)}>
            Delete folder
          </button>
        </>
      )}
      {deleting ? (
        <DeleteFolderDialog folder={folder} onClose={(deleted) => (deleted ? onDeleted() : setDeleting(false))} />
      ) : null}
    </div>
  );
}

/** Asks what happens to the folder's bookmarks; the safe choice (keep them, Unfiled) is the default. */
function DeleteFolderDialog({ folder, onClose }: { folder: Folder; onClose: (deleted: boolean) => void }) {
  const remove = useDeleteFolder();
  const [mode, setMode] = useState<'unfile' | 'delete'>('unfile');
  const count = folder.bookmarkCount;
  return (
    <Dialog
      title={`Delete the folder “${folder.name}”?`}
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate({ id: folder.id, bookmarks: mode }, { onSuccess: () => onClose(true) });
      }}
      onCancel={() => onClose(false)}
    >
      {count > 0 ? (
        <fieldset className={styles.deleteFolderChoice}>
          <legend>
            It holds {count} {count === 1 ? 'bookmark' : 'bookmarks'}. What should happen to{' '}
            {count === 1 ? 'it' : 'them'}?
          </legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'unfile'} onChange={() => setMode('unfile')} /> Keep{' '}
            {count === 1 ? 'it' : 'them'}: move to Unfiled
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'delete'} onChange={() => setMode('delete')} /> Delete{' '}
            {count === 1 ? 'the bookmark' : `all ${count} bookmarks`} and {count === 1 ? 'its note' : 'their notes'} too
          </label>
        </fieldset>
      ) : (
        <p>The folder is empty.</p>
      )}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <DialogActions>
        <button type="button" className="button secondary" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="submit" className="button danger" disabled={remove.isPending}>
          {mode === 'delete' && count > 0 ? 'Delete folder and bookmarks' : 'Delete folder'}
        </button>
      </DialogActions>
    </Dialog>
  );
}

function ExportButtons({ folder, folderName }: { folder: string; folderName: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await downloadExport(folder, folderName, format);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <fieldset className={styles.exportButtons}>
      <legend className="muted small">Export citations:</legend>
      <button type="button" className="button small" disabled={busy !== null} onClick={() => void run('markdown')}>
        Markdown
      </button>
      <button type="button" className="button small" disabled={busy !== null} onClick={() => void run('csv')}>
        CSV
      </button>
      {error ? (
        <span className={styles.formError} role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

function EmptyState({ filtered, folderTotal }: { filtered: boolean; folderTotal: number }) {
  if (filtered) return <p className={styles.libraryEmpty}>No bookmark here matches the filter.</p>;
  return (
    <div className={styles.libraryEmpty}>
      <p>{folderTotal === 0 ? 'Nothing saved here yet.' : 'No bookmarks.'}</p>
      <p className="muted">
        Open a document from <Link to="/">search</Link> and use <strong>☆ Bookmark</strong> beside the document title or
        any section heading. Add a note to remember why it matters.
      </p>
    </div>
  );
}
