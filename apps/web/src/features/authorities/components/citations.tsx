import type { CitedAuthority, CitingItem } from '@kb/contracts';
import { Link } from 'react-router';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import styles from './authorities.module.css';
import { AuthorityStatusBadge, authorityPath } from './authority-status';

/** "Cites": each citation linked to the source the library holds or its card, with the authority's status. */
export function CitesList({ cites }: { cites: CitedAuthority[] }) {
  return (
    <ul className={styles.citeList} data-testid="cites">
      {cites.map((c, i) => {
        const path = authorityPath(c);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a citation may be listed twice; the order is stable
          <li key={i}>
            {path ? (
              <Link to={path} title={c.document?.title ?? c.authority?.name}>
                {c.citation}
              </Link>
            ) : (
              <span>{c.citation}</span>
            )}{' '}
            {c.document ? <span className={styles.citeKind}>{kindLabel(c.document.kind)}</span> : null}
            {!c.document && c.authority ? <span className={styles.citeKind}>Authority card</span> : null}{' '}
            <AuthorityStatusBadge status={c.status} />
          </li>
        );
      })}
    </ul>
  );
}

/** "Cited by": the published guidance citing this, newest first, with the whole count. */
export function CitedByList({ items, count }: { items: CitingItem[]; count: number }) {
  if (count === 0) return <p className="muted small">No published guidance in the library cites it yet.</p>;
  return (
    <>
      {count > items.length ? (
        <p className="muted small">
          The {items.length} newest of {count}.
        </p>
      ) : null}
      <ul className={styles.citedByList} data-testid="cited-by">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={item.path}>{item.title}</Link>
            <span className={styles.citeMeta}>
              {kindLabel(item.kind)}
              {item.organization ? ` · ${item.organization.name}` : ''}
              {item.publishedAt ? ` · ${formatDate(item.publishedAt)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
