import { fileURLToPath } from 'node:url';

/** Folder of the seed files: taxonomy.json, public-domain.jsonl, demo/*.md. */
export const seedDataFolder = fileURLToPath(new URL('../seed', import.meta.url));
