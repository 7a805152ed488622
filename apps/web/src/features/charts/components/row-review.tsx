import type { OffenseEntryRow } from '@kb/contracts';
import { formatDate } from '../../../components/ui/labels';
import { NeedsReviewBadge } from '../../authorities';
import styles from './chart.module.css';

/** A chart row's currency: when it was last reviewed, which revision, and whether it is under review. */
export function RowReview({ row }: { row: OffenseEntryRow }) {
  return (
    <span className={styles.rowReview} data-testid="row-review">
      {row.lastReviewedAt ? `Reviewed ${formatDate(row.lastReviewedAt)}` : 'Review not recorded'} · revision{' '}
      {row.revisionNumber}
      {row.needsReview ? (
        <>
          {' '}
          <NeedsReviewBadge />
        </>
      ) : null}
    </span>
  );
}
