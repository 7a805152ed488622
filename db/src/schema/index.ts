export * from './analyses';
export * from './documents';
export * from './library';
export * from './search';
export * from './taxonomy';
export * from './users';
