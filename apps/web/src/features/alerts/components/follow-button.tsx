import { WATCH_NAME_MAX, type WatchKind } from '@kb/contracts';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../../../components/ui/error-message';
import { useAuth } from '../../../lib/auth';
import { useCreateWatch, useDeleteWatch, useWatches } from '../api/watches';
import styles from './alerts.module.css';
import { sameTarget } from './watch-labels';

export interface FollowTarget {
  kind: WatchKind;
  target: string;
  /** A saved search's name; other watches are named by what they follow. */
  name?: string;
}

/**
 * One click follows (or stops following) what the page shows: an entry, a statute, a term, a
 * jurisdiction, a search, a document. A toggle button (`aria-pressed`) whose name says what it
 * follows (`label`); a visitor is sent to sign in and comes back here.
 */
export function FollowButton({
  kind,
  target,
  name,
  label,
  text = 'Follow',
  textOn = 'Following',
  small = false,
  className,
}: FollowTarget & {
  /** What is followed, for screen readers: "Follow <label>". */
  label: string;
  /** The visible words, before and while following (a search says "Follow this search"). */
  text?: string;
  textOn?: string;
  /** The compact size, for a button in every row of a list or table. */
  small?: boolean;
  className?: string;
}) {
  const { state } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const watches = useWatches();
  const create = useCreateWatch();
  const remove = useDeleteWatch();
  const watch = watches.data?.items.find((w) => w.kind === kind && sameTarget(kind, w.target, target));
  const following = Boolean(watch);
  const busy = create.isPending || remove.isPending || (state.status === 'signed-in' && watches.isPending);
  const error = create.error ?? remove.error;

  const toggle = () => {
    if (state.status !== 'signed-in') {
      const here = `${location.pathname}${location.search}${location.hash}`;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`);
      return;
    }
    if (busy) return;
    create.reset();
    remove.reset();
    if (watch) remove.mutate(watch.id);
    else create.mutate({ kind, target, ...(name ? { name: name.slice(0, WATCH_NAME_MAX) } : {}) });
  };

  return (
    <span className={`${styles.follow} ${className ?? ''}`}>
      <button
        type="button"
        className={`button ${small ? 'small ' : ''}${styles.followButton}`}
        aria-pressed={following}
        aria-busy={busy || undefined}
        onClick={toggle}
        title={following ? `You follow ${label}: press to stop following` : `Be told when ${label} changes`}
      >
        {/* The name stays "Follow …" whatever the state: aria-pressed tells the state. */}
        <span aria-hidden="true">
          <span className={styles.followMark}>{following ? '✓' : '+'}</span> {following ? textOn : text}
        </span>
        <span className="visually-hidden">
          {text} {label}
        </span>
      </button>
      {error ? (
        <span className={styles.followError} role="alert">
          {errorText(error)}
        </span>
      ) : null}
    </span>
  );
}
