export { StartupError } from './errors';
export { freePort, isListening } from './free-port';
export { meilisearchBinary, type RunningMeilisearch, startMeilisearch } from './meilisearch';
export { type RunningPostgres, startPostgres } from './postgres';
export { dataDirMasterKey, type ProvidedServices, provideServices, type ServiceEndpoints } from './services';
