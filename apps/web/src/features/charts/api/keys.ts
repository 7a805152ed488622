/** Query keys of the charts feature: publishing an entry invalidates `chartKeys.all`. */
export const chartKeys = {
  all: ['charts'] as const,
  list: () => ['charts', 'list'] as const,
  chart: (jurisdiction: string) => ['charts', 'chart', jurisdiction] as const,
  entry: (idOrSlug: string) => ['charts', 'entry', idOrSlug] as const,
};
