/** Query keys of the admin pages; mutations invalidate the group they change. */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  userList: (params: object) => ['admin', 'users', params] as const,
  invitations: ['admin', 'invitations'] as const,
  audit: ['admin', 'audit'] as const,
  auditList: (params: object) => ['admin', 'audit', 'list', params] as const,
  auditActions: ['admin', 'audit', 'actions'] as const,
  searchAnalytics: (days: number) => ['admin', 'search-analytics', days] as const,
};
