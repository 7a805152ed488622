/** offenses: offense entries (chart rows), their charts, citation answers and sample seed. */
export { findEntry } from './offenses.repository';
export { seedOffenseEntries } from './offenses.seed';
export { citationAnswer } from './offenses.service';
