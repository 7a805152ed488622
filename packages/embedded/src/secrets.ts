import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret kept in the data dir (`dataDir/name`): generated once at first use, readable by its
 * owner only, never logged. Every process of the same data dir (the app, `pnpm kb`) reads the
 * same file.
 */
export function dataDirSecret(dataDir: string, name: string, bytes = 32): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) {
    // A copy or a restore may have widened the permissions: narrow them again.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString('base64url');
  // 'wx': two processes starting at once never overwrite each other's secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}

/** The Meilisearch master key of a data dir. */
export const dataDirMasterKey = (dataDir: string) => dataDirSecret(dataDir, 'meilisearch-master-key');
