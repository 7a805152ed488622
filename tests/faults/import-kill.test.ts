import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase, eventually, verifyIndex } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import { SearchIndex } from '@kb/search';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printFigures } from '../security/support';
import { spawnScript } from '../support/processes';
import { savedRows } from './support';

/**
 * `pnpm kb import` (a real process) is SIGKILLed in the middle of a bulk import, then run again:
 * the result must equal a clean import of the same file — same documents, revisions and
 * sections, no duplicates — and the search index must agree with the database.
 */
// A few hundred in the normal suite; `pnpm test:load` (KB_FULL=1) imports a few thousand.
const DOCUMENTS = Number(process.env.KB_FAULT_IMPORT_DOCS ?? (process.env.KB_FULL ? 3000 : 400));
const KILL_AT = Math.floor(DOCUMENTS * 0.4);

const services = inject('services');
let workDir: string;
let file: string;
const targets: Array<{
  name: string;
  database: Awaited<ReturnType<typeof cloneDatabase>>;
  db: Database;
  prefix: string;
}> = [];

/** A JSON Lines file in the documented import format, with a few sections per document. */
function writeImportFile(target: string, count: number) {
  const kinds = ['advisory', 'statute', 'court_opinion', 'agency_decision', 'checklist'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        id: `drill-${String(i).padStart(5, '0')}`,
        title: `Bulk drill document ${i}: theft and controlled substances`,
        kind: kinds[i % kinds.length],
        citation: `8 U.S.C. § 1101(a)(43)(G); PC ${400 + (i % 200)}`,
        jurisdiction: 'federal',
        date: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-15`,
        summary: `Summary ${i}.`,
        // No publisher: a line naming an unknown one is refused (issue 21); these join the public library.
        authors: ['A. Author'],
        body: `# Overview\n\nDocument ${i} on theft offenses.\n\n## Analysis\n\nA sentence of one year or more makes it an aggravated felony.\n\n## Practice tips\n\nPlead to a sentence of 364 days.\n`,
      }),
    );
  }
  writeFileSync(target, `${lines.join('\n')}\n`);
}

function runImport(target: (typeof targets)[number]) {
  return spawnScript('apps/api/src/cli.ts', ['import', file], {
    DATA_DIR: workDir,
    DATABASE_URL: target.database.url,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliKey,
    MEILI_INDEX_PREFIX: target.prefix,
  });
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'kb-import-kill-'));
  file = path.join(workDir, 'bulk.jsonl');
  writeImportFile(file, DOCUMENTS);
  for (const name of ['killed and re-run', 'clean']) {
    const database = await cloneDatabase();
    targets.push({
      name,
      database,
      db: createDatabase(database.url, { max: 2 }),
      prefix: `ik${randomBytes(4).toString('hex')}`,
    });
  }
}, 120_000);

afterAll(async () => {
  for (const t of targets) {
    const index = new SearchIndex({ host: services.meiliUrl, apiKey: services.meiliKey, prefix: t.prefix });
    await index.dropIndexes();
    await t.db.$client.end();
    await t.database.drop();
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The imported documents as a comparable table: one line per document, sorted by external id. */
async function importedState(db: Database) {
  const { rows } = await db.$client.query<Record<string, string>>(`
    select d.external_id, d.status, r.title, r.kind, r.citations::text as citations,
           (select count(*) from revisions x where x.document_id = d.id) as revisions,
           (select count(*) from document_sections s where s.revision_id = d.published_revision_id) as sections,
           (select count(*) from document_terms t where t.document_id = d.id) as terms
      from documents d join revisions r on r.id = d.published_revision_id
     where d.external_id like 'drill-%'
     order by d.external_id`);
  return rows;
}

async function totals(
  db: Database,
): Promise<{ documents: number; distinct_ids: number; slugs: number; revisions: number; outbox: number }> {
  const { rows } = await db.$client.query<Record<string, string>>(`
    select (select count(*) from documents where external_id like 'drill-%') as documents,
           (select count(distinct external_id) from documents where external_id like 'drill-%') as distinct_ids,
           (select count(*) from documents where slug like 'bulk-drill-document-%') as slugs,
           (select count(*) from revisions r join documents d on d.id = r.document_id where d.external_id like 'drill-%') as revisions,
           (select count(*) from search_outbox) as outbox`);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])) as never;
}

