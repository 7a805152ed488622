import fp from 'fastify-plugin';
import type { VocabularyListener } from './taxonomy.service';

/** Holds what other modules ask to run after a vocabulary change (see `onVocabularyChange`). */
export const taxonomyPlugin = fp(
  async (app) => {
    app.decorate('vocabularyListeners', [] as VocabularyListener[]);
  },
  { name: 'taxonomy', dependencies: ['db'] },
);
