import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { useAddReviewComment, useReviewComments } from '../api/review-comments';
import styles from './editor.module.css';

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const KIND_LABELS = { comment: 'Comment', approval: 'Approved and published', supersession: 'Supersession' } as const;

/**
 * Review comments beside the draft: the organization's editors write and read them (the API
 * answers no one else); approvals appear among them.
 */
export function ReviewComments({ documentId }: { documentId: string }) {
  const comments = useReviewComments(documentId);
  const add = useAddReviewComment(documentId);
  const [body, setBody] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate({ body: body.trim() }, { onSuccess: () => setBody('') });
  };
  return (
    <section className={styles.reviewComments} aria-labelledby="review-comments-title" data-testid="review-comments">
      <h2 id="review-comments-title">Review comments</h2>
      <p className={`${styles.secondaryText} small`}>Seen by your organization’s editors only.</p>
      <form onSubmit={submit}>
        <label className="field">
          <span>Your comment on the latest revision</span>
          <textarea
            name="review-comment"
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </label>
        <button type="submit" className="button small" disabled={add.isPending || !body.trim()}>
          {add.isPending ? 'Adding…' : 'Add comment'}
        </button>
      </form>
      {add.isError ? <ErrorMessage error={add.error} /> : null}
      {comments.isPending ? <Spinner label="Loading comments…" /> : null}
      {comments.isError ? <ErrorMessage error={comments.error} retry={() => void comments.refetch()} /> : null}
      {comments.data && comments.data.items.length === 0 ? (
        <p className={`${styles.secondaryText} small`}>No comments yet.</p>
      ) : null}
      <ol className={styles.commentList}>
        {comments.data?.items.map((c) => (
          <li key={c.id}>
            <div className="small">
              <strong>{c.author?.name ?? 'A former user'}</strong> · {KIND_LABELS[c.kind]}
              {c.revisionNumber !== null ? ` on revision ${c.revisionNumber}` : ''} ·{' '}
              <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
            </div>
            {c.body ? <p className={styles.commentBody}>{c.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
