/** The library feature's door: My library, and the bookmark dialog and queries the reader uses. */
export { useBookmarks } from './api/list-bookmarks';
export { useUpdateBookmark } from './api/update-bookmark';
export { BookmarkDialog, type BookmarkTarget } from './components/bookmark-dialog';
export { LibraryPage } from './components/library-page';
