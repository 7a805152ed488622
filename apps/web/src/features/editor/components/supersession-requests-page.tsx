import type { SupersessionRequest } from '@kb/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { useDecideSupersessionRequest, useSupersessionRequests } from '../api/supersession-requests';
import styles from './editor.module.css';

const when = (iso: string) => new Date(iso).toLocaleDateString('en-US', { dateStyle: 'medium' });
const orgOf = (d: SupersessionRequest['document']) => d.organization?.name ?? 'the public-domain library';

/**
 * /editor/requests — other organizations asking that their document replace one of yours
 * (approve or decline), and what your organization asked of others (withdraw).
 */
export function SupersessionRequestsPage() {
  return (
    <div className="page narrow">
      <p className={styles.editorBreadcrumb}>
        <Link to="/editor">All documents</Link>
      </p>
      <h1>Supersession requests</h1>
      <p>
        Another organization may ask that its newer guidance replace one of your organization’s documents. Only your
        organization decides: approving marks your document superseded by theirs.
      </p>
      <RequestList direction="incoming" title="Asked of your organization" />
      <RequestList direction="outgoing" title="Asked by your organization" />
    </div>
  );
}

function RequestList({ direction, title }: { direction: 'incoming' | 'outgoing'; title: string }) {
  const requests = useSupersessionRequests({ direction });
  const decide = useDecideSupersessionRequest();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const id = `requests-${direction}`;
  return (
    <section aria-labelledby={id} className={styles.requestSection} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {requests.isPending ? <Spinner /> : null}
      {requests.isError ? <ErrorMessage error={requests.error} retry={() => void requests.refetch()} /> : null}
      {decide.isError ? <ErrorMessage error={decide.error} /> : null}
      {requests.data && requests.data.items.length === 0 ? <p>No pending requests.</p> : null}
      <ul className={styles.requestList}>
        {requests.data?.items.map((r) => (
          <li key={r.id}>
            <p>
              <Link to={`/documents/${r.successor.slug}`}>{r.successor.title}</Link> ({orgOf(r.successor)}) would
              replace <Link to={`/documents/${r.document.slug}`}>{r.document.title}</Link> ({orgOf(r.document)}).
            </p>
            <p className="small">
              Asked by {r.requestedBy?.name ?? 'a former user'} on{' '}
              <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
              {r.note ? <>: “{r.note}”</> : null}
            </p>
            {direction === 'incoming' ? (
              <div className={styles.requestActions}>
                <label className="field">
                  <span>Your answer (optional)</span>
                  <input
                    type="text"
                    maxLength={2000}
                    value={notes[r.id] ?? ''}
                    onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))}
                  />
                </label>
                <button
                  type="button"
                  className="button primary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'approve', note: notes[r.id] })}
                  aria-label={`Approve: “${r.successor.title}” replaces “${r.document.title}”`}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'decline', note: notes[r.id] })}
                  aria-label={`Decline the request to replace “${r.document.title}”`}
                >
                  Decline
                </button>
              </div>
            ) : (
              <button
                type="button"
                className="button"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: r.id, decision: 'withdraw' })}
                aria-label={`Withdraw the request to replace “${r.document.title}”`}
              >
                Withdraw
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
