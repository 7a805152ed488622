import { createDatabase, runMigrations } from '@kb/db';
import { buildApp, REDACTED_PATHS } from './app';
import { loadConfig } from './config';
import { exitOnStartupError } from './lib/startup';
import { syncAuthorities } from './modules/authorities';
import { demoAccountsOf, seedOnce } from './modules/bulk-import';
import { seedOffenseEntries } from './modules/offenses';
import { startRuntime } from './runtime';

async function main() {
  const config = loadConfig();
  console.log(`advisory-kb: starting (data in ${config.dataDir})…`);
  const runtime = await startRuntime(config, (line) => console.log(`advisory-kb: ${line}`));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`advisory-kb: ${signal} received, shutting down…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    await app?.close().catch(() => {});
    await runtime.stop().catch(() => {});
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A rejected promise nobody awaited (a forgotten await on a failed call, e.g. to a Meilisearch
  // being restarted) is a bug to log loudly, not a reason to drop every reader's connection.
  process.on('unhandledRejection', (reason) => {
    if (app) app.log.error({ err: reason }, 'unhandled promise rejection');
    else console.error('advisory-kb: unhandled promise rejection:', reason);
  });

  try {
    const db = createDatabase(runtime.databaseUrl, { max: 4 });
    try {
      await runMigrations(db);
      const seeded = await seedOnce(db, { dataDir: config.dataDir, demo: config.seedDemo });
      if (seeded) {
        console.log(
          `advisory-kb: seeded ${seeded.taxonomyTerms} vocabulary terms, ${seeded.corpus.created} public-domain documents and ${seeded.demoDocuments} demo documents`,
        );
      }
      if (config.seedDemo) {
        // Sample chart rows: loaded again whenever their files change (a data dir seeded before they existed too).
        const rows = await seedOffenseEntries(db);
        if (rows) {
          console.log(
            `advisory-kb: sample chart rows: ${rows.created} created, ${rows.updated} updated, ${rows.unchanged} unchanged`,
          );
          for (const error of rows.errors) console.warn(`advisory-kb: sample chart row not loaded: ${error}`);
        }
      }
      // Authority cards, and the citation graph of a database published before it existed.
      const graph = await syncAuthorities(db);
      if (graph.rebuilt !== null)
        console.log(`advisory-kb: citation graph built for ${graph.rebuilt} published documents`);
    } finally {
      await db.$client.end();
    }
    app = await buildApp({
      databaseUrl: runtime.databaseUrl,
      meiliUrl: runtime.meiliUrl,
      meiliMasterKey: runtime.meiliMasterKey,
      meiliIndexPrefix: config.meiliIndexPrefix,
      searchCountFrom: config.searchCountFrom,
      searchCache: config.searchCache,
      jwtSecret: runtime.jwtSecret,
      secureCookies: config.nodeEnv === 'production' && !config.publicUrl.startsWith('http://'),
      serveWeb: true,
      allowSignUp: config.allowSignUp,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      runAlerts: true,
      smtpUrl: config.smtpUrl,
      mailFrom: config.mailFrom,
      alertDigestHour: config.alertDigestHour,
      logger: { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => {});
    await runtime.stop().catch(() => {});
    throw error;
  }

  const lines = [`advisory-kb: ready at ${config.publicUrl}`];
  lines.push(
    config.smtpUrl
      ? `advisory-kb: e-mail through ${new URL(config.smtpUrl).host} from ${config.mailFrom}`
      : 'advisory-kb: SMTP_URL is not set: alerts are in-app notifications only, and invitation and reset links are shown to the admin',
  );
  const demo = config.seedDemo ? demoAccountsOf(config.dataDir) : null;
  if (demo) {
    lines.push('advisory-kb: demo accounts (sample content, not for production):');
    for (const account of demo)
      lines.push(`  ${account.role.padEnd(7)} ${account.email}  password: ${account.password}`);
  }
  console.log(lines.join('\n'));
}

main().catch(exitOnStartupError);
