export { analyze, analyzedEntry, type ResolvedEntries } from './analyze';
export { inputChanges } from './differences';
export type { ResolvedEntry } from './facts';
export { type RequestProblem, requestProblems } from './validate';
