/**
 * `pnpm eval:search`: the search evaluation set (bench/search-eval/queries.json) against the
 * product's search and against raw Meilisearch with default settings, over the seeded
 * public-domain corpus and the demo content. Prints MRR@10, hit@1, hit@3, hit@10 and the misses.
 *
 * Starts its own PostgreSQL and Meilisearch in a throwaway folder (or reuses KB_EVAL_DIR).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, buildApp, createUser, reindexAll, seedOffenseEntries, seedOnce } from '@kb/api/testing';
import type { SearchResponse } from '@kb/contracts';
import { createDatabase, runMigrations } from '@kb/db';
import type { SectionDocument } from '@kb/search';
import { evaluate, formatFigures, formatMisses, loadEvalSet, rawMeilisearch, throughApi } from './search-eval';
import { startServices } from './services';

/** The product's search as a signed-in reader calls it: GET /api/search. */
async function readerSearch(app: App): Promise<(q: string) => Promise<SearchResponse>> {
  const password = randomBytes(12).toString('hex');
  const user = await createUser(app.db, {
    email: `eval-${randomBytes(4).toString('hex')}@eval.invalid`,
    password,
    role: 'reader',
    name: 'Evaluation',
  });
  const token = app.jwt.sign({ sub: user.id, role: 'reader', ver: 0 });
  return async (q) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent(q)}&perPage=10`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.statusCode !== 200)
      throw new Error(`search ${JSON.stringify(q)}: ${response.statusCode} ${response.body}`);
    return response.json() as SearchResponse;
  };
}

/** Every section the product's index holds: the raw baseline indexes exactly these. */
async function indexedSections(app: App): Promise<SectionDocument[]> {
  const sections: SectionDocument[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await app.searchIndex.index().getDocuments({ limit: 1000, offset });
    sections.push(...page.results);
    if (page.results.length < 1000) return sections;
  }
}

async function report(app: App): Promise<void> {
  const search = await readerSearch(app);
  // `--q "…"` (repeatable): show the top ten of the product's search for these queries instead.
  const probes = process.argv.flatMap((arg, i) => (arg === '--q' ? [process.argv[i + 1] ?? ''] : []));
  if (probes.length > 0) {
    for (const q of probes) {
      const response = await search(q);
      console.log(`${JSON.stringify(q)} (${response.total}):`);
      for (const hit of response.hits) console.log(`  ${hit.externalId}  #${hit.section.anchor}`);
    }
    return;
  }
  const set = loadEvalSet();
  const product = await evaluate(set, throughApi(search));

  const raw = await evaluate(
    set,
    await rawMeilisearch(app.searchIndex.client, 'eval-raw-defaults', await indexedSections(app)),
  );

  console.log(formatFigures('Advisory KB search', product));
  console.log(formatFigures('raw Meilisearch (defaults)', raw));
  if (product.misses.length > 0) {
    console.log(`\nNot first in Advisory KB search (${product.misses.length}):`);
    for (const line of formatMisses(product)) console.log(line);
  }
  if (process.argv.includes('--raw-misses')) {
    console.log(`\nNot first in raw Meilisearch (${raw.misses.length}):`);
    for (const line of formatMisses(raw)) console.log(line);
  }
}

const keep = process.env.KB_EVAL_DIR;
const dataDir = keep ?? mkdtempSync(path.join(tmpdir(), 'kb-eval-'));
const services = await startServices(dataDir);
let exitCode = 0;
try {
  const db = createDatabase(services.postgres.url, { max: 4 });
  await runMigrations(db);
  await seedOnce(db, { dataDir, demo: true });
  // The sample chart rows, as the server with demo content and the tests load them.
  await seedOffenseEntries(db);
  await db.$client.end();
  const app = await buildApp({
    databaseUrl: services.postgres.url,
    meiliUrl: services.meili.url,
    meiliMasterKey: services.meiliKey,
    meiliIndexPrefix: 'eval',
    jwtSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
    runSearchSync: false,
    logger: false,
  });
  try {
    await app.ready();
    // A full rebuild, so a reused folder is indexed by the code being measured.
    await app.searchSync.drainAll();
    await reindexAll(app.db, app.searchIndex);
    await report(app);
  } finally {
    await app.close();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.stop();
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
