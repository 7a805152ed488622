import type { Watch } from '@kb/contracts';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useDeleteWatch, useWatches } from '../api/watches';
import styles from './alerts.module.css';
import { appPath } from './notification-labels';
import { WATCH_KIND_LABELS } from './watch-labels';

/** What a watch is called in the list: its name (the API names unnamed ones after their target). */
const watchName = (watch: Watch) => watch.name || watch.target;

/** /watches — "My watches": everything the reader follows, each removable in one click. */
export function WatchesPage() {
  const watches = useWatches();
  const remove = useDeleteWatch();
  const items = watches.data?.items ?? [];
  return (
    <div className="page narrow">
      <header className={styles.pageHead}>
        <h1>My watches</h1>
        <div className={styles.pageLinks}>
          <Link to="/notifications">Notifications</Link>
          <Link to="/account#alerts">E-mail settings</Link>
        </div>
      </header>
      <p className="muted">
        You are told in the app (and by e-mail, if you chose it) when what you follow is published, revised, superseded
        or put under review.
      </p>
      {watches.isPending ? <Spinner label="Loading your watches…" /> : null}
      {watches.isError ? <ErrorMessage error={watches.error} retry={() => void watches.refetch()} /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {watches.data && items.length === 0 ? (
        <div className={styles.empty}>
          <p>You follow nothing yet.</p>
          <p className="muted">
            Press <strong>Follow</strong> on a chart row, a document, a search or a topic to be told when it changes.
          </p>
        </div>
      ) : null}
      {items.length > 0 ? (
        <ul className={styles.list} aria-label="What you follow">
          {items.map((watch) => {
            const href = watch.url ? appPath(watch.url) : null;
            const name = watchName(watch);
            return (
              <li key={watch.id} className={styles.item}>
                <p className={styles.itemMeta}>
                  <span className="badge badge-muted">{WATCH_KIND_LABELS[watch.kind] ?? watch.kind}</span>
                  <span className="muted small">since {formatDate(watch.createdAt)}</span>
                </p>
                <div className={styles.itemTitle}>{href ? <Link to={href}>{name}</Link> : name}</div>
                <button
                  type="button"
                  className="button small"
                  disabled={remove.isPending && remove.variables === watch.id}
                  onClick={() => remove.mutate(watch.id)}
                >
                  Stop following<span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
