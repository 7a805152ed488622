import { createDatabase, type Database } from '@kb/db';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export default fp<{ databaseUrl: string }>(
  async (app, { databaseUrl }) => {
    const db = createDatabase(databaseUrl);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.$client.end();
    });
  },
  { name: 'db' },
);
