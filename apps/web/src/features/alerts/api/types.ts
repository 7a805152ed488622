// PROVISIONAL, mirrors packages/contracts/src/alerts.ts of the API half until it lands on main:
// then these come from @kb/contracts and this file goes.
export const WATCH_KINDS = [
  'offense',
  'citation',
  'offenseType',
  'consequence',
  'jurisdiction',
  'search',
  'document',
] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const WATCH_NAME_MAX = 120;
export interface CreateWatchBody {
  kind: WatchKind;
  target: string;
  name?: string;
}
export interface Watch {
  id: string;
  kind: WatchKind;
  target: string;
  name: string;
  url: string;
  createdAt: string;
}
export interface WatchListResponse {
  items: Watch[];
}
export type DocumentEventKind = 'published' | 'revised' | 'superseded' | 'needs_review';
export interface Notification {
  id: string;
  event: DocumentEventKind;
  title: string;
  summary: string;
  url: string;
  documentId: string;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationsResponse {
  unread: number;
  items: Notification[];
}
export const ALERT_EMAIL_MODES = ['immediate', 'daily', 'none'] as const;
export type AlertEmailMode = (typeof ALERT_EMAIL_MODES)[number];
export interface AlertSettings {
  email: AlertEmailMode;
}
