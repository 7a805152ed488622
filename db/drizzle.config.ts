import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: migrations are reviewed SQL files applied by src/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
