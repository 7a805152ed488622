/**
 * The alerts feature's door: the Follow button other features put beside what they show, the
 * header's bell, the notifications and "My watches" pages, and the account page's e-mail choice.
 */
export { AlertSettingsPanel } from './components/alert-settings-panel';
export { ChangeNotice } from './components/change-notice';
export { FollowButton } from './components/follow-button';
export { NotificationBell } from './components/notification-bell';
export { NotificationsPage } from './components/notifications-page';
export { searchTarget } from './components/watch-labels';
export { WatchesPage } from './components/watches-page';
