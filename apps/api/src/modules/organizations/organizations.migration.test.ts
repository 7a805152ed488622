import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type Database, migrationsFolder, runMigrations } from '@kb/db';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../testing/harness';

/**
 * Migration 0007 turns the free-text publishers of an existing library into organizations.
 * Here it runs on a database that holds documents from before it (migrated to 0006 only),
 * as an upgraded deployment's would.
 */
const BEFORE_ORGANIZATIONS = '0006_revision_published_at';

let database: { url: string; drop: () => Promise<void> };
let db: Database;
let folder: string;

/** The committed migrations up to and including `lastTag`, as a folder drizzle can apply. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** What publishers looked like in the wild: the same name spelled loosely, punctuation, accents, other scripts. */
const PUBLISHERS = [
  'Immigrant Defense Project',
  'Immigrant Defense Project',
  '  Immigrant Defense Project  ',
  'IMMIGRANT DEFENSE PROJECT',
  'Asian Americans Advancing Justice – Asian Law Caucus',
  'Centro Legal de la Raza',
  'Défense des Immigrés',
  '移民法律中心',
  'Law & Technology Group (L&T)',
  '—',
];

interface Seeded {
  documentId: string;
  publisher: string;
  /** The publisher of a later draft revision (the document's head), when it has one. */
  headPublisher?: string;
}
const seeded: Seeded[] = [];

async function insertDocument(number: number, publishers: string[]): Promise<string> {
  const [doc] = (
    await db.execute<{ id: string }>(
      sql`insert into documents (slug, status) values (${`pre-0007-${number}`}, 'published') returning id`,
    )
  ).rows;
  if (!doc) throw new Error('no document');
  let head = '';
  for (const [i, publisher] of publishers.entries()) {
    const [revision] = (
      await db.execute<{ id: string }>(sql`
        insert into revisions (document_id, number, kind, title, publisher, body)
        values (${doc.id}, ${i + 1}, 'advisory', ${`Advisory ${number}`}, ${publisher}, '# Advisory')
        returning id`)
    ).rows;
    head = revision?.id ?? '';
    if (i === 0) await db.execute(sql`update documents set published_revision_id = ${head} where id = ${doc.id}`);
  }
  await db.execute(sql`update documents set head_revision_id = ${head} where id = ${doc.id}`);
  return doc.id;
}

beforeAll(async () => {
  database = await emptyDatabase();
  db = createDatabase(database.url, { max: 2 });
  folder = migrationsUpTo(BEFORE_ORGANIZATIONS);
  await migrate(db, { migrationsFolder: folder });
  for (const [i, publisher] of PUBLISHERS.entries()) {
    seeded.push({ documentId: await insertDocument(i, [publisher]), publisher });
  }
  // Renamed in a draft after publication: the latest revision names the publisher.
  seeded.push({
    documentId: await insertDocument(100, ['Old Name Project', 'Renamed Project']),
    publisher: 'Renamed Project',
    headPublisher: 'Renamed Project',
  });
  await db.execute(sql`
    insert into users (email, name, role, organization) values
      ('editor@pre.example.org', 'Pre Editor', 'editor', ' centro legal de la raza '),
      ('reader@pre.example.org', 'Pre Reader', 'reader', 'Centro Legal de la Raza')`);
  // Every migration after it, as the app does at start.
  await runMigrations(db);
}, 120_000);

afterAll(async () => {
  await db?.$client.end();
  await database?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const owners = async () =>
  (
    await db.execute<{ id: string; publisher: string; organization: string | null; slug: string | null }>(sql`
      select d.id, r.publisher, o.name as organization, o.slug
      from documents d join revisions r on r.id = d.head_revision_id
      left join organizations o on o.id = d.organization_id`)
  ).rows;

describe('migration 0007 on a library from before organizations', () => {
  it('makes every document owned by an organization named after its publisher', async () => {
    const rows = await owners();
    expect(rows).toHaveLength(seeded.length);
    const unowned = rows.filter((r) => r.organization === null);
    expect(unowned.map((r) => r.publisher)).toEqual([]);
    for (const row of rows) {
      // The same name however it was spaced or capitalised; nothing else.
      expect(row.organization?.toLowerCase()).toBe(row.publisher.trim().toLowerCase());
    }
  });

  it('makes one organization per publisher name (spacing and capitals do not split it), each with a usable address', async () => {
    const organizations = (
      await db.execute<{ name: string; slug: string }>(sql`select name, slug from organizations order by name`)
    ).rows;
    const names = new Set(seeded.map((s) => s.publisher.trim().toLowerCase()));
    expect(organizations).toHaveLength(names.size);
    for (const o of organizations) expect(o.slug).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    // The earlier publisher of a renamed document does not become an organization of its own.
    expect(organizations.map((o) => o.name)).not.toContain('Old Name Project');
  });

  it('makes editors whose profile named the organization its members, and not readers', async () => {
    const members = (
      await db.execute<{ email: string; organization: string | null }>(sql`
        select u.email, o.name as organization from users u left join organizations o on o.id = u.organization_id
        order by u.email`)
    ).rows;
    expect(members).toEqual([
      { email: 'editor@pre.example.org', organization: 'Centro Legal de la Raza' },
      { email: 'reader@pre.example.org', organization: null },
    ]);
  });
});
