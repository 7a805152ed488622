import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { useUnreadCount } from '../api/notifications';
import styles from './alerts.module.css';

export const unreadText = (n: number) => `${n} unread ${n === 1 ? 'notification' : 'notifications'}`;

/**
 * The header's bell: the unread count in its name ("Notifications, 2 unread"), refreshed every
 * minute while the tab is visible and when the reader comes back to it; a change is announced.
 */
export function NotificationBell() {
  const { state } = useAuth();
  if (state.status !== 'signed-in') return null;
  return <SignedInBell />;
}

function SignedInBell() {
  const count = useUnreadCount();
  const unread = count.data ?? 0;
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (count.data === undefined) return;
    // The first answer is what the page opened with, not news.
    if (previous.current !== null && previous.current !== unread) setAnnouncement(unreadText(unread));
    previous.current = unread;
  }, [count.data, unread]);

  return (
    <>
      <Link to="/notifications" className={styles.bell} aria-label={`Notifications, ${unread} unread`}>
        <svg className={styles.bellIcon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6l-1.7 3A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.4l-1.7-3V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0h-5Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 ? (
          <span className={styles.bellCount} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </Link>
      {/* A live region without role="status": the page's own status messages stay the first status. */}
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </>
  );
}
