import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DocumentContent, OffenseEntryData, offenseEntryTitle } from '@kb/contracts';
import { type Database, metaValue, seedDataFolder, setMetaValue, withAdvisoryLock } from '@kb/db';
import { Value } from 'typebox/value';
import { importPublished } from '../documents';

/** One sample chart row as the seed files hold it. */
interface SeedEntry {
  externalId: string;
  publisher: string;
  documentDate: string | null;
  lastReviewedAt: string | null;
  summary: string;
  offenseTypes: string[];
  consequences: string[];
  entry: OffenseEntryData;
}

export const OFFENSE_SEED_FOLDER = path.join(seedDataFolder, 'offenses');
const META_KEY = 'offense_seed_hash';

export interface OffenseSeedReport {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  /** "file: externalId: reason" for entries that could not be loaded (the rest are). */
  errors: string[];
}

export function readSeedEntries(folder = OFFENSE_SEED_FOLDER): Array<{ file: string; entries: SeedEntry[] }> {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, entries: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as SeedEntry[] }));
}

const contentOf = (item: SeedEntry): DocumentContent => ({
  kind: 'offense_entry',
  title: offenseEntryTitle(item.entry),
  summary: item.summary ?? '',
  publisher: item.publisher ?? '',
  authors: [],
  jurisdictions: [item.entry.jurisdiction],
  audience: 'both',
  documentDate: item.documentDate ?? null,
  lastReviewedAt: item.lastReviewedAt ?? null,
  citations: [],
  offenseTypes: item.offenseTypes ?? [],
  consequences: item.consequences ?? [],
  body: '',
  offense: item.entry,
});

/**
 * Loads the sample chart rows (db/seed/offenses/*.json) as published entries, idempotent by
 * external id. Skipped when the files are the ones loaded last time; a changed file is loaded
 * again (unchanged rows stay as they are).
 */
export function seedOffenseEntries(
  db: Database,
  options: { folder?: string; force?: boolean } = {},
): Promise<OffenseSeedReport | null> {
  // Replicas starting together load the files once.
  return withAdvisoryLock(db, SEED_LOCK, () => seedUnlocked(db, options));
}

const SEED_LOCK = 7_311_202_614;

async function seedUnlocked(db: Database, options: { folder?: string; force?: boolean }) {
  const files = readSeedEntries(options.folder);
  const hash = createHash('sha256').update(JSON.stringify(files)).digest('hex');
  if ((await metaValue(db, META_KEY)) === hash && !options.force) return null;
  const report: OffenseSeedReport = { files: files.length, created: 0, updated: 0, unchanged: 0, errors: [] };
  for (const { file, entries } of files) {
    for (const item of entries) {
      if (!item?.externalId || !Value.Check(OffenseEntryData, item.entry)) {
        const [first] = item?.entry ? Value.Errors(OffenseEntryData, item.entry) : [];
        report.errors.push(
          `${file}: ${item?.externalId ?? '?'}: ${first ? `${first.instancePath} ${first.message}` : 'no entry'}`,
        );
        continue;
      }
      try {
        const { outcome } = await importPublished(db, {
          externalId: item.externalId,
          content: contentOf(item),
          actorId: null,
          datedByDocument: true,
        });
        report[outcome]++;
      } catch (error) {
        report.errors.push(`${file}: ${item.externalId}: ${(error as Error).message}`);
      }
    }
  }
  if (report.errors.length === 0) {
    await setMetaValue(db, META_KEY, hash);
  }
  return report;
}
