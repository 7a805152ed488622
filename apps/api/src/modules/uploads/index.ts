/** uploads: a Markdown, Word or PDF file turned into a new draft document. */
export { default as uploadsRoutes } from './uploads.routes';
