import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useAuthorities } from '../api/list-authorities';
import styles from './authorities.module.css';
import { AuthorityStatusBadge } from './authority-status';

/** The authority cards: the cases lawyers cite most that the library does not hold in full. */
export function AuthoritiesPage() {
  const list = useAuthorities();
  return (
    <div className="page narrow">
      <h1>Authorities</h1>
      <p className={styles.lede}>
        The decisions crimmigration guidance cites most, whose full text this library does not hold: what each held,
        whether it still stands, and the guidance relying on it. Summaries are sample content, not legal advice.
      </p>
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        <ul className="result-list">
          {list.data.items.map((a) => (
            <li key={a.slug} className="result">
              <p className="result-meta">
                <span>{a.court}</span>
                {a.decidedOn ? <span>{formatDate(a.decidedOn)}</span> : null}
                <AuthorityStatusBadge status={a.status} />
              </p>
              <h2 className="result-title">
                <Link to={`/authorities/${a.slug}`}>{a.name}</Link>
              </h2>
              <p className="result-snippet">
                {a.citation} · cited by {a.citedByCount} {a.citedByCount === 1 ? 'document' : 'documents'}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
