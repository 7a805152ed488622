/**
 * The alerts feature's door: the Follow button other features put beside what they show, the
 * header's bell, the notifications and "My watches" pages, and the account page's e-mail choice.
 * The search page (the first screen) shows the Follow button: the rest is loaded when shown
 * (`load…`), or the pages would come with the first screen.
 */
export { ChangeNotice } from './components/change-notice';
export { FollowButton } from './components/follow-button';
export { searchTarget } from './components/watch-labels';

export const loadAlertSettingsPanel = () =>
  import('./components/alert-settings-panel').then((m) => m.AlertSettingsPanel);
export const loadNotificationBell = () => import('./components/notification-bell').then((m) => m.NotificationBell);
export const loadNotificationsPage = () => import('./components/notifications-page').then((m) => m.NotificationsPage);
export const loadWatchesPage = () => import('./components/watches-page').then((m) => m.WatchesPage);
