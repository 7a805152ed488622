import type { Notification } from '@kb/contracts';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { useMarkRead, useNotifications } from '../api/notifications';
import styles from './alerts.module.css';
import { unreadText } from './notification-bell';
import { appPath, eventLabel } from './notification-labels';

const dateTime = (value: string) =>
  new Date(value).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** /notifications — what changed in what the reader follows, newest first; each links to the change. */
export function NotificationsPage() {
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const data = notifications.data;

  return (
    <div className="page narrow">
      <header className={styles.pageHead}>
        <h1>Notifications</h1>
        <div className={styles.pageLinks}>
          <Link to="/watches">My watches</Link>
          <Link to="/account#alerts">E-mail settings</Link>
        </div>
      </header>
      {notifications.isPending ? <Spinner label="Loading your notifications…" /> : null}
      {notifications.isError ? (
        <ErrorMessage error={notifications.error} retry={() => void notifications.refetch()} />
      ) : null}
      {data ? (
        <>
          <div className={styles.toolbar}>
            <p className={styles.count}>{data.unread > 0 ? unreadText(data.unread) : 'Nothing unread.'}</p>
            <button
              type="button"
              className="button"
              disabled={data.unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate(undefined)}
            >
              Mark all read
            </button>
          </div>
          {markRead.isError ? <ErrorMessage error={markRead.error} /> : null}
          {data.items.length === 0 ? (
            <div className={styles.empty}>
              <p>No notifications yet.</p>
              <p className="muted">
                Follow a chart row, a statute, a document, a topic or a search (the <strong>Follow</strong> button
                beside it), and every published change to it shows up here.
              </p>
            </div>
          ) : (
            <ol className={styles.list} aria-label="Notifications, newest first">
              {data.items.map((item) => (
                <NotificationEntry key={item.id} item={item} onRead={() => markRead.mutate([item.id])} />
              ))}
            </ol>
          )}
        </>
      ) : null}
    </div>
  );
}

function NotificationEntry({ item, onRead }: { item: Notification; onRead: () => void }) {
  const unread = !item.readAt;
  const path = appPath(item.url);
  // Opening the change reads it.
  const open = () => {
    if (unread) onRead();
  };
  return (
    <li className={unread ? `${styles.item} ${styles.unread}` : styles.item}>
      <p className={styles.itemMeta}>
        <span className="badge">{eventLabel(item.event)}</span>
        {unread ? <span className={`badge badge-warning ${styles.unreadBadge}`}>Unread</span> : null}
        <time dateTime={item.createdAt} className="muted small">
          {dateTime(item.createdAt)}
        </time>
      </p>
      <div className={styles.itemTitle}>
        {path ? (
          <Link to={path} onClick={open}>
            {item.title}
          </Link>
        ) : (
          <a href={item.url} onClick={open}>
            {item.title}
          </a>
        )}
      </div>
      {item.summary ? <p className={styles.itemSummary}>{item.summary}</p> : null}
      {unread ? (
        <button type="button" className="button link small" onClick={onRead}>
          Mark read<span className="visually-hidden">: {item.title}</span>
        </button>
      ) : null}
    </li>
  );
}
