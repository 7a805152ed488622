import type {
  Bookmark,
  BookmarkCreate,
  BookmarkListQuery,
  BookmarkUpdate,
  Folder,
  FolderDeleteMode,
  FolderDeleteResponse,
  FolderListResponse,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { documentStatus, hasSection } from '../documents';
import {
  countUnfiled,
  deleteBookmarkRow,
  deleteBookmarksOf,
  deleteFolderRow,
  type FolderRow,
  findBookmarkFor,
  findBookmarkRow,
  findFolder,
  findFolderByName,
  insertBookmarkIfAbsent,
  insertFolder,
  listFoldersWithCounts,
  queryBookmarkViews,
  renameFolder,
  unfileBookmarksOf,
  updateBookmarkRow,
} from './library.repository';

/*
 * Every function takes the signed-in user's id and touches only that user's rows: another
 * user's folder or bookmark answers 404 exactly like one that does not exist.
 */

const folderNotFound = () => notFound('Folder');
const bookmarkNotFound = () => notFound('Bookmark');

function toFolder(row: FolderRow, bookmarkCount = 0): Folder {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), bookmarkCount };
}

/** Trims and collapses inner whitespace so "  Client  A " and "Client A" are one folder. */
function cleanFolderName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) throw badRequest('A folder needs a name.');
  return clean;
}

export async function listFolders(db: Database, userId: string): Promise<FolderListResponse> {
  const [rows, unfiledCount] = await Promise.all([listFoldersWithCounts(db, userId), countUnfiled(db, userId)]);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), bookmarkCount: Number(r.bookmarkCount) })),
    unfiledCount,
  };
}

export async function getFolder(db: Database, userId: string, id: string): Promise<Folder> {
  const folders = await listFoldersWithCounts(db, userId);
  const folder = folders.find((f) => f.id === id);
  if (!folder) throw folderNotFound();
  return { ...folder, createdAt: folder.createdAt.toISOString(), bookmarkCount: Number(folder.bookmarkCount) };
}

export async function createFolder(db: Database, userId: string, rawName: string): Promise<Folder> {
  const name = cleanFolderName(rawName);
  const existing = await findFolderByName(db, userId, name);
  if (existing) throw conflict(`You already have a folder named "${existing.name}".`, { folderId: existing.id });
  const row = await insertFolder(db, userId, name);
  if (!row) {
    // Lost a race with an identical request: the other one created it.
    const winner = await findFolderByName(db, userId, name);
    throw conflict(`You already have a folder named "${name}".`, { folderId: winner?.id });
  }
  return toFolder(row);
}

export async function updateFolder(db: Database, userId: string, id: string, rawName: string): Promise<Folder> {
  const name = cleanFolderName(rawName);
  const existing = await findFolderByName(db, userId, name);
  if (existing && existing.id !== id) {
    throw conflict(`You already have a folder named "${existing.name}".`, { folderId: existing.id });
  }
  try {
    const row = await renameFolder(db, userId, id, name);
    if (!row) throw folderNotFound();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict(`You already have a folder named "${name}".`);
    throw error;
  }
  return getFolder(db, userId, id);
}

/**
 * Deletes a folder. Its bookmarks are never lost silently: by default they move to Unfiled;
 * they are deleted only when the caller says so explicitly.
 */
export async function deleteFolder(
  db: Database,
  userId: string,
  id: string,
  mode: FolderDeleteMode = 'unfile',
): Promise<FolderDeleteResponse> {
  return db.transaction(async (tx) => {
    // Locked so a bookmark filed into it concurrently waits and sees the folder gone.
    const folder = await findFolder(tx, userId, id, 'update');
    if (!folder) throw folderNotFound();
    const deletedBookmarks = mode === 'delete' ? await deleteBookmarksOf(tx, userId, id) : 0;
    const unfiledBookmarks = mode === 'unfile' ? await unfileBookmarksOf(tx, userId, id) : 0;
    await deleteFolderRow(tx, userId, id);
    return { ok: true as const, unfiledBookmarks, deletedBookmarks };
  });
}

