import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TaxonomyResponse } from '@kb/contracts';
import { listTaxonomy } from './taxonomy.repository';

const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/taxonomy',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['taxonomy'],
        summary: 'The controlled vocabulary: offense types and consequences with codes, labels and synonyms',
        response: { 200: TaxonomyResponse },
      },
    },
    async () => listTaxonomy(app.db),
  );
};

export default taxonomyRoutes;
