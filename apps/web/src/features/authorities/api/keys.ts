/** Query keys of authority cards and the review queue. */
export const authorityKeys = {
  all: ['authorities'] as const,
  list: () => ['authorities', 'list'] as const,
  card: (slug: string) => ['authorities', 'card', slug] as const,
  queue: (params: object) => ['authorities', 'review-queue', params] as const,
};
