import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Bookmark,
  BookmarkCreate,
  BookmarkExportQuery,
  BookmarkListQuery,
  BookmarkListResponse,
  BookmarkUpdate,
  ErrorResponse,
  Folder,
  FolderDeleteQuery,
  FolderDeleteResponse,
  FolderInput,
  FolderListResponse,
  IdParams,
} from '@kb/contracts';
import { Type } from 'typebox';
import { exportBookmarks, exportFileName } from './library.export';
import {
  createBookmark,
  createFolder,
  deleteBookmark,
  deleteFolder,
  getBookmark,
  getFolder,
  listBookmarks,
  listFolders,
  updateBookmark,
  updateFolder,
} from './library.service';

const errors = { 400: ErrorResponse, 404: ErrorResponse };
const reader = { access: 'reader' as const };

/** "My library": the signed-in user's own folders and bookmarks, under /api/me. */
const libraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/folders',
    {
      config: reader,
      schema: { tags: ['library'], summary: 'My folders, with bookmark counts', response: { 200: FolderListResponse } },
    },
    async (request) => listFolders(app.db, request.user.id),
  );

  app.post(
    '/me/folders',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'Create a folder (409 when one with the same name exists)',
        body: FolderInput,
        response: { 201: Folder, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await createFolder(app.db, request.user.id, request.body.name)),
  );

  app.get(
    '/me/folders/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'One of my folders',
        params: IdParams,
        response: { 200: Folder, ...errors },
      },
    },
    async (request) => getFolder(app.db, request.user.id, request.params.id),
  );

  app.patch(
    '/me/folders/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'Rename a folder',
        params: IdParams,
        body: FolderInput,
        response: { 200: Folder, 409: ErrorResponse, ...errors },
      },
    },
    async (request) => updateFolder(app.db, request.user.id, request.params.id, request.body.name),
  );

  app.delete(
    '/me/folders/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'Delete a folder; its bookmarks move to Unfiled unless ?bookmarks=delete',
        params: IdParams,
        querystring: FolderDeleteQuery,
        response: { 200: FolderDeleteResponse, ...errors },
      },
    },
    async (request) => deleteFolder(app.db, request.user.id, request.params.id, request.query.bookmarks),
  );

  app.get(
    '/me/bookmarks',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'My bookmarks, by folder (a folder id, "unfiled" or "all"), filtered by text, sorted',
        querystring: BookmarkListQuery,
        response: { 200: BookmarkListResponse, 400: ErrorResponse },
      },
    },
    async (request) => listBookmarks(app.db, request.user.id, request.query),
  );

  app.post(
    '/me/bookmarks',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary:
          'Bookmark a published document or a section of it: 201 when created, 200 when the identical bookmark exists, 409 when one with another note or folder exists',
        body: BookmarkCreate,
        response: { 200: Bookmark, 201: Bookmark, 409: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { bookmark, created } = await createBookmark(app.db, request.user.id, request.body);
      return reply.status(created ? 201 : 200).send(bookmark);
    },
  );

  app.get(
    '/me/bookmarks/export',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'A folder (or Unfiled, or all) as a Markdown or CSV citation list',
        querystring: BookmarkExportQuery,
        produces: ['text/markdown', 'text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const selector = request.query.folder ?? 'all';
      const folderName =
        selector === 'all'
          ? 'My library'
          : selector === 'unfiled'
            ? 'Unfiled'
            : (await getFolder(app.db, request.user.id, selector)).name;
      const { items } = await listBookmarks(app.db, request.user.id, {
        folder: selector,
        sort: 'title',
        perPage: 500,
      });
      const file = exportBookmarks(request.query.format, {
        folderName,
        bookmarks: items,
        baseUrl: `${request.protocol}://${request.host}`,
        exportedAt: new Date(),
      });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${exportFileName(folderName, file.extension)}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/me/bookmarks/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'One of my bookmarks',
        params: IdParams,
        response: { 200: Bookmark, ...errors },
      },
    },
    async (request) => getBookmark(app.db, request.user.id, request.params.id),
  );

  app.patch(
    '/me/bookmarks/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'Edit the note, move to another folder (null: Unfiled), or mark the current revision as seen',
        params: IdParams,
        body: BookmarkUpdate,
        response: { 200: Bookmark, ...errors },
      },
    },
    async (request) => updateBookmark(app.db, request.user.id, request.params.id, request.body),
  );

  app.delete(
    '/me/bookmarks/:id',
    {
      config: reader,
      schema: {
        tags: ['library'],
        summary: 'Delete a bookmark',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteBookmark(app.db, request.user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default libraryRoutes;
