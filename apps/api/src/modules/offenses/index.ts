/**
 * offenses: offense entries (the rows of quick reference charts) and the charts they form.
 * An entry is a document of kind `offense_entry`; this module reads rows, writes them through
 * the documents module, answers citation queries, and imports and exports charts as CSV.
 */
export { importChartCsv } from './offenses.editor';
export { findEntry } from './offenses.repository';
export { default as offensesRoutes } from './offenses.routes';
export { type OffenseSeedReport, seedOffenseEntries } from './offenses.seed';
export { citationAnswer, entrySuggestions } from './offenses.service';