/* Bookmarks -------------------------------------------------------------------------------- */

export async function listBookmarks(db: Database, userId: string, query: BookmarkListQuery) {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 200;
  const { items, total } = await queryBookmarkViews(db, {
    userId,
    folder: query.folder === 'all' ? undefined : query.folder,
    documentId: query.documentId,
    q: query.q,
    sort: query.sort,
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  return { items, total, page, perPage };
}

export async function getBookmark(db: Database, userId: string, id: string): Promise<Bookmark> {
  const { items } = await queryBookmarkViews(db, { userId, ids: [id], limit: 1 });
  const [item] = items;
  if (!item) throw bookmarkNotFound();
  return item;
}

/**
 * Bookmarks a published document or one of its sections. Saving the same place twice never
 * makes two rows: an identical request answers the existing bookmark (created: false); one
 * with a different note or folder is a conflict, so the client can offer to update instead
 * of silently dropping what the user typed.
 */
export async function createBookmark(
  db: Database,
  userId: string,
  input: BookmarkCreate,
): Promise<{ bookmark: Bookmark; created: boolean }> {
  const sectionAnchor = input.sectionAnchor?.trim() ?? '';
  const note = input.note ?? '';
  const folderId = input.folderId ?? null;
  const result = await db.transaction(async (tx) => {
    const doc = await documentStatus(tx, input.documentId);
    // Readers only ever see published documents; drafts do not exist for them.
    if (doc?.status !== 'published' || !doc.publishedRevisionId) throw notFound('Document');
    if (sectionAnchor) {
      if (!(await hasSection(tx, doc.publishedRevisionId, sectionAnchor)))
        throw badRequest(`The document has no section "${sectionAnchor.slice(0, 80)}".`);
    }
    // Shared lock: the folder cannot be deleted under the new bookmark.
    if (folderId && !(await findFolder(tx, userId, folderId, 'share'))) throw folderNotFound();
    const row = await insertBookmarkIfAbsent(tx, {
      userId,
      documentId: doc.id,
      sectionAnchor,
      folderId,
      note,
      savedRevisionId: doc.publishedRevisionId,
    });
    if (row) return { id: row.id, created: true };
    const existing = await findBookmarkFor(tx, userId, doc.id, sectionAnchor);
    if (!existing) throw conflict('The bookmark changed while saving. Try again.');
    if (existing.note !== note || existing.folderId !== folderId) {
      throw conflict(sectionAnchor ? 'You already bookmarked this section.' : 'You already bookmarked this document.', {
        bookmarkId: existing.id,
      });
    }
    return { id: existing.id, created: false };
  });
  return { bookmark: await getBookmark(db, userId, result.id), created: result.created };
}

export async function updateBookmark(
  db: Database,
  userId: string,
  id: string,
  input: BookmarkUpdate,
): Promise<Bookmark> {
  await db.transaction(async (tx) => {
    const existing = await findBookmarkRow(tx, userId, id);
    if (!existing) throw bookmarkNotFound();
    const changes: Parameters<typeof updateBookmarkRow>[3] = {};
    if (input.note !== undefined) changes.note = input.note;
    if (input.folderId !== undefined) {
      if (input.folderId && !(await findFolder(tx, userId, input.folderId, 'share'))) throw folderNotFound();
      changes.folderId = input.folderId;
    }
    if (input.markSeen) {
      const doc = await documentStatus(tx, existing.documentId);
      if (doc?.status === 'published' && doc.publishedRevisionId) changes.savedRevisionId = doc.publishedRevisionId;
    }
    await updateBookmarkRow(tx, userId, id, changes);
  });
  return getBookmark(db, userId, id);
}

export async function deleteBookmark(db: Database, userId: string, id: string): Promise<void> {
  if (!(await deleteBookmarkRow(db, userId, id))) throw bookmarkNotFound();
}