describe('bulk import killed half-way', () => {
  it('re-runs to exactly what a clean import gives, in the database and in the index', async () => {
    const [killed, clean] = targets as [(typeof targets)[number], (typeof targets)[number]];

    // Something users saved in the database being imported into: it must survive the kill.
    const [reader] = (
      await killed.db.$client.query<{ id: string }>(
        "insert into users (email, name, role) values ('import-kill-reader@test.example.org', 'Reader', 'reader') returning id",
      )
    ).rows;
    await killed.db.$client.query(
      `insert into bookmarks (user_id, document_id, note)
       select $1, id, 'saved before the import' from documents where status = 'published' limit 3`,
      [reader?.id],
    );
    const savedBefore = await savedRows(killed.db);

    const started = Date.now();
    const first = runImport(killed);
    const progress = /(\d+) documents…/g;
    const written = () => Math.max(0, ...[...first.output().matchAll(progress)].map((m) => Number(m[1])));
    // Kill it once it reports at least KILL_AT documents (it prints its progress every 100).
    await eventually(async () => written() >= KILL_AT, 300_000, 10);
    first.child.kill('SIGKILL');
    await first.exited();
    const killedAfterMs = Date.now() - started;
    const partial = await totals(killed.db);
    const printed = [...first.output().matchAll(progress)].map((m) => Number(m[1]));
    expect(partial.documents).toBeGreaterThanOrEqual(KILL_AT);
    expect(partial.documents).toBeLessThan(DOCUMENTS);
    // Each document is one transaction: a killed import leaves whole documents, never half of one.
    expect(partial.revisions).toBe(partial.documents);

    const rerun = runImport(killed);
    expect(await rerun.exited(), rerun.output()).toBe(0);
    expect(rerun.output()).toMatch(
      new RegExp(
        `import: ${DOCUMENTS - partial.documents} created, 0 updated, ${partial.documents} unchanged, 0 line\\(s\\) with errors`,
      ),
    );

    const reference = runImport(clean);
    expect(await reference.exited(), reference.output()).toBe(0);
    expect(reference.output()).toMatch(new RegExp(`import: ${DOCUMENTS} created, 0 updated, 0 unchanged`));

    // Nothing saved was lost: the same users, folders and bookmarks, plus exactly the imported documents.
    const savedAfter = await savedRows(killed.db);
    expect({
      ...savedAfter,
      documents: savedAfter.documents - DOCUMENTS,
      revisions: savedAfter.revisions - DOCUMENTS,
    }).toEqual({
      ...savedBefore,
      sections: savedAfter.sections,
    });

    // Same counts, no duplicates, nothing pending.
    const [killedTotals, cleanTotals] = [await totals(killed.db), await totals(clean.db)];
    expect(killedTotals).toEqual(cleanTotals);
    expect(killedTotals).toEqual({
      documents: DOCUMENTS,
      distinct_ids: DOCUMENTS,
      slugs: DOCUMENTS,
      revisions: DOCUMENTS,
      outbox: 0,
    });
    // Document by document: the same content, revisions, sections and tags.
    expect(await importedState(killed.db)).toEqual(await importedState(clean.db));

    // The index agrees with the database (ids and versions), in both.
    const reports = [];
    for (const t of [killed, clean]) {
      const index = new SearchIndex({ host: services.meiliUrl, apiKey: services.meiliKey, prefix: t.prefix });
      const report = await verifyIndex(t.db, index, { repair: false });
      expect(report.missing, t.name).toEqual([]);
      expect(report.stale, t.name).toEqual([]);
      expect(report.extra, t.name).toEqual([]);
      reports.push(report.checked);
    }
    expect(reports[0]).toBe(reports[1]);

    printFigures('bulk import SIGKILLed half-way, then re-run', {
      'documents in the file': DOCUMENTS,
      'faults injected': `SIGKILL of \`kb import\` after ${killedAfterMs} ms`,
      'documents written before the kill': partial.documents,
      'last progress printed': printed.at(-1) ?? 0,
      're-run': `${DOCUMENTS - partial.documents} created, ${partial.documents} unchanged`,
      'documents / revisions after (killed+re-run vs clean)': `${killedTotals.documents}/${killedTotals.revisions} vs ${cleanTotals.documents}/${cleanTotals.revisions}`,
      'published documents checked against the index': reports[0],
      'index drift': 0,
      'rows before → after (killed database)': `${JSON.stringify(savedBefore)} → ${JSON.stringify(savedAfter)}`,
    });
  }, 600_000);
});
