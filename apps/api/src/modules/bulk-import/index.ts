/**
 * bulk-import: documents loaded in bulk from JSON Lines (the CLI, the public-domain corpus),
 * and the first-start seeding (vocabulary, corpus, demo content and accounts).
 */
export { type ImportReport, importJsonLinesFile, importRecords } from './bulk-import.service';
export { type ImportRecord, toImportRecord } from './jsonl';
export { DEMO_ACCOUNTS, demoAccountsOf, seedOnce } from './seed';
