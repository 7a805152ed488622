import { randomBytes } from 'node:crypto';
import type { DocumentContent, Role } from '@kb/contracts';
import { type Database, documentSections, documents, searchOutbox, users } from '@kb/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { buildApp } from '../app';
import { createUser } from '../modules/auth';
import { createDraft, insertRevision, publishRevision, queueForIndex, updateDocument } from '../modules/documents';
import { cloneDatabase } from './harness';

/** A word no seeded document contains, to find exactly one test document (letters only: one token). */
export const uniqueWord = () => `zq${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

export function advisory(word: string, overrides: Partial<DocumentContent> = {}): DocumentContent {
  return {
    kind: 'advisory',
    title: `Search test advisory ${word}`,
    summary: `A test advisory about ${word}.`,
    publisher: 'Search Test Publisher',
    authors: ['Test Author'],
    jurisdictions: ['us-ca'],
    audience: 'both',
    documentDate: '2024-05-01',
    lastReviewedAt: null,
    citations: ['Cal. Penal Code § 273.5'],
    offenseTypes: ['domestic-violence'],
    consequences: ['dv-deportability'],
    body: `## Bottom line\n\nThe ${word} analysis for a test.\n\n## Details\n\nMore about ${word} here.`,
    ...overrides,
  };
}

/** Creates a document as a draft (never published). */
export async function createDraftDocument(db: Database, content: DocumentContent): Promise<string> {
  return db.transaction(async (tx) => {
    const { document } = await createDraft(tx, { content, authorId: null });
    return document.id;
  });
}

/** Creates and publishes a document in one transaction (the outbox row is written with it). */
export async function publishNewDocument(db: Database, content: DocumentContent): Promise<string> {
  return db.transaction(async (tx) => {
    const { document, revision } = await createDraft(tx, { content, authorId: null });
    await publishRevision(tx, document.id, revision);
    return document.id;
  });
}

/** Saves a new revision; publishes it when asked (otherwise it is an unpublished draft revision). */
export async function reviseDocument(
  db: Database,
  documentId: string,
  content: DocumentContent,
  options: { publish: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
    const revision = await insertRevision(tx, {
      documentId,
      baseRevisionId: doc?.headRevisionId ?? null,
      authorId: null,
      note: 'Test revision',
      content,
    });
    await updateDocument(tx, documentId, { headRevisionId: revision.id });
    if (options.publish) await publishRevision(tx, documentId, revision);
  });
}

/** Archives a document the way the editorial workflow does: status change plus outbox row. */
export async function archiveDocument(db: Database, documentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await updateDocument(tx, documentId, { status: 'archived' });
    await queueForIndex(tx, [documentId], 'delete');
  });
}

/**
 * The real app on a fresh clone of the seeded database, like createTestContext, but against a
 * Meilisearch of the caller's choosing: one the test can stop, or none at all.
 */
export async function createAppWithMeilisearch(options: {
  meiliUrl: string;
  meiliKey: string;
  searchSync?: boolean;
  indexPrefix?: string;
}) {
  const database = await cloneDatabase();
  const indexPrefix = options.indexPrefix ?? `s${randomBytes(5).toString('hex')}`;
  const app = await buildApp({
    databaseUrl: database.url,
    meiliUrl: options.meiliUrl,
    meiliMasterKey: options.meiliKey,
    meiliIndexPrefix: indexPrefix,
    jwtSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
    runSearchSync: options.searchSync ?? true,
  });
  await app.ready();
  return {
    app,
    db: app.db,
    databaseUrl: database.url,
    indexPrefix,
    /** A user; `organizationId` makes it a member (editors edit only their organization's documents). */
    async user(role: Role, options: { organizationId?: string | null } = {}) {
      const email = `${role}-${randomBytes(4).toString('hex')}@test.example.org`;
      const row = await createUser(app.db, {
        email,
        password: `pw-${randomBytes(8).toString('hex')}`,
        role,
        name: role,
        organizationId: options.organizationId ?? null,
      });
      const [fresh] = await app.db.select().from(users).where(eq(users.id, row.id));
      const token = app.jwt.sign({ sub: row.id, role, ver: fresh?.tokenVersion ?? 0 });
      return { id: row.id, auth: { authorization: `Bearer ${token}` } };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Rows waiting in the search outbox. */
export async function outboxSize(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(searchOutbox);
  return row?.n ?? -1;
}

/** The sections of these documents' published revisions: what the index must hold for them. */
export async function publishedSectionCount(db: Database, ids: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documentSections)
    .innerJoin(documents, eq(documents.publishedRevisionId, documentSections.revisionId))
    .where(inArray(documents.id, ids));
  return row?.n ?? -1;
}
