export * from './alerts';
export * from './analyses';
export * from './documents';
export * from './library';
export * from './organizations';
export * from './search';
export * from './taxonomy';
export * from './users';
