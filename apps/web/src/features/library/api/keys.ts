/** Query keys of the user's library; every mutation invalidates `libraryKeys.all`. */
export const libraryKeys = {
  all: ['library'] as const,
  folders: () => ['library', 'folders'] as const,
  bookmarks: (params: object) => ['library', 'bookmarks', params] as const,
};
