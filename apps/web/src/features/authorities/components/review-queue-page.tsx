import type { ReviewQueueItem, ReviewQueueQuery } from '@kb/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { FormActions } from '../../../components/ui/form-actions';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Pager } from '../../../components/ui/pager';
import { Spinner } from '../../../components/ui/spinner';
import { useReviewDocument, useReviewQueue } from '../api/review-queue';
import styles from './authorities.module.css';
import { authorityPath } from './authority-status';

const PER_PAGE = 25;
const REASONS = [
  ['', 'Everything to review'],
  ['authority', 'A cited authority changed'],
  ['overdue', 'Not reviewed in a while'],
] as const;

/** The editors' review queue: guidance a flagged authority or time put in doubt, most bookmarked and read first. */
export function ReviewQueuePage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reason = params.get('reason');
  const query: ReviewQueueQuery = {
    page,
    perPage: PER_PAGE,
    ...(reason === 'authority' || reason === 'overdue' ? { reason } : {}),
  };
  const queue = useReviewQueue(query);
  const [status, setStatus] = useState('');
  const pages = queue.data ? Math.max(1, Math.ceil(queue.data.total / PER_PAGE)) : 1;

  return (
    <div className="page narrow">
      <h1>Review queue</h1>
      <p className={styles.lede}>
        Published guidance of your organization that cites an authority since overruled, vacated or otherwise changed,
        or that has not been reviewed
        {queue.data ? ` in ${queue.data.reviewStaleMonths} months` : ' for a while'}. Most bookmarked first, then most
        recently read. Review it and say so, or revise it.
      </p>
      <label className={`field ${styles.filter}`}>
        <span>Show</span>
        <select
          value={reason ?? ''}
          onChange={(e) => setParams(e.target.value ? { reason: e.target.value } : {})}
          aria-describedby="queue-count"
        >
          {REASONS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {queue.isPending ? <Spinner /> : null}
      {queue.isError ? <ErrorMessage error={queue.error} retry={() => void queue.refetch()} /> : null}
      {queue.data ? (
        <>
          <p id="queue-count" className="muted">
            {queue.data.total === 0
              ? 'Nothing to review.'
              : `${queue.data.total} ${queue.data.total === 1 ? 'item' : 'items'} to review.`}
          </p>
          <ul className="result-list" data-testid="review-queue">
            {queue.data.items.map((item) => (
              <QueueItem key={item.id} item={item} onReviewed={(title) => setStatus(`Marked “${title}” reviewed.`)} />
            ))}
          </ul>
          <Pager
            page={page}
            pages={pages}
            label="Review queue pages"
            hrefFor={(p) => `?${new URLSearchParams({ ...(reason ? { reason } : {}), page: String(p) })}`}
          />
        </>
      ) : null}
    </div>
  );
}

function QueueItem({ item, onReviewed }: { item: ReviewQueueItem; onReviewed: (title: string) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const review = useReviewDocument();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    review.mutate({ id: item.id, note }, { onSuccess: () => onReviewed(item.title) });
  };
  return (
    <li className="result" aria-labelledby={`${id}-title`}>
      <p className="result-meta">
        <span className="badge">{kindLabel(item.kind)}</span>
        {item.organization ? <span>{item.organization.name}</span> : null}
        {item.needsReview ? <span className="badge badge-warning">Authority changed</span> : null}
        {item.reviewOverdue ? <span className="badge badge-muted">Review overdue</span> : null}
      </p>
      <h2 className="result-title" id={`${id}-title`}>
        <Link to={item.path}>{item.title}</Link>
      </h2>
      {item.reviewReasons.length > 0 ? (
        <ul className={styles.reasons}>
          {item.reviewReasons.map((r) => {
            const path = authorityPath(r);
            return (
              <li key={`${r.citation}-${r.setAt}`}>
                Relies on <cite>{path ? <Link to={path}>{r.name}</Link> : r.name}</cite>, {r.status} on{' '}
                {formatDate(r.date)}
                {r.by ? ` by ${r.by}` : ''}.
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="small muted">
        Revision {item.revisionNumber} · last reviewed {item.lastReviewedAt ? formatDate(item.lastReviewedAt) : 'never'}{' '}
        · {item.bookmarkCount} {item.bookmarkCount === 1 ? 'bookmark' : 'bookmarks'} · {item.readCount}{' '}
        {item.readCount === 1 ? 'read' : 'reads'}
        {item.lastReadAt ? `, last ${formatDate(item.lastReadAt)}` : ''}
      </p>
      {open ? (
        <form className={styles.reviewForm} onSubmit={submit}>
          <label className="field">
            <span>Review note (what you checked)</span>
            {/* biome-ignore lint/a11y/noAutofocus: opened by the editor to write the note */}
            <textarea name="note" rows={2} required minLength={1} maxLength={5000} autoFocus />
          </label>
          {review.error ? <ErrorMessage error={review.error} /> : null}
          <FormActions submit="Mark reviewed" pending={review.isPending} onCancel={() => setOpen(false)} />
        </form>
      ) : (
        <div className={styles.formActions}>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Reviewed…
          </button>
          <Link className="button" to={`/editor/${item.id}`}>
            Revise
          </Link>
        </div>
      )}
    </li>
  );
}
