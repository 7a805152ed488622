import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CreateOrganizationBody, CreateOrganizationBody as Schema } from '@kb/contracts';
import { type Database, seedDataFolder } from '@kb/db';
import { Value } from 'typebox/value';
import { findOrganizationByPublisher, insertOrganization } from './organizations.repository';

/** The sample organizations (fictional) that own the demo content: db/seed/organizations.json. */
export function readSeedOrganizations(
  file = path.join(seedDataFolder, 'organizations.json'),
): CreateOrganizationBody[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return items.map((item, index) => {
    if (!Value.Check(Schema, item))
      throw new Error(`organizations.json: item ${index + 1} is not a valid organization`);
    return item;
  });
}

/** Inserts the sample organizations; existing ones (by name or slug) are left as admins edited them. */
export async function seedOrganizations(db: Database): Promise<number> {
  let inserted = 0;
  await db.transaction(async (tx) => {
    for (const organization of readSeedOrganizations()) {
      if (await insertOrganization(tx, organization)) inserted++;
    }
  });
  return inserted;
}

/**
 * Makes an organization (policy `single`) for each publisher name no organization answers to:
 * for generated corpora (the benchmark), whose publishers are invented names.
 */
export async function ensureOrganizationsNamed(db: Database, names: string[]): Promise<number> {
  let inserted = 0;
  for (const name of [...new Set(names.map((n) => n.trim()).filter(Boolean))]) {
    if (await findOrganizationByPublisher(db, name)) continue;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (await insertOrganization(db, { name, slug: slug || 'organization', reviewPolicy: 'single' })) inserted++;
  }
  return inserted;
}
