/** Query keys of the user's watches and notifications; a mutation invalidates what it changed. */
export const alertKeys = {
  all: ['alerts'] as const,
  watches: () => ['alerts', 'watches'] as const,
  /** Both the bell's count and the page's list: marking read refreshes the two. */
  notifications: () => ['alerts', 'notifications'] as const,
  unread: () => ['alerts', 'notifications', 'unread'] as const,
  notificationList: () => ['alerts', 'notifications', 'list'] as const,
  settings: () => ['alerts', 'settings'] as const,
};
