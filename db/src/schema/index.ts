export * from './analyses';
export * from './documents';
export * from './library';
export * from './taxonomy';
export * from './users';
