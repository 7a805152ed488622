/** library: each reader's bookmarks and folders. */
export { default as libraryRoutes } from './library.routes';
