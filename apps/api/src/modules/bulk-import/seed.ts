import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, seedDataFolder, withAdvisoryLock } from '@kb/db';
import { parse as parseYaml } from 'yaml';
import { createUser, findUserByEmail } from '../auth';
import { importPublished, supersedeByExternalId } from '../documents';
import { findOrganizationByPublisher, seedOrganizations } from '../organizations';
import { seedSearchPhrases, seedTaxonomy } from '../taxonomy';
import { type ImportReport, importJsonLinesFile } from './bulk-import.service';
import { type ImportRecord, toImportRecord } from './jsonl';
import { markSeeded, seededAt } from './seed.repository';

interface DemoFile {
  record: ImportRecord;
  status: 'published' | 'draft';
  supersededBy?: string;
}

/** Reads the demo advisories: Markdown with a YAML front-matter block. */
export function readDemoDocuments(folder = path.join(seedDataFolder, 'demo')): DemoFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(folder, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${file}: no front matter`);
      const meta = parseYaml(match[1] ?? '') as Record<string, unknown>;
      const record = toImportRecord({ ...meta, date: meta.publishedAt, body: match[2] });
      if (typeof record === 'string') throw new Error(`${file}: ${record}`);
      return {
        record,
        status: meta.status === 'draft' ? 'draft' : 'published',
        supersededBy: typeof meta.supersededBy === 'string' ? meta.supersededBy : undefined,
      };
    });
}

export async function seedDemoDocuments(db: Database): Promise<number> {
  const demo = readDemoDocuments();
  for (const item of demo) {
    await importPublished(db, {
      externalId: item.record.externalId,
      content: item.record.content,
      actorId: null,
      status: item.status,
      datedByDocument: true,
    });
  }
  const superseded = demo.filter((d) => d.supersededBy);
  for (const item of superseded) {
    if (item.supersededBy) await supersedeByExternalId(db, item.record.externalId, item.supersededBy);
  }
  return demo.length;
}

export const DEMO_ACCOUNTS = [
  {
    role: 'reader',
    email: 'reader@demo.example.org',
    name: 'Dana Reyes (demo practitioner)',
    organization: 'Demo Immigration Clinic',
    practice: 'immigration',
    orgAdmin: false,
  },
  {
    role: 'editor',
    email: 'editor@demo.example.org',
    name: 'Eli Morgan (demo editor)',
    organization: 'Sample Immigrant Defense Collaborative',
    practice: 'criminal_defense',
    orgAdmin: true,
  },
  {
    // A second organization's editor: sees the first's documents as a reader does, and
    // reviews under two-person review (the Center's policy).
    role: 'editor',
    email: 'reviewer@demo.example.org',
    name: 'Rosa Park-Lee (demo editor)',
    organization: 'Example Crimmigration Law Center',
    practice: 'immigration',
    orgAdmin: false,
  },
  {
    role: 'admin',
    email: 'admin@demo.example.org',
    name: 'Ari Chen (demo admin)',
    organization: 'Sample Immigrant Defense Collaborative',
    practice: 'other',
    orgAdmin: false,
  },
] as const;

/** Creates the demo accounts with passwords generated once and kept in DATA_DIR. */
export async function seedDemoAccounts(
  db: Database,
  dataDir: string,
): Promise<Array<{ email: string; password: string; role: string }>> {
  const file = path.join(dataDir, 'demo-accounts.json');
  const saved: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const account of DEMO_ACCOUNTS) {
    saved[account.email] ??= `kb-${randomBytes(9).toString('base64url')}`;
    if (await findUserByEmail(db, account.email)) continue;
    // Editors are members of the organization their profile names (the network admin is not).
    const member = account.role === 'editor' ? await findOrganizationByPublisher(db, account.organization) : undefined;
    await createUser(db, {
      ...account,
      password: saved[account.email] ?? '',
      organizationId: member?.id ?? null,
      orgAdmin: account.orgAdmin,
    });
  }
  writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, password: saved[a.email] ?? '', role: a.role }));
}

export function demoAccountsOf(dataDir: string): Array<{ email: string; password: string; role: string }> | null {
  const file = path.join(dataDir, 'demo-accounts.json');
  if (!existsSync(file)) return null;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, password: saved[a.email] ?? '', role: a.role }));
}

export interface SeedReport {
  taxonomyTerms: number;
  corpus: ImportReport;
  demoDocuments: number;
}

/** Seeds once per database: taxonomy, the public-domain corpus, demo content and accounts. */
export function seedOnce(
  db: Database,
  options: { dataDir: string; demo: boolean; force?: boolean },
): Promise<SeedReport | null> {
  // Replicas starting together must not seed twice.
  return withAdvisoryLock(db, SEED_LOCK, () => seedUnlocked(db, options));
}

const SEED_LOCK = 7_311_202_602;

async function seedUnlocked(
  db: Database,
  options: { dataDir: string; demo: boolean; force?: boolean },
): Promise<SeedReport | null> {
  // The lawyer vocabulary came later than the first seeds: added once to older databases too.
  await seedSearchPhrases(db);
  if ((await seededAt(db)) && !options.force) return null;
  const taxonomy = await seedTaxonomy(db);
  // Before any content: imports name their publisher, which must be an organization.
  if (options.demo) await seedOrganizations(db);
  const corpus = await importJsonLinesFile(db, path.join(seedDataFolder, 'public-domain.jsonl'), {
    datedByDocument: true,
  });
  const demoDocuments = options.demo ? await seedDemoDocuments(db) : 0;
  if (options.demo) await seedDemoAccounts(db, options.dataDir);
  await markSeeded(db);
  return { taxonomyTerms: taxonomy, corpus, demoDocuments };
}
