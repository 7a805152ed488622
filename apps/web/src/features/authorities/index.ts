/**
 * The authorities feature's door: authority cards, an authority's status where it is cited, the
 * "needs review" it spreads to guidance citing it, the editors' status form and review queue.
 * The search page (the first screen) shows the badges: the pages are loaded when opened
 * (`load…`), or they would come with the first screen.
 */
export { useReviewDocument } from './api/review-queue';
export {
  AuthorityStatusBadge,
  NeedsReviewBadge,
  OwnStatusNotice,
  ReviewNotice,
} from './components/authority-status';
export { CitedByList, CitesList } from './components/citations';
export { MarkStatusForm } from './components/status-form';

export const loadAuthoritiesPage = () => import('./components/authorities-page').then((m) => m.AuthoritiesPage);
export const loadAuthorityPage = () => import('./components/authority-page').then((m) => m.AuthorityPage);
export const loadReviewQueuePage = () => import('./components/review-queue-page').then((m) => m.ReviewQueuePage);
