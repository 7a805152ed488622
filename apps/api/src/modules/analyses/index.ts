/** analyses: the plea consequence analyzer's previews, each user's saved analyses and their advisal memos. */
export { default as analysesRoutes } from './analyses.routes';
