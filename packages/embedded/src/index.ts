export { StartupError } from './errors';
export { freePort, isListening } from './free-port';
export {
  DEFAULT_MAX_INDEXING_MEMORY,
  meilisearchBinary,
  type RunningMeilisearch,
  startMeilisearch,
} from './meilisearch';
export { APP_ROLE, type RunningPostgres, startPostgres } from './postgres';
export { dataDirMasterKey, dataDirSecret } from './secrets';
export { type ProvidedServices, provideServices, type ServiceEndpoints } from './services';
export { RESTART_BACKOFF_MS, type Supervisable, type Supervised, supervise } from './supervisor';
export { killWithOwner } from './watchdog';
