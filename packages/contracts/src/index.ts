export * from './auth';
export * from './common';
export * from './documents';
export * from './system';
export * from './taxonomy';
export * from './vocabulary';
