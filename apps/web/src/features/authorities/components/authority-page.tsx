import { AUTHORITY_STATUS_LABELS } from '@kb/contracts';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { hasRole, useCurrentUser } from '../../../lib/auth';
import { useAuthority } from '../api/get-authority';
import styles from './authorities.module.css';
import { AuthorityStatusBadge, OwnStatusNotice } from './authority-status';
import { CitedByList } from './citations';
import { MarkStatusForm } from './status-form';

/** One authority card: name, citation, court, date, the holding, its status and history, and who cites it. */
export function AuthorityPage() {
  const { slug = '' } = useParams();
  const user = useCurrentUser();
  const card = useAuthority(slug);
  if (card.isPending) return <Spinner />;
  if (card.isError) {
    return (
      <div className="page narrow">
        {card.error instanceof ApiError && card.error.status === 404 ? (
          <>
            <h1>No such authority</h1>
            <p>
              The address may be mistyped. <Link to="/authorities">All authorities</Link>
            </p>
          </>
        ) : (
          <ErrorMessage error={card.error} retry={() => void card.refetch()} />
        )}
      </div>
    );
  }
  const a = card.data;
  return (
    <div className="page narrow">
      <p className={styles.back}>
        <Link to="/authorities">← Authorities</Link>
      </p>
      <OwnStatusNotice status={a.status} what="decision" />
      <p className={styles.kicker}>
        <span className="badge">Authority card</span> <AuthorityStatusBadge status={a.status} />
      </p>
      <h1>{a.name}</h1>
      <dl className={styles.facts}>
        <div>
          <dt>Citation</dt>
          <dd>{a.citation}</dd>
        </div>
        <div>
          <dt>Court</dt>
          <dd>{a.court}</dd>
        </div>
        {a.decidedOn ? (
          <div>
            <dt>Decided</dt>
            <dd>
              <time dateTime={a.decidedOn}>{formatDate(a.decidedOn)}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Status</dt>
          <dd>
            {a.status ? (
              <>
                {AUTHORITY_STATUS_LABELS[a.status.status]} on {formatDate(a.status.date)}
                {a.status.by ? ` by ${a.status.by}` : ''}
              </>
            ) : (
              'No change recorded'
            )}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="holding" className={styles.block}>
        <h2 id="holding">What it held</h2>
        <p className={styles.summary}>{a.summary}</p>
        <p className="muted small">Written for this project — sample content, not legal advice. Read the decision.</p>
      </section>
      <section aria-labelledby="cited-by" className={styles.block}>
        <h2 id="cited-by">Cited by ({a.citedByCount})</h2>
        <CitedByList items={a.citedBy} count={a.citedByCount} />
      </section>
      {a.history.length > 0 ? (
        <section aria-labelledby="history" className={styles.block}>
          <h2 id="history">Status history</h2>
          <ul className={styles.history}>
            {a.history.map((h) => (
              <li key={h.setAt}>
                <strong>{h.status === 'good' ? 'Good law again' : AUTHORITY_STATUS_LABELS[h.status]}</strong> on{' '}
                {formatDate(h.date)}
                {h.by ? ` by ${h.by}` : ''}
                {h.note ? ` — ${h.note}` : ''}{' '}
                <span className="muted small">
                  (recorded {formatDate(h.setAt)}
                  {h.setBy ? ` by ${h.setBy}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {hasRole(user, 'editor') ? (
        <MarkStatusForm target={{ citation: a.citation }} current={a.status} name={a.name} />
      ) : null}
    </div>
  );
}
