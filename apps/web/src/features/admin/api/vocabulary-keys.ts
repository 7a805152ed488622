/** Query keys of vocabulary management. */
export const vocabularyKeys = {
  terms: ['admin', 'vocabulary', 'terms'] as const,
  phrases: ['admin', 'vocabulary', 'phrases'] as const,
};
