import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DOCUMENT_KIND_CODES, type DocumentKind, ErrorResponse, IMPORT_MAX_BYTES, ImportResponse } from '@kb/contracts';
import { AppError, badRequest } from '../../lib/errors';
import { unsupported } from './detect';
import { importUpload } from './uploads.service';

const tooLarge = () =>
  new AppError(413, 'payload_too_large', `The file is larger than the ${IMPORT_MAX_BYTES / 1024 / 1024} MB limit.`);

/** File upload → new draft (editors and admins). Bulk JSON Lines import stays the CLI's job. */
const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered here only: no other route accepts multipart bodies.
  await app.register(fastifyMultipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1_000, parts: 6, headerPairs: 100 },
  });

  app.post(
    '/documents/import',
    {
      config: { access: 'editor' },
      // The multipart envelope around a 20 MB file needs a little room.
      bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags: ['editorial'],
        summary:
          'Import a file as a new draft: multipart field "file" with Markdown, PDF (text layer) or DOCX, at most 20 MB; optional field "kind". The type is checked by content. 413 too large, 415 unsupported type, 422 scanned, encrypted or damaged file.',
        consumes: ['multipart/form-data'],
        response: {
          201: ImportResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw unsupported('Send the file as multipart/form-data in a field named "file".');
      let file: { buffer: Buffer; fileName: string | undefined } | undefined;
      const fields: Record<string, string> = {};
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              await part.toBuffer().catch(() => {});
              throw badRequest('Send exactly one file, in the field named "file".');
            }
            file = { buffer: await part.toBuffer(), fileName: part.filename };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
          throw code === 'FST_FILES_LIMIT' ? badRequest('Send one file at a time.') : tooLarge();
        }
        if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badRequest('Too many form fields.');
        throw error;
      }
      if (!file) throw badRequest('Attach the file to import in a form field named "file".');
      const kind = fields.kind?.trim();
      if (kind && !(DOCUMENT_KIND_CODES as string[]).includes(kind))
        throw badRequest(`Unknown document kind "${kind.slice(0, 40)}".`);
      const result = await importUpload(
        app.db,
        { user: request.user, ip: request.ip },
        { ...file, kind: kind as DocumentKind | undefined },
      );
      return reply.status(201).send(result);
    },
  );
};

export default importsRoutes;
