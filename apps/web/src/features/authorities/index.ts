/**
 * The authorities feature's door: authority cards, an authority's status where it is cited, the
 * "needs review" it spreads to guidance citing it, the editors' status form and review queue.
 */
export { useReviewDocument } from './api/review-queue';
export { AuthoritiesPage } from './components/authorities-page';
export { AuthorityPage } from './components/authority-page';
export {
  AuthorityStatusBadge,
  NeedsReviewBadge,
  OwnStatusNotice,
  ReviewNotice,
} from './components/authority-status';
export { CitedByList, CitesList } from './components/citations';
export { ReviewQueuePage } from './components/review-queue-page';
export { MarkStatusForm } from './components/status-form';
