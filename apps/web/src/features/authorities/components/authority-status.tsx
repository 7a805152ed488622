import {
  AUTHORITY_STATUS_LABELS,
  type AuthorityRef,
  type AuthorityStatus,
  type AuthorityStatusCode,
  type ReviewReason,
} from '@kb/contracts';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../components/ui/labels';
import styles from './authorities.module.css';

/** Statuses that take the authority away (red); the others call for care (amber). */
const GONE: ReadonlySet<AuthorityStatusCode> = new Set(['overruled', 'abrogated', 'vacated', 'superseded', 'enjoined']);

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Vacated Mar 3, 2026": the status of a cited authority, wherever it is cited. */
export function AuthorityStatusBadge({ status }: { status: AuthorityStatus | null }) {
  if (!status) return null;
  return (
    <span
      className={`badge ${GONE.has(status.status) ? 'badge-danger' : 'badge-warning'} ${styles.statusBadge}`}
      title={[status.by, status.note].filter(Boolean).join(' — ') || undefined}
      data-testid="authority-status"
    >
      {capitalized(AUTHORITY_STATUS_LABELS[status.status])} {formatDate(status.date)}
    </span>
  );
}

/** Guidance that cites an authority flagged since its last review. */
export function NeedsReviewBadge() {
  return (
    <span className="badge badge-warning" data-testid="needs-review">
      Under review
    </span>
  );
}

/** Where an authority is read: the document the library holds, else its card. */
export function authorityPath(target: { document: { slug: string } | null; authority: AuthorityRef | null }) {
  if (target.document) return `/documents/${target.document.slug}`;
  if (target.authority) return `/authorities/${target.authority.slug}`;
  return null;
}

/** "Relies on X, vacated on DATE (by …); under review." */
function Reason({ reason }: { reason: ReviewReason }) {
  const path = authorityPath(reason);
  return (
    <li>
      Relies on <cite>{path ? <Link to={path}>{reason.name}</Link> : reason.name}</cite>,{' '}
      {AUTHORITY_STATUS_LABELS[reason.status]} on {formatDate(reason.date)}
      {reason.by ? <> by {reason.by}</> : null}; under review.
      {reason.note ? <span className={styles.reasonNote}> {reason.note}</span> : null}
    </li>
  );
}

/**
 * The reader's notice on guidance that needs review: announced to screen readers when the page
 * opens, and said in words (not only a colour).
 */
export function ReviewNotice({ reasons, children }: { reasons: ReviewReason[]; children?: ReactNode }) {
  const id = useId();
  if (reasons.length === 0) return null;
  return (
    <div
      className={`alert alert-warning ${styles.notice}`}
      role="alert"
      aria-labelledby={`${id}-title`}
      data-testid="review-notice"
    >
      <p className={styles.noticeTitle} id={`${id}-title`}>
        <strong>Under review.</strong> An authority this relies on has changed since it was last reviewed.
      </p>
      <ul className={styles.reasons}>
        {reasons.map((reason) => (
          <Reason key={`${reason.citation}-${reason.setAt}`} reason={reason} />
        ))}
      </ul>
      <p className="small">Read it with that in mind until the editors review it.</p>
      {children}
    </div>
  );
}

/** The page's own status when it is an authority ("This decision was vacated on …"). */
export function OwnStatusNotice({ status, what }: { status: AuthorityStatus | null; what: string }) {
  if (!status) return null;
  return (
    <div className={`alert alert-warning ${styles.notice}`} role="note" aria-label="Authority status">
      <p className={styles.noticeTitle}>
        <strong>
          This {what} was {AUTHORITY_STATUS_LABELS[status.status]} on {formatDate(status.date)}
        </strong>
        {status.by ? <> by {status.by}</> : null}.
      </p>
      {status.note ? <p className="small">{status.note}</p> : null}
    </div>
  );
}
